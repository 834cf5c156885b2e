/**
 * A deep network's cost as the functions the checks judge with compute it, with the ReLU layers'
 * Z as the kinks the gradient checker must not step across (an entry whose step crosses one is
 * "not checked", never a failure): shared by the gradient check in cases.ts, the gradient law in
 * properties.ts and the reference data in reference/deep-neural-network/cases.ts. Any number of
 * layers: the parameters are whatever record W1 … WL, b1 … bL the network has.
 */
import {
  checkGradients,
  type Evaluation,
  type Objective,
  type TensorResult,
} from "../../grader/checks/gradient/check.ts";
import { arraysOf, tensorOf, tensorsOf } from "../../grader/checks/gradient/tensors.ts";
import type { Functions } from "../../grader/core/assignment.ts";
import type { Then } from "../../grader/core/outcomes.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";

// Chains from lModelForward(X, parameters) on the list [X, parameters, Y] (outcomes.ts).
/** computeCost(AL, Y), and only the layers' Z back with it, not the rest of the caches. */
const COST_AFTER_FORWARD: Then = {
  fn: "computeCost",
  from: 2,
  args: [{ part: ["AL"] }, 2],
  keep: ["caches", "*", "activationCache"],
};
/** lModelBackward(AL, Y, caches). */
const BACKWARD_AFTER_FORWARD: Then = {
  fn: "lModelBackward",
  from: 2,
  args: [{ part: ["AL"] }, 2, { part: ["caches"] }],
};

/** The Z of every ReLU layer (all but the last), one after the other: where the cost has kinks. */
export function kinksOf(caches: Model.LayerCache[]): Float64Array {
  return kinksOfZ(caches.slice(0, -1).map((c) => c.activationCache));
}

/** The Z of the ReLU layers, one after the other. */
function kinksOfZ(zs: NDArray[]): Float64Array {
  const relus = zs.map((z) => z.data);
  const out = new Float64Array(relus.reduce((n, z) => n + z.length, 0));
  let at = 0;
  for (const z of relus) {
    out.set(z, at);
    at += z.length;
  }
  return out;
}

/** The cost of one forward pass, with its kinks. */
export function evaluation(
  forward: { AL: NDArray; caches: Model.LayerCache[] },
  cost: number,
): Evaluation {
  return { value: cost, kinks: kinksOf(forward.caches) };
}

/** computeCost of lModelForward, as `functions` compute them, evaluated in batches. */
export function costBy(functions: Functions, X: NDArray, Y: NDArray): Objective {
  return async (points) => {
    if (functions.callChained) {
      // Where they run (the sandbox): each forward pass's AL goes to computeCost there, and only
      // its layers' Z come back with the cost, not the rest of its caches.
      const results = (await functions.callChained(
        "lModelForward",
        points.map((q) => [X, arraysOf<Model.Parameters>(q), Y]),
        COST_AFTER_FORWARD,
      )) as [number, NDArray[]][];
      return results.map(([cost, zs]) => ({ value: cost, kinks: kinksOfZ(zs.slice(0, -1)) }));
    }
    const forwards = (await functions.callMany(
      "lModelForward",
      points.map((q) => [X, arraysOf<Model.Parameters>(q)]),
    )) as { AL: NDArray; caches: Model.LayerCache[] }[];
    const costs = (await functions.callMany(
      "computeCost",
      forwards.map((f) => [f.AL, Y]),
    )) as number[];
    return forwards.map((f, i) => evaluation(f, costs[i] as number));
  };
}

/** The learner's gradients, with the caches of lModelForward as `forward` computes them. */
async function learnerGradients(
  learner: Functions,
  forward: Functions,
  p: Model.Parameters,
  X: NDArray,
  Y: NDArray,
): Promise<unknown> {
  if (forward === learner && learner.callChained) {
    // Both the learner's own, in the sandbox: AL and the caches go on to lModelBackward there.
    const [grads] = await learner.callChained("lModelForward", [[X, p, Y]], BACKWARD_AFTER_FORWARD);
    return grads;
  }
  const out = (await forward.call("lModelForward", [X, p])) as { AL?: unknown; caches?: unknown };
  return learner.call("lModelBackward", [out?.AL, Y, out?.caches]);
}

/**
 * The learner's lModelBackward against numeric derivatives of the forward pass and cost as `by`
 * computes them (the functions it is judged with), per parameter.
 */
export async function consistency(
  learner: Functions,
  by: Functions,
  p: Model.Parameters,
  X: NDArray,
  Y: NDArray,
): Promise<TensorResult[]> {
  const grads = (await learnerGradients(learner, by, p, X, Y)) as Record<string, unknown>;
  const claimed = Object.fromEntries(
    Object.keys(p).map((name) => [name, tensorOf(grads?.[`d${name}`])]),
  );
  return checkGradients(costBy(by, X, Y), tensorsOf(p), claimed, {
    mode: "full",
    directions: 0,
    seed: 0,
  });
}
