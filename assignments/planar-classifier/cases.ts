/**
 * The learner's side of the planar-classifier tests, shipped with the assignment: its laws
 * (properties.ts), and how the gradient checks judge the learner's backward pass against the
 * numeric gradients they are given (the functions themselves, their arguments and which calls
 * which, are declared in assignment.json). What makes the
 * inputs and the expected values, and the mistake variants, is the instructor's
 * (reference/planar-classifier/cases.ts); without it, the visible tests grade from expected.json.
 */

import { judgeGradient, type TensorResult } from "../../grader/checks/gradient/check.ts";
import { describeTensor, distinct, gradientHint } from "../../grader/checks/gradient/wording.ts";
import type { LearnerCases, SessionOutcome } from "../../grader/core/assignment.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { properties } from "./properties.ts";
import { consistency, type NumericGradients, PARAMETER_NAMES, tensorOf } from "./tensors.ts";

/**
 * A gradient check's outcome: one line per wrong tensor and the chain rule in the message, and per
 * tensor its verdict, difference, worst entry and hint as values (for the report and the table of
 * `gradecheck gradcheck`).
 */

export function gradientOutcome(
  results: TensorResult[],
  m: number,
  against: string,
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
  const names = new Set(wrong.map((r) => r.name));
  const chain = chainRuleHint(names);
  return {
    failure: {
      message: `compared with ${against}: ${wrong.map((r) => describeTensor(r, context)).join(" ")}`,
      ...(chain ? { hint: chain } : {}),
      details: {},
    },
    values,
  };
}

/**
 * Where in the chain rule the wrong tensors point. dW1 and db1 both come from dZ1: when both are
 * wrong (and the output layer's are right) dZ1 is; when one of them is right, dZ1 is right too and
 * the mistake is in the other's own formula.
 */
export function chainRuleHint(wrong: Set<string>): string | undefined {
  if (wrong.has("W2") || wrong.has("b2")) return undefined;
  if (wrong.has("W1") && wrong.has("b1"))
    return "the output layer's gradients are right and the hidden layer's are not: look at dZ1 = W2ᵀ·dZ2 ∗ (1 − A1²), the chain rule through tanh";
  if (wrong.has("W1"))
    return "db1 is right, so dZ1 is: the mistake is in dW1 = (1/m)·dZ1·Xᵀ itself";
  if (wrong.has("b1"))
    return "dW1 is right, so dZ1 is: the mistake is in db1 = (1/m)·Σ dZ1 over the examples (np.sum(dZ1, 1, true))";
  return undefined;
}

export const cases: LearnerCases = {
  properties,
  sessionChecks: {
    /** The learner's backward pass against numeric derivatives of the reference's forward and cost. */
    gradientVsReference: {
      async run(learner, [p, cache, X, Y], expected) {
        const grads = (await learner.call("backwardPropagation", [
          p,
          cache,
          X,
          Y,
        ])) as Partial<Model.Gradients>;
        const results = PARAMETER_NAMES.map((name) =>
          judgeGradient(
            name,
            (p as Model.Parameters)[name].shape,
            (expected as NumericGradients)[name],
            tensorOf(grads?.[`d${name}`]),
          ),
        );
        return gradientOutcome(
          results,
          (X as NDArray).shape[1],
          "the numeric gradient of the reference's cost",
        );
      },
      whenOthersPass: {
        check: "gradientSelfConsistent",
        meaning:
          "Your backwardPropagation is consistent with your own forwardPropagation and computeCost, so the mistake is shared: one of those computes something other than the equations, and your backward pass follows it",
      },
    },
    /**
     * The learner's backward pass against numeric derivatives of the learner's own forward pass and
     * cost: are the learner's functions consistent with each other?
     */
    gradientSelfConsistent: {
      async run(learner, [p, X, Y]) {
        const results = await consistency(
          learner,
          learner,
          p as Model.Parameters,
          X as NDArray,
          Y as NDArray,
        );
        return gradientOutcome(
          results,
          (X as NDArray).shape[1],
          "the numeric gradient of your own forwardPropagation and computeCost",
        );
      },
      whenOthersPass: {
        check: "gradientVsReference",
        meaning:
          "Your backwardPropagation is right for the reference's forward pass and cost, so the mismatch is in your forwardPropagation or computeCost",
      },
    },
  },
};
