/**
 * The learner's side of the deep-network tests, shipped with the assignment: its laws
 * (properties.ts), and how the gradient checks judge the learner's lModelBackward against the
 * numeric gradients they are given, for any number of layers (the functions themselves, their
 * arguments and which calls which, are declared in assignment.json). What makes the inputs and the
 * expected values, and the mistake variants, is the instructor's
 * (reference/deep-neural-network/cases.ts); without it, the visible tests grade from expected.json.
 */
import {
  gradientOutcome,
  judgeByName,
  type NumericGradients,
} from "../../grader/checks/gradient/tensors.ts";
import type { LearnerCases } from "../../grader/core/assignment.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { properties } from "./properties.ts";
import { said, words } from "./words.ts";

export const cases: LearnerCases = {
  properties,
  words,
  sessionChecks: {
    /**
     * The learner's lModelBackward, on the reference's forward pass, against numeric derivatives of
     * the reference's cost: per parameter of every layer; an entry whose step crossed a ReLU kink
     * was left out of the numeric gradient and is not judged.
     */
    gradientVsReference: {
      async run(learner, [p, X, AL, Y, caches], expected) {
        const grads = await learner.call("lModelBackward", [AL, Y, caches]);
        const results = judgeByName(
          p as Model.Parameters,
          grads,
          (await expected()) as NumericGradients,
        );
        return gradientOutcome(results, (X as NDArray).shape, said("gradient.against-reference"));
      },
    },
  },
};
