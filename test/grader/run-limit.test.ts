/**
 * The whole run's wall-clock limit: a submission that spends every call's limit cannot keep the
 * grader for (tests × limit); once the run's time is up, the call in flight stops and the tests
 * not yet run are reported as such, in a report that still validates.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { reportProblems, reportToJson } from "../../grader/render/json.ts";
import { FUNCTIONS, referenceSource } from "../corpus/bugs.ts";
import { atStartOf } from "../corpus/hostile-kit.ts";
import { tempDir } from "../helpers.ts";

describe("the run's time limit", () => {
  it("stops the run and reports the tests it left", async () => {
    const file = join(tempDir("gradecheck-run-limit-"), "model.ts");
    // Every function loops for ever: each spends its first test's whole limit.
    let slow = referenceSource();
    for (const fn of FUNCTIONS) slow = atStartOf(slow, fn, "  for (;;) {}");
    writeFileSync(file, slow);
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const started = performance.now();
    const report = await grade(parts, {
      submission: file,
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: false,
      timeoutMs: 1000,
      // Two calls' limits and the builds (both bundles) and child starts before and between them
      // fit with a second to spare; the third call cannot.
      runTimeoutMs: 3000,
      toolVersion: "test",
      typeCheck: false,
    });
    expect(performance.now() - started).toBeLessThan(3000 + 5000);
    expect(reportProblems(JSON.parse(reportToJson(report)))).toEqual([]);
    expect(report.sandbox.runSeconds).toBe(3);
    const first = (fn: string) => report.tests.filter((t) => t.function === fn)[0];
    expect(first("sigmoid")?.message).toBe(
      "sigmoid did not return within 1000 ms (an endless loop, or far too slow).",
    );
    expect(first("layerSizes")?.message).toBe(
      "layerSizes did not return within 1000 ms (an endless loop, or far too slow).",
    );
    // The third function's first call had less than its 1000 ms of the run left: the run's
    // limit, not the call's, stopped it, and every test after it.
    const byRun =
      "the grading run reached its time limit (the tests that timed out before this one used it up: fix those first)";
    expect(first("initializeParameters")?.message).toBe(`initializeParameters: not run: ${byRun}.`);
    const rest = report.tests.filter((t) => !["sigmoid", "layerSizes"].includes(t.function));
    expect(rest.length).toBeGreaterThan(20);
    for (const t of rest) {
      expect(t.status, t.id).toBe("timeout");
      // The end-to-end test's message is about the function it calls.
      const called = t.function === "end-to-end" ? "nnModel" : t.function;
      expect(t.message, t.id).toMatch(
        new RegExp(`^${called}: not run: ${byRun.replace(/[()]/g, "\\$&")}\\.`),
      );
    }
    for (const t of report.tests.filter((t) => t.function === "sigmoid").slice(1))
      expect(t.message, t.id).toContain("it did not return within 1000 ms in test sigmoid.");
    expect(report.score).toBe(0);
  }, 30_000);
});
