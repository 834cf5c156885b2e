/**
 * The logistic-regression library of known mistakes against submissions that make them
 * (submissions.ts): each is graded for real, every test of the assignment, and must be told the
 * names of its mistakes, never the name of another, and lose points in its own function only (and
 * in the end-to-end test, which trains with all of the learner's own functions). And the library
 * itself: at least 20 mistakes, each with a submission, and each function's variant with no fault
 * is the reference.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compare } from "../../grader/checks/compare.ts";
import type { CaseData } from "../../grader/core/assignment.ts";
import { plannedTests } from "../../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { decode, encode } from "../../grader/core/values.ts";
import { caseData } from "../../grader/pipeline/expected.ts";
import type { AssignmentParts } from "../../grader/pipeline/load.ts";
import { mistakes as library } from "../../reference/logistic-regression/mistakes.ts";
import { applyBug } from "../corpus/bugs.ts";
import { expectTold } from "../corpus/told.ts";
import { assignmentParts, gradeFiles } from "../helpers.ts";
import { type LogisticSubmission, logisticSubmissions } from "./submissions.ts";

const ASSIGNMENT = "logistic-regression";
const reference = readFileSync(join(PACKAGE_ROOT, "reference", ASSIGNMENT, "model.ts"), "utf8");
const caseCache = new Map<string, Promise<CaseData>>();
let parts: AssignmentParts;

beforeAll(async () => {
  parts = await assignmentParts(ASSIGNMENT);
});

const label = (s: LogisticSubmission) => `${s.fn}: ${s.names.join(" + ")}`;

describe("the logistic-regression library", () => {
  it("has at least 20 mistakes across the six functions, each with a submission that makes it", () => {
    const names = Object.entries(library).flatMap(([fn, { mistakes = [] }]) =>
      mistakes.map((m) => `${fn}: ${m.name}`),
    );
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(library)).toHaveLength(6);
    const made = new Set(
      logisticSubmissions.flatMap((s) => s.names.map((name) => `${s.fn}: ${name}`)),
    );
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
        compare(data.expected as never, output, { rtol: 1e-12, atol: 1e-12 }),
        test.id,
      ).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});

describe.concurrent("a logistic-regression submission with a known mistake", () => {
  logisticSubmissions.forEach((submission) => {
    it(`${label(submission)}: is told its name, and loses points in its own function only`, async ({
      expect,
    }) => {
      const text = applyBug(reference, { name: label(submission), replace: submission.replace });
      const report = await gradeFiles(
        { "model.ts": text },
        { caseCache },
        { assignment: ASSIGNMENT },
      );
      expectTold(expect, report, submission, parts.cases.words.ko);
      const losing = report.functions.filter((f) => f.score < f.maxScore).map((f) => f.name);
      expect(losing).toContain(submission.fn);
      expect(losing.filter((name) => name !== submission.fn && name !== "end-to-end")).toEqual([]);
    }, 60_000);
  });
});
