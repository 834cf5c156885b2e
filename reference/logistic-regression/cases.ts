/**
 * The instructor's side of the logistic-regression tests: how each test makes its inputs (one
 * generator per function, shared by every case of it in assignment.json: the course's own examples
 * where a case says `course`, otherwise random ones of the case's sizes), the library of known
 * mistakes (mistakes.ts) the feedback names, the end-to-end check, and the reference data of the
 * gradient check. Never shipped to learners: the release carries only the visible tests' inputs
 * and expected values (expected.json).
 *
 * Random inputs are non-degenerate on purpose: weights of order 1/√nX, a bias that is not zero and
 * inputs of order 1, so that a missing bias, a missing 1/m or a flipped sign all change the output.
 */
import { NDArray, np, type RandomState } from "../../assignments/lib/np.ts";
import { loadPictureDataset } from "../../assignments/logistic-regression/dataset.ts";
import type * as Model from "../../assignments/logistic-regression/model.ts";
import {
  argumentsOf,
  PARAMETER_NAMES,
  parametersOf,
} from "../../assignments/logistic-regression/tensors.ts";
import {
  type Evaluation,
  fromFunction,
  numericGradient,
} from "../../grader/checks/gradient/check.ts";
import type { NumericGradients } from "../../grader/checks/gradient/tensors.ts";
import type {
  CaseContext,
  CheckFailure,
  Reference,
  ReferenceCases,
} from "../../grader/core/assignment.ts";
import { param } from "../../grader/core/assignment.ts";
import type { Said } from "../../grader/core/phrase.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import { mistakes } from "./mistakes.ts";
import { said, words } from "./words.ts";

type Logistic = typeof Model;
const logistic = (reference: Reference) => reference as unknown as Logistic;

const wire = (...values: unknown[]): Wire[] => values.map((v) => encode(v));

/** The course's examples: propagate's and optimize's (two editions of the notebook), predict's. */
const COURSE = {
  propagate: {
    1: {
      w: [[1], [2]],
      b: 1.5,
      X: [
        [1, -2, -1],
        [3, 0.5, -3.2],
      ],
      Y: [[1, 1, 0]],
    },
    2: {
      w: [[1], [2]],
      b: 2,
      X: [
        [1, 2, -1],
        [3, 4, -3.2],
      ],
      Y: [[1, 0, 1]],
    },
  },
  predict: {
    w: [[0.1124579], [0.23106775]],
    b: -0.3,
    X: [
      [1, -1.1, -3.2],
      [1.2, 2, 0.1],
    ],
  },
} as const;

function courseProblem(edition: number) {
  const example = COURSE.propagate[edition === 2 ? 2 : 1];
  return {
    w: np.array(example.w.map((r) => [...r])),
    b: example.b,
    X: np.array(example.X.map((r) => [...r])),
    Y: np.array(example.Y.map((r) => [...r])),
  };
}

const labels = (rng: RandomState, m: number): NDArray => np.greater(rng.rand(1, m), 0.5);

/** A random problem of the case's sizes: w of order 1/√nX, b ≠ 0, X of order 1, labels. */
function randomProblem(context: CaseContext) {
  const { rng, params } = context;
  const nX = param(params, "nX", 3);
  const m = param(params, "m", 5);
  const w = np.multiply(rng.randn(nX, 1), 1 / Math.sqrt(nX));
  const b = (rng.randn(1, 1).data[0] as number) * 0.5;
  return { w, b, X: rng.randn(nX, m), Y: labels(rng, m) };
}

function problem(context: CaseContext) {
  const edition = context.params.course;
  return typeof edition === "number" ? courseProblem(edition) : randomProblem(context);
}

/** Numeric derivatives of the reference's cost at (w, b), per parameter. */
async function numericGradients(
  w: NDArray,
  b: number,
  X: NDArray,
  Y: NDArray,
  reference: Reference,
): Promise<NumericGradients> {
  const { propagate } = logistic(reference);
  const objective = fromFunction((q) => propagate(...argumentsOf(q), X, Y).cost);
  const params = parametersOf(w, b);
  const [base] = (await objective([params])) as [Evaluation];
  const out: NumericGradients = {};
  for (const name of PARAMETER_NAMES)
    out[name] = await numericGradient(objective, params, name, base);
  return out;
}

/** The training and test sets of a model case: the pictures, or random data of its sizes. */
function modelData(context: CaseContext) {
  if (context.params.dataset === "pictures") {
    const { trainX, trainY, testX, testY } = loadPictureDataset();
    return [trainX, trainY, testX, testY];
  }
  const { rng, params } = context;
  const nX = param(params, "nX", 4);
  const [m, mTest] = [param(params, "m", 20), param(params, "mTest", 8)];
  return [rng.randn(nX, m), labels(rng, m), rng.randn(nX, mTest), labels(rng, mTest)];
}

export const referenceCases: ReferenceCases = {
  words,
  functions: {
    sigmoid: {
      ...mistakes.sigmoid,
      inputs: (context) => {
        if (context.params.course !== undefined) return wire(np.array([[0, 2]]));
        const z = context.rng.randn(
          param(context.params, "rows", 3),
          param(context.params, "cols", 4),
        );
        return wire(np.multiply(z, param(context.params, "scale", 3)));
      },
    },
    initializeWithZeros: {
      ...mistakes.initializeWithZeros,
      inputs: (context) => [param(context.params, "dim", 2)],
    },
    propagate: {
      ...mistakes.propagate,
      inputs: (context) => {
        const { w, b, X, Y } = problem(context);
        return wire(w, b, X, Y);
      },
    },
    optimize: {
      ...mistakes.optimize,
      inputs: (context) => {
        const { w, b, X, Y } = problem(context);
        const { params } = context;
        const course = params.course !== undefined;
        return wire(
          w,
          b,
          X,
          Y,
          course ? 100 : param(params, "numIterations", 100),
          course ? 0.009 : param(params, "learningRate", 0.009),
        );
      },
    },
    predict: {
      ...mistakes.predict,
      inputs: (context) => {
        if (context.params.course !== undefined) {
          const { w, b, X } = COURSE.predict;
          return wire(np.array(w.map((r) => [...r])), b, np.array(X.map((r) => [...r])));
        }
        // A bias below −0.5, so that a threshold on wᵀx + b at 0.5 (sigmoid forgotten) and a
        // threshold at 0 without the bias never agree on every example.
        const { w, b, X } = randomProblem(context);
        return wire(np.multiply(w, 2), -0.5 - Math.abs(b), X);
      },
    },
    model: {
      ...mistakes.model,
      inputs: (context) =>
        wire(...modelData(context), {
          numIterations: param(
            context.params,
            "numIterations",
            param(context.hyperparameters, "numIterations"),
          ),
          learningRate: param(
            context.params,
            "learningRate",
            param(context.hyperparameters, "learningRate"),
          ),
        }),
    },
  },
  checks: {
    /**
     * Full training must learn the pictures: the learner's w and b, predicted by the reference on
     * the training set. w's shape is checked first, so that the reference never runs on parameters
     * of another size than the data's.
     */
    trainingAccuracy: {
      judge(actual, args, params, reference): CheckFailure | null {
        const [XTrain, YTrain] = args as [NDArray, NDArray];
        const minimum = param(params, "minAccuracy", 0.9);
        const malformed = (why?: Said): CheckFailure => ({
          message: said("training.malformed", why ? { why } : {}),
          details: { minAccuracy: minimum },
        });
        const result = actual as { w?: unknown; b?: unknown } | null;
        const w = result?.w;
        if (!(w instanceof NDArray)) return malformed(said("training.not-array"));
        const { shape } = w;
        if (shape[0] !== XTrain.shape[0] || shape[1] !== 1)
          return malformed(
            said("training.shape", {
              actual: shape.join(","),
              expected: `${XTrain.shape[0]},1`,
            }),
          );
        if (typeof result?.b !== "number") return malformed(said("training.not-number"));
        let accuracy: number;
        try {
          const predictions = logistic(reference).predict(w, result.b, XTrain);
          accuracy = np.mean(np.equal(predictions, YTrain));
        } catch {
          return malformed();
        }
        if (accuracy >= minimum) return null;
        const majority = Math.max(np.mean(YTrain), 1 - np.mean(YTrain));
        return {
          message: said("training.below", {
            percent: (100 * accuracy).toFixed(2),
            minimum: (100 * minimum).toFixed(0),
          }),
          hint: said(accuracy <= majority + 0.02 ? "training.majority" : "training.not-enough"),
          details: { accuracy, minAccuracy: minimum },
        };
      },
    },
  },
  sessionChecks: {
    gradientVsReference: {
      inputs: (context) => {
        const { w, b, X, Y } = randomProblem(context);
        return wire(w, b, X, Y);
      },
      expected: ([w, b, X, Y], reference) =>
        numericGradients(w as NDArray, b as number, X as NDArray, Y as NDArray, reference),
    },
  },
};
