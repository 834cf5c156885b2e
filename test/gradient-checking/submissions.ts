/**
 * Submissions that contain the mistakes of the gradient-checking library
 * (reference/gradient-checking/mistakes.ts), each written as a learner would write it, by exact
 * text substitution in the reference solution, with the names the feedback must give. Every
 * mistake of the library has at least one submission here (test/gradient-checking/mistakes.test.ts
 * checks it).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source, template literals included
import type { Submission } from "../corpus/assignment-mistakes.ts";

const J_MINUS = "const jMinus = forwardPropagation(x, theta - epsilon);";
const J_PLUS = "const jPlus = forwardPropagation(x, theta + epsilon);";
const APPROX = "const gradApprox = (jPlus - jMinus) / (2 * epsilon);";
const DIFFERENCE =
  "const difference = Math.abs(grad - gradApprox) / (Math.abs(grad) + Math.abs(gradApprox));";
const MINUS_N = "thetaMinus.set(i, 0, theta.get(i, 0) - epsilon);";
const PLUS_N = "thetaPlus.set(i, 0, theta.get(i, 0) + epsilon);";
const APPROX_N = "gradApprox.set(i, 0, (jPlus - jMinus) / (2 * epsilon));";
const DIFFERENCE_N = "const difference = numerator / denominator;";
const DENOMINATOR_N = "const denominator = np.linalg.norm(grad) + np.linalg.norm(gradApprox);";
const STACK =
  "  for (let l = 1; `${prefix}W${l}` in dictionary; l++) {\n    for (const name of [`${prefix}W${l}`, `${prefix}b${l}`])\n      columns.push(np.reshape(dictionary[name] as NDArray, [-1, 1]));\n  }";
const CUT = "parameters[name] = theta.slice(at, at + rows * cols).reshape(rows, cols);";
const LOGPROBS =
  "  const logprobs = np.add(\n    np.multiply(np.negative(np.log(A3)), Y),\n    np.multiply(np.negative(np.log(np.subtract(1, A3))), np.subtract(1, Y)),\n  );";
const COST = "const cost = (1 / m) * np.sum(logprobs);";
const DW3 = "const dW3 = np.multiply(1 / m, np.dot(dZ3, A2.T));";
const DW2 = "const dW2 = np.multiply(1 / m, np.dot(dZ2, A1.T));";
const DW1 = "const dW1 = np.multiply(1 / m, np.dot(dZ1, X.T));";

const one = (fn: string, name: string, replace: [string, string][]): Submission => ({
  fn,
  names: [name],
  replace,
});

export const checkingSubmissions: Submission[] = [
  one("forwardPropagation", "θ + x", [["return theta * x;", "return theta + x;"]]),

  one("backwardPropagation", "dθ = θ", [
    ["  // BEGIN SOLUTION\n  return x;", "  // BEGIN SOLUTION\n  return theta;"],
  ]),
  one("backwardPropagation", "dθ = J", [
    ["  // BEGIN SOLUTION\n  return x;", "  // BEGIN SOLUTION\n  return x * theta;"],
  ]),

  one("gradientCheck", "one-sided difference", [
    [J_MINUS, "const jMinus = forwardPropagation(x, theta);"],
    [APPROX, "const gradApprox = (jPlus - jMinus) / epsilon;"],
  ]),
  one("gradientCheck", "ε in place of 2ε", [
    [APPROX, "const gradApprox = (jPlus - jMinus) / epsilon;"],
  ]),
  one("gradientCheck", "÷ 2 · ε", [[APPROX, "const gradApprox = (jPlus - jMinus) / 2 * epsilon;"]]),
  one("gradientCheck", "difference not divided", [
    [DIFFERENCE, "const difference = Math.abs(grad - gradApprox);"],
  ]),
  one("gradientCheck", "divided by ‖grad‖ alone", [
    [DIFFERENCE, "const difference = Math.abs(grad - gradApprox) / Math.abs(grad);"],
  ]),
  one("gradientCheck", "θ − ε written θ + ε", [
    [J_MINUS, "const jMinus = forwardPropagation(x, theta + epsilon);"],
  ]),
  one("gradientCheck", "ε fixed at 1e-7", [
    [J_PLUS, "const jPlus = forwardPropagation(x, theta + 1e-7);"],
    [J_MINUS, "const jMinus = forwardPropagation(x, theta - 1e-7);"],
    [APPROX, "const gradApprox = (jPlus - jMinus) / (2 * 1e-7);"],
  ]),

  one("dictionaryToVector", "column by column", [
    [
      "columns.push(np.reshape(dictionary[name] as NDArray, [-1, 1]));",
      "columns.push(np.reshape((dictionary[name] as NDArray).T, [-1, 1]));",
    ],
  ]),
  one("dictionaryToVector", "weights first, then biases", [
    [
      STACK,
      '  for (const kind of ["W", "b"])\n    for (let l = 1; `${prefix}W${l}` in dictionary; l++)\n      columns.push(np.reshape(dictionary[`${prefix}${kind}${l}`] as NDArray, [-1, 1]));',
    ],
  ]),
  one("dictionaryToVector", "a row, not a column", [
    [
      "columns.push(np.reshape(dictionary[name] as NDArray, [-1, 1]));",
      "columns.push(np.reshape(dictionary[name] as NDArray, [1, -1]));",
    ],
    ["return np.concatenate(columns);", "return np.concatenate(columns, 1);"],
  ]),
  one("dictionaryToVector", "last layer left out", [
    [
      "for (let l = 1; `${prefix}W${l}` in dictionary; l++) {",
      "for (let l = 1; `${prefix}W${l + 1}` in dictionary; l++) {",
    ],
  ]),

  one("vectorToDictionary", "filled column by column", [
    [CUT, "parameters[name] = theta.slice(at, at + rows * cols).reshape(cols, rows).T;"],
  ]),
  one("vectorToDictionary", "b read before W", [
    ["for (const name of [`W${l}`, `b${l}`]) {", "for (const name of [`b${l}`, `W${l}`]) {"],
  ]),
  one("vectorToDictionary", "every array from the start", [["      at += rows * cols;\n", ""]]),

  one("forwardPropagationN", "cost without 1/m", [[COST, "const cost = np.sum(logprobs);"]]),
  one("forwardPropagationN", "cost of the wrong sign", [
    [COST, "const cost = -(1 / m) * np.sum(logprobs);"],
  ]),
  one("forwardPropagationN", "log(1 − A3) in both terms", [
    [
      "np.multiply(np.negative(np.log(A3)), Y),",
      "np.multiply(np.negative(np.log(np.subtract(1, A3))), Y),",
    ],
  ]),
  one("forwardPropagationN", "(Y − 1) for (1 − Y)", [
    [
      "np.multiply(np.negative(np.log(np.subtract(1, A3))), np.subtract(1, Y)),",
      "np.multiply(np.negative(np.log(np.subtract(1, A3))), np.subtract(Y, 1)),",
    ],
  ]),
  one("forwardPropagationN", "y = 0 term left out", [
    [LOGPROBS, "  const logprobs = np.multiply(np.negative(np.log(A3)), Y);"],
  ]),
  one("forwardPropagationN", "sigmoid in the hidden layers", [
    ["const A1 = relu(Z1);", "const A1 = sigmoid(Z1);"],
    ["const A2 = relu(Z2);", "const A2 = sigmoid(Z2);"],
  ]),
  one("forwardPropagationN", "Z without b", [
    [
      "const Z1 = np.add(np.dot(W1 as NDArray, X), b1 as NDArray);",
      "const Z1 = np.dot(W1 as NDArray, X);",
    ],
    [
      "const Z2 = np.add(np.dot(W2 as NDArray, A1), b2 as NDArray);",
      "const Z2 = np.dot(W2 as NDArray, A1);",
    ],
    [
      "const Z3 = np.add(np.dot(W3 as NDArray, A2), b3 as NDArray);",
      "const Z3 = np.dot(W3 as NDArray, A2);",
    ],
  ]),

  // The backward pass as the course hands it out: a learner who never fixed it.
  {
    fn: "backwardPropagationN",
    names: ["dW2 × 2 (a planted bug)", "db1 × 4/m (a planted bug)"],
    replace: [
      [DW2, "const dW2 = np.multiply(2 / m, np.dot(dZ2, A1.T));"],
      [
        "const db1 = np.multiply(1 / m, np.sum(dZ1, 1, true));",
        "const db1 = np.multiply(4 / m, np.sum(dZ1, 1, true));",
      ],
    ],
  },
  one("backwardPropagationN", "dW2 × 2 (a planted bug)", [
    [DW2, "const dW2 = np.multiply(1 / m, np.dot(dZ2, A1.T)) .multiply(2);"],
  ]),
  one("backwardPropagationN", "db1 × 4/m (a planted bug)", [
    [
      "const db1 = np.multiply(1 / m, np.sum(dZ1, 1, true));",
      "const db1 = np.multiply(4 / m, np.sum(dZ1, 1, true));",
    ],
  ]),
  one("backwardPropagationN", "dZ3 = Y − A3", [
    ["const dZ3 = np.subtract(A3, Y);", "const dZ3 = np.subtract(Y, A3);"],
  ]),
  one("backwardPropagationN", "ReLU derivative left out", [
    ["const dZ2 = np.multiply(dA2, np.greater(A2, 0));", "const dZ2 = dA2;"],
    ["const dZ1 = np.multiply(dA1, np.greater(A1, 0));", "const dZ1 = dA1;"],
  ]),
  one("backwardPropagationN", "db summed over every entry", [
    [
      "const db3 = np.multiply(1 / m, np.sum(dZ3, 1, true));",
      "const db3 = np.multiply(1 / m, np.sum(dZ3));",
    ],
    [
      "const db2 = np.multiply(1 / m, np.sum(dZ2, 1, true));",
      "const db2 = np.multiply(1 / m, np.sum(dZ2));",
    ],
    [
      "const db1 = np.multiply(1 / m, np.sum(dZ1, 1, true));",
      "const db1 = np.multiply(1 / m, np.sum(dZ1));",
    ],
  ]),
  one("backwardPropagationN", "dW without 1/m", [
    [DW3, "const dW3 = np.dot(dZ3, A2.T);"],
    [DW2, "const dW2 = np.dot(dZ2, A1.T);"],
    [DW1, "const dW1 = np.dot(dZ1, X.T);"],
  ]),

  one("gradientCheckN", "one-sided difference", [
    [MINUS_N, ""],
    [APPROX_N, "gradApprox.set(i, 0, (jPlus - jMinus) / epsilon);"],
  ]),
  one("gradientCheckN", "ε in place of 2ε", [
    [APPROX_N, "gradApprox.set(i, 0, (jPlus - jMinus) / epsilon);"],
  ]),
  one("gradientCheckN", "÷ 2 · ε", [
    [APPROX_N, "gradApprox.set(i, 0, (jPlus - jMinus) / 2 * epsilon);"],
  ]),
  one("gradientCheckN", "difference not divided", [
    [DIFFERENCE_N, "const difference = numerator;"],
  ]),
  one("gradientCheckN", "divided by ‖grad‖ alone", [
    [DIFFERENCE_N, "const difference = numerator / np.linalg.norm(grad);"],
  ]),
  one("gradientCheckN", "θ − ε written θ + ε", [
    [MINUS_N, "thetaMinus.set(i, 0, theta.get(i, 0) + epsilon);"],
  ]),
  one("gradientCheckN", "ε fixed at 1e-7", [
    [PLUS_N, "thetaPlus.set(i, 0, theta.get(i, 0) + 1e-7);"],
    [MINUS_N, "thetaMinus.set(i, 0, theta.get(i, 0) - 1e-7);"],
    [APPROX_N, "gradApprox.set(i, 0, (jPlus - jMinus) / (2 * 1e-7));"],
  ]),
  one("gradientCheckN", "‖grad + gradApprox‖ below", [
    [DENOMINATOR_N, "const denominator = np.linalg.norm(np.add(grad, gradApprox));"],
  ]),
  one("gradientCheckN", "θ⁺ not copied", [
    ["const thetaPlus = theta.copy();", "const thetaPlus = theta;"],
  ]),
  {
    // forwardPropagationN, standing in, finds no W1 in a column: np.dot is given undefined.
    ...one("gradientCheckN", "θ⁺ given as the parameters", [
      [
        "const jPlus = forwardPropagationN(X, Y, vectorToDictionary(thetaPlus, parameters)).cost;",
        "const jPlus = forwardPropagationN(X, Y, thetaPlus as unknown as Parameters).cost;",
      ],
    ]),
    throwsOn: "gradientCheckN.course",
  },
  {
    // dictionaryToVector, standing in, finds no W1 among dW1, db1, … and np.concatenate gets [].
    ...one("gradientCheckN", 'gradients flattened without the prefix "d"', [
      [
        'const grad = dictionaryToVector(gradients, "d");',
        "const grad = dictionaryToVector(gradients);",
      ],
    ]),
    throwsOn: "gradientCheckN.course",
  },
];
