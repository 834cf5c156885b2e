/**
 * The whole run's wall-clock limit: a submission that spends every call's limit cannot keep the
 * grader for (tests × limit); once the run's time is up, the call in flight stops and the tests
 * not yet run are reported as such, in a report that still validates.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAssignment } from "../../grader/assignments.ts";
import { grade } from "../../grader/grade.ts";
import { PACKAGE_ROOT } from "../../grader/paths.ts";
import { reportProblems, reportToJson } from "../../grader/report/json.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { tempDir } from "../helpers.ts";

describe("the run's time limit", () => {
  it("stops the run and reports the tests it left", async () => {
    const file = join(tempDir("gradecheck-run-limit-"), "model.ts");
    const slow = referenceSource().replace(
      "export function sigmoid(z: NDArray): NDArray {\n",
      "export function sigmoid(z: NDArray): NDArray {\n  while (z.size >= 0) {}\n",
    );
    expect(slow).not.toBe(referenceSource());
    writeFileSync(file, slow);
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const started = performance.now();
    const report = await grade(parts, {
      submission: file,
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: false,
      timeoutMs: 1000,
      runTimeoutMs: 2500,
      toolVersion: "test",
      typeCheck: false,
    });
    expect(performance.now() - started).toBeLessThan(2500 + 5000);
    expect(reportProblems(JSON.parse(reportToJson(report)))).toEqual([]);
    expect(report.sandbox.runSeconds).toBe(2.5);
    const [first, second, third] = report.tests;
    expect([first?.status, second?.status]).toEqual(["timeout", "timeout"]);
    expect(first?.message).toBe(
      "sigmoid did not return within 1000 ms (an endless loop, or far too slow).",
    );
    // The third call had 500 ms of the run left: the run's limit, not the call's, stopped it.
    expect(third?.message).toBe(
      "sigmoid: not run: the grading run reached its time limit (the tests that timed out before this one used it up: fix those first).",
    );
    const left = report.tests.slice(3);
    expect(left.length).toBeGreaterThan(20);
    for (const t of left) {
      expect(t.status, t.id).toBe("timeout");
      expect(t.message, t.id).toMatch(
        /not run: the grading run reached its time limit \(the tests that timed out/,
      );
    }
    expect(report.score).toBe(0);
  }, 30_000);
});
