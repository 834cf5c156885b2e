/**
 * An assignment's library of known mistakes against submissions that make them, for any
 * assignment: each submission is graded for real, every test of the assignment, and must be told
 * the names of its mistakes (test/corpus/told.ts), never the name of another, and lose points in
 * its own function only (every test is graded but the end-to-end one, which trains with all of the
 * learner's own functions and so may lose its points to any mistake). And the library itself: at least 20 mistakes, each with a submission, and each
 * function's variant with no fault is the reference.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compare } from "../../grader/checks/compare.ts";
import type { CaseData, FunctionCases } from "../../grader/core/assignment.ts";
import { plannedTests, type TestSpec } from "../../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { decode, encode } from "../../grader/core/values.ts";
import { caseData } from "../../grader/pipeline/expected.ts";
import type { AssignmentParts } from "../../grader/pipeline/load.ts";
import { assignmentParts, gradeFiles, verdicts } from "../helpers.ts";
import { applyBug } from "./bugs.ts";
import { expectTold, type Told } from "./told.ts";

export interface Submission extends Told {
  /** The function the mistakes are in. */
  fn: string;
  /** Exact substitutions in the reference; each `from` occurs exactly once there. */
  replace: [from: string, to: string][];
}

export function describeMistakes(
  assignment: string,
  library: Record<string, Pick<FunctionCases, "mistakes" | "variant">>,
  submissions: Submission[],
): void {
  const reference = readFileSync(join(PACKAGE_ROOT, "reference", assignment, "model.ts"), "utf8");
  const caseCache = new Map<string, Promise<CaseData>>();
  let parts: AssignmentParts;
  beforeAll(async () => {
    parts = await assignmentParts(assignment);
  });
  const label = (s: Submission) => `${s.fn}: ${s.names.join(" + ")}`;

  describe(`the ${assignment} library`, () => {
    it("has at least 20 mistakes, one function's each, each with a submission that makes it", () => {
      const names = Object.entries(library).flatMap(([fn, { mistakes = [] }]) =>
        mistakes.map((m) => `${fn}: ${m.name}`),
      );
      expect(names.length).toBeGreaterThanOrEqual(20);
      const functions = parts.manifest.functions.filter((f) => f.runs === undefined);
      expect(Object.keys(library).sort()).toEqual(functions.map((f) => f.name).sort());
      const made = new Set(submissions.flatMap((s) => s.names.map((name) => `${s.fn}: ${name}`)));
      expect(names.filter((name) => !made.has(name))).toEqual([]);
    });

    it("with no fault switched on, each variant is the reference on every test's inputs", async () => {
      const { reference: solution } = parts;
      if (!solution) throw new Error("the reference is part of this repository");
      let checked = 0;
      for (const { fn, test } of plannedTests(parts.manifest)) {
        const variant = library[fn]?.variant;
        if (!variant || test.kind !== "compare") continue;
        const data = await caseData(test, fn, test.seed, parts.manifest, parts.cases, solution);
        const output = encode(variant(new Set(), data.args.map(decode), solution));
        expect(
          compare((await data.answer()).expected as never, output, { rtol: 1e-12, atol: 1e-12 }),
          test.id,
        ).toBeNull();
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(15);
    });
  });

  describe.concurrent(`a ${assignment} submission with a known mistake`, () => {
    for (const submission of submissions) {
      it(`${label(submission)}: is told its name, loses points in its own function only, and the same with the reference answering every call`, async ({
        expect,
      }) => {
        const text = applyBug(reference, { name: label(submission), replace: submission.replace });
        // Every test but the end-to-end one, which may lose its points to any mistake anyway;
        // and again with the reference answering every call of a function judged alone, as the
        // rules have it: the learner's own functions answering where their tests vouch for them
        // (own-callees.ts) must not change a verdict.
        const select = (test: TestSpec) => test.kind !== "integration";
        const [report, referenceAnswering] = await Promise.all([
          gradeFiles({ "model.ts": text }, { caseCache, select }, { assignment }),
          gradeFiles(
            { "model.ts": text },
            { caseCache, select, ownCallees: false },
            { assignment },
          ),
        ]);
        expect(verdicts(report)).toEqual(verdicts(referenceAnswering));
        expectTold(expect, report, submission, parts.cases.words.ko);
        const losing = report.functions.filter((f) => f.score < f.maxScore).map((f) => f.name);
        expect(losing).toContain(submission.fn);
        expect(losing.filter((name) => name !== submission.fn)).toEqual([]);
      }, 90_000);
    }
  });
}
