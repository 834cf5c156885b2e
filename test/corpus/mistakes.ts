/**
 * Submissions that contain the mistakes of the planar library (reference/planar-classifier/
 * mistakes.ts), each written as a learner would write it, by exact text substitution in the
 * reference solution (like bugs.ts), with the names the feedback must give: one mistake, two made
 * together, or one followed by a generic pattern (`then`). Every mistake of the library has at least
 * one submission here (test/mistakes.test.ts checks it).
 */
import type { FunctionName } from "./bugs.ts";
import type { Told } from "./told.ts";

export interface MistakeSubmission extends Told {
  fn: FunctionName;
  replace: [from: string, to: string][];
}

const SIGMOID = "return np.divide(1, np.add(1, np.exp(np.negative(z))));";
const SIZES = "return { nX: X.shape[0], nH: 4, nY: Y.shape[0] };";
const W1 = "np.multiply(rng.randn(nH, nX), scale)";
const W2 = "np.multiply(rng.randn(nY, nH), scale)";
const TANH_PRIME = "np.subtract(1, np.power(A1, 2))";
const DZ1 = `np.multiply(np.dot(W2.T, dZ2), ${TANH_PRIME})`;
const DW1 = "np.divide(np.dot(dZ1, X.T), m)";
const DB1 = "np.divide(np.sum(dZ1, 1, true), m)";
const DW2 = "np.divide(np.dot(dZ2, A1.T), m)";
const DB2 = "np.divide(np.sum(dZ2, 1, true), m)";
const COST_SECOND_TERM = "np.multiply(np.log(np.subtract(1, A2)), np.subtract(1, Y)),";
const COST_RETURN = "return -np.sum(logprobs) / m;";
const step = (p: string) =>
  `${p}: np.subtract(parameters.${p}, np.multiply(learningRate, grads.d${p}))`;
const PARAMETERS = ["W1", "b1", "W2", "b2"];
const LOOP_BODY =
  "    const cost = computeCost(A2, Y);\n    costs.push(cost);\n    const grads = backwardPropagation(parameters, cache, X, Y);\n    parameters = updateParameters(parameters, grads, learningRate);";
const PREDICT = "return np.where(np.greater(A2, 0.5), 1, 0);";

const one = (
  fn: FunctionName,
  name: string,
  replace: [string, string][],
  then?: string,
): MistakeSubmission => ({ fn, names: [name], replace, ...(then ? { then } : {}) });

export const mistakeSubmissions: MistakeSubmission[] = [
  // sigmoid
  one("sigmoid", "σ(−z) for σ(z)", [[SIGMOID, "return np.divide(1, np.add(1, np.exp(z)));"]]),
  one("sigmoid", "σ(−z) for σ(z)", [
    [SIGMOID, "return np.divide(np.exp(np.negative(z)), np.add(1, np.exp(np.negative(z))));"],
  ]),
  one("sigmoid", "sigmoid with 1 − e^(−z)", [
    [SIGMOID, "return np.divide(1, np.subtract(1, np.exp(np.negative(z))));"],
  ]),
  one("sigmoid", "tanh for sigmoid", [[SIGMOID, "return np.tanh(z);"]]),
  one("sigmoid", "sigmoid without the reciprocal", [
    [SIGMOID, "return np.add(1, np.exp(np.negative(z)));"],
  ]),
  one(
    "sigmoid",
    "σ(−z) for σ(z)",
    [[SIGMOID, "return np.multiply(np.divide(1, np.add(1, np.exp(z))), 2);"]],
    "twice",
  ),

  // layerSizes
  one("layerSizes", "nX from the columns of X", [
    [SIZES, "return { nX: X.shape[1], nH: 4, nY: Y.shape[0] };"],
  ]),
  one("layerSizes", "nY from the columns of Y", [
    [SIZES, "return { nX: X.shape[0], nH: 4, nY: Y.shape[1] };"],
  ]),
  one("layerSizes", "sizes fixed at the planar ones", [[SIZES, "return { nX: 2, nH: 4, nY: 1 };"]]),
  one("layerSizes", "nH taken from X", [
    [SIZES, "return { nX: X.shape[0], nH: X.shape[1], nY: Y.shape[0] };"],
  ]),
  one("layerSizes", "nX and nY swapped", [
    [SIZES, "return { nX: Y.shape[0], nH: 4, nY: X.shape[0] };"],
  ]),
  {
    fn: "layerSizes",
    names: ["nX from the columns of X", "nY from the columns of Y"],
    replace: [[SIZES, "return { nX: X.shape[1], nH: 4, nY: Y.shape[1] };"]],
  },

  // initializeParameters
  one("initializeParameters", "weights all zero", [
    [W1, "np.zeros([nH, nX])"],
    [W2, "np.zeros([nY, nH])"],
  ]),
  one("initializeParameters", "W2 drawn before W1", [
    [
      `const W1 = ${W1};\n  const b1 = np.zeros([nH, 1]);\n  const W2 = ${W2};`,
      `const W2 = ${W2};\n  const b1 = np.zeros([nH, 1]);\n  const W1 = ${W1};`,
    ],
  ]),
  one("initializeParameters", "rand for randn", [
    ["rng.randn(nH, nX)", "rng.rand(nH, nX)"],
    ["rng.randn(nY, nH)", "rng.rand(nY, nH)"],
  ]),
  one("initializeParameters", "weights not scaled", [
    [W1, "rng.randn(nH, nX)"],
    [W2, "rng.randn(nY, nH)"],
  ]),
  one("initializeParameters", "scale fixed at 0.01", [
    [W1, "np.multiply(rng.randn(nH, nX), 0.01)"],
    [W2, "np.multiply(rng.randn(nY, nH), 0.01)"],
  ]),
  one("initializeParameters", "scale fixed at 0.001", [
    [W1, "np.multiply(rng.randn(nH, nX), 0.001)"],
    [W2, "np.multiply(rng.randn(nY, nH), 0.001)"],
  ]),
  one("initializeParameters", "biases drawn at random", [
    ["const b1 = np.zeros([nH, 1]);", "const b1 = np.multiply(rng.randn(nH, 1), scale);"],
    ["const b2 = np.zeros([nY, 1]);", "const b2 = np.multiply(rng.randn(nY, 1), scale);"],
  ]),
  one("initializeParameters", "W1 with a transposed shape", [
    ["rng.randn(nH, nX)", "rng.randn(nX, nH)"],
  ]),
  one("initializeParameters", "W2 with a transposed shape", [
    ["rng.randn(nY, nH)", "rng.randn(nH, nY)"],
  ]),
  {
    fn: "initializeParameters",
    names: ["W1 with a transposed shape", "W2 with a transposed shape"],
    replace: [
      ["rng.randn(nH, nX)", "rng.randn(nX, nH)"],
      ["rng.randn(nY, nH)", "rng.randn(nH, nY)"],
    ],
  },
  one("initializeParameters", "generator seeded inside the function", [
    [
      `const W1 = ${W1};`,
      "const g = np.random.seed(2);\n  const W1 = np.multiply(g.randn(nH, nX), scale);",
    ],
    ["rng.randn(nY, nH)", "g.randn(nY, nH)"],
  ]),
  {
    fn: "initializeParameters",
    names: ["rand for randn", "scale fixed at 0.01"],
    replace: [
      [W1, "np.multiply(rng.rand(nH, nX), 0.01)"],
      [W2, "np.multiply(rng.rand(nY, nH), 0.01)"],
    ],
  },

  // forwardPropagation
  one("forwardPropagation", "sigmoid in the hidden layer", [
    ["const A1 = np.tanh(Z1);", "const A1 = sigmoid(Z1);"],
  ]),
  one("forwardPropagation", "ReLU in the hidden layer", [
    ["const A1 = np.tanh(Z1);", "const A1 = np.maximum(Z1, 0);"],
  ]),
  one("forwardPropagation", "no activation in the hidden layer", [
    ["const A1 = np.tanh(Z1);", "const A1 = Z1;"],
  ]),
  one("forwardPropagation", "tanh at the output", [
    ["const A2 = sigmoid(Z2);", "const A2 = np.tanh(Z2);"],
  ]),
  one("forwardPropagation", "no sigmoid at the output", [
    ["const A2 = sigmoid(Z2);", "const A2 = Z2;"],
  ]),
  one("forwardPropagation", "b1 left out", [["np.add(np.dot(W1, X), b1)", "np.dot(W1, X)"]]),
  one("forwardPropagation", "b2 left out", [["np.add(np.dot(W2, A1), b2)", "np.dot(W2, A1)"]]),
  one("forwardPropagation", "Z1 into the second layer", [["np.dot(W2, A1)", "np.dot(W2, Z1)"]]),
  {
    fn: "forwardPropagation",
    names: ["b1 left out", "b2 left out"],
    replace: [
      ["np.add(np.dot(W1, X), b1)", "np.dot(W1, X)"],
      ["np.add(np.dot(W2, A1), b2)", "np.dot(W2, A1)"],
    ],
  },

  // computeCost
  one("computeCost", "(1 − y)·log(1 − a) term missing", [[COST_SECOND_TERM, "0,"]]),
  one("computeCost", "y·log(a) term missing", [["np.multiply(np.log(A2), Y),", "0,"]]),
  one("computeCost", "log(a) in both terms", [["np.log(np.subtract(1, A2))", "np.log(A2)"]]),
  one("computeCost", "log(1 − a) in both terms", [
    ["np.multiply(np.log(A2), Y)", "np.multiply(np.log(np.subtract(1, A2)), Y)"],
  ]),
  one("computeCost", "(y − 1) for (1 − y)", [
    [
      "np.multiply(np.log(np.subtract(1, A2)), np.subtract(1, Y))",
      "np.multiply(np.log(np.subtract(1, A2)), np.subtract(Y, 1))",
    ],
  ]),
  one("computeCost", "cost sign flipped", [[COST_RETURN, "return np.sum(logprobs) / m;"]]),
  one("computeCost", "cost without 1/m", [[COST_RETURN, "return -np.sum(logprobs);"]]),
  one("computeCost", "cost as a mean over every entry", [
    [COST_RETURN, "return -np.mean(logprobs);"],
  ]),
  {
    ...one("computeCost", "cost divided by the outputs", [
      ["const m = Y.shape[1];", "const m = Y.shape[0];"],
    ]),
    // With one output, dividing by the outputs divides by 1: the same number as no 1/m at all.
    alsoNamed: ["cost without 1/m"],
  },
  one("computeCost", "cost from matrix products", [
    [
      `const logprobs = np.add(\n    np.multiply(np.log(A2), Y),\n    ${COST_SECOND_TERM}\n  );\n  ${COST_RETURN}`,
      "const cost = np.divide(\n    np.add(np.dot(Y, np.log(A2).T), np.dot(np.subtract(1, Y), np.log(np.subtract(1, A2)).T)),\n    -m,\n  );\n  return np.sum(cost);",
    ],
  ]),
  {
    fn: "computeCost",
    names: ["cost sign flipped", "cost without 1/m"],
    replace: [[COST_RETURN, "return np.sum(logprobs);"]],
  },

  // backwardPropagation
  one("backwardPropagation", "1 − A1 for tanh's derivative", [[TANH_PRIME, "np.subtract(1, A1)"]]),
  one("backwardPropagation", "tanh's derivative missing", [[DZ1, "np.dot(W2.T, dZ2)"]]),
  one("backwardPropagation", "sigmoid's derivative in the hidden layer", [
    [TANH_PRIME, "np.multiply(A1, np.subtract(1, A1))"],
  ]),
  one("backwardPropagation", "1 − Z1² for tanh's derivative", [
    [TANH_PRIME, "np.subtract(1, np.power(cache.Z1, 2))"],
  ]),
  {
    // A2² broadcasts against A1² with one output (or as many as hidden units); else it throws.
    ...one("backwardPropagation", "1 − A2² for tanh's derivative", [
      [TANH_PRIME, "np.subtract(1, np.power(A2, 2))"],
    ]),
    throwsOn: "backwardPropagation.multi-output",
  },
  one("backwardPropagation", "(1 − A1)² for tanh's derivative", [
    [TANH_PRIME, "np.power(np.subtract(1, A1), 2)"],
  ]),
  one("backwardPropagation", "db1 summed over every entry", [[DB1, "np.sum(dZ1) / m"]]),
  one("backwardPropagation", "db2 summed over every entry", [[DB2, "np.sum(dZ2) / m"]]),
  one("backwardPropagation", "dZ2 = Y − A2", [["np.subtract(A2, Y)", "np.subtract(Y, A2)"]]),
  one("backwardPropagation", "no 1/m in any gradient", [
    [DW1, "np.dot(dZ1, X.T)"],
    [DB1, "np.sum(dZ1, 1, true)"],
    [DW2, "np.dot(dZ2, A1.T)"],
    [DB2, "np.sum(dZ2, 1, true)"],
  ]),
  one("backwardPropagation", "dW1 without 1/m", [[DW1, "np.dot(dZ1, X.T)"]]),
  one("backwardPropagation", "db1 without 1/m", [[DB1, "np.sum(dZ1, 1, true)"]]),
  one("backwardPropagation", "dW2 without 1/m", [[DW2, "np.dot(dZ2, A1.T)"]]),
  one("backwardPropagation", "db2 without 1/m", [[DB2, "np.sum(dZ2, 1, true)"]]),
  one("backwardPropagation", "db1 without keepdims", [["np.sum(dZ1, 1, true)", "np.sum(dZ1, 1)"]]),
  one("backwardPropagation", "db2 without keepdims", [[DB2, "np.divide(np.sum(dZ2, 1), m)"]]),
  one("backwardPropagation", "db1 summed over axis 0", [
    ["np.sum(dZ1, 1, true)", "np.sum(dZ1, 0, true)"],
  ]),
  one("backwardPropagation", "db2 summed over axis 0", [
    [DB2, "np.divide(np.sum(dZ2, 0, true), m)"],
  ]),
  one("backwardPropagation", "Z1 for A1 in dW2", [
    ["np.dot(dZ2, A1.T)", "np.dot(dZ2, cache.Z1.T)"],
  ]),
  {
    fn: "backwardPropagation",
    names: ["db1 without 1/m", "db1 without keepdims"],
    replace: [[DB1, "np.sum(dZ1, 1)"]],
  },
  {
    fn: "backwardPropagation",
    names: ["1 − A1 for tanh's derivative", "dW1 without 1/m"],
    replace: [
      [TANH_PRIME, "np.subtract(1, A1)"],
      [DW1, "np.dot(dZ1, X.T)"],
    ],
  },
  one(
    "backwardPropagation",
    "1 − A1 for tanh's derivative",
    [
      [TANH_PRIME, "np.subtract(1, A1)"],
      [DW1, "np.divide(np.dot(X, dZ1.T), m)"],
    ],
    "transposed-shape",
  ),

  // updateParameters
  one(
    "updateParameters",
    "step added",
    PARAMETERS.map((p) => [step(p), step(p).replace("np.subtract(", "np.add(")]),
  ),
  one("updateParameters", "learning rate fixed at 1.2", [
    [
      "learningRate = 1.2,\n): Parameters {",
      "_learningRate = 1.2,\n): Parameters {\n  const learningRate = 1.2;",
    ],
  ]),
  one(
    "updateParameters",
    "learning rate not applied",
    PARAMETERS.map((p) => [`np.multiply(learningRate, grads.d${p})`, `grads.d${p}`]),
  ),
  one(
    "updateParameters",
    "divided by the learning rate",
    PARAMETERS.map((p) => [
      `np.multiply(learningRate, grads.d${p})`,
      `np.divide(grads.d${p}, learningRate)`,
    ]),
  ),
  one("updateParameters", "biases not updated", [
    [step("b1"), "b1: parameters.b1"],
    [step("b2"), "b2: parameters.b2"],
  ]),
  {
    fn: "updateParameters",
    names: ["step added", "learning rate fixed at 1.2"],
    replace: [
      [
        "learningRate = 1.2,\n): Parameters {",
        "_learningRate = 1.2,\n): Parameters {\n  const learningRate = 1.2;",
      ],
      ...PARAMETERS.map((p): [string, string] => [
        step(p),
        step(p).replace("np.subtract(", "np.add("),
      ]),
    ],
  },

  // nnModel
  one("nnModel", "nH ignored", [
    [
      "const { nX, nY } = layerSizes(X, Y);\n  let parameters = initializeParameters(nX, nH, nY,",
      "const { nX, nY, nH: sizesH } = layerSizes(X, Y);\n  let parameters = initializeParameters(nX, sizesH, nY,",
    ],
  ]),
  one("nnModel", "learning rate ignored", [
    ["updateParameters(parameters, grads, learningRate)", "updateParameters(parameters, grads)"],
  ]),
  one("nnModel", "seed ignored", [
    [
      "initializeParameters(nX, nH, nY, np.random.seed(seed))",
      "initializeParameters(nX, nH, nY, np.random.seed(2))",
    ],
  ]),
  one("nnModel", "one iteration too many", [["i < numIterations", "i <= numIterations"]]),
  one("nnModel", "one iteration too few", [["i < numIterations", "i < numIterations - 1"]]),
  one("nnModel", "update discarded", [
    [
      "parameters = updateParameters(parameters, grads, learningRate);",
      "updateParameters(parameters, grads, learningRate);",
    ],
  ]),
  one("nnModel", "costs recorded after the update", [
    [
      LOOP_BODY,
      "    const grads = backwardPropagation(parameters, cache, X, Y);\n    parameters = updateParameters(parameters, grads, learningRate);\n    const cost = computeCost(forwardPropagation(X, parameters).A2, Y);\n    costs.push(cost);",
    ],
  ]),

  // predict
  one("predict", "comparison reversed", [[PREDICT, "return np.where(np.greater(A2, 0.5), 0, 1);"]]),
  one("predict", "threshold on Z2", [
    [
      `const { A2 } = forwardPropagation(X, parameters);\n  ${PREDICT}`,
      "const { cache } = forwardPropagation(X, parameters);\n  return np.where(np.greater(cache.Z2, 0.5), 1, 0);",
    ],
  ]),
  one("predict", "probabilities returned", [[PREDICT, "return A2;"]]),
  one("predict", "threshold at 0", [["np.greater(A2, 0.5)", "np.greater(A2, 0)"]]),
];
