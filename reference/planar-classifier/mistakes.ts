/**
 * The planar classifier's library of known mistakes: the ones learners of the course really make
 * (from its forum threads and public notebooks), each a variant of one reference function with a
 * short name and the sentence that tells the learner what to change. The grader names a mistake
 * only when its output reproduces the learner's on the test's inputs (grader/checks/mistakes.ts).
 *
 * Most functions are written once as a `variant` with switchable faults (a fault is the name of a
 * mistake without an `output` of its own), so that two faults can be made together, as learners
 * do (dW1 and db1 both without 1/m). Reference code: never shipped to learners.
 */
import { type NDArray, np, type RandomState } from "../../assignments/lib/np.ts";
import type * as Model from "../../assignments/planar-classifier/model.ts";
import type { FunctionCases, Reference } from "../../grader/core/assignment.ts";

type Library = Pick<FunctionCases, "mistakes" | "variant">;
type Planar = typeof Model;
const planar = (reference: Reference) => reference as unknown as Planar;

const sigmoid = (z: NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));

/** The mistake of name `name`, made by the variant: no output of its own. */
const fault = (name: string, hint: string) => ({ name, hint });

const sigmoidMistakes: Library = {
  mistakes: [
    {
      name: "σ(−z) for σ(z)",
      hint: "this is 1 − σ(z) = σ(−z): the sign of the exponent is flipped; σ(z) = 1 / (1 + e^(−z))",
      output: ([z]) => np.divide(1, np.add(1, np.exp(z as NDArray))),
    },
    {
      name: "sigmoid with 1 − e^(−z)",
      hint: "the denominator is 1 + e^(−z), not 1 − e^(−z)",
      output: ([z]) => np.divide(1, np.subtract(1, np.exp(np.negative(z as NDArray)))),
    },
    {
      name: "tanh for sigmoid",
      hint: "this is tanh(z); the sigmoid is 1 / (1 + e^(−z))",
      output: ([z]) => np.tanh(z as NDArray),
    },
    {
      name: "sigmoid without the reciprocal",
      hint: "this is 1 + e^(−z): the sigmoid is one over it, 1 / (1 + e^(−z))",
      output: ([z]) => np.add(1, np.exp(np.negative(z as NDArray))),
    },
  ],
};

const layerSizesMistakes: Library = {
  mistakes: [
    fault(
      "nX from the columns of X",
      "nX is the number of rows of X, X.shape[0]; X.shape[1] is m, the number of examples",
    ),
    fault(
      "nY from the columns of Y",
      "nY is the number of rows of Y, Y.shape[0]; Y.shape[1] is m, the number of examples",
    ),
    {
      name: "sizes fixed at the planar ones",
      hint: "read nX and nY from the shapes of X and Y (X.shape[0], Y.shape[0]): the planar 2 and 1 are only one case",
      output: () => ({ nX: 2, nH: 4, nY: 1 }),
    },
    {
      name: "nH taken from X",
      hint: "nH is the size of the hidden layer, 4 here, not a size of X (X.shape[1] is m, the number of examples)",
      output: ([X, Y]) => ({
        nX: (X as NDArray).shape[0],
        nH: (X as NDArray).shape[1],
        nY: (Y as NDArray).shape[0],
      }),
    },
    {
      name: "nX and nY swapped",
      hint: "nX is the number of rows of X and nY that of Y: they are swapped",
      output: ([X, Y]) => ({ nX: (Y as NDArray).shape[0], nH: 4, nY: (X as NDArray).shape[0] }),
    },
  ],
  variant: (faults, [X, Y]) => ({
    nX: (X as NDArray).shape[faults.has("nX from the columns of X") ? 1 : 0],
    nH: 4,
    nY: (Y as NDArray).shape[faults.has("nY from the columns of Y") ? 1 : 0],
  }),
};

/** Seeds a learner may fix inside the function: the course's 2, and the usual others. */
const SEEDS_INSIDE = [2, 1, 0, 3, 42];

const initializeMistakes: Library = {
  mistakes: [
    {
      name: "weights all zero",
      hint: "the weights are all zero: draw them with rng.randn so that the hidden units differ",
      output: ([nX, nH, nY]) => ({
        W1: np.zeros([nH as number, nX as number]),
        b1: np.zeros([nH as number, 1]),
        W2: np.zeros([nY as number, nH as number]),
        b2: np.zeros([nY as number, 1]),
      }),
    },
    fault(
      "W2 drawn before W1",
      "W2 was drawn before W1: draw W1 first, then W2, from the same generator",
    ),
    fault("rand for randn", "use rng.randn (normal), not rng.rand (uniform in [0, 1))"),
    fault("weights not scaled", "multiply the weights drawn by `scale`"),
    fault(
      "scale fixed at 0.01",
      "multiply by the `scale` argument, not by a fixed 0.01 (its default is 0.001)",
    ),
    {
      name: "scale fixed at 0.001",
      hint: "multiply by the `scale` argument, not by a fixed 0.001 (that is only its default)",
      output: ([nX, nH, nY, rng]: unknown[]) =>
        initializeWith(
          new Set(),
          nX as number,
          nH as number,
          nY as number,
          rng as RandomState,
          0.001,
        ),
    },
    fault(
      "biases drawn at random",
      "the biases start at zero (np.zeros): drawing them also shifts the draws of W2",
    ),
    // One fault per weight: a learner may transpose either, and both are named together.
    fault("W1 with a transposed shape", "W1 is (nH, nX): rng.randn(nH, nX), rows first"),
    fault("W2 with a transposed shape", "W2 is (nY, nH): rng.randn(nY, nH), rows first"),
    ...SEEDS_INSIDE.map((seed) => ({
      name: "generator seeded inside the function",
      hint: `draw from the generator \`rng\` you are given; seeding a new one inside the function (np.random.seed(${seed})) ignores it`,
      output: ([nX, nH, nY, , scale = 0.001]: unknown[]) =>
        initializeWith(
          new Set(),
          nX as number,
          nH as number,
          nY as number,
          np.random.seed(seed),
          scale as number,
        ),
    })),
  ],
  variant: (faults, [nX, nH, nY, rng, scale = 0.001]) =>
    initializeWith(
      faults,
      nX as number,
      nH as number,
      nY as number,
      rng as RandomState,
      scale as number,
    ),
};

function initializeWith(
  faults: ReadonlySet<string>,
  nX: number,
  nH: number,
  nY: number,
  rng: RandomState,
  scale: number,
): Model.Parameters {
  const factor = faults.has("weights not scaled")
    ? 1
    : faults.has("scale fixed at 0.01")
      ? 0.01
      : scale;
  const draw = (rows: number, cols: number, transposed = false) => {
    const [r, c] = transposed ? [cols, rows] : [rows, cols];
    return np.multiply(faults.has("rand for randn") ? rng.rand(r, c) : rng.randn(r, c), factor);
  };
  const weights1 = () => draw(nH, nX, faults.has("W1 with a transposed shape"));
  const weights2 = () => draw(nY, nH, faults.has("W2 with a transposed shape"));
  const bias = (rows: number) =>
    faults.has("biases drawn at random") ? draw(rows, 1) : np.zeros([rows, 1]);
  if (faults.has("W2 drawn before W1")) {
    const W2 = weights2();
    const b2 = bias(nY);
    const W1 = weights1();
    return { W1, b1: bias(nH), W2, b2 };
  }
  const W1 = weights1();
  const b1 = bias(nH);
  const W2 = weights2();
  return { W1, b1, W2, b2: bias(nY) };
}

const forwardMistakes: Library = {
  mistakes: [
    fault("sigmoid in the hidden layer", "the hidden layer uses tanh, not sigmoid"),
    fault(
      "ReLU in the hidden layer",
      "this network's hidden layer uses tanh, A1 = np.tanh(Z1), not the ReLU np.maximum(Z1, 0) of the deep network",
    ),
    fault(
      "no activation in the hidden layer",
      "A1 = tanh(Z1): the hidden layer's activation is missing",
    ),
    fault("tanh at the output", "the output layer uses the sigmoid: A2 = σ(Z2), not tanh(Z2)"),
    fault("no sigmoid at the output", "A2 = σ(Z2): the output's sigmoid is missing"),
    fault("b1 left out", "Z1 = W1·X + b1: the bias b1 is missing"),
    fault("b2 left out", "Z2 = W2·A1 + b2: the bias b2 is missing"),
    fault(
      "Z1 into the second layer",
      "the second layer takes the activations: Z2 = W2·A1 + b2, not W2·Z1",
    ),
  ],
  variant: (faults, [X, p]) => {
    const { W1, b1, W2, b2 } = p as Model.Parameters;
    const plus = (fault: string, x: NDArray, b: NDArray) => (faults.has(fault) ? x : np.add(x, b));
    const Z1 = plus("b1 left out", np.dot(W1, X as NDArray), b1);
    const A1 = faults.has("sigmoid in the hidden layer")
      ? sigmoid(Z1)
      : faults.has("ReLU in the hidden layer")
        ? np.maximum(Z1, 0)
        : faults.has("no activation in the hidden layer")
          ? Z1
          : np.tanh(Z1);
    const Z2 = plus(
      "b2 left out",
      np.dot(W2, faults.has("Z1 into the second layer") ? Z1 : A1),
      b2,
    );
    const A2 = faults.has("tanh at the output")
      ? np.tanh(Z2)
      : faults.has("no sigmoid at the output")
        ? Z2
        : sigmoid(Z2);
    return { A2, cache: { Z1, A1, Z2, A2 } };
  },
};

const costMistakes: Library = {
  mistakes: [
    fault("(1 − y)·log(1 − a) term missing", "the (1 − y)·log(1 − a) term is missing"),
    fault("y·log(a) term missing", "the y·log(a) term is missing"),
    fault(
      "log(a) in both terms",
      "the second term is (1 − y)·log(1 − a): log of 1 − A2, not of A2",
    ),
    fault("log(1 − a) in both terms", "the first term is y·log(a): log of A2, not of 1 − A2"),
    fault(
      "(y − 1) for (1 − y)",
      "np.subtract(a, b) is a − b: the second term's 1 − y is np.subtract(1, Y); np.subtract(Y, 1) is y − 1, which flips that term's sign",
    ),
    fault("cost sign flipped", "the sign is flipped: J = −(1/m) Σ (…)"),
    fault("cost without 1/m", "divide the sum by m, the number of examples (Y.shape[1])"),
    fault(
      "cost as a mean over every entry",
      "J divides by m (the examples), not by nY·m: np.mean over all of A2 divides by the outputs too; sum every entry and divide by m = Y.shape[1]",
    ),
    fault(
      "cost divided by the outputs",
      "m is the number of examples, Y.shape[1]; Y.shape[0] is the number of outputs",
    ),
    ...[false, true].map((summed) => ({
      name: "cost from matrix products",
      hint: "np.dot(Y, log(A2)ᵀ) pairs every output row with every other, which is right only for nY = 1: multiply entry by entry (np.multiply) and sum every entry",
      output: ([A2, Y]: unknown[]) => {
        const a = A2 as NDArray;
        const y = Y as NDArray;
        const products = np.add(
          np.dot(y, np.log(a).T),
          np.dot(np.subtract(1, y), np.log(np.subtract(1, a)).T),
        );
        const cost = np.divide(products, -y.shape[1]);
        // With one output the unsummed products are a (1,1) array of the right cost: that is
        // the generic "a (1,1) array where a number was expected", not this mistake.
        if (!summed && y.shape[0] === 1) throw new Error("not this mistake with one output");
        return summed ? np.sum(cost) : cost;
      },
    })),
  ],
  variant: (faults, [A2, Y]) => {
    const a = A2 as NDArray;
    const y = Y as NDArray;
    const [outputs, m] = y.shape;
    const logOfA = faults.has("log(1 − a) in both terms") ? np.log(np.subtract(1, a)) : np.log(a);
    const first = faults.has("y·log(a) term missing") ? np.zerosLike(a) : np.multiply(logOfA, y);
    const logOfOther = faults.has("log(a) in both terms") ? np.log(a) : np.log(np.subtract(1, a));
    const notY = faults.has("(y − 1) for (1 − y)") ? np.subtract(y, 1) : np.subtract(1, y);
    const second = faults.has("(1 − y)·log(1 − a) term missing")
      ? np.zerosLike(a)
      : np.multiply(logOfOther, notY);
    const total = np.sum(np.add(first, second));
    const divisor = faults.has("cost without 1/m")
      ? 1
      : faults.has("cost as a mean over every entry")
        ? outputs * m
        : faults.has("cost divided by the outputs")
          ? outputs
          : m;
    return (faults.has("cost sign flipped") ? total : -total) / divisor;
  },
};

/** The derivatives of the hidden layer a learner may write for tanh's, by mistake name. */
const HIDDEN_DERIVATIVES: Record<string, (A1: NDArray, Z1: NDArray, A2: NDArray) => NDArray> = {
  "1 − A1 for tanh's derivative": (A1) => np.subtract(1, A1),
  "tanh's derivative missing": (A1) => np.onesLike(A1),
  "sigmoid's derivative in the hidden layer": (A1) => np.multiply(A1, np.subtract(1, A1)),
  "1 − Z1² for tanh's derivative": (_, Z1) => np.subtract(1, np.power(Z1, 2)),
  "1 − A2² for tanh's derivative": (_, __, A2) => np.subtract(1, np.power(A2, 2)),
  "(1 − A1)² for tanh's derivative": (A1) => np.power(np.subtract(1, A1), 2),
};

const backwardMistakes: Library = {
  mistakes: [
    fault("1 − A1 for tanh's derivative", "tanh's derivative is 1 − A1², not 1 − A1"),
    fault(
      "tanh's derivative missing",
      "the hidden layer's derivative is missing: dZ1 = W2ᵀ·dZ2 ∗ (1 − A1²)",
    ),
    fault(
      "sigmoid's derivative in the hidden layer",
      "that is the sigmoid's derivative A1·(1 − A1); the hidden layer is tanh: 1 − A1²",
    ),
    fault(
      "1 − Z1² for tanh's derivative",
      "tanh's derivative is 1 − tanh(Z1)² = 1 − A1², not 1 − Z1²",
    ),
    fault(
      "(1 − A1)² for tanh's derivative",
      "tanh's derivative is 1 − A1², one minus the square, not (1 − A1)², the square of one minus",
    ),
    fault(
      "1 − A2² for tanh's derivative",
      "tanh's derivative is taken at the hidden layer: 1 − A1², not 1 − A2²",
    ),
    fault("dZ2 = Y − A2", "dZ2 = A2 − Y: the sign is flipped, and every gradient with it"),
    fault(
      "no 1/m in any gradient",
      "every gradient is a mean over the m examples: divide each by m = X.shape[1]",
    ),
    fault("dW1 without 1/m", "dW1 = (1/m)·dZ1·Xᵀ: divide by m"),
    fault("db1 without 1/m", "db1 = (1/m)·Σ dZ1 over the examples: divide by m"),
    fault("dW2 without 1/m", "dW2 = (1/m)·dZ2·A1ᵀ: divide by m"),
    fault("db2 without 1/m", "db2 = (1/m)·Σ dZ2 over the examples: divide by m"),
    fault(
      "db1 without keepdims",
      "db1 must stay a (nH, 1) column: np.sum(dZ1, 1, true) keeps the dimension",
    ),
    fault(
      "db2 without keepdims",
      "db2 must stay a (nY, 1) column: np.sum(dZ2, 1, true) keeps the dimension",
    ),
    fault(
      "db1 summed over axis 0",
      "db1 sums each row of dZ1 over the examples: axis 1, not axis 0",
    ),
    fault(
      "db2 summed over axis 0",
      "db2 sums each row of dZ2 over the examples: axis 1, not axis 0",
    ),
    fault(
      "db1 summed over every entry",
      "db1 sums each row of dZ1 (axis 1, keepdims): np.sum(dZ1) without an axis adds up every entry into one number",
    ),
    fault(
      "db2 summed over every entry",
      "db2 sums each row of dZ2 (axis 1, keepdims): np.sum(dZ2) without an axis adds up every entry into one number",
    ),
    fault("Z1 for A1 in dW2", "dW2 = (1/m)·dZ2·A1ᵀ uses the activations A1, not Z1"),
  ],
  variant: (faults, [parameters, cache, X, Y]) => {
    const { W2 } = parameters as Model.Parameters;
    const { A1, A2, Z1 } = cache as Model.Cache;
    const x = X as NDArray;
    const m = x.shape[1];
    const mean = (name: string, value: NDArray | number): NDArray | number =>
      faults.has(`${name} without 1/m`) || faults.has("no 1/m in any gradient")
        ? value
        : typeof value === "number"
          ? value / m
          : np.divide(value, m);
    const rowSums = (name: string, dZ: NDArray): NDArray | number => {
      if (faults.has(`${name} summed over every entry`)) return np.sum(dZ);
      return faults.has(`${name} summed over axis 0`)
        ? np.sum(dZ, 0, !faults.has(`${name} without keepdims`))
        : np.sum(dZ, 1, !faults.has(`${name} without keepdims`));
    };
    const dZ2 = faults.has("dZ2 = Y − A2")
      ? np.subtract(Y as NDArray, A2)
      : np.subtract(A2, Y as NDArray);
    const derivative = Object.entries(HIDDEN_DERIVATIVES).find(([name]) => faults.has(name))?.[1];
    const slope = derivative ? derivative(A1, Z1, A2) : np.subtract(1, np.power(A1, 2));
    const dZ1 = np.multiply(np.dot(W2.T, dZ2), slope);
    return {
      dW1: mean("dW1", np.dot(dZ1, x.T)),
      db1: mean("db1", rowSums("db1", dZ1)),
      dW2: mean("dW2", np.dot(dZ2, (faults.has("Z1 for A1 in dW2") ? Z1 : A1).T)),
      db2: mean("db2", rowSums("db2", dZ2)),
    };
  },
};

const updateMistakes: Library = {
  mistakes: [
    fault("step added", "the step goes up the gradient: subtract learningRate·dθ, do not add it"),
    fault("learning rate fixed at 1.2", "use the learningRate argument, not a fixed 1.2"),
    fault(
      "learning rate not applied",
      "θ ← θ − learningRate·dθ: multiply the gradient by the learning rate",
    ),
    fault(
      "divided by the learning rate",
      "multiply the gradient by the learning rate; do not divide by it",
    ),
    fault("biases not updated", "b1 and b2 take a step too: b ← b − learningRate·db"),
  ],
  variant: (faults, [p, g, rate = 1.2]) => {
    const parameters = p as Model.Parameters;
    const grads = g as Model.Gradients;
    const alpha = faults.has("learning rate fixed at 1.2") ? 1.2 : (rate as number);
    const step = (theta: NDArray, d: NDArray) => {
      const scaled = faults.has("learning rate not applied")
        ? d
        : faults.has("divided by the learning rate")
          ? np.divide(d, alpha)
          : np.multiply(alpha, d);
      return faults.has("step added") ? np.add(theta, scaled) : np.subtract(theta, scaled);
    };
    const bias = (theta: NDArray, d: NDArray) =>
      faults.has("biases not updated") ? theta : step(theta, d);
    return {
      W1: step(parameters.W1, grads.dW1),
      b1: bias(parameters.b1, grads.db1),
      W2: step(parameters.W2, grads.dW2),
      b2: bias(parameters.b2, grads.db2),
    };
  },
};

const nnModelMistakes: Library = {
  mistakes: [
    fault("nH ignored", "use the nH given to nnModel, not layerSizes' 4"),
    fault("learning rate ignored", "pass the learningRate option on to updateParameters"),
    fault("seed ignored", "seed the generator with the `seed` option: np.random.seed(seed)"),
    fault(
      "one iteration too many",
      "loop exactly numIterations times: for (let i = 0; i < numIterations; i++)",
    ),
    fault(
      "one iteration too few",
      "loop exactly numIterations times: for (let i = 0; i < numIterations; i++)",
    ),
    fault(
      "update discarded",
      "keep what updateParameters returns: parameters = updateParameters(parameters, grads, learningRate)",
    ),
    fault(
      "costs recorded after the update",
      "costs[i] is the cost of the parameters before iteration i's update",
    ),
  ],
  variant: (faults, [X, Y, nH, options], reference) => {
    const {
      layerSizes,
      initializeParameters,
      forwardPropagation,
      computeCost,
      backwardPropagation,
      updateParameters,
    } = planar(reference);
    const x = X as NDArray;
    const y = Y as NDArray;
    const {
      numIterations = 10000,
      learningRate = 1.2,
      seed = 2,
    } = (options ?? {}) as Model.TrainingOptions;
    const sizes = layerSizes(x, y);
    const hidden = faults.has("nH ignored") ? sizes.nH : (nH as number);
    const iterations =
      numIterations +
      (faults.has("one iteration too many") ? 1 : faults.has("one iteration too few") ? -1 : 0);
    let parameters = initializeParameters(
      sizes.nX,
      hidden,
      sizes.nY,
      np.random.seed(faults.has("seed ignored") ? 2 : seed),
    );
    const rate = faults.has("learning rate ignored") ? 1.2 : learningRate;
    const costs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const { A2, cache } = forwardPropagation(x, parameters);
      const updated = updateParameters(
        parameters,
        backwardPropagation(parameters, cache, x, y),
        rate,
      );
      costs.push(
        faults.has("costs recorded after the update")
          ? computeCost(forwardPropagation(x, updated).A2, y)
          : computeCost(A2, y),
      );
      if (!faults.has("update discarded")) parameters = updated;
    }
    return { parameters, costs };
  },
};

const predictMistakes: Library = {
  mistakes: [
    fault("comparison reversed", "the comparison is the wrong way round: 1 where A2 > 0.5"),
    fault("threshold on Z2", "threshold A2 (the probabilities), not Z2"),
    fault(
      "probabilities returned",
      "return 0 or 1: compare A2 with 0.5 rather than returning A2 itself",
    ),
    fault("threshold at 0", "A2 is a probability: the threshold is 0.5, not 0"),
  ],
  variant: (faults, [p, X], reference) => {
    const { cache } = planar(reference).forwardPropagation(X as NDArray, p as Model.Parameters);
    if (faults.has("probabilities returned")) return cache.A2;
    const scores = faults.has("threshold on Z2") ? cache.Z2 : cache.A2;
    const above = np.greater(scores, faults.has("threshold at 0") ? 0 : 0.5);
    return faults.has("comparison reversed") ? np.subtract(1, above) : np.where(above, 1, 0);
  },
};

/** The library, by function. */
export const mistakes: Record<string, Library> = {
  sigmoid: sigmoidMistakes,
  layerSizes: layerSizesMistakes,
  initializeParameters: initializeMistakes,
  forwardPropagation: forwardMistakes,
  computeCost: costMistakes,
  backwardPropagation: backwardMistakes,
  updateParameters: updateMistakes,
  nnModel: nnModelMistakes,
  predict: predictMistakes,
};
