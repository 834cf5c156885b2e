/**
 * Between a network's parameters as arrays (a record of named NDArrays, whatever the names) and as
 * the gradient checker's tensors; and a gradient check's outcome as a session check reports it.
 * Nothing here knows the layers of a network: names come from the records.
 */
import { NDArray } from "../../../assignments/lib/np.ts";
import type { SessionOutcome } from "../../core/assignment.ts";
import type { Text } from "../../core/phrase.ts";
import { said } from "../../words/en/phrases.ts";
import {
  judgeGradient,
  type NumericEntry,
  type Params,
  type Tensor,
  type TensorResult,
} from "./check.ts";
import { gradientRow } from "./wording.ts";

/** The numeric derivatives of a cost, per parameter: a gradient check's reference data. */
export type NumericGradients = Record<string, NumericEntry[]>;

export const tensorOf = (x: unknown): Tensor | undefined =>
  x instanceof NDArray ? { shape: x.shape, data: x.data } : undefined;

/** Named arrays as tensors (sharing their data). */
export function tensorsOf(arrays: object): Params {
  return Object.fromEntries(
    Object.entries(arrays).flatMap(([name, value]) => {
      const tensor = tensorOf(value);
      return tensor ? [[name, tensor]] : [];
    }),
  );
}

/** Tensors as named arrays (sharing their data). */
export function arraysOf<T = Record<string, NDArray>>(params: Params): T {
  return Object.fromEntries(
    Object.entries(params).map(([name, t]) => [name, new NDArray(t.data, t.shape)]),
  ) as T;
}

/**
 * A backward pass's gradients against numeric ones, parameter by parameter: each array of
 * `parameters` (W1, b1, …, any number of layers) against the claimed `d<name>` of `grads`,
 * whatever the learner returned there.
 */
export function judgeByName(
  parameters: object,
  grads: unknown,
  numeric: NumericGradients,
): TensorResult[] {
  const claimed = (typeof grads === "object" ? grads : null) as Record<string, unknown> | null;
  return (Object.entries(parameters) as [string, Tensor][]).map(([name, value]) =>
    judgeGradient(name, value.shape, numeric[name] ?? [], tensorOf(claimed?.[`d${name}`])),
  );
}

/**
 * A gradient check's outcome: per tensor its verdict, difference, worst entry and hint as rows (for
 * the report and the table of `gradecheck gradcheck`), and when one is wrong, a failure that says
 * so, a line per wrong tensor, with `chainHint`'s reading of which are wrong, if any.
 */
export function gradientOutcome(
  results: TensorResult[],
  /**
   * The shape of X: its columns are m, the number of examples, which a factor in a wrong gradient
   * may be, and its rows what m may have been read as (X.shape[0]).
   */
  [rows, m]: readonly [number, number],
  against: Text,
  chainHint?: (wrong: Set<string>) => Text | undefined,
): SessionOutcome {
  const context = { examples: [m], shapes: [[rows, m] as [number, number]] };
  const gradients = results.map((r) => gradientRow(r, context));
  const wrong = gradients.filter((r) => r.verdict !== "right");
  if (wrong.length === 0) return { failure: null, values: {}, gradients };
  // Which gradients are wrong says where the chain rule broke only where each one was given.
  const chain = wrong.some((r) => r.verdict === "missing")
    ? undefined
    : chainHint?.(new Set(wrong.map((r) => r.name)));
  return {
    failure: {
      message: said("gradient.compared", { against, rows: wrong }),
      ...(chain ? { hint: chain } : {}),
      details: {},
    },
    values: {},
    gradients,
  };
}
