/**
 * The learner's side of the logistic-regression tests, shipped with the assignment: its laws
 * (properties.ts), and how the gradient check judges the learner's dw and db against the numeric
 * gradients it is given (the functions themselves, their arguments and which calls which, are
 * declared in assignment.json). What makes the inputs and the expected values, and the mistake
 * variants, is the instructor's (reference/logistic-regression/cases.ts); without it, the visible
 * tests grade from expected.json.
 */
import { judgeGradient } from "../../grader/checks/gradient/check.ts";
import {
  gradientOutcome,
  type NumericGradients,
  tensorOf,
} from "../../grader/checks/gradient/tensors.ts";
import type { LearnerCases } from "../../grader/core/assignment.ts";
import type { NDArray } from "../lib/np.ts";
import { loadPictureDataset } from "./dataset.ts";
import type * as Model from "./model.ts";
import { properties } from "./properties.ts";
import { scalar } from "./tensors.ts";
import { said, words } from "./words.ts";

export const cases: LearnerCases = {
  properties,
  words,
  data: () => {
    const { trainX, trainY, testX, testY } = loadPictureDataset();
    return {
      "pictures.trainX": trainX,
      "pictures.trainY": trainY,
      "pictures.testX": testX,
      "pictures.testY": testY,
    };
  },
  sessionChecks: {
    /** The learner's dw and db against numeric derivatives of the reference's cost. */
    gradientVsReference: {
      async run(learner, [w, b, X, Y], expected) {
        const out = (await learner.call("propagate", [w, b, X, Y])) as {
          grads?: Partial<Model.Gradients>;
        } | null;
        const numeric = (await expected()) as NumericGradients;
        const results = [
          judgeGradient("w", (w as NDArray).shape, numeric.w ?? [], tensorOf(out?.grads?.dw)),
          judgeGradient("b", [1, 1], numeric.b ?? [], scalar(out?.grads?.db)),
        ];
        return gradientOutcome(results, (X as NDArray).shape, said("gradient.against-reference"));
      },
    },
  },
};
