/**
 * The learner's side of the gradient-checking tests, shipped with the assignment: its laws
 * (properties.ts), how the gradient check judges the learner's backward pass against the numeric
 * gradients it is given, and how the learner's own checkers are judged on inputs whose answer is
 * known (grader/checks/checker.ts): their printed verdict and their difference against the course's
 * formula. The functions themselves, their arguments and which calls which, are declared in
 * assignment.json. What makes the inputs, the known answers and the mistake variants is the
 * instructor's (reference/gradient-checking/cases.ts); without it, the visible tests grade from
 * expected.json.
 */
import {
  type CheckerAnswer,
  judgeChecker,
  type KnownCase,
  verdictOf,
} from "../../grader/checks/checker.ts";
import {
  gradientOutcome,
  judgeByName,
  type NumericGradients,
} from "../../grader/checks/gradient/tensors.ts";
import type { LearnerCases, SessionOutcome } from "../../grader/core/assignment.ts";
import type { Said } from "../../grader/core/phrase.ts";
import { messageNumber } from "../../grader/words/numbers.ts";
import type { NDArray } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { properties } from "./properties.ts";
import { said, words } from "./words.ts";

/** A known answer as the instructor's side recorded it, its bug a phrase code of words.ts. */
interface Recorded extends Omit<KnownCase, "bug"> {
  bug?: string;
}

const knownCase = ({ bug, ...rest }: Recorded): KnownCase => ({
  ...rest,
  ...(bug ? { bug: said(bug as "bug.planted") } : {}),
});

/** A checker's answer judged on a known case, as a session check's outcome. */
function checkerOutcome(answer: CheckerAnswer, known: Recorded): SessionOutcome {
  const failure = judgeChecker(answer, knownCase(known));
  const values: Record<string, number | string> = { expected: known.figure };
  if (typeof answer.figure === "number") values.difference = answer.figure;
  return { failure, values };
}

export const cases: LearnerCases = {
  properties,
  words,
  sessionChecks: {
    /**
     * The learner's backwardPropagationN, on the reference's cache, against numeric derivatives of
     * the reference's cost, per parameter; an entry whose step crossed a ReLU kink was left out of
     * the numeric gradient and is not judged.
     */
    gradientVsReference: {
      async run(learner, [p, X, Y, cache], expected) {
        const grads = await learner.call("backwardPropagationN", [X, Y, cache]);
        const results = judgeByName(
          p as Model.Parameters,
          grads,
          (await expected()) as NumericGradients,
        );
        return gradientOutcome(results, (X as NDArray).shape, said("gradient.against-reference"));
      },
    },
    /** The learner's gradientCheck, asked to print its verdict, on a right derivative. */
    gradientCheckVerdict: {
      async run(learner, [x, theta, epsilon], expected) {
        const { value, printed } = await learner.callPrinting("gradientCheck", [
          x,
          theta,
          epsilon,
          true,
        ]);
        return checkerOutcome({ figure: value, printed }, (await expected()) as Recorded);
      },
    },
    /** The learner's gradientCheckN, asked to print its verdict, on gradients right or buggy. */
    gradientCheckNVerdict: {
      async run(learner, [, p, g, X, Y, epsilon], expected) {
        const { value, printed } = await learner.callPrinting("gradientCheckN", [
          p,
          g,
          X,
          Y,
          epsilon,
          true,
        ]);
        return checkerOutcome({ figure: value, printed }, (await expected()) as Recorded);
      },
    },
    /**
     * The whole exercise, with all the learner's own functions: their checker passes their own
     * backward pass (its planted bugs fixed), and calls the course's planted bugs a mistake.
     */
    ownChecker: {
      async run(learner, [p, X, Y, planted, epsilon], expected) {
        const forward = (await learner.call("forwardPropagationN", [X, Y, p])) as {
          cache?: unknown;
        } | null;
        const grads = await learner.call("backwardPropagationN", [X, Y, forward?.cache]);
        const own = await learner.callPrinting("gradientCheckN", [p, grads, X, Y, epsilon, true]);
        const known = (await expected()) as Recorded;
        const difference = own.value;
        if (typeof difference !== "number" || !Number.isFinite(difference))
          return checkerOutcome({ figure: difference, printed: own.printed }, known);
        const values = { ownDifference: difference };
        const verdict = verdictOf(own.printed);
        if (verdict === undefined)
          return { failure: { message: said("own.no-verdict"), details: values }, values };
        if (verdict === "wrong" || difference > known.threshold) {
          const message = said("own.flagged", {
            difference: messageNumber(difference),
            threshold: messageNumber(known.threshold),
          });
          return { failure: { message, details: values }, values };
        }
        const check = await learner.callPrinting("gradientCheckN", [
          p,
          planted,
          X,
          Y,
          epsilon,
          true,
        ]);
        const caught = checkerOutcome({ figure: check.value, printed: check.printed }, known);
        if (caught.failure)
          caught.failure = {
            ...caught.failure,
            message: said("own.planted", { why: caught.failure.message as Said }),
          };
        return { failure: caught.failure, values: { ...values, ...caught.values } };
      },
    },
  },
};
