/**
 * The planar network's parameter names, and its cost and gradients as the functions the checks
 * judge with compute them: shared by the gradient checks in cases.ts and the gradient property in
 * properties.ts.
 */

import {
  checkGradients,
  type Objective,
  type TensorResult,
} from "../../grader/checks/gradient/check.ts";
import { fromArrays } from "../../grader/checks/gradient/forward-objective.ts";
import { arraysOf, tensorOf, tensorsOf } from "../../grader/checks/gradient/tensors.ts";
import type { Functions, Learner } from "../../grader/core/assignment.ts";
import type { Then } from "../../grader/core/outcomes.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";

export const PARAMETER_NAMES = ["W1", "b1", "W2", "b2"] as const;

// Chains from forwardPropagation(X, parameters) on the list [X, parameters, Y] (outcomes.ts).
/** computeCost(A2, Y). */
const COST_AFTER_FORWARD: Then = { fn: "computeCost", from: 2, args: [{ part: ["A2"] }, 2] };
/** backwardPropagation(parameters, cache, X, Y). */
const BACKWARD_AFTER_FORWARD: Then = {
  fn: "backwardPropagation",
  from: 2,
  args: [1, { part: ["cache"] }, 0, 2],
};

/** computeCost of forwardPropagation, as `functions` compute them, evaluated in batches. */
export function costBy(functions: Functions, X: NDArray, Y: NDArray): Objective {
  const forward = functions.local?.("forwardPropagation");
  const cost = functions.local?.("computeCost");
  if (forward && cost)
    // In the grader's process (the reference's): forward mode gives every entry's derivative in
    // a pass per few dozen entries, where differences take four evaluations each.
    return fromArrays(
      (p) => (forward(X, p) as ReturnType<typeof Model.forwardPropagation>).A2,
      (A2) => cost(A2, Y) as number,
    );
  return async (points) => {
    if (functions.callChained) {
      // Where they run (the sandbox): each forward pass's A2 goes to computeCost there.
      const costs = await functions.callChained(
        "forwardPropagation",
        points.map((q) => [X, arraysOf<Model.Parameters>(q), Y]),
        COST_AFTER_FORWARD,
      );
      return costs.map((value) => ({ value: value as number }));
    }
    const forwards = (await functions.callMany(
      "forwardPropagation",
      points.map((q) => [X, arraysOf<Model.Parameters>(q)]),
    )) as { A2: NDArray }[];
    const costs = (await functions.callMany(
      "computeCost",
      forwards.map((f) => [f.A2, Y]),
    )) as number[];
    return costs.map((value) => ({ value }));
  };
}

/** The learner's gradients, with the cache of forwardPropagation as `forward` computes it. */
export async function learnerGradients(
  learner: Learner,
  forward: Functions,
  p: Model.Parameters,
  X: NDArray,
  Y: NDArray,
): Promise<Record<string, unknown>> {
  const [grads] = await learnerGradientsOf(learner, forward, p, [[X, Y]]);
  return grads as Record<string, unknown>;
}

/**
 * The learner's gradients at `p` for each set of examples [X, Y], in one round trip: chained to
 * forwardPropagation where that is the learner's own too (in the sandbox, the cache goes on to
 * backwardPropagation there), else a batch of backward passes with `forward`'s caches.
 */
export async function learnerGradientsOf(
  learner: Learner,
  forward: Functions,
  p: Model.Parameters,
  sets: readonly (readonly [NDArray, NDArray])[],
): Promise<Record<string, unknown>[]> {
  if (forward === learner && learner.callChained)
    return (await learner.callChained(
      "forwardPropagation",
      sets.map(([X, Y]) => [X, p, Y]),
      BACKWARD_AFTER_FORWARD,
    )) as Record<string, unknown>[];
  const outs = (await forward.callMany(
    "forwardPropagation",
    sets.map(([X]) => [X, p]),
  )) as ({ cache?: unknown } | undefined)[];
  return (await learner.callMany(
    "backwardPropagation",
    sets.map(([X, Y], i) => [p, outs[i]?.cache, X, Y]),
  )) as Record<string, unknown>[];
}

/**
 * The learner's backward pass against numeric derivatives of the forward pass and cost as `by`
 * computes them: the learner's own (are the learner's functions consistent with each other?), or
 * those the function is judged with. Per parameter.
 */
export async function consistency(
  learner: Learner,
  by: Functions,
  p: Model.Parameters,
  X: NDArray,
  Y: NDArray,
): Promise<TensorResult[]> {
  const grads = await learnerGradients(learner, by, p, X, Y);
  const claimed = Object.fromEntries(
    PARAMETER_NAMES.map((name) => [name, tensorOf(grads?.[`d${name}`])]),
  );
  return checkGradients(costBy(by, X, Y), tensorsOf(p), claimed, {
    mode: "full",
    directions: 0,
    seed: 0,
  });
}
