/**
 * Between a network's parameters as arrays (a record of named NDArrays, whatever the names) and as
 * the gradient checker's tensors; and a gradient check's outcome as a session check reports it.
 * Nothing here knows the layers of a network: names come from the records.
 */
import { NDArray } from "../../../assignments/lib/np.ts";
import type { SessionOutcome } from "../../core/assignment.ts";
import type { NumericEntry, Params, Tensor, TensorResult } from "./check.ts";
import { describeTensor, distinct, gradientHint } from "./wording.ts";

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
 * A gradient check's outcome: one line per wrong tensor in the message (with `chainHint`'s reading
 * of which are wrong, if any), and per tensor its verdict, difference, worst entry and hint as
 * values (for the report and the table of `gradecheck gradcheck`).
 */
export function gradientOutcome(
  results: TensorResult[],
  /** The number of examples, which a factor in a wrong gradient may be. */
  m: number,
  against: string,
  chainHint?: (wrong: Set<string>) => string | undefined,
): SessionOutcome {
  const context = { examples: [m] };
  const values: Record<string, number | string> = {};
  for (const r of results) {
    const key = `d${r.name}`;
    values[`${key} verdict`] =
      r.verdict === "passed" ? "right" : r.verdict === "failed" ? "wrong" : "wrong shape";
    if (r.verdict === "wrong-shape") continue;
    values[`${key} difference`] = r.difference;
    const [worst] = r.worst;
    if (worst) {
      // As many digits as tell the two apart, as in the message.
      const [yours, numeric] = distinct(worst.analytic, worst.numeric);
      values[`${key} worst`] =
        `${r.name}[${worst.index.join(",")}]: yours ${yours}, numeric ${numeric}`;
    }
    const hint = r.verdict === "failed" ? gradientHint(r, context) : undefined;
    if (hint) values[`${key} hint`] = hint;
  }
  const wrong = results.filter((r) => r.verdict !== "passed");
  if (wrong.length === 0) return { failure: null, values };
  const chain = chainHint?.(new Set(wrong.map((r) => r.name)));
  return {
    failure: {
      message: `compared with ${against}: ${wrong.map((r) => describeTensor(r, context)).join(" ")}`,
      ...(chain ? { hint: chain } : {}),
      details: {},
    },
    values,
  };
}
