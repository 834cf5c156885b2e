/**
 * The model's parameters as the gradient checker sees them (w a column, b a 1×1 tensor), and its
 * cost as propagate computes it: shared by the gradient check in cases.ts, the gradient law in
 * properties.ts and the reference data in reference/logistic-regression/cases.ts.
 */
import {
  checkGradients,
  type Objective,
  type Params,
  type Tensor,
  type TensorResult,
} from "../../grader/checks/gradient/check.ts";
import { tensorOf } from "../../grader/checks/gradient/tensors.ts";
import type { Functions } from "../../grader/core/assignment.ts";
import { NDArray } from "../lib/np.ts";

export const PARAMETER_NAMES = ["w", "b"] as const;

/** A number as a 1×1 tensor; anything else is no tensor. */
export const scalar = (x: unknown): Tensor | undefined =>
  typeof x === "number" ? { shape: [1, 1], data: Float64Array.of(x) } : undefined;

/** w and b as tensors. */
export const parametersOf = (w: NDArray, b: number): Params => ({
  w: tensorOf(w) as Tensor,
  b: scalar(b) as Tensor,
});

/** w and b as propagate takes them. */
export const argumentsOf = (q: Params): [NDArray, number] => [
  new NDArray((q.w as Tensor).data, (q.w as Tensor).shape),
  (q.b as Tensor).data[0] as number,
];

/** The cost as `functions`' propagate computes it, in batches. */
export function costBy(functions: Functions, X: NDArray, Y: NDArray): Objective {
  return async (points) => {
    const outs = (await functions.callMany(
      "propagate",
      points.map((q) => [...argumentsOf(q), X, Y]),
    )) as { cost?: unknown }[];
    return outs.map((out) => ({ value: typeof out?.cost === "number" ? out.cost : Number.NaN }));
  };
}

/** The claimed dw and db against numeric derivatives of the cost `functions` compute. */
export function gradientResults(
  functions: Functions,
  w: NDArray,
  b: number,
  X: NDArray,
  Y: NDArray,
  claimed: { dw: unknown; db: unknown },
): Promise<TensorResult[]> {
  return checkGradients(
    costBy(functions, X, Y),
    parametersOf(w, b),
    { w: tensorOf(claimed.dw), b: scalar(claimed.db) },
    { mode: "full", directions: 0, seed: 0 },
  );
}
