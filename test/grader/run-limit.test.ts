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

/**
 * Each call's limit, and the run's: room for at least one call's limit and what comes before it,
 * never for four limits. How many calls fit is the machine's to decide: the run's limit counts the
 * wall clock, which also runs through the builds, the child starts, and the reference's data the
 * grader makes meanwhile (which a call's limit, counting the grader's idle time, does not); on a
 * loaded 2-core machine, with the end-to-end test's child looping beside them for the whole run,
 * those can take longer than a call's whole limit.
 */
const LIMIT_MS = 1000;
const RUN_MS = 3900;
const MOST_CALLS = Math.floor(RUN_MS / LIMIT_MS);

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
      timeoutMs: LIMIT_MS,
      runTimeoutMs: RUN_MS,
      toolVersion: "test",
      typeCheck: false,
    });
    expect(performance.now() - started).toBeLessThan(RUN_MS + 5000);
    expect(reportProblems(JSON.parse(reportToJson(report)))).toEqual([]);
    expect(report.sandbox.runSeconds).toBe(RUN_MS / 1000);
    const first = (fn: string) => report.tests.filter((t) => t.function === fn)[0];
    const ownLimit = (fn: string) =>
      `${fn} did not return within ${LIMIT_MS} ms (an endless loop, or far too slow).`;
    // The functions whose first call had its whole limit: the first ones in the manifest's order,
    // at least one, and fewer than the run's limit has room for.
    const timedOut: string[] = FUNCTIONS.filter((fn) => first(fn)?.message === ownLimit(fn));
    expect(timedOut.length).toBeGreaterThanOrEqual(1);
    expect(timedOut.length).toBeLessThanOrEqual(MOST_CALLS);
    expect(timedOut).toEqual(FUNCTIONS.slice(0, timedOut.length));
    // The next function's first call had less than its limit of the run left: the run's limit,
    // not the call's, stopped it, and every test after it.
    const byRun =
      "the grading run reached its time limit (the tests that timed out before this one used it up: fix those first)";
    const rest = report.tests.filter((t) => !timedOut.includes(t.function));
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
      expect(t.message, t.id).toContain(`it did not return within ${LIMIT_MS} ms in test sigmoid.`);
    expect(report.score).toBe(0);
  }, 30_000);
});
