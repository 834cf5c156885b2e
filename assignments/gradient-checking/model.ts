/**
 * Gradient checking.
 *
 * Backpropagation is easy to get subtly wrong, and a wrong gradient still trains, badly. Gradient
 * checking tells: it compares the gradients your backward pass computes with numeric ones, from
 * the definition of a derivative,
 *
 *     ∂J/∂θ ≈ (J(θ + ε) − J(θ − ε)) / (2ε),
 *
 * and reports their relative difference ‖grad − gradApprox‖ / (‖grad‖ + ‖gradApprox‖). You write
 * it first for a one-dimensional J(θ) = θx, then for a 3-layer network (LINEAR → RELU → LINEAR →
 * RELU → LINEAR → SIGMOID), whose backward pass you are handed with bugs in it: your checker
 * finds them, and you fix them.
 *
 * In each function, replace the TODO and the `throw` with your code; the doc comment above the
 * function says what to compute. Each function is graded on its own, with inputs from the
 * reference solution; when your instructor grades, the other functions it calls are the
 * reference's too. So a mistake in one costs that function's points only, and the end-to-end
 * test's, which runs your checker with all of your own functions.
 */
import { type NDArray, NotImplementedError, np } from "gradecheck/np";

/** The 3-layer network's weights and biases: W1, b1, W2, b2, W3, b3. Wl is (n_l, n_{l−1}). */
export type Parameters = Record<string, NDArray>;

/** What the forward pass keeps for the backward pass, layer by layer. */
export interface Cache {
  Z1: NDArray;
  A1: NDArray;
  W1: NDArray;
  b1: NDArray;
  Z2: NDArray;
  A2: NDArray;
  W2: NDArray;
  b2: NDArray;
  Z3: NDArray;
  A3: NDArray;
  W3: NDArray;
  b3: NDArray;
}

/** Gradients by name: dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1. */
export type Gradients = Record<string, NDArray>;

/** Above this difference, a gradient check says the backward pass has a mistake (the course's). */
export const THRESHOLD = 2e-7;

/** The sigmoid, entry by entry: 1 / (1 + e^(−z)). Given: not graded. */
export function sigmoid(z: NDArray): NDArray {
  return np.divide(1, np.add(1, np.exp(np.negative(z))));
}

/** The ReLU, entry by entry: max(0, z). Given: not graded. */
export function relu(z: NDArray): NDArray {
  return np.maximum(z, 0);
}

/** The one-dimensional "network": J(θ) = θ·x, a number. */
export function forwardPropagation(x: number, theta: number): number {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("forwardPropagation");
}

/** Its derivative with respect to θ, computed by hand: dJ/dθ = x. */
export function backwardPropagation(x: number, theta: number): number {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("backwardPropagation");
}

/**
 * Checks backwardPropagation against the numeric derivative of forwardPropagation at θ:
 *
 *     gradApprox = (J(θ + ε) − J(θ − ε)) / (2ε)      grad = backwardPropagation(x, θ)
 *     difference = |grad − gradApprox| / (|grad| + |gradApprox|)
 *
 * Returns the difference. With printMsg, also prints the verdict: "Your backward propagation works
 * perfectly fine! difference = …" when difference ≤ 2e-7 (THRESHOLD), else "There is a mistake in
 * the backward propagation! difference = …".
 */
export function gradientCheck(x: number, theta: number, epsilon = 1e-7, printMsg = false): number {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("gradientCheck");
}

/**
 * All the arrays of `dictionary` as one column, layer by layer: W1, b1, W2, b2, …, each array's
 * entries row after row (np.reshape(W1, [-1, 1])), as many layers as there are W's. With a prefix,
 * the arrays named with it: dictionaryToVector(gradients, "d") stacks dW1, db1, dW2, db2, ….
 *
 * Shape: (n, 1), n the number of entries of all the arrays together.
 */
export function dictionaryToVector(dictionary: Record<string, NDArray>, prefix = ""): NDArray {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("dictionaryToVector");
}

/**
 * The inverse of dictionaryToVector: the column theta cut back into W1, b1, W2, b2, …, each of
 * the shape of the array of the same name in `like` (the parameters theta came from).
 */
export function vectorToDictionary(theta: NDArray, like: Parameters): Parameters {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("vectorToDictionary");
}

/**
 * The 3-layer network's forward pass and cost:
 *
 *     Z1 = W1·X + b1, A1 = relu(Z1);  Z2 = W2·A1 + b2, A2 = relu(Z2);  Z3 = W3·A2 + b3, A3 = σ(Z3)
 *     cost = (1/m) Σ ( −log(A3)·Y − log(1 − A3)·(1 − Y) )
 *
 * Shapes: X is (n_0, m) with one example per column, Y is (1, m) of 0 and 1. Returns the cost, a
 * number, and the cache { Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 }.
 */
export function forwardPropagationN(
  X: NDArray,
  Y: NDArray,
  parameters: Parameters,
): { cost: number; cache: Cache } {
  const m = X.shape[1];
  const { W1, b1, W2, b2, W3, b3 } = parameters as Record<string, NDArray>;
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("forwardPropagationN");
}

/**
 * The 3-layer network's backward pass, from the cache of forwardPropagationN: the gradients of
 * the cost, dZ3 = A3 − Y, then each layer's dW = (1/m) dZ·A_prevᵀ, db = (1/m) Σ over columns of
 * dZ, dA_prev = Wᵀ·dZ, and through each ReLU dZ = dA ∗ (A > 0).
 *
 * You are handed this function written, with mistakes in it, as the course hands it out: run
 * your gradientCheckN on it, see it fail, find the mistakes and fix them.
 */
export function backwardPropagationN(X: NDArray, Y: NDArray, cache: Cache): Gradients {
  const m = X.shape[1];
  const { A1, W2, A2, W3, A3 } = cache;
  const dZ3 = np.subtract(A3, Y);
  const dW3 = np.multiply(1 / m, np.dot(dZ3, A2.T));
  const db3 = np.multiply(1 / m, np.sum(dZ3, 1, true));
  const dA2 = np.dot(W3.T, dZ3);
  const dZ2 = np.multiply(dA2, np.greater(A2, 0));
  const dW2 = np.multiply(2 / m, np.dot(dZ2, A1.T));
  const db2 = np.multiply(1 / m, np.sum(dZ2, 1, true));
  const dA1 = np.dot(W2.T, dZ2);
  const dZ1 = np.multiply(dA1, np.greater(A1, 0));
  const dW1 = np.multiply(1 / m, np.dot(dZ1, X.T));
  const db1 = np.multiply(4 / m, np.sum(dZ1, 1, true));
  return { dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 };
}

/**
 * Checks a backward pass's gradients against numeric ones, entry by entry of the parameters:
 * for each i, θ⁺ and θ⁻ are the parameters as one column (dictionaryToVector) with entry i moved
 * by +ε and by −ε (on copies), J⁺ and J⁻ the costs of forwardPropagationN at them
 * (vectorToDictionary(θ⁺, parameters)), and gradApprox[i] = (J⁺ − J⁻) / (2ε). Then, with grad the
 * gradients as one column (dictionaryToVector(gradients, "d")),
 *
 *     difference = ‖grad − gradApprox‖ / (‖grad‖ + ‖gradApprox‖)      (np.linalg.norm)
 *
 * Returns the difference. With printMsg, also prints the verdict, in gradientCheck's words.
 */
export function gradientCheckN(
  parameters: Parameters,
  gradients: Gradients,
  X: NDArray,
  Y: NDArray,
  epsilon = 1e-7,
  printMsg = false,
): number {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("gradientCheckN");
}
