/**
 * Fuzzing the grader with random submissions (test/fuzz/grammar.ts): whatever a submission does,
 * grading it must give a report that validates against the schema, within the run's time limit,
 * with every score within its test's points. A few runs here; `npm run fuzz` runs more, within a
 * time budget (FUZZ_RUNS, FUZZ_SECONDS).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { grade } from "../grader/pipeline/grade.ts";
import { type AssignmentParts, loadAssignment } from "../grader/pipeline/load.ts";
import { reportProblems, reportToJson } from "../grader/render/json.ts";
import { submissionSource } from "./fuzz/grammar.ts";
import { tempDir } from "./helpers.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 120) * 1000;
/** A short run limit, so that a submission stuck in every call meets it. */
const RUN_LIMIT_MS = 12_000;
/** Past the run limit: the call that was running when it struck, and writing the report. */
const SLACK_MS = 5_000;

let parts: AssignmentParts;

beforeAll(async () => {
  parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
});

describe("a random submission", () => {
  it(
    "gets a schema-valid report within the run's time limit",
    async () => {
      const dir = tempDir("gradecheck-fuzz-");
      let count = 0;
      await fc.assert(
        fc.asyncProperty(submissionSource, fc.nat(), async (source, seed) => {
          const folder = join(dir, String(count++));
          mkdirSync(folder);
          const submission = join(folder, "model.ts");
          writeFileSync(submission, source);
          const started = performance.now();
          const report = await grade(parts, {
            submission,
            displayRoot: folder,
            seed,
            hidden: false,
            timeoutMs: 400,
            runTimeoutMs: RUN_LIMIT_MS,
            toolVersion: "fuzz",
          });
          expect(performance.now() - started).toBeLessThan(RUN_LIMIT_MS + SLACK_MS);
          expect(reportProblems(JSON.parse(reportToJson(report)))).toEqual([]);
          for (const t of report.tests) {
            // A check tripping over what the submission returned is a bug of gradecheck's.
            expect(t.message, t.id).not.toContain("gradecheck itself failed");
            expect(t.score).toBeGreaterThanOrEqual(0);
            expect(t.score).toBeLessThanOrEqual(t.maxScore);
          }
          expect(report.score).toBeLessThanOrEqual(report.maxScore);
        }),
        {
          numRuns: RUNS,
          seed: Number(process.env.FUZZ_SEED ?? 20261128),
          interruptAfterTimeLimit: BUDGET_MS,
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      );
    },
    BUDGET_MS + 2 * (RUN_LIMIT_MS + SLACK_MS),
  );
});
