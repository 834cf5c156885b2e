/**
 * A chained batch (`Functions.callChained`): the child calls the second function on each first
 * result's key, and only the second's values cross back; a failure in either is the named
 * function's, as the two called in turn would have said.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { makeLearner } from "../../grader/checks/session.ts";
import { LearnerCallFailed } from "../../grader/core/assignment.ts";
import type { TestSpec } from "../../grader/core/manifest.ts";
import type { CallOutcome } from "../../grader/core/outcomes.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { encode } from "../../grader/core/values.ts";
import { buildSubmission } from "../../grader/pipeline/build.ts";
import { Sandbox } from "../../grader/sandbox/sandbox.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeFiles } from "../helpers.ts";

const MODULE = `
export const forward = (x: number, k: number) => {
  console.log("forward", x);
  if (x < 0) throw new RangeError("negative x");
  return { out: x * k, kept: "not sent" };
};
export const cost = (out: number, y: number) => {
  console.log("cost", out);
  if (out > 100) throw new TypeError("cost too high");
  return out - y;
};
`;

let folder: string;
let sandbox: Sandbox;
const THEN = { fn: "cost", key: "out", from: 2 };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "gradecheck-chained-"));
  writeFileSync(join(folder, "model.ts"), MODULE);
  const build = await buildSubmission(join(folder, "model.ts"), PACKAGE_ROOT);
  if (build.status !== "built") throw new Error(build.message);
  sandbox = new Sandbox({ ...build, heapMb: 128, importTimeoutMs: 5000, cpuSeconds: 30 });
});

afterAll(() => {
  sandbox.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("a chained batch", () => {
  it("sends back the second function's values only", async () => {
    const outcome = await sandbox.callMany(
      "forward",
      [
        [2, 3, 1],
        [4, 5, 6],
      ].map((args) => args.map((a) => encode(a))),
      1000,
      THEN,
    );
    expect(outcome.status).toBe("batch");
    if (outcome.status !== "batch") return;
    expect(outcome.items).toEqual([{ value: 5 }, { value: 14 }]);
    expect(outcome.output).toBe("forward 2\ncost 6\nforward 4\ncost 20\n");
  });

  it("is missing when its second function is", async () => {
    const outcome = await sandbox.callMany("forward", [[encode(1), encode(1), encode(1)]], 1000, {
      ...THEN,
      fn: "absent",
    });
    expect(outcome.status).toBe("missing");
  });

  it("gives a learner the second function's values, and its output", async () => {
    const { learner, output } = makeLearner(sandbox, 1000);
    const values = await learner.callChained?.(
      "forward",
      [
        [1, 2, 0],
        [3, 3, 1],
      ],
      THEN,
    );
    expect(values).toEqual([2, 8]);
    expect(output()).toBe("forward 1\ncost 2\nforward 3\ncost 9\n");
  });

  it.each([
    ["forward", [-1, 2, 0], "negative x"],
    ["cost", [60, 2, 0], "cost too high"],
  ])("fails as %s, the function that threw, would alone", async (fn, args, message) => {
    const { learner } = makeLearner(sandbox, 1000);
    const failure = await learner.callChained?.("forward", [[1, 1, 0], args], THEN).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(LearnerCallFailed);
    const { fn: failed, outcome } = failure as LearnerCallFailed;
    expect(failed).toBe(fn);
    expect(outcome.status === "threw" && outcome.error.message).toBe(message);
  });
});

describe("chained batches in a grade", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("run in the child that judges a function alone, with its own functions found there", async () => {
    // The planar self-consistency check evaluates computeCost of forwardPropagation in chains,
    // in the child that judges backwardPropagation (its module holds the learner's own functions
    // found by name: a second function not found there would make every chain "missing").
    const statuses: CallOutcome["status"][] = [];
    const callMany = Sandbox.prototype.callMany;
    vi.spyOn(Sandbox.prototype, "callMany").mockImplementation(async function (
      this: Sandbox,
      ...args
    ) {
      const outcome = await callMany.apply(this, args);
      if (args[3]) statuses.push(outcome.status);
      return outcome;
    });
    const ids = ["backwardPropagation.planar", "backwardPropagation.consistency"];
    const report = await gradeFiles(
      { "model.ts": referenceSource() },
      { hidden: false, select: (test: TestSpec) => ids.includes(test.id) },
    );
    expect(report.tests.map((t) => t.status)).toEqual(["passed", "passed"]);
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    expect(new Set(statuses)).toEqual(new Set(["batch"]));
  });
});
