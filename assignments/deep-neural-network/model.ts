/**
 * A deep neural network, step by step.
 *
 * L layers: L − 1 layers of ReLU units, then one sigmoid unit, for any number of layers and any
 * sizes. You build it from small steps (a linear step, an activation, a layer, the whole forward
 * pass; the same backwards), then train it with gradient descent. Shapes: X is (nX, m) with one
 * example per column, Y is (1, m) of 0 and 1.
 *
 * In each function, replace the TODO and the `throw` with your code; the doc comment above the
 * function says what to compute. Each function is graded on its own, with inputs from the
 * reference solution; when your instructor grades, the other functions it calls are the
 * reference's too. So a mistake in one costs that function's points only, and the end-to-end
 * test's, which trains with all of your own functions.
 */
import { type NDArray, NotImplementedError, np, type RandomState } from "gradecheck/np";

/** Weights and biases by layer: W1, b1, …, WL, bL. Wl is (n_l, n_{l−1}), bl is (n_l, 1). */
export type Parameters = Record<string, NDArray>;

/** What the linear step keeps for its backward step. */
export interface LinearCache {
  A: NDArray;
  W: NDArray;
  b: NDArray;
}

/** What a layer keeps for its backward step: its linear step's cache and its Z. */
export interface LayerCache {
  linearCache: LinearCache;
  activationCache: NDArray;
}

export type Activation = "relu" | "sigmoid";

/** A layer's gradients: of the cost with respect to its input A_{l−1}, its W and its b. */
export interface LayerGradients {
  dAPrev: NDArray;
  dW: NDArray;
  db: NDArray;
}

/** Gradients by name: dA0 … dA{L−1}, dW1 … dWL, db1 … dbL. Each has the shape of its array. */
export type Gradients = Record<string, NDArray>;

export interface TrainingOptions {
  /** Step size of gradient descent. Default 0.0075. */
  learningRate?: number;
  /** Gradient descent steps. Default 3000. */
  numIterations?: number;
  /** Seed of the generator that initializes the weights. Default 1. */
  seed?: number;
  /** Print the cost every 100 iterations. Default false. */
  printCost?: boolean;
}

/** The sigmoid, entry by entry: 1 / (1 + e^(−z)). Given: not graded. */
export function sigmoid(z: NDArray): NDArray {
  return np.divide(1, np.add(1, np.exp(np.negative(z))));
}

/** The ReLU, entry by entry: max(0, z). Given: not graded. */
export function relu(z: NDArray): NDArray {
  return np.maximum(z, 0);
}

/**
 * Random weights and zero biases for layers of sizes layerDims = [n_0, n_1, …, n_L] (n_0 = nX):
 * for l = 1 … L, Wl = randn(n_l, n_{l−1}) / √n_{l−1} and bl = zeros (n_l, 1).
 *
 * Draw W1 first, then W2, and so on, each from `rng` (`rng.randn(rows, cols)`), so that the same
 * seed gives the same weights as numpy's `np.random.seed(seed)`. Dividing by √n_{l−1} keeps each
 * layer's Z of order 1 however wide the layer before it (the course's deep application does so).
 */
export function initializeParametersDeep(layerDims: number[], rng: RandomState): Parameters {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("initializeParametersDeep");
}

/**
 * The linear step of a layer: Z = W·A + b.
 *
 * Shapes: A is (n_{l−1}, m), W is (n_l, n_{l−1}), b is (n_l, 1); Z is (n_l, m). Returns Z and the
 * cache { A, W, b } for the backward step.
 */
export function linearForward(
  A: NDArray,
  W: NDArray,
  b: NDArray,
): { Z: NDArray; cache: LinearCache } {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("linearForward");
}

/**
 * A whole layer: the linear step, then the activation, A = g(Z), with g the ReLU or the sigmoid
 * (`relu` and `sigmoid` above).
 *
 * Returns A and the cache { linearCache, activationCache: Z } for the backward step.
 */
export function linearActivationForward(
  APrev: NDArray,
  W: NDArray,
  b: NDArray,
  activation: Activation,
): { A: NDArray; cache: LayerCache } {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("linearActivationForward");
}

/**
 * The forward pass: layers 1 … L − 1 with ReLU, then layer L with the sigmoid, each taking the
 * layer before's A (A0 = X). The number of layers is the number of W's in `parameters`.
 *
 * Returns AL, (1, m), and the caches of the layers in order, caches[l − 1] for layer l.
 */
export function lModelForward(
  X: NDArray,
  parameters: Parameters,
): { AL: NDArray; caches: LayerCache[] } {
  const L = Object.keys(parameters).filter((k) => k.startsWith("W")).length;
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("lModelForward");
}

/**
 * The cross-entropy cost, a number: J = −(1/m) Σ ( y·log(a) + (1 − y)·log(1 − a) ).
 *
 * Shapes: AL and Y are (1, m).
 */
export function computeCost(AL: NDArray, Y: NDArray): number {
  const m = Y.shape[1];
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("computeCost");
}

/**
 * The linear step backwards, from dZ and the cache { A: A_{l−1}, W, b }:
 *
 *     dW = (1/m) dZ·A_{l−1}ᵀ     db = (1/m) Σ over columns of dZ (a column)     dA_{l−1} = Wᵀ·dZ
 */
export function linearBackward(dZ: NDArray, cache: LinearCache): LayerGradients {
  const { A: APrev, W } = cache;
  const m = APrev.shape[1];
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("linearBackward");
}

/**
 * A whole layer backwards: dZ = dA ∗ g′(Z) (∗ entry by entry), then the linear step backwards.
 * For the ReLU, g′(Z) is 1 where Z > 0 and 0 elsewhere; for the sigmoid, s·(1 − s) with s = σ(Z).
 */
export function linearActivationBackward(
  dA: NDArray,
  cache: LayerCache,
  activation: Activation,
): LayerGradients {
  const { linearCache, activationCache: Z } = cache;
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("linearActivationBackward");
}

/**
 * The backward pass, from the last layer to the first:
 *
 *     dAL = −( Y / AL − (1 − Y) / (1 − AL) )
 *
 * then layer L backwards with the sigmoid, and layers L − 1 … 1 with the ReLU, each from the dA
 * the layer after it gave. Returns every gradient by name: dW{l} and db{l} for each layer l, and
 * dA{l−1}, the gradient layer l gives its input (dA0 for X).
 */
export function lModelBackward(AL: NDArray, Y: NDArray, caches: LayerCache[]): Gradients {
  const L = caches.length;
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("lModelBackward");
}

/**
 * One step of gradient descent for every layer: Wl ← Wl − learningRate·dWl, bl ← bl −
 * learningRate·dbl, l = 1 … L. Return new parameters; do not change the ones you are given.
 */
export function updateParameters(
  parameters: Parameters,
  grads: Gradients,
  learningRate: number,
): Parameters {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("updateParameters");
}

/**
 * The whole model: initialize with a generator seeded by `seed` (`np.random.seed(seed)`), then
 * `numIterations` times: forward pass, cost, backward pass, update. Record the cost of every
 * 100th iteration (i = 0, 100, 200, …) in `costs`; with `printCost`, also print
 * `Cost after iteration i: <cost>` then.
 */
export function lLayerModel(
  X: NDArray,
  Y: NDArray,
  layersDims: number[],
  {
    learningRate = 0.0075,
    numIterations = 3000,
    seed = 1,
    printCost = false,
  }: TrainingOptions = {},
): { parameters: Parameters; costs: number[] } {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("lLayerModel");
}
