/**
 * The gradient-checking assignment's library of known mistakes: the ones learners of the course
 * really make (from its forum threads and public notebooks: (J⁺ − J⁻) / 2 * ε read as ÷2 then ×ε,
 * a one-sided difference, the norm of the sum in the denominator, θ⁺ changed without np.copy so
 * that every later entry stays moved, the planted bugs of the backward pass left in), each a
 * variant of one reference function with a short name and the sentence that tells the learner what
 * to change. The grader names a mistake only when its output reproduces the learner's on the
 * test's inputs (grader/checks/mistakes.ts).
 *
 * Each function is written once as a `variant` with switchable faults, so that two faults can be
 * made together. The two checkers share their faults' names and sentences: the same mistake in
 * either is told the same way. Reference code: never shipped to learners.
 */

import type * as Model from "../../assignments/gradient-checking/model.ts";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import type { FunctionCases, Reference } from "../../grader/core/assignment.ts";

type Library = Pick<FunctionCases, "mistakes" | "variant">;
type Checking = typeof Model;
const checking = (reference: Reference) => reference as unknown as Checking;

const sigmoid = (z: NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));
const relu = (z: NDArray) => np.maximum(z, 0);

/** The mistake of name `name`, made by the variant: no output of its own. */
const fault = (name: string, hint: string) => ({ name, hint });

/** The faults a checker can have, one-dimensional or not: the same words for both. */
const CHECKER_FAULTS = {
  oneSided: fault(
    "one-sided difference",
    "gradApprox = (J(θ + ε) − J(θ − ε)) / (2ε), the centred difference: (J(θ + ε) − J(θ)) / ε is off by O(ε), not O(ε²)",
  ),
  noTwo: fault(
    "ε in place of 2ε",
    "θ + ε and θ − ε are 2ε apart: divide J⁺ − J⁻ by 2ε, not by ε (gradApprox comes out twice too big)",
  ),
  halfTimesEpsilon: fault(
    "÷ 2 · ε",
    "write (jPlus − jMinus) / (2 * epsilon), brackets included: (jPlus − jMinus) / 2 * epsilon divides by 2 and multiplies by ε",
  ),
  noDenominator: fault(
    "difference not divided",
    "the difference is relative: divide ‖grad − gradApprox‖ by ‖grad‖ + ‖gradApprox‖",
  ),
  gradOnly: fault(
    "divided by ‖grad‖ alone",
    "the denominator is ‖grad‖ + ‖gradApprox‖, both norms, so that the difference lies in [0, 1]",
  ),
  plusTwice: fault(
    "θ − ε written θ + ε",
    "J⁻ is J at θ − ε: with θ + ε twice, J⁺ − J⁻ is 0 and the difference is always 1",
  ),
  fixedEpsilon: fault(
    "ε fixed at 1e-7",
    "use the epsilon the function is given (its argument), not the number 1e-7 written in",
  ),
};

/** Two faults of the n-dimensional checker alone. */
const NORM_OF_SUM = fault(
  "‖grad + gradApprox‖ below",
  "the denominator is ‖grad‖ + ‖gradApprox‖, the sum of the two norms, not the norm of the sum",
);
const NOT_COPIED = fault(
  "θ⁺ not copied",
  "make θ⁺ and θ⁻ from copies, theta.copy(): moving entry i of theta itself leaves it moved for every later entry",
);
const COLUMN_AS_PARAMETERS = fault(
  "θ⁺ given as the parameters",
  "forwardPropagationN takes the parameters by name, W1 … b3: turn the moved column back into them first, forwardPropagationN(X, Y, vectorToDictionary(thetaPlus, parameters))",
);
const GRADIENTS_WITHOUT_PREFIX = fault(
  'gradients flattened without the prefix "d"',
  'the gradients are named dW1, db1, …: dictionaryToVector(gradients, "d"); without the prefix it looks for W1, finds none, and has nothing to put in a column',
);

const forwardMistakes: Library = {
  mistakes: [fault("θ + x", "J(θ) = θ·x, the product of θ and x, not their sum")],
  variant: (faults, [x, theta]) =>
    faults.has("θ + x") ? (theta as number) + (x as number) : (theta as number) * (x as number),
};

const backwardMistakes: Library = {
  mistakes: [
    fault("dθ = θ", "J = θ·x, so dJ/dθ = x: differentiate with respect to θ, which leaves x"),
    fault("dθ = J", "return the derivative dJ/dθ = x, not J = θ·x itself"),
  ],
  variant: (faults, [x, theta]) => {
    if (faults.has("dθ = θ")) return theta as number;
    if (faults.has("dθ = J")) return (x as number) * (theta as number);
    return x as number;
  },
};

/** gradApprox from J⁺ and J⁻ (or J at θ, for the one-sided difference), with the faults made. */
function approximation(
  faults: ReadonlySet<string>,
  J: (shift: number) => number,
  epsilon: number,
): number {
  const eps = faults.has(CHECKER_FAULTS.fixedEpsilon.name) ? 1e-7 : epsilon;
  const jPlus = J(eps);
  if (faults.has(CHECKER_FAULTS.oneSided.name)) return (jPlus - J(0)) / eps;
  const jMinus = J(faults.has(CHECKER_FAULTS.plusTwice.name) ? eps : -eps);
  if (faults.has(CHECKER_FAULTS.noTwo.name)) return (jPlus - jMinus) / eps;
  if (faults.has(CHECKER_FAULTS.halfTimesEpsilon.name)) return ((jPlus - jMinus) / 2) * eps;
  return (jPlus - jMinus) / (2 * eps);
}

/** The difference from the norms, with the faults made. */
function relative(
  faults: ReadonlySet<string>,
  grad: NDArray,
  gradApprox: NDArray,
  norm: (x: NDArray) => number,
): number {
  const numerator = norm(np.subtract(grad, gradApprox));
  if (faults.has(CHECKER_FAULTS.noDenominator.name)) return numerator;
  if (faults.has(CHECKER_FAULTS.gradOnly.name)) return numerator / norm(grad);
  if (faults.has(NORM_OF_SUM.name)) return numerator / norm(np.add(grad, gradApprox));
  return numerator / (norm(grad) + norm(gradApprox));
}

const abs1 = (x: NDArray) => Math.abs(x.item());

const gradientCheckMistakes: Library = {
  mistakes: Object.values(CHECKER_FAULTS),
  variant: (faults, [x, theta, epsilon], reference) => {
    const { forwardPropagation, backwardPropagation } = checking(reference);
    const [xv, t] = [x as number, theta as number];
    const gradApprox = approximation(
      faults,
      (shift) => forwardPropagation(xv, t + shift),
      (epsilon as number | undefined) ?? 1e-7,
    );
    const grad = backwardPropagation(xv, t);
    return relative(faults, np.array([[grad]]), np.array([[gradApprox]]), abs1);
  },
};

/** Layer by layer, the order dictionaryToVector stacks (W1, b1, W2, b2, …). */
const layerNames = (like: Record<string, unknown>, prefix = ""): string[] => {
  const names: string[] = [];
  for (let l = 1; `${prefix}W${l}` in like; l++) names.push(`${prefix}W${l}`, `${prefix}b${l}`);
  return names;
};

const toVectorMistakes: Library = {
  mistakes: [
    fault(
      "column by column",
      "stack each array's entries row after row, np.reshape(W, [-1, 1]), as vectorToDictionary reads them back; W.T flattens it column by column",
    ),
    fault(
      "weights first, then biases",
      "the order is layer by layer: W1, b1, W2, b2, …, not every W and then every b",
    ),
    fault("a row, not a column", "the vector is a column, (n, 1): reshape each array to [-1, 1]"),
    fault(
      "last layer left out",
      "stack every layer, as long as there is a W of that number: the last layer's W and b are missing",
    ),
  ],
  variant: (faults, [dictionary, prefix]) => {
    const d = dictionary as Record<string, NDArray>;
    let names = layerNames(d, (prefix as string | undefined) ?? "");
    if (faults.has("last layer left out")) names = names.slice(0, -2);
    if (faults.has("weights first, then biases"))
      names = [...names.filter((_, k) => k % 2 === 0), ...names.filter((_, k) => k % 2 === 1)];
    const columns = names.map((name) => {
      const a = d[name] as NDArray;
      return np.reshape(faults.has("column by column") ? a.T : a, [-1, 1]);
    });
    const theta = np.concatenate(columns);
    return faults.has("a row, not a column") ? theta.T : theta;
  },
};

const toDictionaryMistakes: Library = {
  mistakes: [
    fault(
      "filled column by column",
      "fill each array row after row, theta.slice(at, at + rows·cols).reshape(rows, cols), the order dictionaryToVector stacks them in",
    ),
    fault(
      "b read before W",
      "read the column layer by layer in the order W1, b1, W2, b2, …: each layer's W comes before its b",
    ),
    fault(
      "every array from the start",
      "move on along the column: each array starts where the one before it ended, not at entry 0",
    ),
  ],
  variant: (faults, [theta, like]) => {
    const shapes = like as Record<string, NDArray>;
    const names = layerNames(shapes);
    const order = faults.has("b read before W")
      ? names.map((_, k) => names[k % 2 === 0 ? k + 1 : k - 1] as string)
      : names;
    const out: Record<string, NDArray> = {};
    let at = 0;
    for (const name of order) {
      const [rows, cols] = (shapes[name] as NDArray).shape;
      const part = (theta as NDArray).slice(at, at + rows * cols);
      out[name] = faults.has("filled column by column")
        ? part.reshape(cols, rows).T.copy()
        : part.reshape(rows, cols);
      if (!faults.has("every array from the start")) at += rows * cols;
    }
    return Object.fromEntries(names.map((name) => [name, out[name]]));
  },
};

const forwardNMistakes: Library = {
  mistakes: [
    fault("cost without 1/m", "the cost is the mean over the m examples: multiply the sum by 1/m"),
    fault(
      "cost of the wrong sign",
      "the cost is −log of the probability of the right label, (1/m) Σ (−log(A3)·Y − log(1 − A3)·(1 − Y)): positive",
    ),
    fault(
      "y = 0 term left out",
      "the cost has a term for each label: −log(1 − A3)·(1 − Y) for the examples of label 0 too",
    ),
    fault(
      "log(1 − A3) in both terms",
      "the term of label 1 is −log(A3)·Y: log of A3, not of 1 − A3",
    ),
    fault(
      "(Y − 1) for (1 − Y)",
      "np.subtract(a, b) is a − b: the term of label 0 has 1 − Y, np.subtract(1, Y); np.subtract(Y, 1) is Y − 1, which flips that term's sign",
    ),
    fault(
      "sigmoid in the hidden layers",
      "layers 1 and 2 use the ReLU, relu(Z); only layer 3 uses the sigmoid",
    ),
    fault("Z without b", "each layer's Z = W·A + b: the bias is missing"),
  ],
  variant: (faults, [X, Y, parameters]) => {
    const p = parameters as Record<string, NDArray>;
    const x = X as NDArray;
    const y = Y as NDArray;
    const m = x.shape[1];
    const linear = (W: string, A: NDArray, b: string) => {
      const product = np.dot(p[W] as NDArray, A);
      return faults.has("Z without b") ? product : np.add(product, p[b] as NDArray);
    };
    const hidden = faults.has("sigmoid in the hidden layers") ? sigmoid : relu;
    const Z1 = linear("W1", x, "b1");
    const A1 = hidden(Z1);
    const Z2 = linear("W2", A1, "b2");
    const A2 = hidden(Z2);
    const Z3 = linear("W3", A2, "b3");
    const A3 = sigmoid(Z3);
    const ofOne = faults.has("log(1 − A3) in both terms") ? np.subtract(1, A3) : A3;
    const positive = np.multiply(np.negative(np.log(ofOne)), y);
    const notY = faults.has("(Y − 1) for (1 − Y)") ? np.subtract(y, 1) : np.subtract(1, y);
    const negative = np.multiply(np.negative(np.log(np.subtract(1, A3))), notY);
    const logprobs = faults.has("y = 0 term left out") ? positive : np.add(positive, negative);
    let cost = (faults.has("cost without 1/m") ? 1 : 1 / m) * np.sum(logprobs);
    if (faults.has("cost of the wrong sign")) cost = -cost;
    const { W1, b1, W2, b2, W3, b3 } = p;
    return { cost, cache: { Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 } };
  },
};

/** The two bugs the course plants in the backward pass it hands out. */
export const PLANTED = ["dW2 × 2 (a planted bug)", "db1 × 4/m (a planted bug)"] as const;

const backwardNMistakes: Library = {
  mistakes: [
    fault(
      PLANTED[0],
      "dW2 = (1/m) dZ2·A1ᵀ, like dW1 and dW3: the backward pass you were handed doubles it; your gradientCheckN finds it",
    ),
    fault(
      PLANTED[1],
      "db1 = (1/m) Σ over columns of dZ1, like db2 and db3: the backward pass you were handed multiplies by 4/m",
    ),
    fault("dZ3 = Y − A3", "dZ3 = A3 − Y: the cost's derivative with respect to Z3, sign included"),
    fault(
      "ReLU derivative left out",
      "through a ReLU, dZ = dA ∗ (A > 0): the gradient flows only where the unit is on",
    ),
    fault(
      "db summed over every entry",
      "db sums along the rows of dZ, one number per unit, a column: np.sum(dZ, 1, true), not np.sum(dZ), which is one number for all",
    ),
    fault("dW without 1/m", "each dW = (1/m) dZ·A_prevᵀ: the 1/m is missing"),
  ],
  variant: (faults, [X, Y, cache]) => {
    const x = X as NDArray;
    const c = cache as Model.Cache;
    const m = x.shape[1];
    const w = faults.has("dW without 1/m") ? 1 : 1 / m;
    const dW = (dZ: NDArray, A: NDArray, times = 1) => np.multiply(times * w, np.dot(dZ, A.T));
    // np.sum without an axis is a number, and so is db then.
    const db = (dZ: NDArray, times = 1) =>
      faults.has("db summed over every entry")
        ? (times / m) * np.sum(dZ)
        : np.multiply(times / m, np.sum(dZ, 1, true));
    const through = (dA: NDArray, A: NDArray) =>
      faults.has("ReLU derivative left out") ? dA : np.multiply(dA, np.greater(A, 0));
    const dZ3 = faults.has("dZ3 = Y − A3")
      ? np.subtract(Y as NDArray, c.A3)
      : np.subtract(c.A3, Y as NDArray);
    const dW3 = dW(dZ3, c.A2);
    const db3 = db(dZ3);
    const dA2 = np.dot(c.W3.T, dZ3);
    const dZ2 = through(dA2, c.A2);
    const dW2 = dW(dZ2, c.A1, faults.has(PLANTED[0]) ? 2 : 1);
    const db2 = db(dZ2);
    const dA1 = np.dot(c.W2.T, dZ2);
    const dZ1 = through(dA1, c.A1);
    const dW1 = dW(dZ1, x);
    const db1 = db(dZ1, faults.has(PLANTED[1]) ? 4 : 1);
    return { dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 };
  },
};

const gradientCheckNMistakes: Library = {
  mistakes: [
    ...Object.values(CHECKER_FAULTS),
    NORM_OF_SUM,
    NOT_COPIED,
    GRADIENTS_WITHOUT_PREFIX,
    COLUMN_AS_PARAMETERS,
  ],
  variant: (faults, [parameters, gradients, X, Y, epsilon], reference) => {
    const { dictionaryToVector, vectorToDictionary, forwardPropagationN } = checking(reference);
    const p = parameters as Model.Parameters;
    const cost = (theta: NDArray) =>
      forwardPropagationN(
        X as NDArray,
        Y as NDArray,
        faults.has(COLUMN_AS_PARAMETERS.name)
          ? (theta as unknown as Model.Parameters)
          : vectorToDictionary(theta, p),
      ).cost;
    const theta = dictionaryToVector(p);
    const prefix = faults.has(GRADIENTS_WITHOUT_PREFIX.name) ? "" : "d";
    const grad = dictionaryToVector(gradients as Model.Gradients, prefix);
    const n = theta.shape[0];
    const gradApprox = np.zeros([n, 1]);
    for (let i = 0; i < n; i++) {
      const shifted = (shift: number) => {
        if (!faults.has(NOT_COPIED.name)) {
          const moved = theta.copy();
          moved.set(i, 0, theta.get(i, 0) + shift);
          return cost(moved);
        }
        // As the learner's code does it: θ⁺ is theta itself, so its move stays; θ⁻ is a copy
        // made after it, moved back from there.
        if (shift > 0) {
          theta.set(i, 0, theta.get(i, 0) + shift);
          return cost(theta);
        }
        const minus = theta.copy();
        minus.set(i, 0, theta.get(i, 0) + shift);
        return cost(minus);
      };
      gradApprox.set(i, 0, approximation(faults, shifted, (epsilon as number | undefined) ?? 1e-7));
    }
    return relative(faults, grad, gradApprox, (v) => np.linalg.norm(v));
  },
};

export const mistakes: Record<string, Library> = {
  forwardPropagation: forwardMistakes,
  backwardPropagation: backwardMistakes,
  gradientCheck: gradientCheckMistakes,
  dictionaryToVector: toVectorMistakes,
  vectorToDictionary: toDictionaryMistakes,
  forwardPropagationN: forwardNMistakes,
  backwardPropagationN: backwardNMistakes,
  gradientCheckN: gradientCheckNMistakes,
};
