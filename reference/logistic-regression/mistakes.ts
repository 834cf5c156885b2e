/**
 * The logistic-regression library of known mistakes: the ones learners of the course really make
 * (from its forum threads and public notebooks: the cost left an array, m from the wrong axis,
 * the update's sign, optimize called with its defaults, the probabilities returned as
 * predictions), each a variant of one reference function with a short name and the sentence that
 * tells the learner what to change. The grader names a mistake only when its output reproduces the
 * learner's on the test's inputs (grader/checks/mistakes.ts).
 *
 * Most functions are written once as a `variant` with switchable faults (a fault is the name of a
 * mistake without an `output` of its own), so that two faults can be made together, as learners
 * do (dw and db both without 1/m). Reference code: never shipped to learners.
 */
import { type NDArray, np } from "../../assignments/lib/np.ts";
import type * as Model from "../../assignments/logistic-regression/model.ts";
import type { FunctionCases, Reference } from "../../grader/core/assignment.ts";

type Library = Pick<FunctionCases, "mistakes" | "variant">;
type Logistic = typeof Model;
const logistic = (reference: Reference) => reference as unknown as Logistic;

const sigmoid = (z: NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));

/** The mistake of name `name`, made by the variant: no output of its own. */
const fault = (name: string, hint: string) => ({ name, hint });

const sigmoidMistakes: Library = {
  mistakes: [
    fault(
      "σ(−z) for σ(z)",
      "this is 1 − σ(z) = σ(−z): the sign of the exponent is flipped; σ(z) = 1 / (1 + e^(−z))",
    ),
    fault("sigmoid with 1 − e^(−z)", "the denominator is 1 + e^(−z), not 1 − e^(−z)"),
    fault(
      "sigmoid without the reciprocal",
      "this is 1 + e^(−z): the sigmoid is one over it, 1 / (1 + e^(−z))",
    ),
    {
      name: "tanh for sigmoid",
      hint: "this is tanh(z); the sigmoid is 1 / (1 + e^(−z))",
      output: ([z]) => np.tanh(z as NDArray),
    },
  ],
  variant: (faults, [z]) => {
    const exponent = faults.has("σ(−z) for σ(z)") ? (z as NDArray) : np.negative(z as NDArray);
    const e = np.exp(exponent);
    const denominator = faults.has("sigmoid with 1 − e^(−z)") ? np.subtract(1, e) : np.add(1, e);
    return faults.has("sigmoid without the reciprocal") ? denominator : np.divide(1, denominator);
  },
};

const initializeMistakes: Library = {
  mistakes: [
    fault(
      "w as a row",
      "w is a column, one weight per feature: np.zeros([dim, 1]), not np.zeros([1, dim])",
    ),
    fault(
      "b as an array",
      "b is a number, 0, not a (1,1) array: a number keeps every later shape as the equations say",
    ),
  ],
  variant: (faults, [dim]) => ({
    w: np.zeros(faults.has("w as a row") ? [1, dim as number] : [dim as number, 1]),
    b: faults.has("b as an array") ? np.zeros([1, 1]) : 0,
  }),
};

const propagateMistakes: Library = {
  mistakes: [
    fault("A without b", "A = σ(wᵀ·X + b): the bias b is missing"),
    fault(
      "m from the rows of X",
      "m is the number of examples, X.shape[1] (columns); X.shape[0] is the number of features",
    ),
    fault("cost sign flipped", "the sign is flipped: cost = −(1/m) Σ (…)"),
    fault("cost without 1/m", "divide the cost's sum by m, the number of examples"),
    fault("log(A) in both terms", "the second term is (1 − Y)·log(1 − A): log of 1 − A, not of A"),
    fault("log(1 − A) in both terms", "the first term is Y·log(A): log of A, not of 1 − A"),
    fault(
      "(Y − 1) for (1 − Y)",
      "np.subtract(a, b) is a − b: the second term's 1 − Y is np.subtract(1, Y); np.subtract(Y, 1) is Y − 1, which flips that term's sign",
    ),
    fault("(1 − Y)·log(1 − A) term missing", "the (1 − Y)·log(1 − A) term is missing"),
    fault("cost with log10", "the cost uses the natural logarithm, np.log, not np.log10"),
    fault(
      "cost left an array",
      "the cost is a number: sum every entry (np.sum without an axis), as numpy's np.squeeze would leave it",
    ),
    fault("dw without 1/m", "dw = (1/m)·X·(A − Y)ᵀ: divide by m"),
    fault("db without 1/m", "db = (1/m)·Σ (A − Y): divide by m"),
    fault(
      "dw with Y − A",
      "dw is (1/m)·X·(A − Y)ᵀ: A − Y, not Y − A, or gradient descent climbs the cost",
    ),
    fault(
      "db with Y − A",
      "db is (1/m)·Σ (A − Y): A − Y, not Y − A, or gradient descent climbs the cost",
    ),
    fault(
      "db left an array",
      "db is a number: np.sum(A − Y) without an axis, divided by m, not a (1,1) array",
    ),
    fault("dw from A alone", "dw = (1/m)·X·(A − Y)ᵀ: the labels Y are missing, it is A − Y"),
  ],
  variant: (faults, [w, b, X, Y]) => {
    const [x, y] = [X as NDArray, Y as NDArray];
    const m = x.shape[faults.has("m from the rows of X") ? 0 : 1];
    const z = np.dot((w as NDArray).T, x);
    const A = sigmoid(faults.has("A without b") ? z : np.add(z, b as number));
    const log = (v: NDArray) =>
      faults.has("cost with log10") ? np.divide(np.log(v), Math.LN10) : np.log(v);
    const first = np.multiply(
      y,
      log(faults.has("log(1 − A) in both terms") ? np.subtract(1, A) : A),
    );
    const second = faults.has("(1 − Y)·log(1 − A) term missing")
      ? np.zerosLike(A)
      : np.multiply(
          faults.has("(Y − 1) for (1 − Y)") ? np.subtract(y, 1) : np.subtract(1, y),
          log(faults.has("log(A) in both terms") ? A : np.subtract(1, A)),
        );
    const summed = faults.has("cost left an array")
      ? np.sum(np.add(first, second), 1, true)
      : np.sum(np.add(first, second));
    const signed = faults.has("cost sign flipped") ? summed : negated(summed);
    const cost = faults.has("cost without 1/m") ? signed : divided(signed, m);
    const error = (flip: boolean) => (flip ? np.subtract(y, A) : np.subtract(A, y));
    const dwError = faults.has("dw from A alone") ? A : error(faults.has("dw with Y − A"));
    const dwSum = np.dot(x, dwError.T);
    const dw = faults.has("dw without 1/m") ? dwSum : np.divide(dwSum, m);
    const dbError = error(faults.has("db with Y − A"));
    const dbSum = faults.has("db left an array") ? np.sum(dbError, 1, true) : np.sum(dbError);
    const db = faults.has("db without 1/m") ? dbSum : divided(dbSum, m);
    return { grads: { dw, db }, cost };
  },
};

/** A sum negated or divided: a number stays a number, an array (a fault that leaves one) an array. */
const negated = (x: NDArray | number) => (typeof x === "number" ? -x : np.negative(x));
const divided = (x: NDArray | number, d: number) =>
  typeof x === "number" ? x / d : np.divide(x, d);

const optimizeMistakes: Library = {
  mistakes: [
    fault(
      "update with + for −",
      "gradient descent steps against the gradient: w = w − learningRate·dw (and b likewise), not +",
    ),
    fault(
      "update without the learning rate",
      "the step is learningRate·dw: multiply the gradients by the learning rate",
    ),
    fault("b not updated", "b is learned too: b = b − learningRate·db at every iteration"),
    fault(
      "costs recorded every iteration",
      "record the cost only every 100th iteration (i % 100 === 0), as the course does",
    ),
    fault(
      "costs recorded after the update",
      "costs[i/100] is the cost at iteration i, the cost propagate returns before that iteration's update",
    ),
  ],
  variant: (faults, [w0, b0, X, Y, numIterations = 100, learningRate = 0.009], reference) => {
    const { propagate } = logistic(reference);
    let w = w0 as NDArray;
    let b = b0 as number;
    const [x, y] = [X as NDArray, Y as NDArray];
    const rate = faults.has("update without the learning rate") ? 1 : (learningRate as number);
    const sign = faults.has("update with + for −") ? -1 : 1;
    const costs: number[] = [];
    let grads: Model.Gradients = { dw: np.zerosLike(w), db: 0 };
    for (let i = 0; i < (numIterations as number); i++) {
      const step = propagate(w, b, x, y);
      grads = step.grads;
      w = np.subtract(w, np.multiply(sign * rate, grads.dw));
      if (!faults.has("b not updated")) b = b - sign * rate * grads.db;
      const recorded = faults.has("costs recorded every iteration") || i % 100 === 0;
      if (recorded)
        costs.push(
          faults.has("costs recorded after the update") ? propagate(w, b, x, y).cost : step.cost,
        );
    }
    return { params: { w, b }, grads, costs };
  },
};

const predictMistakes: Library = {
  mistakes: [
    fault(
      "threshold on wᵀx + b",
      "compare the probability A = σ(wᵀ·X + b) with 0.5, not wᵀ·X + b itself",
    ),
    fault("predict without b", "A = σ(wᵀ·X + b): the bias b is missing"),
    fault("threshold at 0", "A is a probability: the threshold is 0.5, not 0"),
    fault(
      "probabilities returned",
      "these are the probabilities A; the predictions are 1 where A > 0.5, else 0",
    ),
  ],
  variant: (faults, [w, b, X]) => {
    const z = np.dot((w as NDArray).T, X as NDArray);
    const scores = faults.has("predict without b") ? z : np.add(z, b as number);
    const A = faults.has("threshold on wᵀx + b") ? scores : sigmoid(scores);
    if (faults.has("probabilities returned")) return A;
    return np.where(np.greater(A, faults.has("threshold at 0") ? 0 : 0.5), 1, 0);
  },
};

const modelMistakes: Library = {
  mistakes: [
    fault(
      "optimize called with its defaults",
      "pass numIterations and learningRate on to optimize: its defaults (100 and 0.009) are not the ones model was given",
    ),
    fault(
      "test predictions made on the training set",
      "yPredictionTest is predict(w, b, XTest): the test pictures, not the training ones",
    ),
    fault(
      "predictions with the initial parameters",
      "predict with the w and b that optimize learned (params.w, params.b), not the zeros it started from",
    ),
    fault(
      "w sized by the examples",
      "w has one weight per feature: initializeWithZeros(XTrain.shape[0]), the rows of XTrain, not XTrain.shape[1], its columns, one per picture",
    ),
  ],
  variant: (faults, [XTrain, YTrain, XTest, , options], reference) => {
    const { initializeWithZeros, optimize, predict } = logistic(reference);
    const { numIterations = 2000, learningRate = 0.5 } = (options ?? {}) as Model.ModelOptions;
    const features = (XTrain as NDArray).shape[faults.has("w sized by the examples") ? 1 : 0];
    const start = initializeWithZeros(features);
    const settings = faults.has("optimize called with its defaults")
      ? []
      : [numIterations, learningRate];
    const { params, costs } = (optimize as (...args: unknown[]) => ReturnType<typeof optimize>)(
      start.w,
      start.b,
      XTrain,
      YTrain,
      ...settings,
    );
    const used = faults.has("predictions with the initial parameters") ? start : params;
    const testSet = faults.has("test predictions made on the training set") ? XTrain : XTest;
    return {
      costs,
      yPredictionTest: predict(used.w, used.b, testSet as NDArray),
      yPredictionTrain: predict(used.w, used.b, XTrain as NDArray),
      w: params.w,
      b: params.b,
      learningRate,
      numIterations,
    };
  },
};

/** The library, by function. */
export const mistakes: Record<string, Library> = {
  sigmoid: sigmoidMistakes,
  initializeWithZeros: initializeMistakes,
  propagate: propagateMistakes,
  optimize: optimizeMistakes,
  predict: predictMistakes,
  model: modelMistakes,
};
