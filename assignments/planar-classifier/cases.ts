/**
 * The learner's side of the planar-classifier tests, shipped with the assignment: its laws
 * (properties.ts), and how the gradient checks judge the learner's backward pass against the
 * numeric gradients they are given (the functions themselves, their arguments and which calls
 * which, are declared in assignment.json). What makes the
 * inputs and the expected values, and the mistake variants, is the instructor's
 * (reference/planar-classifier/cases.ts); without it, the visible tests grade from expected.json.
 */

import { judgeGradient } from "../../grader/checks/gradient/check.ts";
import {
  gradientOutcome,
  type NumericGradients,
  tensorOf,
} from "../../grader/checks/gradient/tensors.ts";
import type { LearnerCases } from "../../grader/core/assignment.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { properties } from "./properties.ts";
import { consistency, PARAMETER_NAMES } from "./tensors.ts";

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
            (expected as NumericGradients)[name] ?? [],
            tensorOf(grads?.[`d${name}`]),
          ),
        );
        return gradientOutcome(
          results,
          (X as NDArray).shape[1],
          "the numeric gradient of the reference's cost",
          chainRuleHint,
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
          chainRuleHint,
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
