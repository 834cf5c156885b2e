/**
 * The instructor's side of the planar-classifier tests: how each test makes its inputs (one
 * generator per function, shared by every case of it in assignment.json, drawing with the
 * reference where a consistent cache or a trained network is needed), the library of known
 * mistakes (mistakes.ts) the feedback names, the named checks that judge
 * with the reference, and the reference data of the gradient checks. Never shipped to learners:
 * the release carries only the visible tests' inputs and expected values (expected.json).
 *
 * Inputs are non-degenerate on purpose: weights of order 1/√fan_in or larger (at the 0.001 init
 * scale tanh(z) ≈ z and many bugs vanish), non-zero biases, and sizes that vary (nY of 2 or 3
 * catches an element-wise W2ᵀ∗dZ2 that only equals the matrix product when nY = 1).
 */
import { type NDArray, np, type RandomState } from "../../assignments/lib/np.ts";
import { loadPlanarDataset } from "../../assignments/planar-classifier/dataset.ts";
import type * as Model from "../../assignments/planar-classifier/model.ts";
import { PARAMETER_NAMES } from "../../assignments/planar-classifier/tensors.ts";
import {
  type Evaluation,
  fromFunction,
  numericGradient,
} from "../../grader/checks/gradient/check.ts";
import {
  arraysOf,
  type NumericGradients,
  tensorOf,
  tensorsOf,
} from "../../grader/checks/gradient/tensors.ts";
import type {
  CaseContext,
  CheckFailure,
  Reference,
  ReferenceCases,
} from "../../grader/core/assignment.ts";
import { param } from "../../grader/core/assignment.ts";
import type { Said } from "../../grader/core/phrase.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import { mistakes } from "./mistakes.ts";
import { said, words } from "./words.ts";

type Planar = typeof Model;
const planar = (reference: Reference) => reference as unknown as Planar;

function sizes(context: CaseContext) {
  const { params } = context;
  return {
    nX: param(params, "nX", 2),
    nH: param(params, "nH", 4),
    nY: param(params, "nY", 1),
    m: param(params, "m", 5),
  };
}

/** Weights of order scale/√fan_in, biases of order biasScale: far from tanh's linear regime. */
function parameters(context: CaseContext): Model.Parameters {
  const { rng, params } = context;
  const { nX, nH, nY } = sizes(context);
  const weightScale = param(params, "weightScale", 1);
  const biasScale = param(params, "biasScale", 0.5);
  return {
    W1: np.multiply(rng.randn(nH, nX), weightScale / Math.sqrt(nX)),
    b1: np.multiply(rng.randn(nH, 1), biasScale),
    W2: np.multiply(rng.randn(nY, nH), weightScale / Math.sqrt(nH)),
    b2: np.multiply(rng.randn(nY, 1), biasScale),
  };
}

function inputs(context: CaseContext): NDArray {
  const { nX, m } = sizes(context);
  return np.multiply(context.rng.randn(nX, m), param(context.params, "inputScale", 1));
}

function labels(rng: RandomState, rows: number, m: number): NDArray {
  return np.greater(rng.rand(rows, m), 0.5);
}

/** The planar dataset, or a random one of the case's sizes. */
function dataset(context: CaseContext): { X: NDArray; Y: NDArray } {
  if (context.params.dataset === "planar") return loadPlanarDataset();
  const { nY, m } = sizes(context);
  return { X: inputs(context), Y: labels(context.rng, nY, m) };
}

const wire = (...values: unknown[]): Wire[] => values.map((v) => encode(v));

/** Attempts at drawing a usable gradient-check point before giving up (a manifest mistake). */
const CHECK_POINT_ATTEMPTS = 100;

/**
 * A point at which numeric gradients are trustworthy and bugs are visible: parameters and data
 * drawn as for the other tests, redrawn while the network is saturated (an output within 1e-6 of
 * 0 or 1, where −log(1 − a) loses all precision, or more than a quarter of the hidden values with
 * |A1| > 0.99, where tanh is flat). An unusable point is redrawn, never blamed on the learner.
 */
export function gradientCheckPoint(context: CaseContext) {
  for (let attempt = 0; attempt < CHECK_POINT_ATTEMPTS; attempt++) {
    const p = parameters(context);
    const { X, Y } = dataset(context);
    const { cache } = planar(context.reference).forwardPropagation(X, p);
    const saturatedOutput = cache.A2.data.some((a) => a < 1e-6 || a > 1 - 1e-6);
    const flatUnits = cache.A1.data.filter((a) => Math.abs(a) > 0.99).length;
    if (!saturatedOutput && flatUnits <= 0.25 * cache.A1.size)
      return { parameters: p, X, Y, cache, attempts: attempt + 1 };
  }
  throw new Error(
    `no unsaturated gradient-check point in ${CHECK_POINT_ATTEMPTS} draws: lower weightScale in the manifest`,
  );
}

const sigmoid = (z: NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));

export /** Numeric derivatives of the reference's cost at a check point, per parameter. */
async function numericGradients(
  p: Model.Parameters,
  X: NDArray,
  Y: NDArray,
  reference: Reference,
): Promise<NumericGradients> {
  const { forwardPropagation, computeCost } = planar(reference);
  const objective = fromFunction((q) => computeCost(forwardPropagation(X, arraysOf(q)).A2, Y));
  const params = tensorsOf(p);
  const [base] = (await objective([params])) as [Evaluation];
  const out = {} as NumericGradients;
  for (const name of PARAMETER_NAMES)
    out[name] = await numericGradient(objective, params, name, base);
  return out;
}

export const referenceCases: ReferenceCases = {
  words,
  functions: {
    sigmoid: {
      ...mistakes.sigmoid,
      inputs: (context) => {
        const z = context.rng.randn(
          param(context.params, "rows", 3),
          param(context.params, "cols", 4),
        );
        return wire(np.multiply(z, param(context.params, "scale", 3)));
      },
    },
    layerSizes: {
      ...mistakes.layerSizes,
      inputs: (context) => {
        const { nX, nY, m } = sizes(context);
        return wire(context.rng.randn(nX, m), labels(context.rng, nY, m));
      },
    },
    initializeParameters: {
      ...mistakes.initializeParameters,
      inputs: (context) => {
        const { nX, nH, nY } = sizes(context);
        const scale = context.params.scale;
        const args: Wire[] = [nX, nH, nY, { $random: context.seed }];
        return typeof scale === "number" ? [...args, scale] : args;
      },
    },
    forwardPropagation: {
      ...mistakes.forwardPropagation,
      inputs: (context) => wire(inputs(context), parameters(context)),
    },
    computeCost: {
      ...mistakes.computeCost,
      inputs: (context) => {
        const { nY, m } = sizes(context);
        const A2 = sigmoid(np.multiply(context.rng.randn(nY, m), 2));
        return wire(A2, labels(context.rng, nY, m));
      },
    },
    backwardPropagation: {
      ...mistakes.backwardPropagation,
      inputs: (context) => {
        const p = parameters(context);
        const X = inputs(context);
        const { nY, m } = sizes(context);
        const Y = labels(context.rng, nY, m);
        const { cache } = planar(context.reference).forwardPropagation(X, p);
        return wire(p, cache, X, Y);
      },
    },
    updateParameters: {
      ...mistakes.updateParameters,
      inputs: (context) => {
        const p = parameters(context);
        const { nX, nH, nY } = sizes(context);
        const { rng } = context;
        const grads = {
          dW1: rng.randn(nH, nX),
          db1: rng.randn(nH, 1),
          dW2: rng.randn(nY, nH),
          db2: rng.randn(nY, 1),
        };
        const rate = context.params.learningRate;
        return typeof rate === "number" ? wire(p, grads, rate) : wire(p, grads);
      },
    },
    nnModel: {
      ...mistakes.nnModel,
      inputs: (context) => {
        const { X, Y } = dataset(context);
        const { params, hyperparameters } = context;
        return wire(X, Y, param(params, "nH", param(hyperparameters, "nH")), {
          numIterations: param(params, "numIterations", param(hyperparameters, "numIterations")),
          learningRate: param(params, "learningRate", param(hyperparameters, "learningRate")),
          seed: param(params, "seed", 2),
        });
      },
    },
    predict: {
      ...mistakes.predict,
      inputs: (context) => {
        if (context.params.trained === true) {
          // Parameters the reference learned on the planar data: realistic outputs, few ties.
          const { X, Y } = loadPlanarDataset();
          const { parameters: p } = planar(context.reference).nnModel(
            X,
            Y,
            param(context.hyperparameters, "nH"),
            {
              numIterations: param(context.params, "numIterations", 1000),
            },
          );
          return wire(p, X);
        }
        return wire(parameters(context), inputs(context));
      },
    },
  },
  checks: {
    /**
     * Full training must learn the flower: the learner's parameters, predicted by the reference.
     * Their shapes are checked against X, Y and nH first, so that the reference never runs on
     * parameters of another size than the network asked for.
     */
    trainingAccuracy: {
      judge(actual, args, params, reference): CheckFailure | null {
        const X = args[0] as NDArray;
        const Y = args[1] as NDArray;
        const nH = args[2];
        const minimum = param(params, "minAccuracy", 0.9);
        const malformed = (why?: Said): CheckFailure => ({
          message: said("training.malformed", why ? { why } : {}),
          details: { minAccuracy: minimum },
        });
        const p = (actual as { parameters?: Record<string, unknown> } | null)?.parameters;
        if (typeof p !== "object" || p === null) return malformed(said("training.no-parameters"));
        const [nX, nY] = [X.shape[0], Y.shape[0]];
        const shapes = { W1: [nH, nX], b1: [nH, 1], W2: [nY, nH], b2: [nY, 1] };
        for (const name of PARAMETER_NAMES) {
          const tensor = tensorOf(p[name]);
          const [rows, cols] = shapes[name];
          if (!tensor) return malformed(said("training.not-array", { name }));
          if (tensor.shape[0] !== rows || tensor.shape[1] !== cols)
            return malformed(
              said("training.shape", {
                name,
                actual: tensor.shape.join(","),
                expected: `${rows},${cols}`,
                nH: nH as number,
              }),
            );
        }
        let accuracy: number;
        try {
          const predictions = planar(reference).predict(p as unknown as Model.Parameters, X);
          accuracy = np.mean(np.equal(predictions, Y));
        } catch {
          return malformed();
        }
        if (accuracy >= minimum && accuracy < 1) return null;
        const percent = (100 * accuracy).toFixed(2);
        const hint = said(
          accuracy >= 1
            ? "training.leaked"
            : accuracy <= 0.6
              ? "training.straight-line"
              : "training.not-enough",
        );
        return {
          message:
            accuracy >= 1
              ? said("training.perfect", { percent })
              : said("training.below", { percent, minimum: (100 * minimum).toFixed(0) }),
          hint,
          details: { accuracy, minAccuracy: minimum },
        };
      },
    },
  },
  sessionChecks: {
    gradientVsReference: {
      inputs: (context) => {
        const { parameters: p, X, Y, cache } = gradientCheckPoint(context);
        return wire(p, cache, X, Y);
      },
      expected: ([p, , X, Y], reference) =>
        numericGradients(p as Model.Parameters, X as NDArray, Y as NDArray, reference),
    },
    gradientSelfConsistent: {
      inputs: (context) => {
        const { parameters: p, X, Y } = gradientCheckPoint(context);
        return wire(p, X, Y);
      },
    },
  },
};
