/**
 * The buggy-submission corpus: typical learner mistakes, each made by exact text substitution in
 * the reference solution (so the corpus follows the reference as it changes), with the verdict the
 * grader must give: the exact set of functions that lose points and what the first failing message
 * of each must say.
 *
 * A mistake costs its own function's points only (design principle 2): every function is called
 * with reference inputs and judged alone (the functions it calls are the reference's), so each bug
 * loses points in the one function it is in, and in the end-to-end test when it keeps the
 * learner's whole pipeline from learning the planar data. No other function loses a point.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { TestStatus } from "../../grader/core/report.ts";

export const REFERENCE_PATH = join(PACKAGE_ROOT, "reference/planar-classifier/model.ts");

/** The functions of the planar assignment, in the manifest's order. */
export const FUNCTIONS = [
  "sigmoid",
  "layerSizes",
  "initializeParameters",
  "forwardPropagation",
  "computeCost",
  "backwardPropagation",
  "updateParameters",
  "nnModel",
  "predict",
] as const;

export type FunctionName = (typeof FUNCTIONS)[number];

/** The end-to-end test's line in the summary: the learner's whole pipeline, their own functions. */
export const END_TO_END = "end-to-end";

/** What loses points: a function, or the end-to-end test. */
export type Loser = FunctionName | typeof END_TO_END;

export interface Bug {
  /** Short id, used as the test name. */
  name: string;
  /** The mistake, as a learner would make it. */
  description: string;
  /** Exact substitutions in the reference; each `from` occurs exactly once there. */
  replace: [from: string, to: string][];
  /** Exactly what must score below its maximum: the buggy function, and maybe the end-to-end test. */
  losing: Loser[];
  /** For each loser: substrings its first failing test's message must contain. */
  messages: Partial<Record<Loser, string[]>>;
  /** Statuses some tests must have (for bugs that only show on some inputs). */
  statuses?: Record<string, TestStatus>;
}

export const bugs: Bug[] = [
  {
    name: "dW1 without 1/m",
    description: "dW1 = dZ1·Xᵀ: the average over the m examples is forgotten",
    replace: [["const dW1 = np.divide(np.dot(dZ1, X.T), m);", "const dW1 = np.dot(dZ1, X.T);"]],
    losing: ["backwardPropagation", "end-to-end"],
    messages: {
      backwardPropagation: [
        "backwardPropagation: dW1",
        'the mistake "dW1 without 1/m"',
        "divide by m",
      ],
      "end-to-end": ["Your backwardPropagation fails its own tests"],
    },
  },
  {
    name: "update goes up the gradient",
    description: "θ + learningRate·dθ instead of θ − learningRate·dθ",
    replace: [
      ["W1: np.subtract(parameters.W1,", "W1: np.add(parameters.W1,"],
      ["b1: np.subtract(parameters.b1,", "b1: np.add(parameters.b1,"],
      ["W2: np.subtract(parameters.W2,", "W2: np.add(parameters.W2,"],
      ["b2: np.subtract(parameters.b2,", "b2: np.add(parameters.b2,"],
    ],
    losing: ["updateParameters", "end-to-end"],
    messages: {
      updateParameters: ["updateParameters: W1", "goes up the gradient"],
      "end-to-end": ["Your updateParameters fails its own tests"],
    },
  },
  {
    name: "sigmoid in the hidden layer",
    description: "A1 = σ(Z1) instead of tanh(Z1)",
    replace: [["const A1 = np.tanh(Z1);", "const A1 = sigmoid(Z1);"]],
    losing: ["forwardPropagation", "end-to-end"],
    messages: {
      forwardPropagation: ["forwardPropagation: A2", "the hidden layer uses tanh, not sigmoid"],
      "end-to-end": ["Your forwardPropagation fails its own tests"],
    },
  },
  {
    name: "tanh' written as 1 − A1",
    description: "dZ1 = W2ᵀ·dZ2 ∗ (1 − A1) instead of (1 − A1²)",
    replace: [["np.subtract(1, np.power(A1, 2))", "np.subtract(1, A1)"]],
    losing: ["backwardPropagation", "end-to-end"],
    messages: {
      backwardPropagation: ["backwardPropagation: dW1", "tanh's derivative is 1 − A1², not 1 − A1"],
      "end-to-end": ["Your backwardPropagation fails its own tests"],
    },
  },
  {
    name: "zero weights",
    description: "W1 and W2 initialized with zeros instead of random numbers",
    replace: [
      ["const W1 = np.multiply(rng.randn(nH, nX), scale);", "const W1 = np.zeros([nH, nX]);"],
      ["const W2 = np.multiply(rng.randn(nY, nH), scale);", "const W2 = np.zeros([nY, nH]);"],
    ],
    losing: ["initializeParameters", "end-to-end"],
    messages: {
      initializeParameters: ["initializeParameters: W1", "the weights are all zero"],
      "end-to-end": ["Your initializeParameters fails its own tests"],
    },
  },
  {
    name: "W2 drawn before W1",
    description: "the same generator, but W2's numbers are drawn first",
    replace: [
      [
        "  const W1 = np.multiply(rng.randn(nH, nX), scale);\n  const b1 = np.zeros([nH, 1]);\n  const W2 = np.multiply(rng.randn(nY, nH), scale);\n",
        "  const W2 = np.multiply(rng.randn(nY, nH), scale);\n  const W1 = np.multiply(rng.randn(nH, nX), scale);\n  const b1 = np.zeros([nH, 1]);\n",
      ],
    ],
    losing: ["initializeParameters"],
    messages: { initializeParameters: ["initializeParameters: W1", "W2 was drawn before W1"] },
  },
  {
    name: "initialization ignores the scale",
    description: "a fixed 0.001 instead of the scale argument",
    replace: [
      [
        "const W1 = np.multiply(rng.randn(nH, nX), scale);",
        "const W1 = np.multiply(rng.randn(nH, nX), 0.001);",
      ],
      [
        "const W2 = np.multiply(rng.randn(nY, nH), scale);",
        "const W2 = np.multiply(rng.randn(nY, nH), 0.001);",
      ],
    ],
    // nnModel initializes with the default scale 0.001, so it is not affected.
    losing: ["initializeParameters"],
    messages: {
      initializeParameters: ["initializeParameters: W1", 'the mistake "scale fixed at 0.001"'],
    },
    statuses: {
      "initializeParameters.planar": "passed",
      "initializeParameters.scale": "failed",
      "initializeParameters.other": "failed",
    },
  },
  {
    name: "keepdims forgotten in db1 and db2",
    description: "np.sum(dZ, 1) gives a (1, n) row where the (n, 1) column was wanted",
    replace: [
      [
        "const db2 = np.divide(np.sum(dZ2, 1, true), m);",
        "const db2 = np.divide(np.sum(dZ2, 1), m);",
      ],
      [
        "const db1 = np.divide(np.sum(dZ1, 1, true), m);",
        "const db1 = np.divide(np.sum(dZ1, 1), m);",
      ],
    ],
    losing: ["backwardPropagation", "end-to-end"],
    messages: {
      backwardPropagation: ["backwardPropagation: db1 has shape (1,4), expected (4,1)", "keepdims"],
      "end-to-end": ["Your backwardPropagation fails its own tests"],
    },
  },
  {
    name: "cost as a (1,1) array",
    description: "the cost is summed with keepdims and returned as an array instead of a number",
    replace: [
      [
        "return -np.sum(logprobs) / m;",
        "return np.divide(np.negative(np.sum(logprobs, null, true)), m);",
      ],
    ],
    losing: ["computeCost"],
    messages: {
      computeCost: ["computeCost: the result is an array (1,1), expected a number", "plain number"],
    },
  },
  {
    name: "cost without the (1 − y) term",
    description: "J = −(1/m) Σ y·log(a): the examples with y = 0 are forgotten",
    replace: [
      [
        "    np.multiply(np.log(np.subtract(1, A2)), np.subtract(1, Y)),\n",
        "    np.multiply(np.zeros(A2.shape), np.subtract(1, Y)),\n",
      ],
    ],
    losing: ["computeCost"],
    messages: {
      computeCost: ["computeCost: the result is", "the (1 − y)·log(1 − a) term is missing"],
    },
  },
  {
    name: "cost with the sign flipped",
    description: "J = (1/m) Σ (…) without the leading minus",
    replace: [["return -np.sum(logprobs) / m;", "return np.sum(logprobs) / m;"]],
    losing: ["computeCost"],
    messages: { computeCost: ["computeCost: the result is", "the sign is flipped"] },
  },
  {
    name: "predict with <",
    description: "1 where A2 < 0.5: the comparison is the wrong way round",
    replace: [["np.where(np.greater(A2, 0.5), 1, 0)", "np.where(np.less(A2, 0.5), 1, 0)"]],
    losing: ["predict"],
    messages: { predict: ["predict: the result", "the comparison is the wrong way round"] },
  },
  {
    name: "predict thresholds Z2",
    description: "1 where Z2 > 0.5 instead of A2 > 0.5",
    replace: [
      [
        "  const { A2 } = forwardPropagation(X, parameters);\n  return np.where(np.greater(A2, 0.5), 1, 0);",
        "  const { cache } = forwardPropagation(X, parameters);\n  return np.where(np.greater(cache.Z2, 0.5), 1, 0);",
      ],
    ],
    losing: ["predict"],
    messages: { predict: ["predict: the result", "threshold A2 (the probabilities), not Z2"] },
  },
  {
    name: "predict returns the probabilities",
    description: "returns A2 itself, not 0/1 predictions",
    replace: [["return np.where(np.greater(A2, 0.5), 1, 0);", "return A2;"]],
    losing: ["predict"],
    messages: { predict: ["predict: the result", "expected"] },
  },
  {
    name: "transposed dW1",
    description: "dW1 = X·dZ1ᵀ, which is (nX, nH) instead of (nH, nX)",
    replace: [
      [
        "const dW1 = np.divide(np.dot(dZ1, X.T), m);",
        "const dW1 = np.divide(np.dot(X, dZ1.T), m);",
      ],
    ],
    losing: ["backwardPropagation", "end-to-end"],
    messages: {
      backwardPropagation: [
        "backwardPropagation: dW1 has shape (2,4), expected (4,2)",
        "the result is transposed",
      ],
      "end-to-end": ["Your backwardPropagation fails its own tests"],
    },
  },
  {
    name: "parameters updated in place",
    description: "updateParameters writes the new W1 into the W1 it was given",
    replace: [
      [
        "  return {\n    W1: np.subtract(parameters.W1, np.multiply(learningRate, grads.dW1)),\n",
        [
          "  const { W1 } = parameters;",
          "  const stepW1 = np.multiply(learningRate, grads.dW1);",
          "  for (let k = 0; k < W1.size; k++) W1.data[k] = (W1.data[k] as number) - (stepW1.data[k] as number);",
          "  return {",
          "    W1,",
          "",
        ].join("\n"),
      ],
    ],
    // The returned values are right and nnModel only uses the returned parameters (it never reads
    // W1.T, which the array caches), so training is not affected.
    losing: ["updateParameters"],
    messages: {
      updateParameters: [
        "updateParameters changed its argument parameters in place",
        "parameters.W1",
      ],
    },
  },
  {
    name: "update ignores the learning rate",
    description: "a fixed 1.2 instead of the learningRate argument",
    replace: [
      ["np.multiply(learningRate, grads.dW1)", "np.multiply(1.2, grads.dW1)"],
      ["np.multiply(learningRate, grads.db1)", "np.multiply(1.2, grads.db1)"],
      ["np.multiply(learningRate, grads.dW2)", "np.multiply(1.2, grads.dW2)"],
      ["np.multiply(learningRate, grads.db2)", "np.multiply(1.2, grads.db2)"],
    ],
    losing: ["updateParameters"],
    messages: {
      updateParameters: ["updateParameters: W1", "use the learningRate argument, not a fixed 1.2"],
    },
    // nnModel.settings trains with a rate of 0.5 through the reference's updateParameters.
    statuses: {
      "updateParameters.default-rate": "passed",
      "nnModel.early": "passed",
      "nnModel.settings": "passed",
    },
  },
  {
    name: "nnModel ignores nH",
    description: "always 4 hidden units, whatever nH it is given",
    replace: [
      [
        "initializeParameters(nX, nH, nY, np.random.seed(seed))",
        "initializeParameters(nX, 4, nY, np.random.seed(seed))",
      ],
    ],
    losing: ["nnModel"],
    messages: { nnModel: ["nnModel: parameters.W1 has shape (4,3), expected (3,3)"] },
    statuses: { "nnModel.early": "passed", "nnModel.settings": "failed" },
  },
  {
    name: "nnModel ignores the learning rate",
    description: "updateParameters is called with its default rate",
    replace: [
      [
        "parameters = updateParameters(parameters, grads, learningRate);",
        "parameters = updateParameters(parameters, grads);",
      ],
    ],
    losing: ["nnModel"],
    messages: { nnModel: ["nnModel: parameters.W1"] },
    statuses: { "nnModel.early": "passed", "nnModel.settings": "failed" },
  },
  {
    name: "nnModel ignores the seed",
    description: "the generator is always seeded with 2",
    replace: [
      [
        "initializeParameters(nX, nH, nY, np.random.seed(seed))",
        "initializeParameters(nX, nH, nY, np.random.seed(2))",
      ],
    ],
    losing: ["nnModel"],
    messages: { nnModel: ["nnModel: parameters.W1"] },
    statuses: { "nnModel.early": "passed", "nnModel.settings": "failed" },
  },
  {
    name: "nnModel runs one iteration too many",
    description: "i <= numIterations",
    replace: [["i < numIterations", "i <= numIterations"]],
    losing: ["nnModel"],
    // nnModel's result is compared parameters first, so the message names W1 rather than costs.
    messages: { nnModel: ["nnModel: costs has 301 entries, expected 300"] },
  },
  {
    name: "element-wise W2ᵀ ∗ dZ2",
    description:
      "dZ1 = (W2ᵀ ∗ dZ2) ∗ (1 − A1²) with an entry-by-entry product, which broadcasts to the matrix product only when nY = 1",
    replace: [["np.multiply(np.dot(W2.T, dZ2), ", "np.multiply(np.multiply(W2.T, dZ2), "]],
    losing: ["backwardPropagation"],
    messages: {
      backwardPropagation: [
        "backwardPropagation threw ShapeError: np.multiply",
        "broadcast together with shapes (5,3) (3,7)",
        "in `const dZ1 = np.multiply(np.multiply(W2.T, dZ2), np.subtract(1, np.power(A1, 2)));`",
        "Hint: this multiplies entry by entry ((5,3) ∗ (3,7)) where a matrix product is needed: np.dot(first, second), a (5,3)·(3,7) product.",
      ],
    },
    statuses: {
      "backwardPropagation.planar": "passed",
      "backwardPropagation.multi-output": "error",
      "nnModel.early": "passed",
      "end-to-end.accuracy": "passed",
      // With nY = 2, through the reference's backwardPropagation.
      "nnModel.settings": "passed",
    },
  },
  {
    name: "layerSizes with nH = m",
    description: "the hidden size is taken from X's columns",
    replace: [["nH: 4, nY: Y.shape[0]", "nH: X.shape[1], nY: Y.shape[0]"]],
    // The reference nnModel takes only nX and nY from layerSizes.
    losing: ["layerSizes"],
    messages: {
      layerSizes: ["layerSizes: nH is 400, expected 4", 'the mistake "nH taken from X"'],
    },
  },
  {
    name: "sigmoid with e^z",
    description: "1 / (1 + e^z): the minus sign is forgotten",
    replace: [["np.exp(np.negative(z))", "np.exp(z)"]],
    losing: ["sigmoid", "end-to-end"],
    messages: {
      sigmoid: ["sigmoid: the result", "this is 1 − σ(z)"],
      "end-to-end": ["Your sigmoid fails its own tests"],
    },
  },
  {
    name: "nnModel reads the cache forwardPropagation left in the module",
    description:
      "forwardPropagation also keeps its cache in a variable of the module, and nnModel passes that to backwardPropagation instead of the cache forwardPropagation returns",
    replace: [
      [
        "  return { A2, cache: { Z1, A1, Z2, A2 } };",
        "  lastCache = { Z1, A1, Z2, A2 };\n  return { A2, cache: { Z1, A1, Z2, A2 } };",
      ],
      [
        "export function forwardPropagation(",
        "let lastCache: Cache;\nexport function forwardPropagation(",
      ],
      [
        "    const { A2, cache } = forwardPropagation(X, parameters);",
        "    const { A2 } = forwardPropagation(X, parameters);\n    const cache = lastCache;",
      ],
    ],
    // Judged alone, with the reference's forwardPropagation answering, nothing sets the variable;
    // the learner's whole pipeline, run together, works.
    losing: ["nnModel"],
    messages: { nnModel: ["nnModel threw", "could not run on the inputs your code gave it"] },
  },
  {
    name: "bias dropped in the hidden layer",
    description: "Z1 = W1·X without + b1",
    replace: [["const Z1 = np.add(np.dot(W1, X), b1);", "const Z1 = np.dot(W1, X);"]],
    losing: ["forwardPropagation", "end-to-end"],
    messages: {
      forwardPropagation: ["forwardPropagation: A2"],
      "end-to-end": ["Your forwardPropagation fails its own tests"],
    },
  },
];

/** The corpus's bug of that name (throws where there is none: a test would test nothing). */
export function bugNamed(name: string): Bug {
  const bug = bugs.find((b) => b.name === name);
  if (!bug) throw new Error(`no corpus bug named ${name}`);
  return bug;
}

/** The reference's source text. */
export function referenceSource(): string {
  return readFileSync(REFERENCE_PATH, "utf8");
}

/** How many times `needle` occurs in `text` (overlapping occurrences included). */
export function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

/** The reference with a bug's substitutions made; throws unless each `from` occurs exactly once. */
export function applyBug(source: string, bug: Pick<Bug, "name" | "replace">): string {
  let text = source;
  for (const [from, to] of bug.replace) {
    const count = Math.max(occurrences(source, from), occurrences(text, from));
    if (count !== 1 || occurrences(text, from) !== 1) {
      throw new Error(
        `bug "${bug.name}": ${JSON.stringify(from)} occurs ${count} times in the reference, expected exactly once`,
      );
    }
    text = text.replace(from, () => to);
  }
  return text;
}
