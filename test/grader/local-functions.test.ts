/**
 * Functions that run in the grader's own process (the reference's, for a law judged with them)
 * offer themselves (`Functions.local`): the planar gradient law then takes their derivatives by
 * forward mode, and reaches the same verdicts as by central differences, which still decide a
 * failure.
 */
import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { consistency } from "../../assignments/planar-classifier/tensors.ts";
import type { Functions, Learner, Reference } from "../../grader/core/assignment.ts";
import { referenceFunctions } from "../../grader/pipeline/oracle.ts";
import * as reference from "../../reference/planar-classifier/model.ts";

const rng = np.random.seed(3);
const [nX, nH, nY, m] = [3, 4, 2, 5];
const p = {
  W1: np.multiply(rng.randn(nH, nX), 0.7),
  b1: rng.randn(nH, 1),
  W2: np.multiply(rng.randn(nY, nH), 0.7),
  b2: rng.randn(nY, 1),
};
const X = rng.randn(nX, m);
const Y = np.array(
  Array.from({ length: nY }, (_, i) => Array.from({ length: m }, (_, j) => (i + j) % 2)),
);

const byReference = referenceFunctions(reference as unknown as Reference, [
  "forwardPropagation",
  "computeCost",
]);
/** The same functions, seen only through calls. */
const throughCalls: Functions = { call: byReference.call, callMany: byReference.callMany };

/** A learner whose backward pass is the reference's, its dW2 scaled by `scale`. */
function learner(scale: number): Learner {
  const functions: Learner = {
    async call(fn, args) {
      if (fn !== "backwardPropagation") throw new Error(`unexpected call of ${fn}`);
      const backward = reference.backwardPropagation as (...a: unknown[]) => reference.Gradients;
      const grads = backward(...args);
      return { ...grads, dW2: np.multiply(grads.dW2, scale) };
    },
    callMany: (fn, batch) => Promise.all(batch.map((args) => functions.call(fn, args))),
    callPrinting: () => Promise.reject(new Error("not here")),
    others: byReference,
  };
  return functions;
}

describe("the planar gradient law judged with the reference's functions", () => {
  it("takes their derivatives by forward mode, where they offer themselves", async () => {
    const results = await consistency(learner(1), byReference, p, X, Y);
    expect(results.map((r) => [r.name, r.verdict])).toEqual([
      ["W1", "passed"],
      ["b1", "passed"],
      ["W2", "passed"],
      ["b2", "passed"],
    ]);
    expect(results.map((r) => "method" in r && r.method)).toEqual(
      Array(4).fill("forward-mode+central-differences"),
    );
    const differences = await consistency(learner(1), throughCalls, p, X, Y);
    expect(differences.map((r) => "method" in r && r.method)).toEqual(
      Array(4).fill("central-differences"),
    );
  });

  it("fails the same gradient, by central differences, as without forward mode", async () => {
    const [forward, differences] = await Promise.all([
      consistency(learner(1.5), byReference, p, X, Y),
      consistency(learner(1.5), throughCalls, p, X, Y),
    ]);
    const verdicts = (results: typeof forward) => results.map((r) => [r.name, r.verdict]);
    expect(verdicts(forward)).toEqual([
      ["W1", "passed"],
      ["b1", "passed"],
      ["W2", "failed"],
      ["b2", "passed"],
    ]);
    expect(verdicts(differences)).toEqual(verdicts(forward));
    const failed = forward[2];
    expect(failed && "method" in failed && failed.method).toBe("central-differences");
    const alpha = (r: (typeof forward)[number] | undefined) => (r && "alpha" in r ? r.alpha : 0);
    expect(alpha(failed)).toBeCloseTo(1.5, 6);
    expect(alpha(differences[2])).toBeCloseTo(alpha(failed), 12);
  });
});
