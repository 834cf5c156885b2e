/**
 * Submissions that contain the mistakes of the deep-network library
 * (reference/deep-neural-network/mistakes.ts), each written as a learner would write it, by exact
 * text substitution in the reference solution, with the names the feedback must give. Every
 * mistake of the library has at least one submission here (test/deep/mistakes.test.ts checks it).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source, template literals included
import type { Submission } from "../corpus/assignment-mistakes.ts";

const DRAW = "parameters[`W${l}`] = np.divide(rng.randn(rows, cols), Math.sqrt(cols));";
const BIAS = "parameters[`b${l}`] = np.zeros([rows, 1]);";
const LAYERS = "for (let l = 1; l < layerDims.length; l++) {";
const Z = "const Z = np.add(np.dot(W, A), b);";
const ACTIVATION = 'const A = activation === "sigmoid" ? sigmoid(Z) : relu(Z);';
const ACTIVATION_CACHE = "return { A, cache: { linearCache, activationCache: Z } };";
const HIDDEN = '      parameters[`b${l}`] as NDArray,\n      "relu",';
const LAST = '    parameters[`b${L}`] as NDArray,\n    "sigmoid",';
const LAST_CACHE = "  caches.push(last.cache);\n";
const SECOND_TERM = "np.multiply(np.subtract(1, Y), np.log(np.subtract(1, AL))),";
const COST = "return -np.sum(logprobs) / m;";
const DW = "const dW = np.divide(np.dot(dZ, APrev.T), m);";
const DB = "const db = np.divide(np.sum(dZ, 1, true), m);";
const DA_PREV = "const dAPrev = np.dot(W.T, dZ);";
const RELU_BACK = "dZ = np.multiply(dA, np.greater(Z, 0));";
const SIGMOID_BACK = "dZ = np.multiply(dA, np.multiply(s, np.subtract(1, s)));";
const DAL =
  "const dAL = np.negative(\n    np.subtract(np.divide(Y, AL), np.divide(np.subtract(1, Y), np.subtract(1, AL))),\n  );";
const LAST_BACK = 'l === L ? "sigmoid" : "relu",';
const STORE_DA = "grads[`dA${l - 1}`] = layer.dAPrev;";
const UPDATE = "for (const name of Object.keys(parameters)) {";
const STEP = "np.multiply(learningRate, grads[`d${name}`] as NDArray),";
const SUBTRACT = "updated[name] = np.subtract(";
const SEED = "initializeParametersDeep(layersDims, np.random.seed(seed));";
const RATE = "parameters = updateParameters(parameters, grads, learningRate);";

const one = (fn: string, name: string, replace: [string, string][]): Submission => ({
  fn,
  names: [name],
  replace,
});

export const deepSubmissions: Submission[] = [
  one("initializeParametersDeep", "weights scaled by 0.01", [
    [DRAW, "parameters[`W${l}`] = np.multiply(rng.randn(rows, cols), 0.01);"],
  ]),
  one("initializeParametersDeep", "√ of the layer's own size", [
    [DRAW, "parameters[`W${l}`] = np.divide(rng.randn(rows, cols), Math.sqrt(rows));"],
  ]),
  one("initializeParametersDeep", "W drawn as (n_{l−1}, n_l)", [
    [DRAW, "parameters[`W${l}`] = np.divide(rng.randn(cols, rows), Math.sqrt(cols));"],
  ]),
  one("initializeParametersDeep", "last layer left out", [
    [LAYERS, "for (let l = 1; l < layerDims.length - 1; l++) {"],
  ]),
  one("initializeParametersDeep", "random biases", [
    [BIAS, "parameters[`b${l}`] = rng.randn(rows, 1);"],
  ]),

  one("linearForward", "Z without b", [[Z, "const Z = np.dot(W, A);"]]),

  one("linearActivationForward", "activations swapped", [
    [ACTIVATION, 'const A = activation === "relu" ? sigmoid(Z) : relu(Z);'],
  ]),
  one("linearActivationForward", "A kept as the activation cache", [
    [ACTIVATION_CACHE, "return { A, cache: { linearCache, activationCache: A } };"],
  ]),

  one("lModelForward", "sigmoid in every layer", [
    [HIDDEN, '      parameters[`b${l}`] as NDArray,\n      "sigmoid",'],
  ]),
  one("lModelForward", "ReLU in the last layer", [
    [LAST, '    parameters[`b${L}`] as NDArray,\n    "relu",'],
  ]),
  one("lModelForward", "last layer's cache left out", [[LAST_CACHE, ""]]),
  {
    // Layer L's sigmoid step then gets A_L for A_{L−1}: a shape error on every test.
    ...one("lModelForward", "hidden-layer loop through layer L", [
      ["for (let l = 1; l < L; l++) {", "for (let l = 1; l <= L; l++) {"],
    ]),
    throwsOn: "lModelForward.course",
  },

  one("computeCost", "cost sign flipped", [[COST, "return np.sum(logprobs) / m;"]]),
  one("computeCost", "cost without 1/m", [[COST, "return -np.sum(logprobs);"]]),
  one("computeCost", "log(1 − a) in both terms", [
    ["np.multiply(Y, np.log(AL)),", "np.multiply(Y, np.log(np.subtract(1, AL))),"],
  ]),
  one("computeCost", "(y − 1) for (1 − y)", [
    [SECOND_TERM, "np.multiply(np.subtract(Y, 1), np.log(np.subtract(1, AL))),"],
  ]),
  one("lModelBackward", "dAL's 1 − Y or 1 − AL written backwards", [
    [DAL, DAL.replace("np.subtract(1, Y)", "np.subtract(Y, 1)")],
  ]),
  one("lModelBackward", "dAL's 1 − Y or 1 − AL written backwards", [
    [DAL, DAL.replace("np.subtract(1, AL)", "np.subtract(AL, 1)")],
  ]),
  one("linearActivationBackward", "ReLU's derivative inverted", [
    [RELU_BACK, "dZ = np.multiply(dA, np.lessEqual(Z, 0));"],
  ]),
  one("computeCost", "log(a) in both terms", [
    [SECOND_TERM, "np.multiply(np.subtract(1, Y), np.log(AL)),"],
  ]),

  one("linearBackward", "dW without 1/m", [[DW, "const dW = np.dot(dZ, APrev.T);"]]),
  one("linearBackward", "db without 1/m", [[DB, "const db = np.sum(dZ, 1, true);"]]),
  {
    fn: "linearBackward",
    names: ["dW without 1/m", "db without 1/m"],
    replace: [
      [DW, "const dW = np.dot(dZ, APrev.T);"],
      [DB, "const db = np.sum(dZ, 1, true);"],
    ],
  },
  one("linearBackward", "dAPrev divided by m", [
    [DA_PREV, "const dAPrev = np.divide(np.dot(W.T, dZ), m);"],
  ]),
  one("linearBackward", "db summed over the units", [
    [DB, "const db = np.divide(np.sum(dZ, 0, true), m);"],
  ]),

  one("linearActivationBackward", "derivatives swapped", [
    ['if (activation === "relu") {', 'if (activation === "sigmoid") {'],
  ]),
  one("linearActivationBackward", "ReLU's derivative left out", [[RELU_BACK, "dZ = dA;"]]),
  one("linearActivationBackward", "sigmoid's derivative without dA", [
    [SIGMOID_BACK, "dZ = np.multiply(s, np.subtract(1, s));"],
  ]),
  one("linearActivationBackward", "ReLU's derivative read from dA", [
    [RELU_BACK, "dZ = np.multiply(dA, np.greater(dA, 0));"],
  ]),
  one("linearActivationBackward", "ReLU's derivative read from dA", [
    [RELU_BACK, "dZ = np.maximum(dA, 0);"],
  ]),
  one("linearActivationBackward", "sigmoid's derivative from Z itself", [
    ["const s = sigmoid(Z);", "const s = Z;"],
  ]),

  one("lModelBackward", "dAL sign flipped", [
    [
      DAL,
      "const dAL = np.subtract(np.divide(Y, AL), np.divide(np.subtract(1, Y), np.subtract(1, AL)));",
    ],
  ]),
  one("lModelBackward", "dAL as AL − Y", [[DAL, "const dAL = np.subtract(AL, Y);"]]),
  one("lModelBackward", "ReLU's backward step in the last layer", [[LAST_BACK, '"relu",']]),
  one("lModelBackward", "dA stored one layer off", [[STORE_DA, "grads[`dA${l}`] = layer.dAPrev;"]]),

  one("updateParameters", "update with + for −", [[SUBTRACT, "updated[name] = np.add("]]),
  one("updateParameters", "update without the learning rate", [
    [STEP, "grads[`d${name}`] as NDArray,"],
  ]),
  one("updateParameters", "last layer not updated", [
    [
      UPDATE,
      'const L = Object.keys(parameters).filter((k) => k.startsWith("W")).length;\n  for (const name of Object.keys(parameters)) {\n    if (name === `W${L}` || name === `b${L}`) {\n      updated[name] = parameters[name] as NDArray;\n      continue;\n    }',
    ],
  ]),
  one("updateParameters", "biases not updated", [
    [
      UPDATE,
      'for (const name of Object.keys(parameters)) {\n    if (name.startsWith("b")) {\n      updated[name] = parameters[name] as NDArray;\n      continue;\n    }',
    ],
  ]),

  one("lLayerModel", "costs recorded every iteration", [
    ["if (i % 100 === 0) {", "if (i % 1 === 0) {"],
  ]),
  one("lLayerModel", "seed ignored", [
    [SEED, "initializeParametersDeep(layersDims, np.random.seed(1));"],
  ]),
  one("lLayerModel", "learning rate ignored", [
    [RATE, "parameters = updateParameters(parameters, grads, 0.0075);"],
  ]),
  one("lLayerModel", "update discarded", [
    [RATE, "updateParameters(parameters, grads, learningRate);"],
  ]),
];
