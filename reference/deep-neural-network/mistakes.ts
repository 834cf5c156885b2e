/**
 * The deep network's library of known mistakes: the ones learners of the course really make (from
 * its forum threads and public notebooks: the off-by-one loop that leaves the last layer out, the
 * 0.01 initialization of the step-by-step notebook, dAL written as AL − Y, dA stored one layer
 * off, the ReLU in the output layer), each a variant of one reference function with a short name
 * and the sentence that tells the learner what to change. The grader names a mistake only when its
 * output reproduces the learner's on the test's inputs (grader/checks/mistakes.ts).
 *
 * Each function is written once as a `variant` with switchable faults, so that two faults can be
 * made together. Reference code: never shipped to learners.
 */

import type * as Model from "../../assignments/deep-neural-network/model.ts";
import { type NDArray, np, type RandomState } from "../../assignments/lib/np.ts";
import type { FunctionCases, Reference } from "../../grader/core/assignment.ts";

type Library = Pick<FunctionCases, "mistakes" | "variant">;
type Deep = typeof Model;
const deep = (reference: Reference) => reference as unknown as Deep;

const sigmoid = (z: NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));
const relu = (z: NDArray) => np.maximum(z, 0);

/** The mistake of name `name`, made by the variant: no output of its own. */
const fault = (name: string, hint: string) => ({ name, hint });

const initializeMistakes: Library = {
  mistakes: [
    fault(
      "weights scaled by 0.01",
      "divide each Wl by √n_{l−1} (the size of the layer before), as the course's deep application does, not multiply by 0.01",
    ),
    fault(
      "√ of the layer's own size",
      "divide Wl by √n_{l−1}, the size of the layer before (layerDims[l − 1]), not of layer l itself",
    ),
    fault(
      "W drawn as (n_{l−1}, n_l)",
      "Wl is (n_l, n_{l−1}): draw rng.randn(layerDims[l], layerDims[l − 1]), rows first",
    ),
    fault(
      "last layer left out",
      "the loop runs l = 1 … L, where L = layerDims.length − 1: the last layer's W and b are missing",
    ),
    fault("random biases", "the biases start at zero: bl = np.zeros([layerDims[l], 1]), no draw"),
  ],
  variant: (faults, [layerDims, rng]) => {
    const dims = layerDims as number[];
    const generator = rng as RandomState;
    const p: Model.Parameters = {};
    const last = faults.has("last layer left out") ? dims.length - 1 : dims.length;
    for (let l = 1; l < last; l++) {
      const [rows, cols] = [dims[l] as number, dims[l - 1] as number];
      const draw = faults.has("W drawn as (n_{l−1}, n_l)")
        ? generator.randn(cols, rows)
        : generator.randn(rows, cols);
      p[`W${l}`] = faults.has("weights scaled by 0.01")
        ? np.multiply(draw, 0.01)
        : np.divide(draw, Math.sqrt(faults.has("√ of the layer's own size") ? rows : cols));
      p[`b${l}`] = faults.has("random biases") ? generator.randn(rows, 1) : np.zeros([rows, 1]);
    }
    return p;
  },
};

const linearForwardMistakes: Library = {
  mistakes: [fault("Z without b", "Z = W·A + b: the bias b is missing")],
  variant: (faults, [A, W, b]) => {
    const product = np.dot(W as NDArray, A as NDArray);
    const Z = faults.has("Z without b") ? product : np.add(product, b as NDArray);
    return { Z, cache: { A, W, b } };
  },
};

const activationForwardMistakes: Library = {
  mistakes: [
    fault(
      "activations swapped",
      'the ReLU and the sigmoid are swapped: activation "relu" is max(0, Z), "sigmoid" is 1 / (1 + e^(−Z))',
    ),
    fault(
      "A kept as the activation cache",
      "the activation cache is Z, the input of the activation (the backward step needs g′(Z)), not A",
    ),
  ],
  variant: (faults, [APrev, W, b, activation]) => {
    const Z = np.add(np.dot(W as NDArray, APrev as NDArray), b as NDArray);
    const sigmoidHere = (activation === "sigmoid") !== faults.has("activations swapped");
    const A = sigmoidHere ? sigmoid(Z) : relu(Z);
    return {
      A,
      cache: {
        linearCache: { A: APrev, W, b },
        activationCache: faults.has("A kept as the activation cache") ? A : Z,
      },
    };
  },
};

const modelForwardMistakes: Library = {
  mistakes: [
    fault(
      "sigmoid in every layer",
      "the hidden layers 1 … L − 1 use the ReLU; only the last layer uses the sigmoid",
    ),
    fault(
      "ReLU in the last layer",
      "the last layer uses the sigmoid, so that AL is a probability in (0, 1)",
    ),
    fault(
      "last layer's cache left out",
      "keep every layer's cache, the last one's too: caches has L entries, one per layer",
    ),
    fault(
      "hidden-layer loop through layer L",
      "the loop runs over the hidden layers, l = 1 … L − 1 (l < L); layer L comes after it, once, with the sigmoid",
    ),
  ],
  variant: (faults, [X, parameters], reference) => {
    const { linearActivationForward } = deep(reference);
    const p = parameters as Model.Parameters;
    const L = Object.keys(p).filter((k) => k.startsWith("W")).length;
    const caches: Model.LayerCache[] = [];
    let A = X as NDArray;
    const layer = (l: number, activation: Model.Activation) => {
      const made = linearActivationForward(
        A,
        p[`W${l}`] as NDArray,
        p[`b${l}`] as NDArray,
        activation,
      );
      A = made.A;
      return made.cache;
    };
    const hidden = faults.has("sigmoid in every layer") ? "sigmoid" : "relu";
    const through = faults.has("hidden-layer loop through layer L") ? L : L - 1;
    for (let l = 1; l <= through; l++) caches.push(layer(l, hidden));
    const last = layer(L, faults.has("ReLU in the last layer") ? "relu" : "sigmoid");
    if (!faults.has("last layer's cache left out")) caches.push(last);
    return { AL: A, caches };
  },
};

const costMistakes: Library = {
  mistakes: [
    fault("cost sign flipped", "the sign is flipped: J = −(1/m) Σ (…)"),
    fault("cost without 1/m", "divide the sum by m, the number of examples (Y.shape[1])"),
    fault(
      "log(a) in both terms",
      "the second term is (1 − y)·log(1 − a): log of 1 − AL, not of AL",
    ),
    fault("log(1 − a) in both terms", "the first term is y·log(a): log of AL, not of 1 − AL"),
    fault(
      "(y − 1) for (1 − y)",
      "np.subtract(a, b) is a − b: the second term's 1 − y is np.subtract(1, Y); np.subtract(Y, 1) is y − 1, which flips that term's sign",
    ),
  ],
  variant: (faults, [AL, Y]) => {
    const [a, y] = [AL as NDArray, Y as NDArray];
    const one = faults.has("log(1 − a) in both terms") ? np.log(np.subtract(1, a)) : np.log(a);
    const other = faults.has("log(a) in both terms") ? np.log(a) : np.log(np.subtract(1, a));
    const notY = faults.has("(y − 1) for (1 − y)") ? np.subtract(y, 1) : np.subtract(1, y);
    const total = np.sum(np.add(np.multiply(y, one), np.multiply(notY, other)));
    const signed = faults.has("cost sign flipped") ? total : -total;
    return faults.has("cost without 1/m") ? signed : signed / y.shape[1];
  },
};

const linearBackwardMistakes: Library = {
  mistakes: [
    fault("dW without 1/m", "dW = (1/m)·dZ·A_{l−1}ᵀ: divide by m"),
    fault("db without 1/m", "db = (1/m)·Σ dZ over the examples: divide by m"),
    fault(
      "dAPrev divided by m",
      "dA_{l−1} = Wᵀ·dZ has no 1/m: only dW and db are means over the examples",
    ),
    fault(
      "db summed over the units",
      "db sums each row of dZ over the examples: np.sum(dZ, 1, true), a (n_l, 1) column",
    ),
  ],
  variant: (faults, [dZ, cache]) => {
    const { A: APrev, W } = cache as Model.LinearCache;
    const dz = dZ as NDArray;
    const m = APrev.shape[1];
    const dWSum = np.dot(dz, APrev.T);
    const dbSum = faults.has("db summed over the units")
      ? np.sum(dz, 0, true)
      : np.sum(dz, 1, true);
    const back = np.dot(W.T, dz);
    return {
      dAPrev: faults.has("dAPrev divided by m") ? np.divide(back, m) : back,
      dW: faults.has("dW without 1/m") ? dWSum : np.divide(dWSum, m),
      db: faults.has("db without 1/m") ? dbSum : np.divide(dbSum, m),
    };
  },
};

const activationBackwardMistakes: Library = {
  mistakes: [
    fault(
      "derivatives swapped",
      'the derivatives are swapped: "relu" is 1 where Z > 0, else 0; "sigmoid" is s·(1 − s) with s = σ(Z)',
    ),
    fault(
      "ReLU's derivative left out",
      "dZ = dA ∗ g′(Z): for the ReLU, zero dA where Z ≤ 0 (np.greater(Z, 0))",
    ),
    fault(
      "sigmoid's derivative without dA",
      "dZ = dA ∗ s·(1 − s): multiply the derivative by the dA that flows in",
    ),
    fault(
      "ReLU's derivative inverted",
      "dZ keeps dA where the unit is on, Z > 0, and is 0 where Z ≤ 0: np.multiply(dA, np.greater(Z, 0)), not a mask of Z ≤ 0 (numpy's dZ[Z <= 0] = 0 zeroes those entries, it does not keep them)",
    ),
    fault(
      "ReLU's derivative read from dA",
      "the ReLU's derivative is read from Z, the layer's input (the cache's activationCache): dZ = dA where Z > 0, else 0, whatever dA's own sign (np.greater(Z, 0), not np.greater(dA, 0) or np.maximum(dA, 0))",
    ),
    fault(
      "sigmoid's derivative from Z itself",
      "s·(1 − s) takes s = σ(Z), the sigmoid of the cached Z: compute s = sigmoid(Z) first, not Z·(1 − Z)",
    ),
  ],
  variant: (faults, [dA, cache, activation], reference) => {
    const { linearBackward } = deep(reference);
    const { linearCache, activationCache: Z } = cache as Model.LayerCache;
    const da = dA as NDArray;
    const sigmoidHere = (activation === "sigmoid") !== faults.has("derivatives swapped");
    let dZ: NDArray;
    if (sigmoidHere) {
      const s = faults.has("sigmoid's derivative from Z itself") ? Z : sigmoid(Z);
      const slope = np.multiply(s, np.subtract(1, s));
      dZ = faults.has("sigmoid's derivative without dA") ? slope : np.multiply(da, slope);
    } else {
      const on = faults.has("ReLU's derivative read from dA") ? da : Z;
      const mask = faults.has("ReLU's derivative inverted")
        ? np.lessEqual(on, 0)
        : np.greater(on, 0);
      dZ = faults.has("ReLU's derivative left out") ? da : np.multiply(da, mask);
    }
    return linearBackward(dZ, linearCache);
  },
};

const modelBackwardMistakes: Library = {
  mistakes: [
    fault(
      "dAL sign flipped",
      "dAL = −(Y / AL − (1 − Y) / (1 − AL)): the minus in front is missing",
    ),
    fault(
      "dAL as AL − Y",
      "AL − Y is dZL, the gradient after the sigmoid; the backward pass starts from dAL = −(Y / AL − (1 − Y) / (1 − AL)), and the sigmoid's backward step makes it AL − Y",
    ),
    fault(
      "dAL's 1 − Y or 1 − AL written backwards",
      "np.subtract(a, b) is a − b: 1 − Y is np.subtract(1, Y) and 1 − AL is np.subtract(1, AL), so that dAL = −(Y / AL − (1 − Y) / (1 − AL)); either one turned round flips the second term's sign",
    ),
    fault(
      "ReLU's backward step in the last layer",
      'the last layer is a sigmoid layer: its backward step is linearActivationBackward(dAL, caches[L − 1], "sigmoid")',
    ),
    fault(
      "dA stored one layer off",
      "layer l's backward step gives dA{l − 1}, the gradient of its input: store it as dA{l − 1}, not dA{l}",
    ),
  ],
  variant: (faults, [AL, Y, caches], reference) => {
    const { linearActivationBackward } = deep(reference);
    const [a, y] = [AL as NDArray, Y as NDArray];
    const list = caches as Model.LayerCache[];
    const L = list.length;
    const notY = faults.has("dAL's 1 − Y or 1 − AL written backwards")
      ? np.subtract(y, 1)
      : np.subtract(1, y);
    const ratio = np.subtract(np.divide(y, a), np.divide(notY, np.subtract(1, a)));
    let dA = faults.has("dAL as AL − Y")
      ? np.subtract(a, y)
      : faults.has("dAL sign flipped")
        ? ratio
        : np.negative(ratio);
    const grads: Model.Gradients = {};
    for (let l = L; l >= 1; l--) {
      const activation =
        l === L && !faults.has("ReLU's backward step in the last layer") ? "sigmoid" : "relu";
      const layer = linearActivationBackward(dA, list[l - 1] as Model.LayerCache, activation);
      grads[`dA${faults.has("dA stored one layer off") ? l : l - 1}`] = layer.dAPrev;
      grads[`dW${l}`] = layer.dW;
      grads[`db${l}`] = layer.db;
      dA = layer.dAPrev;
    }
    return grads;
  },
};

const updateMistakes: Library = {
  mistakes: [
    fault(
      "update with + for −",
      "gradient descent steps against the gradient: θ − learningRate·dθ",
    ),
    fault(
      "update without the learning rate",
      "the step is learningRate·dθ: multiply each gradient by the learning rate",
    ),
    fault(
      "last layer not updated",
      "the loop runs over every layer, l = 1 … L (L = the number of W's): the last layer's W and b were left as they were",
    ),
    fault("biases not updated", "the biases are learned too: bl ← bl − learningRate·dbl"),
  ],
  variant: (faults, [parameters, grads, learningRate]) => {
    const p = parameters as Model.Parameters;
    const g = grads as Model.Gradients;
    const L = Object.keys(p).filter((k) => k.startsWith("W")).length;
    const rate = faults.has("update without the learning rate") ? 1 : (learningRate as number);
    const out: Model.Parameters = {};
    for (const [name, value] of Object.entries(p)) {
      const layer = Number(name.slice(1));
      const frozen =
        (faults.has("last layer not updated") && layer === L) ||
        (faults.has("biases not updated") && name.startsWith("b"));
      const step = np.multiply(rate, g[`d${name}`] as NDArray);
      out[name] = frozen
        ? value
        : faults.has("update with + for −")
          ? np.add(value, step)
          : np.subtract(value, step);
    }
    return out;
  },
};

const modelMistakes: Library = {
  mistakes: [
    fault(
      "costs recorded every iteration",
      "record the cost only every 100th iteration (i % 100 === 0), as the course does",
    ),
    fault(
      "seed ignored",
      "seed the generator with the seed given (np.random.seed(seed)), not a fixed one",
    ),
    fault(
      "learning rate ignored",
      "pass the learning rate lLayerModel is given on to updateParameters",
    ),
    fault(
      "update discarded",
      "keep what updateParameters returns: parameters = updateParameters(parameters, grads, learningRate); it leaves the parameters it is given as they were",
    ),
  ],
  variant: (faults, [X, Y, layersDims, options], reference) => {
    const {
      initializeParametersDeep,
      lModelForward,
      computeCost,
      lModelBackward,
      updateParameters,
    } = deep(reference);
    const {
      learningRate = 0.0075,
      numIterations = 3000,
      seed = 1,
    } = (options ?? {}) as Model.TrainingOptions;
    let parameters = initializeParametersDeep(
      layersDims as number[],
      np.random.seed(faults.has("seed ignored") ? 1 : seed),
    );
    const rate = faults.has("learning rate ignored") ? 0.0075 : learningRate;
    const costs: number[] = [];
    for (let i = 0; i < numIterations; i++) {
      const { AL, caches } = lModelForward(X as NDArray, parameters);
      const cost = computeCost(AL, Y as NDArray);
      const grads = lModelBackward(AL, Y as NDArray, caches);
      const updated = updateParameters(parameters, grads, rate);
      if (!faults.has("update discarded")) parameters = updated;
      if (faults.has("costs recorded every iteration") || i % 100 === 0) costs.push(cost);
    }
    return { parameters, costs };
  },
};

/** The library, by function. */
export const mistakes: Record<string, Library> = {
  initializeParametersDeep: initializeMistakes,
  linearForward: linearForwardMistakes,
  linearActivationForward: activationForwardMistakes,
  lModelForward: modelForwardMistakes,
  computeCost: costMistakes,
  linearBackward: linearBackwardMistakes,
  linearActivationBackward: activationBackwardMistakes,
  lModelBackward: modelBackwardMistakes,
  updateParameters: updateMistakes,
  lLayerModel: modelMistakes,
};
