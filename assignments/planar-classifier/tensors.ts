/**
 * The planar network's parameters as the gradient checker sees them (named tensors) and back, and
 * the learner's own cost as a function of them: shared by the gradient checks in cases.ts and the
 * gradient property in properties.ts.
 */
import type { Learner } from "../../grader/assignment.ts";
import type { Objective, Params, Tensor } from "../../grader/gradcheck/check.ts";
import { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";

export const PARAMETER_NAMES = ["W1", "b1", "W2", "b2"] as const;

export const tensorsOf = (p: Model.Parameters): Params =>
  Object.fromEntries(
    PARAMETER_NAMES.map((name) => [name, { shape: p[name].shape, data: p[name].data }]),
  );

export const arraysOf = (p: Params): Model.Parameters =>
  Object.fromEntries(
    PARAMETER_NAMES.map((name) => [
      name,
      new NDArray((p[name] as Tensor).data, (p[name] as Tensor).shape),
    ]),
  ) as unknown as Model.Parameters;

export const tensorOf = (x: unknown): Tensor | undefined =>
  x instanceof NDArray ? { shape: x.shape, data: x.data } : undefined;

/** The learner's computeCost of the learner's forwardPropagation, evaluated in batches in the sandbox. */
export function learnerCost(learner: Learner, X: NDArray, Y: NDArray): Objective {
  return async (points) => {
    const forwards = (await learner.callMany(
      "forwardPropagation",
      points.map((q) => [X, arraysOf(q)]),
    )) as { A2: NDArray }[];
    const costs = (await learner.callMany(
      "computeCost",
      forwards.map((f) => [f.A2, Y]),
    )) as number[];
    return costs.map((value) => ({ value }));
  };
}
