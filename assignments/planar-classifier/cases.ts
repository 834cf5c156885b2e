/**
 * The learner's side of the planar-classifier tests, shipped with the assignment: its laws
 * (properties.ts), and how the gradient checks judge the learner's backward pass against the
 * numeric gradients they are given (the functions themselves, their arguments and which calls
 * which, are declared in assignment.json). What makes the
 * inputs and the expected values, and the mistake variants, is the instructor's
 * (reference/planar-classifier/cases.ts); without it, the visible tests grade from expected.json.
 */

import {
  gradientOutcome,
  judgeByName,
  type NumericGradients,
} from "../../grader/checks/gradient/tensors.ts";
import type { LearnerCases } from "../../grader/core/assignment.ts";
import type { Said } from "../../grader/core/phrase.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { properties } from "./properties.ts";
import { consistency } from "./tensors.ts";
import { said, words } from "./words.ts";

/**
 * Where in the chain rule the wrong tensors point. dW1 and db1 both come from dZ1: when both are
 * wrong (and the output layer's are right) dZ1 is; when one of them is right, dZ1 is right too and
 * the mistake is in the other's own formula.
 */
export function chainRuleHint(wrong: Set<string>): Said | undefined {
  if (wrong.has("W2") || wrong.has("b2")) return undefined;
  if (wrong.has("W1") && wrong.has("b1")) return said("chain.dZ1");
  if (wrong.has("W1")) return said("chain.dW1");
  if (wrong.has("b1")) return said("chain.db1");
  return undefined;
}

export const cases: LearnerCases = {
  properties,
  words,
  sessionChecks: {
    /** The learner's backward pass against numeric derivatives of the reference's forward and cost. */
    gradientVsReference: {
      async run(learner, [p, cache, X, Y], expected) {
        const grads = await learner.call("backwardPropagation", [p, cache, X, Y]);
        const results = judgeByName(
          p as Model.Parameters,
          grads,
          (await expected()) as NumericGradients,
        );
        return gradientOutcome(
          results,
          (X as NDArray).shape,
          said("gradient.against-reference"),
          chainRuleHint,
        );
      },
      whenOthersPass: {
        check: "gradientSelfConsistent",
        meaning: said("meaning.shared"),
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
          (X as NDArray).shape,
          said("gradient.against-own"),
          chainRuleHint,
        );
      },
      whenOthersPass: {
        check: "gradientVsReference",
        meaning: said("meaning.forward"),
      },
    },
  },
};
