/**
 * Logistic regression with a neural-network mindset.
 *
 * A single sigmoid unit learns to tell two classes of pictures apart: each picture is a column of
 * X (its pixels, in [0, 1]), its label 1 or 0 is in Y. The steps are those of every network of the
 * course: initialize, propagate (forward to the cost, backward to the gradients), optimize by
 * gradient descent, predict.
 *
 * In each function, replace the TODO and the `throw` with your code; the doc comment above the
 * function says what to compute. Each function is graded on its own, with inputs from the
 * reference solution; when your instructor grades, the other functions it calls are the
 * reference's too. So a mistake in one costs that function's points only, and the end-to-end
 * test's, which trains with all of your own functions.
 */
import { type NDArray, NotImplementedError, np } from "gradecheck/np";

/** The model's weights and bias. */
export interface Parameters {
  /** (nX, 1): one weight per feature. */
  w: NDArray;
  /** A number. */
  b: number;
}

/** Gradients of the cost: dw has the shape of w, db is a number. */
export interface Gradients {
  dw: NDArray;
  db: number;
}

export interface ModelOptions {
  /** Gradient descent steps. Default 2000. */
  numIterations?: number;
  /** Step size of gradient descent. Default 0.5. */
  learningRate?: number;
  /** Print the cost every 100 iterations. Default false. */
  printCost?: boolean;
}

/** What `model` learned and predicted. */
export interface ModelResult {
  /** The cost every 100 iterations, as `optimize` records it. */
  costs: number[];
  /** Predictions on the test set, (1, m_test). */
  yPredictionTest: NDArray;
  /** Predictions on the training set, (1, m_train). */
  yPredictionTrain: NDArray;
  w: NDArray;
  b: number;
  learningRate: number;
  numIterations: number;
}

/**
 * The sigmoid function, entry by entry: σ(z) = 1 / (1 + e^(−z)).
 *
 * Shapes: z is any (r, c) array; the result has the same shape.
 * numpy: `1 / (1 + np.exp(-z))`
 */
export function sigmoid(z: NDArray): NDArray {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("sigmoid");
}

/**
 * Zero parameters for `dim` features: w a (dim, 1) column of zeros, b the number 0.
 *
 * numpy: `w = np.zeros((dim, 1)); b = 0.0`
 */
export function initializeWithZeros(dim: number): Parameters {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("initializeWithZeros");
}

/**
 * The cost and its gradients, forward then backward:
 *
 *     A = σ(wᵀ·X + b)                                     (1, m)
 *     cost = −(1/m) Σ ( Y·log(A) + (1 − Y)·log(1 − A) )   a number
 *     dw = (1/m) X·(A − Y)ᵀ                               (nX, 1)
 *     db = (1/m) Σ (A − Y)                                a number
 *
 * Shapes: w is (nX, 1), b a number, X is (nX, m), Y is (1, m) of 0 and 1.
 */
export function propagate(
  w: NDArray,
  b: number,
  X: NDArray,
  Y: NDArray,
): { grads: Gradients; cost: number } {
  const m = X.shape[1];
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("propagate");
}

/**
 * Gradient descent: `numIterations` times, propagate, then w ← w − learningRate·dw and
 * b ← b − learningRate·db. Record the cost of every 100th iteration (i = 0, 100, 200, …) in
 * `costs`; with `printCost`, also print `Cost after iteration i: <cost>` then.
 *
 * Returns the learned parameters, the gradients of the last iteration and the costs. Do not change
 * the w you are given.
 */
export function optimize(
  w: NDArray,
  b: number,
  X: NDArray,
  Y: NDArray,
  numIterations = 100,
  learningRate = 0.009,
  printCost = false,
): { params: Parameters; grads: Gradients; costs: number[] } {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("optimize");
}

/**
 * Predictions: 1 where the probability A = σ(wᵀ·X + b) is above 0.5, else 0.
 *
 * Shapes: w is (nX, 1), X is (nX, m); the result is (1, m) of 0 and 1.
 */
export function predict(w: NDArray, b: number, X: NDArray): NDArray {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("predict");
}

/**
 * The whole model: zero parameters for the rows of XTrain (`initializeWithZeros`), `optimize` on
 * the training set with the iterations and learning rate given, then `predict` on both sets.
 * With `printCost`, print the training and test accuracy too.
 */
export function model(
  XTrain: NDArray,
  YTrain: NDArray,
  XTest: NDArray,
  YTest: NDArray,
  { numIterations = 2000, learningRate = 0.5, printCost = false }: ModelOptions = {},
): ModelResult {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("model");
}
