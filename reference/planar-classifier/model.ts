/**
 * Planar data classification with one hidden layer.
 *
 * A neural network with a tanh hidden layer and a sigmoid output learns to separate two classes of
 * points in the plane. Shapes: X is (nX, m) with one example per column, Y is (nY, m) of 0 and 1.
 *
 * In each function, replace the TODO and the `throw` with your code; the doc comment above the
 * function says what to compute. Each function is graded on its own, with inputs from the
 * reference solution; when your instructor grades, the other functions it calls are the
 * reference's too. So a mistake in one costs that function's points only, and the end-to-end
 * test's, which trains with all of your own functions.
 */
import { type NDArray, np, type RandomState } from "gradecheck/np";

/** Sizes of the three layers. */
export interface LayerSizes {
  /** Input size: rows of X. */
  nX: number;
  /** Hidden layer size. */
  nH: number;
  /** Output size: rows of Y. */
  nY: number;
}

/** The network's weights and biases. */
export interface Parameters {
  /** (nH, nX) */
  W1: NDArray;
  /** (nH, 1) */
  b1: NDArray;
  /** (nY, nH) */
  W2: NDArray;
  /** (nY, 1) */
  b2: NDArray;
}

/** What forward propagation computes, kept for backward propagation. Each is (rows, m). */
export interface Cache {
  Z1: NDArray;
  A1: NDArray;
  Z2: NDArray;
  A2: NDArray;
}

/** Gradients of the cost with respect to each parameter; each has its parameter's shape. */
export interface Gradients {
  dW1: NDArray;
  db1: NDArray;
  dW2: NDArray;
  db2: NDArray;
}

export interface TrainingOptions {
  /** Gradient descent steps. Default 10000. */
  numIterations?: number;
  /** Step size of gradient descent. Default 1.2. */
  learningRate?: number;
  /** Seed of the generator that initializes the weights. Default 2. */
  seed?: number;
  /** Print the cost every 1000 iterations. Default false. */
  printCost?: boolean;
}

/**
 * The sigmoid function, entry by entry: σ(z) = 1 / (1 + e^(−z)).
 *
 * Shapes: z is any (r, c) array; the result has the same shape.
 * numpy: `1 / (1 + np.exp(-z))`
 */
export function sigmoid(z: NDArray): NDArray {
  // BEGIN SOLUTION
  return np.divide(1, np.add(1, np.exp(np.negative(z))));
  // END SOLUTION
}

/**
 * The sizes of the layers: nX is the number of rows of X (input features), nY the number of rows
 * of Y (outputs), and the hidden layer has nH = 4 units.
 *
 * Shapes: X is (nX, m), Y is (nY, m).
 */
export function layerSizes(X: NDArray, Y: NDArray): LayerSizes {
  // BEGIN SOLUTION
  return { nX: X.shape[0], nH: 4, nY: Y.shape[0] };
  // END SOLUTION
}

/**
 * Small random weights and zero biases:
 * W1 = randn(nH, nX)·scale, b1 = zeros (nH, 1), W2 = randn(nY, nH)·scale, b2 = zeros (nY, 1).
 *
 * Draw W1 first, then W2, both from `rng` (`rng.randn(rows, cols)`), so that the same seed gives
 * the same weights as numpy's `np.random.seed(seed)`. Random weights break the symmetry between
 * hidden units; zero biases are fine.
 */
export function initializeParameters(
  nX: number,
  nH: number,
  nY: number,
  rng: RandomState,
  scale = 0.001,
): Parameters {
  // BEGIN SOLUTION
  const W1 = np.multiply(rng.randn(nH, nX), scale);
  const b1 = np.zeros([nH, 1]);
  const W2 = np.multiply(rng.randn(nY, nH), scale);
  const b2 = np.zeros([nY, 1]);
  return { W1, b1, W2, b2 };
  // END SOLUTION
}

/**
 * Forward propagation:
 * Z1 = W1·X + b1, A1 = tanh(Z1), Z2 = W2·A1 + b2, A2 = σ(Z2).
 *
 * Shapes: X is (nX, m); Z1 and A1 are (nH, m); Z2 and A2 are (nY, m).
 * Returns A2 and the cache { Z1, A1, Z2, A2 } that backward propagation needs.
 */
export function forwardPropagation(
  X: NDArray,
  parameters: Parameters,
): { A2: NDArray; cache: Cache } {
  const { W1, b1, W2, b2 } = parameters;
  // BEGIN SOLUTION
  const Z1 = np.add(np.dot(W1, X), b1);
  const A1 = np.tanh(Z1);
  const Z2 = np.add(np.dot(W2, A1), b2);
  const A2 = sigmoid(Z2);
  return { A2, cache: { Z1, A1, Z2, A2 } };
  // END SOLUTION
}

/**
 * The cross-entropy cost, a number:
 * J = −(1/m) Σ ( y·log(a) + (1 − y)·log(1 − a) ), summed over every entry of A2 and Y.
 *
 * Shapes: A2 and Y are (nY, m); m is the number of examples (columns).
 */
export function computeCost(A2: NDArray, Y: NDArray): number {
  const m = Y.shape[1];
  // BEGIN SOLUTION
  const logprobs = np.add(
    np.multiply(np.log(A2), Y),
    np.multiply(np.log(np.subtract(1, A2)), np.subtract(1, Y)),
  );
  return -np.sum(logprobs) / m;
  // END SOLUTION
}

/**
 * Backward propagation: the gradient of the cost with respect to each parameter.
 *
 *     dZ2 = A2 − Y
 *     dW2 = (1/m) dZ2·A1ᵀ          db2 = (1/m) Σ over columns of dZ2   (keep it a column)
 *     dZ1 = (W2ᵀ·dZ2) ∗ (1 − A1²)   (∗ is entry by entry; 1 − A1² is tanh's derivative)
 *     dW1 = (1/m) dZ1·Xᵀ           db1 = (1/m) Σ over columns of dZ1   (keep it a column)
 *
 * Shapes: each gradient has the shape of its parameter. `np.sum(dZ2, 1, true)` sums each row and
 * keeps a (rows, 1) column, like numpy's `np.sum(dZ2, axis=1, keepdims=True)`.
 */
export function backwardPropagation(
  parameters: Parameters,
  cache: Cache,
  X: NDArray,
  Y: NDArray,
): Gradients {
  const m = X.shape[1];
  const { W2 } = parameters;
  const { A1, A2 } = cache;
  // BEGIN SOLUTION
  const dZ2 = np.subtract(A2, Y);
  const dW2 = np.divide(np.dot(dZ2, A1.T), m);
  const db2 = np.divide(np.sum(dZ2, 1, true), m);
  const dZ1 = np.multiply(np.dot(W2.T, dZ2), np.subtract(1, np.power(A1, 2)));
  const dW1 = np.divide(np.dot(dZ1, X.T), m);
  const db1 = np.divide(np.sum(dZ1, 1, true), m);
  return { dW1, db1, dW2, db2 };
  // END SOLUTION
}

/**
 * One step of gradient descent: θ ← θ − learningRate·dθ for each of W1, b1, W2, b2.
 *
 * Return new parameters; do not change the ones you are given.
 */
export function updateParameters(
  parameters: Parameters,
  grads: Gradients,
  learningRate = 1.2,
): Parameters {
  // BEGIN SOLUTION
  return {
    W1: np.subtract(parameters.W1, np.multiply(learningRate, grads.dW1)),
    b1: np.subtract(parameters.b1, np.multiply(learningRate, grads.db1)),
    W2: np.subtract(parameters.W2, np.multiply(learningRate, grads.dW2)),
    b2: np.subtract(parameters.b2, np.multiply(learningRate, grads.db2)),
  };
  // END SOLUTION
}

/**
 * The whole model: take nX and nY from `layerSizes` (use the nH given here), initialize with a
 * generator seeded by `seed` (`np.random.seed(seed)`), then repeat `numIterations` times:
 * forward propagation, cost, backward propagation, update. `costs[i]` is the cost at iteration i.
 * With `printCost`, print `Cost after iteration i: <cost>` every 1000 iterations.
 */
export function nnModel(
  X: NDArray,
  Y: NDArray,
  nH: number,
  { numIterations = 10000, learningRate = 1.2, seed = 2, printCost = false }: TrainingOptions = {},
): { parameters: Parameters; costs: number[] } {
  // BEGIN SOLUTION
  const { nX, nY } = layerSizes(X, Y);
  let parameters = initializeParameters(nX, nH, nY, np.random.seed(seed));
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const { A2, cache } = forwardPropagation(X, parameters);
    const cost = computeCost(A2, Y);
    costs.push(cost);
    const grads = backwardPropagation(parameters, cache, X, Y);
    parameters = updateParameters(parameters, grads, learningRate);
    if (printCost && i % 1000 === 0) console.log(`Cost after iteration ${i}: ${cost}`);
  }
  return { parameters, costs };
  // END SOLUTION
}

/**
 * Predictions: 1 where the network's output A2 is above 0.5, else 0.
 *
 * Shapes: X is (nX, m); the result is (1, m) of 0 and 1. `np.greater` or `np.where` helps.
 */
export function predict(parameters: Parameters, X: NDArray): NDArray {
  // BEGIN SOLUTION
  const { A2 } = forwardPropagation(X, parameters);
  return np.where(np.greater(A2, 0.5), 1, 0);
  // END SOLUTION
}
