/**
 * The instructor's side of the deep-network tests: how each test makes its inputs (one generator
 * per function, shared by every case of it in assignment.json: the course's own test cases where a
 * case says `course`, drawn as its notebook draws them, otherwise networks of the case's layer
 * sizes), the library of known mistakes (mistakes.ts), the end-to-end check, and the reference
 * data of the gradient checks. Never shipped to learners.
 *
 * Random inputs are non-degenerate on purpose: weights of order 1/√n_{l−1}, biases that are not
 * zero, so that ReLU units are on and off, and a wrong derivative or a missing 1/m shows.
 */

import { loadMoons } from "../../assignments/deep-neural-network/dataset.ts";
import type * as Model from "../../assignments/deep-neural-network/model.ts";
import { evaluation } from "../../assignments/deep-neural-network/tensors.ts";
import { NDArray, np, type RandomState } from "../../assignments/lib/np.ts";
import {
  type Evaluation,
  fromFunction,
  numericGradient,
} from "../../grader/checks/gradient/check.ts";
import {
  arraysOf,
  type NumericGradients,
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

type Deep = typeof Model;
const deep = (reference: Reference) => reference as unknown as Deep;
const wire = (...values: unknown[]): Wire[] => values.map((v) => encode(v));

/** The case's layer sizes ("3,6,5,4,1"; [3, 4, 1] when it gives none). */
function dimsOf(context: CaseContext): number[] {
  const dims = context.params.dims ?? "3,4,1";
  if (typeof dims !== "string")
    throw new Error('case parameter "dims" must be a list like "3,4,1"');
  return dims.split(",").map(Number);
}

/** Weights of order 1.5/√n_{l−1} and biases of order 0.5, for layer sizes `dims`. */
function randomParameters(rng: RandomState, dims: number[]): Model.Parameters {
  const p: Model.Parameters = {};
  for (let l = 1; l < dims.length; l++) {
    const [rows, cols] = [dims[l] as number, dims[l - 1] as number];
    p[`W${l}`] = np.multiply(rng.randn(rows, cols), 1.5 / Math.sqrt(cols));
    p[`b${l}`] = np.multiply(rng.randn(rows, 1), 0.5);
  }
  return p;
}

const labels = (rng: RandomState, m: number) => np.greater(rng.rand(1, m), 0.5);

/** A random network of the case's sizes with its data. */
function network(context: CaseContext) {
  const dims = dimsOf(context);
  const p = randomParameters(context.rng, dims);
  const m = param(context.params, "m", 5);
  return { p, X: context.rng.randn(dims[0] as number, m), Y: labels(context.rng, m) };
}

/** A layer's inputs of the case's sizes: A_{l−1} (cols, m), W (rows, cols), b (rows, 1). */
function layer(context: CaseContext) {
  const { rng, params } = context;
  const [rows, cols, m] = [
    param(params, "rows", 3),
    param(params, "cols", 4),
    param(params, "m", 5),
  ];
  const A = rng.randn(cols, m);
  const W = np.multiply(rng.randn(rows, cols), 1.5 / Math.sqrt(cols));
  const b = np.multiply(rng.randn(rows, 1), 0.5);
  return { A, W, b, m };
}

/** The course's test case draws, in its order: its notebook seeds numpy and draws these shapes. */
const draws = (rng: RandomState, shapes: [number, number][]) =>
  shapes.map(([r, c]) => rng.randn(r, c));

/** Numeric derivatives of the reference's cost, entries across a ReLU kink marked as such. */
async function numericGradients(p: Model.Parameters, X: NDArray, Y: NDArray, reference: Reference) {
  const { lModelForward, computeCost } = deep(reference);
  const objective = fromFunction((q) => {
    const forward = lModelForward(X, arraysOf<Model.Parameters>(q));
    return evaluation(forward, computeCost(forward.AL, Y));
  });
  const params = tensorsOf(p);
  const [base] = (await objective([params])) as [Evaluation];
  const out: NumericGradients = {};
  for (const name of Object.keys(p))
    out[name] = await numericGradient(objective, params, name, base);
  return out;
}

const activationOf = (context: CaseContext) =>
  context.params.activation === "sigmoid" ? "sigmoid" : "relu";

export const referenceCases: ReferenceCases = {
  words,
  functions: {
    initializeParametersDeep: {
      ...mistakes.initializeParametersDeep,
      inputs: (context) => [dimsOf(context), { $random: context.seed }],
    },
    linearForward: {
      ...mistakes.linearForward,
      inputs: (context) => {
        if (context.params.course !== undefined)
          return wire(
            ...draws(context.rng, [
              [3, 2],
              [1, 3],
              [1, 1],
            ]),
          );
        const { A, W, b } = layer(context);
        return wire(A, W, b);
      },
    },
    linearActivationForward: {
      ...mistakes.linearActivationForward,
      inputs: (context) => {
        const activation = activationOf(context);
        if (context.params.course !== undefined)
          return wire(
            ...draws(context.rng, [
              [3, 2],
              [1, 3],
              [1, 1],
            ]),
            activation,
          );
        const { A, W, b } = layer(context);
        return wire(A, W, b, activation);
      },
    },
    lModelForward: {
      ...mistakes.lModelForward,
      inputs: (context) => {
        if (context.params.course !== undefined) {
          const [X, W1, b1, W2, b2, W3, b3] = draws(context.rng, [
            [5, 4],
            [4, 5],
            [4, 1],
            [3, 4],
            [3, 1],
            [1, 3],
            [1, 1],
          ]);
          return wire(X, { W1, b1, W2, b2, W3, b3 });
        }
        const { p, X } = network(context);
        return wire(X, p);
      },
    },
    computeCost: {
      ...mistakes.computeCost,
      inputs: (context) => {
        if (context.params.course !== undefined)
          return wire(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]]));
        const m = param(context.params, "m", 5);
        const AL = np.divide(1, np.add(1, np.exp(np.multiply(context.rng.randn(1, m), -2))));
        return wire(AL, labels(context.rng, m));
      },
    },
    linearBackward: {
      ...mistakes.linearBackward,
      inputs: (context) => {
        if (context.params.course !== undefined) {
          const [dZ, A, W, b] = draws(context.rng, [
            [3, 4],
            [5, 4],
            [3, 5],
            [3, 1],
          ]);
          return wire(dZ, { A, W, b });
        }
        const { A, W, b, m } = layer(context);
        return wire(context.rng.randn(W.shape[0], m), { A, W, b });
      },
    },
    linearActivationBackward: {
      ...mistakes.linearActivationBackward,
      inputs: (context) => {
        const activation = activationOf(context);
        if (context.params.course !== undefined) {
          const [dA, A, W, b, Z] = draws(context.rng, [
            [1, 2],
            [3, 2],
            [1, 3],
            [1, 1],
            [1, 2],
          ]);
          return wire(dA, { linearCache: { A, W, b }, activationCache: Z }, activation);
        }
        // A consistent cache: Z is the linear step of this layer's A, W and b.
        const { A, W, b, m } = layer(context);
        const Z = np.add(np.dot(W, A), b);
        return wire(
          context.rng.randn(W.shape[0], m),
          { linearCache: { A, W, b }, activationCache: Z },
          activation,
        );
      },
    },
    lModelBackward: {
      ...mistakes.lModelBackward,
      inputs: (context) => {
        if (context.params.course !== undefined) {
          const [AL] = draws(context.rng, [[1, 2]]);
          const [A1, W1, b1, Z1, A2, W2, b2, Z2] = draws(context.rng, [
            [4, 2],
            [3, 4],
            [3, 1],
            [3, 2],
            [3, 2],
            [1, 3],
            [1, 1],
            [1, 2],
          ]);
          return wire(AL, np.array([[1, 0]]), [
            { linearCache: { A: A1, W: W1, b: b1 }, activationCache: Z1 },
            { linearCache: { A: A2, W: W2, b: b2 }, activationCache: Z2 },
          ]);
        }
        const { p, X, Y } = network(context);
        const { AL, caches } = deep(context.reference).lModelForward(X, p);
        return wire(AL, Y, caches);
      },
    },
    updateParameters: {
      ...mistakes.updateParameters,
      inputs: (context) => {
        if (context.params.course !== undefined) {
          const shapes: [string, [number, number]][] = [
            ["W1", [3, 4]],
            ["b1", [3, 1]],
            ["W2", [1, 3]],
            ["b2", [1, 1]],
          ];
          const p = Object.fromEntries(shapes.map(([n, s]) => [n, context.rng.randn(...s)]));
          const g = Object.fromEntries(shapes.map(([n, s]) => [`d${n}`, context.rng.randn(...s)]));
          return wire(p, g, 0.1);
        }
        const p = randomParameters(context.rng, dimsOf(context));
        const g = Object.fromEntries(
          Object.entries(p).map(([n, v]) => [`d${n}`, context.rng.randn(v.shape[0], v.shape[1])]),
        );
        return wire(p, g, param(context.params, "learningRate", 0.1));
      },
    },
    lLayerModel: {
      ...mistakes.lLayerModel,
      inputs: (context) => {
        const { params, hyperparameters } = context;
        const dims = dimsOf(context);
        const { X, Y } =
          params.dataset === "moons"
            ? loadMoons()
            : (() => {
                const m = param(params, "m", 20);
                return { X: context.rng.randn(dims[0] as number, m), Y: labels(context.rng, m) };
              })();
        return wire(X, Y, dims, {
          learningRate: param(params, "learningRate", param(hyperparameters, "learningRate")),
          numIterations: param(params, "numIterations", param(hyperparameters, "numIterations")),
          seed: param(params, "seed", 1),
        });
      },
    },
  },
  checks: {
    /**
     * Full training must separate the moons: the learner's parameters, run forward by the
     * reference. Their shapes are checked against the layers first, so that the reference never
     * runs on parameters of another size than the network asked for.
     */
    trainingAccuracy: {
      judge(actual, args, params, reference): CheckFailure | null {
        const [X, Y, dims] = args as [NDArray, NDArray, number[]];
        const minimum = param(params, "minAccuracy", 0.93);
        const malformed = (why?: Said): CheckFailure => ({
          message: said("training.malformed", why ? { why } : {}),
          details: { minAccuracy: minimum },
        });
        const p = (actual as { parameters?: Record<string, unknown> } | null)?.parameters;
        if (typeof p !== "object" || p === null) return malformed(said("training.no-parameters"));
        for (let l = 1; l < dims.length; l++) {
          for (const [name, shape] of [
            [`W${l}`, [dims[l], dims[l - 1]]],
            [`b${l}`, [dims[l], 1]],
          ] as const) {
            const value = p[name];
            if (!(value instanceof NDArray)) return malformed(said("training.not-array", { name }));
            if (value.shape[0] !== shape[0] || value.shape[1] !== shape[1])
              return malformed(
                said("training.shape", {
                  name,
                  actual: value.shape.join(","),
                  expected: shape.join(","),
                }),
              );
          }
        }
        let accuracy: number;
        try {
          const { AL } = deep(reference).lModelForward(X, p as Model.Parameters);
          accuracy = np.mean(np.equal(np.greater(AL, 0.5), Y));
        } catch {
          return malformed();
        }
        if (accuracy >= minimum) return null;
        return {
          message: said("training.below", {
            percent: (100 * accuracy).toFixed(2),
            minimum: (100 * minimum).toFixed(0),
          }),
          hint: said(accuracy <= 0.6 ? "training.coin" : "training.not-enough"),
          details: { accuracy, minAccuracy: minimum },
        };
      },
    },
  },
  sessionChecks: {
    gradientVsReference: {
      inputs: (context) => {
        const { p, X, Y } = network(context);
        const { AL, caches } = deep(context.reference).lModelForward(X, p);
        return wire(p, X, AL, Y, caches);
      },
      expected: ([p, X, , Y], reference) =>
        numericGradients(p as Model.Parameters, X as NDArray, Y as NDArray, reference),
    },
  },
};
