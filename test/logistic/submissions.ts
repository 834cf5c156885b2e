/**
 * Submissions that contain the mistakes of the logistic-regression library
 * (reference/logistic-regression/mistakes.ts), each written as a learner would write it, by exact
 * text substitution in the reference solution, with the names the feedback must give. Every
 * mistake of the library has at least one submission here (test/logistic/mistakes.test.ts checks
 * it).
 */
import type { Submission } from "../corpus/assignment-mistakes.ts";

type LogisticSubmission = Submission & {
  fn: "sigmoid" | "initializeWithZeros" | "propagate" | "optimize" | "predict" | "model";
};

const SIGMOID = "return np.divide(1, np.add(1, np.exp(np.negative(z))));";
const ZEROS = "return { w: np.zeros([dim, 1]), b: 0 };";
const PROPAGATE_A = "const A = sigmoid(np.add(np.dot(w.T, X), b));\n  const cost =";
const PREDICT_A = "const A = sigmoid(np.add(np.dot(w.T, X), b));\n  return np.where";
const SECOND_TERM = "np.multiply(np.subtract(1, Y), np.log(np.subtract(1, A)))";
const TERMS = `np.add(np.multiply(Y, np.log(A)), ${SECOND_TERM})`;
const COST = `-np.sum(\n      ${TERMS},\n    ) / m;`;
const DW = "const dw = np.divide(np.dot(X, np.subtract(A, Y).T), m);";
const DB = "const db = np.sum(np.subtract(A, Y)) / m;";
const UPDATE_W = "w = np.subtract(w, np.multiply(learningRate, grads.dw));";
const UPDATE_B = "b = b - learningRate * grads.db;";
const OPTIMIZE_SETTINGS = "    numIterations,\n    learningRate,\n    printCost,\n  );";
const PREDICT_TRAIN = "const yPredictionTrain = predict(params.w, params.b, XTrain);";
const PREDICT_TEST = "const yPredictionTest = predict(params.w, params.b, XTest);";

const one = (
  fn: LogisticSubmission["fn"],
  name: string,
  replace: [string, string][],
  extra: Partial<LogisticSubmission> = {},
): LogisticSubmission => ({ fn, names: [name], replace, ...extra });

export const logisticSubmissions: LogisticSubmission[] = [
  one("sigmoid", "σ(−z) for σ(z)", [[SIGMOID, "return np.divide(1, np.add(1, np.exp(z)));"]]),
  one("sigmoid", "sigmoid with 1 − e^(−z)", [
    [SIGMOID, "return np.divide(1, np.subtract(1, np.exp(np.negative(z))));"],
  ]),
  one("sigmoid", "sigmoid without the reciprocal", [
    [SIGMOID, "return np.add(1, np.exp(np.negative(z)));"],
  ]),
  one("sigmoid", "tanh for sigmoid", [[SIGMOID, "return np.tanh(z);"]]),

  one("initializeWithZeros", "w as a row", [[ZEROS, "return { w: np.zeros([1, dim]), b: 0 };"]]),
  one("initializeWithZeros", "b as an array", [
    [ZEROS, "return { w: np.zeros([dim, 1]), b: np.zeros([1, 1]) as unknown as number };"],
  ]),
  {
    fn: "initializeWithZeros",
    names: ["w as a row", "b as an array"],
    replace: [
      [ZEROS, "return { w: np.zeros([1, dim]), b: np.zeros([1, 1]) as unknown as number };"],
    ],
  },

  one("propagate", "A without b", [
    [PROPAGATE_A, "const A = sigmoid(np.dot(w.T, X));\n  const cost ="],
  ]),
  one("propagate", "m from the rows of X", [["const m = X.shape[1];", "const m = X.shape[0];"]]),
  one("propagate", "cost sign flipped", [[COST, `np.sum(\n      ${TERMS},\n    ) / m;`]]),
  one("propagate", "cost without 1/m", [[COST, `-np.sum(${TERMS});`]]),
  one("propagate", "log(1 − A) in both terms", [
    ["np.multiply(Y, np.log(A))", "np.multiply(Y, np.log(np.subtract(1, A)))"],
  ]),
  one("propagate", "(Y − 1) for (1 − Y)", [
    [SECOND_TERM, "np.multiply(np.subtract(Y, 1), np.log(np.subtract(1, A)))"],
  ]),
  one("propagate", "log(A) in both terms", [
    [SECOND_TERM, "np.multiply(np.subtract(1, Y), np.log(A))"],
  ]),
  one("propagate", "(1 − Y)·log(1 − A) term missing", [
    [COST, "-np.sum(np.multiply(Y, np.log(A))) / m;"],
  ]),
  one("propagate", "cost with log10", [[COST, `-np.sum(np.divide(${TERMS}, Math.LN10)) / m;`]]),
  one("propagate", "cost left an array", [
    [COST, `np.divide(np.negative(np.sum(${TERMS}, 1, true)), m) as unknown as number;`],
  ]),
  one("propagate", "dw without 1/m", [[DW, "const dw = np.dot(X, np.subtract(A, Y).T);"]]),
  one("propagate", "db without 1/m", [[DB, "const db = np.sum(np.subtract(A, Y));"]]),
  {
    fn: "propagate",
    names: ["dw without 1/m", "db without 1/m"],
    replace: [
      [DW, "const dw = np.dot(X, np.subtract(A, Y).T);"],
      [DB, "const db = np.sum(np.subtract(A, Y));"],
    ],
  },
  one("propagate", "dw with Y − A", [
    [DW, "const dw = np.divide(np.dot(X, np.subtract(Y, A).T), m);"],
  ]),
  {
    fn: "propagate",
    names: ["dw with Y − A", "db with Y − A"],
    replace: [
      [DW, "const dw = np.divide(np.dot(X, np.subtract(Y, A).T), m);"],
      [DB, "const db = np.sum(np.subtract(Y, A)) / m;"],
    ],
  },
  one("propagate", "db left an array", [
    [DB, "const db = np.divide(np.sum(np.subtract(A, Y), 1, true), m) as unknown as number;"],
  ]),
  one("propagate", "dw from A alone", [[DW, "const dw = np.divide(np.dot(X, A.T), m);"]]),

  one("optimize", "update with + for −", [
    [UPDATE_W, "w = np.add(w, np.multiply(learningRate, grads.dw));"],
    [UPDATE_B, "b = b + learningRate * grads.db;"],
  ]),
  one("optimize", "update without the learning rate", [
    [UPDATE_W, "w = np.subtract(w, grads.dw);"],
    [UPDATE_B, "b = b - grads.db;"],
  ]),
  one("optimize", "b not updated", [[UPDATE_B, ""]]),
  one("optimize", "costs recorded every iteration", [
    ["if (i % 100 === 0) {", "if (i % 1 === 0) {"],
  ]),
  one("optimize", "costs recorded after the update", [
    ["costs.push(step.cost);", "costs.push(propagate(w, b, X, Y).cost);"],
  ]),

  one("predict", "threshold on wᵀx + b", [
    [PREDICT_A, "const A = np.add(np.dot(w.T, X), b);\n  return np.where"],
  ]),
  one("predict", "threshold at 0", [
    ["return np.where(np.greater(A, 0.5), 1, 0);", "return np.where(np.greater(A, 0), 1, 0);"],
  ]),
  one("predict", "predict without b", [
    [PREDICT_A, "const A = sigmoid(np.dot(w.T, X));\n  return np.where"],
  ]),
  one("predict", "probabilities returned", [
    ["return np.where(np.greater(A, 0.5), 1, 0);", "return A;"],
  ]),

  one("model", "optimize called with its defaults", [[OPTIMIZE_SETTINGS, "  );"]]),
  one("model", "test predictions made on the training set", [
    [PREDICT_TEST, "const yPredictionTest = predict(params.w, params.b, XTrain);"],
  ]),
  one("model", "predictions with the initial parameters", [
    [PREDICT_TRAIN, "const yPredictionTrain = predict(start.w, start.b, XTrain);"],
    [PREDICT_TEST, "const yPredictionTest = predict(start.w, start.b, XTest);"],
  ]),
  {
    // optimize, standing in, then cannot multiply wᵀ (1, m) by X (n, m): a shape error.
    ...one("model", "w sized by the examples", [
      ["initializeWithZeros(XTrain.shape[0])", "initializeWithZeros(XTrain.shape[1])"],
    ]),
    throwsOn: "model.pictures",
  },
];
