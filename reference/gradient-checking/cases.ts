/**
 * The instructor's side of the gradient-checking tests: how each test makes its inputs (one
 * generator per function, shared by every case of it in assignment.json: the course's own test
 * case where a case says `course`, drawn as its notebook draws it, otherwise networks of the
 * case's layer sizes), the gradients a checker is given (the reference's, the course's planted
 * bugs, or another known bug), the library of known mistakes (mistakes.ts), what the course's
 * formula says of each checker case, and the reference data of the gradient check. Never shipped
 * to learners.
 *
 * Random networks are non-degenerate on purpose: weights of order 1.5/√n_{l−1} and biases that are
 * not zero, so that ReLU units are on and off, and every bug changes the gradients.
 */

import type * as Model from "../../assignments/gradient-checking/model.ts";
import { type NDArray, np, RandomState } from "../../assignments/lib/np.ts";
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
import type { CaseContext, Reference, ReferenceCases } from "../../grader/core/assignment.ts";
import { param } from "../../grader/core/assignment.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import { mistakes, PLANTED } from "./mistakes.ts";
import { words } from "./words.ts";

type Checking = typeof Model;
const checking = (reference: Reference) => reference as unknown as Checking;
const wire = (...values: unknown[]): Wire[] => values.map((v) => encode(v));

/** The course's test case: its notebook seeds numpy with 1 and draws X, then W1 … b3. */
export function courseNetwork() {
  const rng = new RandomState(1);
  const X = rng.randn(4, 3);
  const Y = np.array([[1, 1, 0]]);
  const shapes: [string, number, number][] = [
    ["W1", 5, 4],
    ["b1", 5, 1],
    ["W2", 3, 5],
    ["b2", 3, 1],
    ["W3", 1, 3],
    ["b3", 1, 1],
  ];
  const p = Object.fromEntries(shapes.map(([name, r, c]) => [name, rng.randn(r, c)]));
  return { p: p as Model.Parameters, X, Y };
}

/** The case's layer sizes ("3,6,4,1"; [3, 4, 2, 1] when it gives none). */
function dimsOf(context: CaseContext): number[] {
  const dims = context.params.dims ?? "3,4,2,1";
  if (typeof dims !== "string")
    throw new Error('case parameter "dims" must be a list like "3,4,2,1"');
  return dims.split(",").map(Number);
}

/** Weights of order 1.5/√n_{l−1} and biases of order 0.5, for layer sizes `dims`. */
function randomParameters(rng: RandomState, dims: number[], prefix = ""): Model.Parameters {
  const p: Model.Parameters = {};
  for (let l = 1; l < dims.length; l++) {
    const [rows, cols] = [dims[l] as number, dims[l - 1] as number];
    p[`${prefix}W${l}`] = np.multiply(rng.randn(rows, cols), 1.5 / Math.sqrt(cols));
    p[`${prefix}b${l}`] = np.multiply(rng.randn(rows, 1), 0.5);
  }
  return p;
}

/** A network of the case's sizes (three layers) with its data, or the course's. */
function network(context: CaseContext) {
  if (context.params.course !== undefined) return courseNetwork();
  const dims = dimsOf(context);
  const p = randomParameters(context.rng, dims);
  const m = param(context.params, "m", 5);
  const X = context.rng.randn(dims[0] as number, m);
  const Y = np.greater(context.rng.rand(1, m), 0.5);
  return { p, X, Y };
}

/**
 * The gradients a checker case hands over, by the case's `gradients`: the reference backward
 * pass's ("right"), with the course's planted bugs ("planted"), or with a bug of one array that
 * no backward pass of the library makes: db2 of the wrong sign ("db2-sign"), dW3 off by 1%
 * ("dW3-scaled"), a bug small enough that only a checker that divides right catches it.
 */
export function gradientsOf(
  kind: string,
  X: NDArray,
  Y: NDArray,
  p: Model.Parameters,
  reference: Reference,
): Model.Gradients {
  const { cache } = checking(reference).forwardPropagationN(X, Y, p);
  const variant = mistakes.backwardPropagationN?.variant;
  if (!variant) throw new Error("the backward pass's mistakes have a variant");
  const backward = (faults: readonly string[]) =>
    variant(new Set(faults), [X, Y, cache], reference) as Model.Gradients;
  const g = backward(kind === "planted" ? PLANTED : []);
  if (kind === "right" || kind === "planted") return g;
  if (kind === "db2-sign") return { ...g, db2: np.negative(g.db2 as NDArray) };
  if (kind === "dW3-scaled") return { ...g, dW3: np.multiply(g.dW3 as NDArray, 1.01) };
  throw new Error(
    `case parameter "gradients" must be right, planted, db2-sign or dW3-scaled, got ${kind}`,
  );
}

/** What each bug is, for the checker's message: a phrase code of the assignment's words. */
export const BUG_WORDS: Record<string, string> = {
  planted: "bug.planted",
  "db2-sign": "bug.db2-sign",
  "dW3-scaled": "bug.dW3-scaled",
};

const EPS = 2 ** -52;

/**
 * The course's formula on a checker case, computed as the reference computes it, and how far
 * from it an honest checker may be: J⁺ and J⁻ are each rounded (half an ulp of what they are
 * computed from, at least 1), and gradApprox divides that rounding by 2ε; spread over n entries
 * like a random walk, it moves the difference by about √n·u·max(1,|J|)/(2ε) / (‖grad‖ +
 * ‖gradApprox‖). The tolerance is twice that, plus 1e-6 of the figure for the last arithmetic:
 * a different order of the same operations stays within it.
 */
export function formula(
  J: (shift: number) => number,
  grad: NDArray,
  epsilon: number,
): { figure: number; tolerance: number } {
  const n = grad.shape[0];
  const gradApprox = np.zeros([n, 1]);
  let rounding = 0;
  for (let i = 0; i < n; i++) {
    const [jPlus, jMinus] = [J(i + 1), J(-(i + 1))];
    gradApprox.set(i, 0, (jPlus - jMinus) / (2 * epsilon));
    const r = ((EPS / 2) * (Math.max(1, Math.abs(jPlus)) + Math.max(1, Math.abs(jMinus)))) / 2;
    rounding += (r / (2 * epsilon)) ** 2;
  }
  const norms = np.linalg.norm(grad) + np.linalg.norm(gradApprox);
  const figure = np.linalg.norm(np.subtract(grad, gradApprox)) / norms;
  return { figure, tolerance: 2 * (Math.sqrt(rounding) / norms) + 1e-6 * figure };
}

/** The formula for gradientCheckN's inputs: J moved at entry |k| − 1 by ±ε. */
export function formulaN(
  [p, g, X, Y, epsilon]: [Model.Parameters, Model.Gradients, NDArray, NDArray, number],
  reference: Reference,
) {
  const { dictionaryToVector, vectorToDictionary, forwardPropagationN } = checking(reference);
  const theta = dictionaryToVector(p);
  const J = (k: number) => {
    const moved = theta.copy();
    const i = Math.abs(k) - 1;
    moved.set(i, 0, theta.get(i, 0) + Math.sign(k) * epsilon);
    return forwardPropagationN(X, Y, vectorToDictionary(moved, p)).cost;
  };
  return formula(J, dictionaryToVector(g, "d"), epsilon);
}

/** A checker case's known answer (grader/checks/checker.ts's KnownCase, its bug as a code). */
function known(kind: string, result: { figure: number; tolerance: number }, reference: Reference) {
  return {
    ...(BUG_WORDS[kind] ? { bug: BUG_WORDS[kind] } : {}),
    ...result,
    threshold: checking(reference).THRESHOLD,
  };
}

/** The case's ε: its own, or the course's (the manifest's hyperparameter). */
const epsilonOf = (context: CaseContext) =>
  param(context.params, "epsilon", param(context.hyperparameters, "epsilon"));

/** Numeric derivatives of the reference's cost, entries across a ReLU kink marked as such. */
async function numericGradients(p: Model.Parameters, X: NDArray, Y: NDArray, reference: Reference) {
  const { forwardPropagationN } = checking(reference);
  const objective = fromFunction((q): Evaluation => {
    const { cost, cache } = forwardPropagationN(X, Y, arraysOf<Model.Parameters>(q));
    return { value: cost, kinks: new Float64Array([...cache.Z1.data, ...cache.Z2.data]) };
  });
  const params = tensorsOf(p);
  const [base] = (await objective([params])) as [Evaluation];
  const out: NumericGradients = {};
  for (const name of Object.keys(p))
    out[name] = await numericGradient(objective, params, name, base);
  return out;
}

/** A number of order `scale`, never within 0.2·scale of zero (x = 0 makes every check 0/0). */
function away(rng: RandomState, scale: number): number {
  const u = rng.rand(1, 1).item();
  return (u < 0.5 ? -1 : 1) * scale * (0.2 + Math.abs(rng.randn(1, 1).item()));
}

function oneDimensional(context: CaseContext): [number, number] {
  if (context.params.course !== undefined) return [2, 4];
  const scale = param(context.params, "scale", 3);
  return [away(context.rng, scale), context.rng.randn(1, 1).item() * scale];
}

/** A checker case of gradientCheckN: the kind of its gradients, then the function's arguments. */
function checkerCase(context: CaseContext) {
  const { p, X, Y } = network(context);
  const kind = String(context.params.gradients ?? "right");
  const g = gradientsOf(kind, X, Y, p, context.reference);
  return { kind, p, g, X, Y, epsilon: epsilonOf(context) };
}

export const referenceCases: ReferenceCases = {
  words,
  functions: {
    forwardPropagation: {
      ...mistakes.forwardPropagation,
      inputs: (context) => oneDimensional(context),
    },
    backwardPropagation: {
      ...mistakes.backwardPropagation,
      inputs: (context) => oneDimensional(context),
    },
    gradientCheck: {
      ...mistakes.gradientCheck,
      inputs: (context) => {
        const { params, rng } = context;
        if (params.course !== undefined) return [3, 4, epsilonOf(context), false];
        const x = params.x ?? away(rng, param(params, "scale", 3));
        const theta = params.theta ?? rng.randn(1, 1).item() * param(params, "scale", 3);
        return [x as number, theta as number, epsilonOf(context), false];
      },
    },
    dictionaryToVector: {
      ...mistakes.dictionaryToVector,
      inputs: (context) => {
        if (context.params.course !== undefined) return wire(courseNetwork().p, "");
        const dims = dimsOf(context);
        if (context.params.gradients !== true) return wire(randomParameters(context.rng, dims), "");
        // Gradients as a backward pass returns them: dZ and dA among the dW and db.
        const g = randomParameters(context.rng, dims, "d");
        for (let l = 1; l < dims.length; l++) {
          g[`dZ${l}`] = context.rng.randn(dims[l] as number, 2);
          g[`dA${l}`] = context.rng.randn(dims[l] as number, 2);
        }
        return wire(g, "d");
      },
    },
    vectorToDictionary: {
      ...mistakes.vectorToDictionary,
      inputs: (context) => {
        const like =
          context.params.course !== undefined
            ? courseNetwork().p
            : randomParameters(context.rng, dimsOf(context));
        const n = Object.values(like).reduce((total, a) => total + a.size, 0);
        return wire(context.rng.randn(n, 1), like);
      },
    },
    forwardPropagationN: {
      ...mistakes.forwardPropagationN,
      inputs: (context) => {
        const { p, X, Y } = network(context);
        return wire(X, Y, p);
      },
    },
    backwardPropagationN: {
      ...mistakes.backwardPropagationN,
      inputs: (context) => {
        const { p, X, Y } = network(context);
        const { cache } = checking(context.reference).forwardPropagationN(X, Y, p);
        return wire(X, Y, cache);
      },
    },
    gradientCheckN: {
      ...mistakes.gradientCheckN,
      inputs: (context) => {
        const { p, g, X, Y, epsilon } = checkerCase(context);
        return wire(p, g, X, Y, epsilon, false);
      },
    },
  },
  checks: {},
  sessionChecks: {
    gradientCheckVerdict: {
      inputs: (context) => {
        const [x, theta] = context.params.course !== undefined ? [3, 4] : oneDimensional(context);
        return [x, theta, epsilonOf(context)];
      },
      expected: ([x, theta, epsilon], reference) => {
        const { forwardPropagation, backwardPropagation } = checking(reference);
        const J = (k: number) =>
          forwardPropagation(x as number, (theta as number) + Math.sign(k) * (epsilon as number));
        const grad = np.array([[backwardPropagation(x as number, theta as number)]]);
        return known("right", formula(J, grad, epsilon as number), reference);
      },
    },
    gradientCheckNVerdict: {
      inputs: (context) => {
        const { kind, p, g, X, Y, epsilon } = checkerCase(context);
        return wire(kind, p, g, X, Y, epsilon);
      },
      expected: ([kind, ...args], reference) =>
        known(
          kind as string,
          formulaN(args as Parameters<typeof formulaN>[0], reference),
          reference,
        ),
    },
    gradientVsReference: {
      inputs: (context) => {
        const { p, X, Y } = network(context);
        const { cache } = checking(context.reference).forwardPropagationN(X, Y, p);
        return wire(p, X, Y, cache);
      },
      expected: ([p, X, Y], reference) =>
        numericGradients(p as Model.Parameters, X as NDArray, Y as NDArray, reference),
    },
    ownChecker: {
      inputs: (context) => {
        const { p, X, Y } = network(context);
        const planted = gradientsOf("planted", X, Y, p, context.reference);
        return wire(p, X, Y, planted, epsilonOf(context));
      },
      expected: ([p, X, Y, planted, epsilon], reference) => {
        const args = [p, planted, X, Y, epsilon] as Parameters<typeof formulaN>[0];
        return known("planted", formulaN(args, reference), reference);
      },
    },
  },
};
