/**
 * A chained batch (`Functions.callChained`): the child calls the second function on each first
 * result's key, and only the second's values cross back; a failure in either is the named
 * function's, as the two called in turn would have said.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { costBy } from "../../assignments/deep-neural-network/tensors.ts";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { learnerGradients } from "../../assignments/planar-classifier/tensors.ts";
import { tensorsOf } from "../../grader/checks/gradient/tensors.ts";
import { makeLearner } from "../../grader/checks/session.ts";
import { type Functions, type Learner, LearnerCallFailed } from "../../grader/core/assignment.ts";
import type { TestSpec } from "../../grader/core/manifest.ts";
import { type CallOutcome, runChain, type Then } from "../../grader/core/outcomes.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { encode } from "../../grader/core/values.ts";
import { buildSubmission } from "../../grader/pipeline/build.ts";
import { Sandbox } from "../../grader/sandbox/sandbox.ts";
import * as deep from "../../reference/deep-neural-network/model.ts";
import * as planarModel from "../../reference/planar-classifier/model.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeFiles } from "../helpers.ts";

const MODULE = `
export const forward = (x: number, k: number) => {
  console.log("forward", x);
  if (x < 0) throw new RangeError("negative x");
  return { out: x * k, kept: "not sent" };
};
export const layers = (x: number) => ({ out: x, layers: [{ z: x, w: "not sent" }, { z: -x }] });
/** Throws at its first call only: a chain of it fails, and the two calls made again succeed. */
let flakyCalls = 0;
export const flaky = (x: number) => {
  if (++flakyCalls === 1) throw new Error("first call");
  return { out: x, layers: [{ z: 2 * x }] };
};
/** Changes the list it is given, and returns it, remembering what it returned. */
let stamped: { out: number[] } | undefined;
export const stamp = (xs: number[]) => {
  xs[0] = -1;
  stamped = { out: xs };
  return stamped;
};
/** Changes the first list it is given, and what stamp returned last; returns both lists. */
export const pair = (part: number[], xs: number[]) => {
  part[1] = -2;
  if (stamped) stamped.out[2] = -3;
  return [part, xs];
};
export const cost = (out: number, y: number) => {
  console.log("cost", out);
  if (out > 100) throw new TypeError("cost too high");
  return out - y;
};
`;

let folder: string;
let sandbox: Sandbox;
const THEN = { fn: "cost", from: 2, args: [{ part: ["out"] }, 2] };

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

  it("keeps the part of the first result at a path, beside the second's value", async () => {
    const { learner } = makeLearner(sandbox, 1000);
    const keep = ["layers", "*", "z"];
    const values = await learner.callChained?.(
      "layers",
      [
        [3, 1],
        [4, 2],
      ],
      { fn: "cost", from: 1, args: [{ part: ["out"] }, 1], keep },
    );
    expect(values).toEqual([
      [2, [3, -3]],
      [2, [4, -4]],
    ]);
    // The same where the chain failed and the two functions were called again, in turn.
    const again = await learner.callChained?.("flaky", [[5, 1]], {
      fn: "cost",
      from: 1,
      args: [{ part: ["out"] }, 1],
      keep,
    });
    expect(again).toEqual([[4, [10]]]);
  });

  it("gives each function values of its own, as the two called in turn would", async () => {
    const { learner } = makeLearner(sandbox, 1000);
    // pair(stamp's list, the list stamp was given), keeping stamp's list: each a copy, so
    // neither function sees what the other changed, and the kept list is stamp's as it returned
    // it, whatever pair changes later.
    const then = { fn: "pair", from: 1, args: [{ part: ["out"] }, 0], keep: ["out"] };
    const chained = await learner.callChained?.("stamp", [[[1, 2, 3]]], then);
    const firsts = await learner.callMany("stamp", [[[1, 2, 3]]]);
    const seconds = await learner.callMany("pair", [
      [(firsts[0] as { out: number[] }).out, [1, 2, 3]],
    ]);
    expect(chained).toEqual([
      [
        [
          [-1, -2, 3],
          [1, 2, 3],
        ],
        [-1, 2, 3],
      ],
    ]);
    expect(chained).toEqual([[seconds[0], (firsts[0] as { out: number[] }).out]]);
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

/** A chained batch a sandbox was sent: its first function, its second, what came back. */
interface SentChain {
  first: string;
  then: Then;
  status: CallOutcome["status"];
}

/** Each chained batch the sandboxes are sent from now on. */
function recordChains(): SentChain[] {
  const chains: SentChain[] = [];
  const callMany = Sandbox.prototype.callMany;
  vi.spyOn(Sandbox.prototype, "callMany").mockImplementation(async function (
    this: Sandbox,
    ...args
  ) {
    const outcome = await callMany.apply(this, args);
    const [first, , , then] = args;
    if (then) chains.push({ first, then, status: outcome.status });
    return outcome;
  });
  return chains;
}

describe("chained batches in a grade", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("run in the child that judges a function alone, with its own functions found there", async () => {
    // The planar self-consistency check evaluates computeCost of forwardPropagation in chains,
    // in the child that judges backwardPropagation (its module holds the learner's own functions
    // found by name: a second function not found there would make every chain "missing").
    const chains = recordChains();
    const ids = ["backwardPropagation.planar", "backwardPropagation.consistency"];
    const report = await gradeFiles(
      { "model.ts": referenceSource() },
      { hidden: false, select: (test: TestSpec) => ids.includes(test.id) },
    );
    expect(report.tests.map((t) => t.status)).toEqual(["passed", "passed"]);
    // Two chains: the forward pass's cache on to backwardPropagation, then the value at the
    // parameters and every tensor's differences, in one batch.
    expect(chains.map(({ then, status }) => [then.fn, status])).toEqual([
      ["backwardPropagation", "batch"],
      ["computeCost", "batch"],
    ]);
  });
  it("are not tried from a function whose calls have all failed: the two calls in turn say so", async () => {
    // The stubs: forwardPropagation threw in its own test before the laws of backwardPropagation
    // that chain from it, so they call it alone, a round trip fewer. Its stub calls a function
    // before it throws, so that its calls go to the child (untouched, the grader answers them).
    const chains = recordChains();
    const stubs = readFileSync(
      join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"),
      "utf8",
    ).replace(
      'throw new NotImplementedError("forwardPropagation");',
      'void Object.keys(parameters);\n  throw new NotImplementedError("forwardPropagation");',
    );
    expect(stubs).toContain("void Object.keys(parameters);");
    const grade = (ids: string[]) =>
      gradeFiles(
        { "model.ts": stubs },
        { hidden: false, select: (test: TestSpec) => ids.includes(test.id) },
        { withoutReference: true },
      );
    const laws = ["backwardPropagation.consistency", "backwardPropagation.shapes.property"];
    const report = await grade(["forwardPropagation.planar", ...laws]);
    expect(report.tests.map((t) => t.status)).toEqual(["missing", "missing", "missing"]);
    expect(chains).toEqual([]);
    // Where nothing is known of it yet, the chain is tried, and its failure worded the same.
    const alone = await grade(laws);
    expect(alone.tests.map((t) => t.details)).toEqual(report.tests.slice(1).map((t) => t.details));
    expect(chains.map(({ first }) => first)).toEqual(["forwardPropagation", "forwardPropagation"]);
  });

  it("carry the deep law's costs and pre-activations in a learner's own run, and the law holds", async () => {
    // Deep's gradient checks read the ReLU kinks from each forward pass's Z: the chain keeps them.
    const chains = recordChains();
    const ids = ["lModelBackward.course", "lModelBackward.gradient.property"];
    const report = await gradeFiles(
      {
        "model.ts": readFileSync(
          join(PACKAGE_ROOT, "reference/deep-neural-network/model.ts"),
          "utf8",
        ),
      },
      { hidden: false, select: (test: TestSpec) => ids.includes(test.id) },
      { withoutReference: true, assignment: "deep-neural-network" },
    );
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([
      ["lModelBackward.course", "passed"],
      ["lModelBackward.gradient.property", "passed"],
    ]);
    // The costs keep the layers' Z; the backward passes, chained to their forward passes, keep nothing.
    const kept = chains.map(({ then, status }) => `${then.fn} ${String(then.keep)} ${status}`);
    expect(new Set(kept)).toEqual(
      new Set(["computeCost caches,*,activationCache batch", "lModelBackward undefined batch"]),
    );
  });
});

describe("the deep cost through a chain", () => {
  it("has the values and kinks of the two functions called in turn", async () => {
    const run = (fn: string, args: unknown[]) =>
      (deep as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]?.(...args);
    const inTurn: Functions = {
      call: async (fn, args) => run(fn, args),
      callMany: async (fn, batch) => batch.map((args) => run(fn, args)),
    };
    const chained: Functions = {
      ...inTurn,
      callChained: async (fn, batch, then) =>
        batch.map((args) =>
          runChain(
            then,
            args,
            (...a) => run(fn, a),
            (...a) => run(then.fn, a),
          ),
        ),
    };
    const rng = np.random.seed(5);
    const params = tensorsOf(deep.initializeParametersDeep([3, 4, 3, 1], rng));
    const X = rng.randn(3, 6);
    const Y = np.array([[1, 0, 0, 1, 1, 0]]);
    const [alone] = await costBy(inTurn, X, Y)([params]);
    const [viaChain] = await costBy(chained, X, Y)([params]);
    expect(viaChain?.value).toBe(alone?.value);
    // The Z of the two ReLU layers (4 and 3 units, 6 examples), not the sigmoid layer's.
    expect(Array.from(viaChain?.kinks ?? [])).toEqual(Array.from(alone?.kinks ?? [0]));
    expect(viaChain?.kinks?.length).toBe((4 + 3) * 6);
  });
});

describe("a learner's gradients through a chain", () => {
  it("are those of forwardPropagation and backwardPropagation called in turn", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gradecheck-chained-planar-"));
    writeFileSync(join(dir, "model.ts"), referenceSource());
    const build = await buildSubmission(join(dir, "model.ts"), PACKAGE_ROOT);
    if (build.status !== "built") throw new Error(build.message);
    const planar = new Sandbox({ ...build, heapMb: 128, importTimeoutMs: 5000, cpuSeconds: 30 });
    try {
      const { learner } = makeLearner(planar, 5000);
      const { callChained: _, ...inTurn } = learner;
      const chains = vi.spyOn(planar, "callMany");
      const rng = np.random.seed(3);
      const p = planarModel.initializeParameters(3, 4, 2, rng);
      const [X, Y] = [
        rng.randn(3, 5),
        np.array([
          [1, 0, 0, 1, 1],
          [0, 1, 1, 0, 0],
        ]),
      ];
      const chained = await learnerGradients(learner, learner, p, X, Y);
      expect(chains.mock.calls.map((call) => call[3]?.fn)).toEqual(["backwardPropagation"]);
      const alone = await learnerGradients(inTurn as Learner, inTurn, p, X, Y);
      // Then, without chains: forwardPropagation, then backwardPropagation.
      expect(chains.mock.calls.map((call) => [call[0], call[3]?.fn])).toEqual([
        ["forwardPropagation", "backwardPropagation"],
        ["forwardPropagation", undefined],
        ["backwardPropagation", undefined],
      ]);
      expect(Object.keys(chained)).toEqual(["dW1", "db1", "dW2", "db2"]);
      for (const name of Object.keys(alone))
        expect(Array.from((chained[name] as NDArray).data)).toEqual(
          Array.from((alone[name] as NDArray).data),
        );
    } finally {
      planar.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
