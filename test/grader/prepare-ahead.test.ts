/**
 * The reference's share of the tests is made ahead (`prepareAhead`): every test that needs it
 * finds its inputs and expected data made, nothing more is made once the run has stopped it, and
 * a case that throws costs its own test only.
 */
import { describe, expect, it } from "vitest";
import { checkOf } from "../../grader/core/assignment.ts";
import { plannedTests } from "../../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { type GradeOptions, startRun } from "../../grader/pipeline/context.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { caseSeed, prepareAhead } from "../../grader/pipeline/run-tests.ts";
import { REFERENCE_PATH } from "../corpus/bugs.ts";
import { deferred } from "../helpers.ts";

const options = (only: string): GradeOptions => ({
  submission: REFERENCE_PATH,
  displayRoot: PACKAGE_ROOT,
  seed: 7,
  hidden: true,
  timeoutMs: undefined,
  toolVersion: "test",
  typeCheck: false,
  select: (test) => test.id.startsWith(`${only}.`),
});

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("prepareAhead", () => {
  it("makes the data of every selected test that needs the reference, hidden ones with the run's seed", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const ctx = startRun(parts, options("predict"));
    const wanted = plannedTests(parts.manifest)
      .filter(({ test }) => test.id.startsWith("predict."))
      .filter(({ test }) => checkOf(test, parts.cases).kind !== "property")
      .map(({ test }) => `${test.id}@${caseSeed(test, 7)}`);
    expect(wanted.some((key) => key.startsWith("predict.trained@"))).toBe(true);
    prepareAhead(ctx);
    expect(ctx.caseCache.size, "one test per turn of the event loop, none at once").toBe(0);
    await turns(wanted.length + 2);
    expect([...ctx.caseCache.keys()].sort()).toEqual([...wanted].sort());
    const made = await Promise.all(ctx.caseCache.values());
    for (const data of made) expect(data.args.length).toBeGreaterThan(0);
  });

  it("makes nothing until what it comes after has settled (the bundles, which it would hold back)", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const ctx = startRun(parts, options("predict"));
    const bundles = deferred<void>();
    prepareAhead(ctx, bundles.promise);
    await turns(10);
    expect(ctx.caseCache.size).toBe(0);
    bundles.resolve();
    await turns(3);
    expect(ctx.caseCache.size).toBeGreaterThan(0);
  });

  it("makes nothing more once stopped", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const ctx = startRun(parts, options("predict"));
    prepareAhead(ctx).stop();
    await turns(10);
    expect(ctx.caseCache.size).toBe(0);
  });

  it("leaves a case that throws to its own test, which blames gradecheck", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const spec = parts.cases.functions.sigmoid;
    if (!spec) throw new Error("no sigmoid cases");
    parts.cases.functions.sigmoid = {
      ...spec,
      inputs: () => {
        throw new RangeError("a case generator's own bug");
      },
    };
    const report = await grade(parts, options("sigmoid"));
    const compared = report.tests.filter((t) => t.kind === "compare");
    // The visible tests' inputs are the committed ones (expected.json): the generator makes the
    // hidden ones'.
    const made = compared.filter((t) => t.visibility === "hidden");
    expect(made.length).toBeGreaterThan(0);
    for (const test of made) expect(test.message).toContain("a case generator's own bug");
    const committed = compared.filter((t) => t.visibility === "visible");
    expect(committed.length).toBeGreaterThan(0);
    for (const test of committed) expect(test.status, test.id).toBe("passed");
    expect(
      report.tests.filter((t) => t.kind === "property").every((t) => t.status === "passed"),
    ).toBe(true);
  });

  it("leaves a reference that throws on a test's inputs to that test, which blames gradecheck", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const reference = {
      ...parts.reference,
      sigmoid: () => {
        throw new RangeError("the reference's own bug");
      },
    };
    const report = await grade({ ...parts, reference }, options("sigmoid"));
    const compared = report.tests.filter((t) => t.kind === "compare");
    expect(compared.length).toBeGreaterThan(1);
    for (const test of compared) {
      expect(test.status, test.id).toBe("error");
      expect(test.message).toContain("the reference's own bug");
    }
    expect(
      report.tests.filter((t) => t.kind === "property").every((t) => t.status === "passed"),
    ).toBe(true);
  });
});
