/**
 * When a run's tests go: the end-to-end tests (a whole training, the longest by far) start in the
 * whole submission's child at once, while the second bundle (each function judged alone) is still
 * being made, and the other tests wait for that bundle; should it fail, both kinds share the whole
 * submission's child and every test is still graded.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import {
  type Alone,
  bundleFolders,
  bundleSubmission,
  removeBundles,
  type Submitted,
} from "../../grader/pipeline/bundles.ts";
import { type GradeOptions, startRun } from "../../grader/pipeline/context.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { runTests, startChildren } from "../../grader/pipeline/run-tests.ts";
import { runningChildren } from "../../grader/sandbox/sandbox.ts";
import { childrenRunning, deferred, tempDir } from "../helpers.ts";

/** The untouched stub: every function throws at once, so the order is all there is to see. */
const STUB_PATH = join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts");
const END_TO_END = "end-to-end.accuracy";
const OTHERS = ["sigmoid.row", "predict.random"];
const HIDDEN = "sigmoid.tails";

const options: GradeOptions = {
  submission: STUB_PATH,
  displayRoot: PACKAGE_ROOT,
  seed: 0,
  hidden: false,
  timeoutMs: undefined,
  toolVersion: "test",
  typeCheck: false,
  select: (test) => test.id === END_TO_END || OTHERS.includes(test.id),
};

describe("the order of a run's tests", () => {
  // Each test counts the children it starts: those of the test before have been stopped, but a
  // child is gone only once its exit has been heard, a little later.
  beforeEach(() => childrenRunning());

  it("runs the end-to-end tests while the second bundle is made, and the others once it is", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const events: string[] = [];
    const ctx = startRun(parts, {
      ...options,
      progress: ({ test, state }) => events.push(`${state} ${test.id}`),
    });
    const folders = await bundleFolders(ctx);
    const building = bundleSubmission(ctx, folders);
    // The second bundle, which the test settles itself.
    const { promise: alone, resolve: settle } = deferred<Alone>();
    const phases = startChildren(ctx, folders, building, alone);
    const submitted = await building;
    // Made once the end-to-end test is over, or after a while if it does not get to run before:
    // the test then fails on who settled it instead of hanging.
    let settledBy = "";
    const settleFor = (who: string) => {
      settledBy ||= who;
      settle({ notAlone: `made ${who}` });
    };
    const fallback = setTimeout(() => settleFor("after a while"), 20_000);
    const watch = setInterval(() => {
      if (events.includes(`finished ${END_TO_END}`)) settleFor("after the end-to-end test");
    }, 5);
    try {
      const ran = await runTests(ctx, submitted, folders, phases);
      expect(settledBy).toBe("after the end-to-end test");
      expect(events.slice(0, 2)).toEqual([`started ${END_TO_END}`, `finished ${END_TO_END}`]);
      expect(
        events
          .slice(2)
          .filter((e) => e.startsWith("finished"))
          .sort(),
      ).toEqual(OTHERS.map((id) => `finished ${id}`).sort());
      expect(ran.tests.map((t) => t.id).sort()).toEqual([END_TO_END, ...OTHERS].sort());
    } finally {
      clearTimeout(fallback);
      clearInterval(watch);
      removeBundles(submitted, folders);
    }
  });

  it("starts the visible tests' children at once, and none for the hidden tests, which take those over", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const ids = [END_TO_END, ...OTHERS, HIDDEN];
    const ctx = startRun(parts, {
      ...options,
      hidden: true,
      select: (test) => ids.includes(test.id),
    });
    const folders = await bundleFolders(ctx);
    const { promise: building, resolve: built, reject: notBuilt } = deferred<Submitted>();
    // Only the children's starts are looked at here: no second bundle is made.
    const { promise: alone, resolve: settleAlone } = deferred<Alone>();
    const phases = startChildren(ctx, folders, building, alone);
    let submitted: Submitted | undefined;
    try {
      // The end-to-end test's child and the one that judges each function alone.
      expect(runningChildren()).toBe(2);
      submitted = await bundleSubmission(ctx, folders);
      built(submitted);
      // The hidden tests' phase starts none of its own: it takes over the visible phase's.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runningChildren()).toBe(2);
    } finally {
      settleAlone({ notAlone: "not made in this test" });
      // Failed before the bundle was handed over: the whole submission's child, still waiting for
      // it, is stopped too, and the failure is this test's, not a child left running.
      if (!submitted) notBuilt(new Error("not bundled in this test"));
      for (const { children } of phases) children.close();
      if (submitted) removeBundles(submitted, folders);
      await childrenRunning();
    }
  });

  it("grades every test in the whole submission's child when the second bundle cannot be made", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const ctx = startRun(parts, options);
    const folders = await bundleFolders(ctx);
    const building = bundleSubmission(ctx, folders);
    const alone = Promise.resolve({ notAlone: "no second bundle" });
    const phases = startChildren(ctx, folders, building, alone);
    const submitted = await building;
    try {
      const ran = await runTests(ctx, submitted, folders, phases);
      expect(ran.tests.map((t) => t.id).sort()).toEqual([END_TO_END, ...OTHERS].sort());
      // Each was called, and the stub's TODO said so from its child: none was left out unrun.
      for (const test of ran.tests) {
        expect(test.status, test.id).toBe("missing");
        expect(test.message, test.id).toMatch(/is not implemented yet/);
      }
    } finally {
      removeBundles(submitted, folders);
    }
  });

  // Without the end-to-end test, the whole submission's child is first asked for once the build
  // has failed and its folder is gone.
  it.each([
    ["with", [END_TO_END, ...OTHERS]],
    ["without", OTHERS],
    ["with a hidden test and", [END_TO_END, ...OTHERS, HIDDEN]],
  ])(
    "stops the children it started before the bundle, when the submission does not build (%s the end-to-end test)",
    async (_, ids) => {
      const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
      const broken = join(tempDir("gradecheck-run-order-"), "model.ts");
      writeFileSync(broken, "export function sigmoid(z: number) { return 1 / (1 + ; }\n");
      const select: GradeOptions["select"] = (test) => ids.includes(test.id);
      const hidden = ids.includes(HIDDEN);
      const ctx = startRun(parts, { ...options, hidden, submission: broken, select });
      const folders = await bundleFolders(ctx);
      const building = bundleSubmission(ctx, folders);
      const phases = startChildren(ctx, folders, building);
      expect(runningChildren()).toBeGreaterThan(0);
      const submitted = await building;
      expect(submitted.build.status).toBe("failed");
      try {
        const ran = await runTests(ctx, submitted, folders, phases);
        expect(ran.tests.map((t) => t.id).sort()).toEqual([...ids].sort());
        for (const test of ran.tests)
          expect(test.details, test.id).toEqual({ type: "not-run", reason: { code: "unbuilt" } });
        await childrenRunning();
      } finally {
        removeBundles(submitted, folders);
      }
    },
  );
});
