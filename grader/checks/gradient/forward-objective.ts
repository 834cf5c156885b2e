/**
 * An objective for the gradient checker that works out its own directional derivatives by
 * forward mode (dual numbers through the array module, assignments/lib/forward.ts): exact, in one
 * pass for every direction, with no step size. Where the computation leaves the array module, it
 * says how, and the checker falls back to central differences.
 */
import { withTangents } from "../../../assignments/lib/forward.ts";
import { NDArray, np } from "../../../assignments/lib/np.ts";
import { type Derivative, estimate, type Objective, type Params } from "./check.ts";
import { arraysOf } from "./tensors.ts";

/**
 * The objective f(p) = tail(head(p)). `head` takes the parameters as arrays and returns an array
 * (a forward pass): forward mode gives its output's derivative along each direction. `tail` takes
 * that output to the objective's value (a cost), which always ends in plain numbers, where no
 * tangent goes: its derivative along the output's is taken by central differences, which are
 * cheap because the tail sees only the output. Without a tail, the head's output is a (1, 1)
 * array, the value itself, and the derivatives are exact.
 * @example fromArrays((p) => forwardPropagation(X, p).A2, (A2) => computeCost(A2, Y))
 */
export function fromArrays(
  head: (params: Record<string, NDArray>) => NDArray,
  tail?: (out: NDArray) => number,
): Objective {
  const value = tail ?? ((out: NDArray) => out.item());
  const objective: Objective = (points) => points.map((p) => ({ value: value(head(arraysOf(p))) }));
  objective.directional = (params, directions, step) => {
    const arrays = arraysOf(params);
    const names = [...new Set(directions.flatMap((d) => Object.keys(d)))];
    const seeds = names.map((name) => {
      const x = arrays[name] as NDArray;
      return [x, directions.map((d) => tangentArray(d, name, x))] as const;
    });
    const run = withTangents(() => head(arrays), seeds);
    if (run.left !== undefined) return { method: "central-differences", left: run.left };
    const out = run.value;
    const tangents = run.tangentsOf(out) ?? directions.map(() => np.zerosLike(out));
    if (!tail)
      return {
        method: "forward-mode",
        derivatives: tangents.map((t) => ({ value: t.item(), error: 0 })),
      };
    const along = (t: NDArray, s: number) => tail(np.add(out, np.multiply(t, s)));
    const derivatives = tangents.map((t): Derivative => {
      const { numeric, error } = estimate(
        along(t, step),
        along(t, -step),
        along(t, step / 2),
        along(t, -step / 2),
        step,
      );
      return { value: numeric, error };
    });
    return { method: "forward-mode+central-differences", derivatives };
  };
  return objective;
}

/** Direction `d`'s part in tensor `name` as an array (zeros where the direction leaves it out). */
function tangentArray(d: Params, name: string, like: NDArray): NDArray {
  const part = d[name];
  return part ? new NDArray(part.data, part.shape) : np.zerosLike(like);
}
