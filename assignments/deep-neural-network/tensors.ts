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
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";

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
        { fn: "computeCost", key: "AL", from: 2, keep: ["caches", "*", "activationCache"] },
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
  const { AL, caches } = (await by.call("lModelForward", [X, p])) as {
    AL: NDArray;
    caches: Model.LayerCache[];
  };
  const grads = (await learner.call("lModelBackward", [AL, Y, caches])) as Record<string, unknown>;
  const claimed = Object.fromEntries(
    Object.keys(p).map((name) => [name, tensorOf(grads?.[`d${name}`])]),
  );
  return checkGradients(costBy(by, X, Y), tensorsOf(p), claimed, {
    mode: "full",
    directions: 0,
    seed: 0,
  });
}
