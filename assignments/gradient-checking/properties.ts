/**
 * Laws every correct gradient-checking function obeys, checked on inputs nobody wrote down:
 * fast-check generates them (and shrinks a failing one to the smallest it can find), the learner's
 * function runs in the sandbox, and the law is judged in the grader. Each property is a graded test
 * of kind "property" in assignment.json, named by its id here.
 */
import fc from "fast-check";
import {
  close,
  columnOrder,
  double,
  type Matrix,
  matrix,
  permuteColumns,
  property,
  show,
  shown,
} from "../../grader/checks/law-inputs.ts";
import { breaks as fail, type PropertySpec } from "../../grader/checks/property.ts";
import { NDArray, np } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { said } from "./words.ts";

function asArray(value: unknown, what: string): NDArray {
  return value instanceof NDArray ? value : fail(said("not-array", { what }));
}

function asNumber(value: unknown, what: string): number {
  if (typeof value === "number") return value;
  const type = value instanceof NDArray ? `a (${value.shape.join(",")}) array` : typeof value;
  return fail(said("not-number", { what, type: value === null ? "null" : type }));
}

function expectShape(x: NDArray, rows: number, cols: number, what: string): void {
  if (x.shape[0] !== rows || x.shape[1] !== cols)
    fail(said("shape", { what, actual: x.shape.join(","), expected: `${rows},${cols}` }));
}

/** A number of either sign, never near zero (x = 0 makes a gradient check 0/0). */
const nonzero = fc.tuple(double(0.5, 5), fc.boolean()).map(([v, negative]) => (negative ? -v : v));

/** Layer sizes [n_0, …, n_L]: one to four layers of one to five units. */
const anyDepth = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 5 });

/** Weights and biases of layer sizes `dims`, entries in [−2, 2], with the prefix of their names. */
const arrays = (dims: number[]) =>
  fc.tuple(
    ...dims
      .slice(1)
      .map((n, l) => fc.tuple(matrix(n, dims[l] as number, -2, 2), matrix(n, 1, -2, 2))),
  );
type Layers = [Matrix, Matrix][];

const named = (layers: Layers, prefix = ""): Record<string, NDArray> =>
  Object.fromEntries(
    layers.flatMap(([W, b], l) => [
      [`${prefix}W${l + 1}`, np.array(W)],
      [`${prefix}b${l + 1}`, np.array(b)],
    ]),
  );

/** A 3-layer network as the N functions take it, with weights of order 1/√n_{l−1}, and data. */
const network = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([n0, n1, n2, m]) => {
    const dims = [n0, n1, n2, 1];
    return fc.record({
      dims: fc.constant(dims),
      layers: arrays(dims),
      X: matrix(n0, m, -2, 2),
      Y: matrix(1, m, 0, 1).map((y) => y.map((row) => row.map((v) => (v < 0.5 ? 0 : 1)))),
    });
  });
type Network = { dims: number[]; layers: Layers; X: Matrix; Y: Matrix };

const describeNetwork = (n: Network) =>
  said("describe.network", { dims: `[${n.dims.join(", ")}]`, m: n.X[0]?.length ?? 0 });

export const properties: Record<string, PropertySpec<unknown>> = {
  "forwardPropagation.linear": property({
    law: said("law.forwardPropagation.linear"),
    arbitrary: fc.tuple(double(-5, 5), double(-5, 5), double(-5, 5)),
    async check(learner, [x, t1, t2]: [number, number, number]) {
      const J = async (xv: number, t: number) =>
        asNumber(await learner.call("forwardPropagation", [xv, t]), "J");
      const [once, doubled] = [await J(x, t1), await J(2 * x, t1)];
      if (!close(doubled, 2 * once, 1e-12))
        fail(said("linear.scale", { doubled: shown(doubled), twice: shown(2 * once) }));
      const [sum, second] = [await J(x, t1 + t2), await J(x, t2)];
      if (!close(sum, once + second, 1e-9))
        fail(said("linear.sum", { sum: shown(sum), parts: shown(once + second) }));
    },
    describe: ([x, t1, t2]: [number, number, number]) =>
      `x = ${shown(x)}; θ₁ = ${shown(t1)}; θ₂ = ${shown(t2)}`,
  }),
  "backwardPropagation.slope": property({
    law: said("law.backwardPropagation.slope"),
    arbitrary: fc.tuple(double(-5, 5), double(-5, 5)),
    async check(learner, [x, theta]: [number, number]) {
      const J = async (t: number) =>
        asNumber(await learner.others.call("forwardPropagation", [x, t]), "J");
      const slope = ((await J(theta + 1)) - (await J(theta - 1))) / 2;
      const dtheta = asNumber(await learner.call("backwardPropagation", [x, theta]), "dθ");
      if (!close(dtheta, slope, 1e-9))
        fail(said("slope", { dtheta: shown(dtheta), slope: shown(slope) }));
    },
    describe: ([x, theta]: [number, number]) => `x = ${shown(x)}; θ = ${shown(theta)}`,
  }),
  "gradientCheck.relative": property({
    law: said("law.gradientCheck.relative"),
    arbitrary: fc.tuple(nonzero, double(-5, 5)),
    async check(learner, [x, theta]: [number, number]) {
      const difference = async (xv: number) =>
        asNumber(await learner.call("gradientCheck", [xv, theta, 1e-7, false]), "the difference");
      const [once, doubled] = [await difference(x), await difference(2 * x)];
      for (const d of [once, doubled])
        if (!(d >= 0 && d <= 1)) fail(said("relative.range", { difference: shown(d) }));
      // Doubling x doubles J(θ ± ε) and dJ/dθ exactly (2 is a power of two), so a relative
      // difference comes out the same to the last bit.
      if (!close(doubled, once, 1e-9) && Math.abs(doubled - once) > 1e-300)
        fail(said("relative.changed", { once: shown(once), doubled: shown(doubled) }));
    },
    describe: ([x, theta]: [number, number]) => `x = ${shown(x)}; θ = ${shown(theta)}; ε = 1e-7`,
  }),
  "dictionaryToVector.size": property({
    law: said("law.dictionaryToVector.size"),
    arbitrary: anyDepth.chain((dims) => fc.tuple(fc.constant(dims), arrays(dims))),
    async check(learner, [, layers]: [number[], Layers]) {
      const dictionary = named(layers);
      const n = Object.values(dictionary).reduce((total, a) => total + a.size, 0);
      const theta = asArray(await learner.call("dictionaryToVector", [dictionary, ""]), "theta");
      expectShape(theta, n, 1, "theta");
    },
    describe: ([dims]: [number[], Layers]) => `layers [${dims.join(", ")}]`,
  }),
  "vectorToDictionary.round-trip": property({
    law: said("law.vectorToDictionary.round-trip"),
    arbitrary: anyDepth.chain((dims) =>
      fc.tuple(
        fc.constant(dims),
        arrays(dims),
        matrix(
          dims.slice(1).reduce((n, rows, l) => n + rows * ((dims[l] as number) + 1), 0),
          1,
          -2,
          2,
        ),
      ),
    ),
    async check(learner, [, layers, column]: [number[], Layers, Matrix]) {
      const like = named(layers);
      const theta = np.array(column);
      const cut = (await learner.call("vectorToDictionary", [theta, like])) as Record<
        string,
        unknown
      > | null;
      for (const [name, a] of Object.entries(like))
        expectShape(asArray(cut?.[name], name), a.shape[0], a.shape[1], name);
      const back = asArray(
        await learner.others.call("dictionaryToVector", [cut, ""]),
        "dictionaryToVector(vectorToDictionary(θ, like))",
      );
      theta.data.forEach((given, i) => {
        const value = back.data[i] as number;
        if (value !== given)
          fail(said("round-trip", { i, back: shown(value), given: shown(given) }));
      });
    },
    describe: ([dims, , column]: [number[], Layers, Matrix]) =>
      `layers [${dims.join(", ")}]; ${show("θ", column)}`,
  }),
  "forwardPropagationN.nonnegative": property({
    law: said("law.forwardPropagationN.nonnegative"),
    arbitrary: network,
    async check(learner, n: Network) {
      const out = (await learner.call("forwardPropagationN", [
        np.array(n.X),
        np.array(n.Y),
        named(n.layers),
      ])) as { cost?: unknown } | null;
      const cost = asNumber(out?.cost, "the cost");
      if (!(cost >= 0)) fail(said("cost.negative", { cost: shown(cost) }));
    },
    describe: describeNetwork,
  }),
  "forwardPropagationN.columns": property({
    law: said("law.forwardPropagationN.columns"),
    arbitrary: network.chain((n) => fc.tuple(fc.constant(n), columnOrder(n.X[0]?.length ?? 1))),
    async check(learner, [n, order]: [Network, number[]]) {
      const cost = async (X: Matrix, Y: Matrix) =>
        asNumber(
          (
            (await learner.call("forwardPropagationN", [
              np.array(X),
              np.array(Y),
              named(n.layers),
            ])) as { cost?: unknown } | null
          )?.cost,
          "the cost",
        );
      const before = await cost(n.X, n.Y);
      const after = await cost(permuteColumns(n.X, order), permuteColumns(n.Y, order));
      if (!close(after, before, 1e-10))
        fail(said("cost.moved", { before: shown(before), after: shown(after) }));
    },
    describe: ([n, order]: [Network, number[]]) =>
      said("describe.order", { network: describeNetwork(n), order: JSON.stringify(order) }),
  }),
  "backwardPropagationN.shapes": property({
    law: said("law.backwardPropagationN.shapes"),
    arbitrary: network,
    async check(learner, n: Network) {
      const [X, Y] = [np.array(n.X), np.array(n.Y)];
      const p = named(n.layers);
      // The cache as forwardPropagationN makes it (the reference's, when grading with it).
      const { cache } = (await learner.others.call("forwardPropagationN", [X, Y, p])) as {
        cache: Model.Cache;
      };
      const grads = (await learner.call("backwardPropagationN", [X, Y, cache])) as Record<
        string,
        unknown
      > | null;
      for (const [name, a] of Object.entries(p))
        expectShape(asArray(grads?.[`d${name}`], `d${name}`), a.shape[0], a.shape[1], `d${name}`);
    },
    describe: describeNetwork,
  }),
  "gradientCheckN.zero": property({
    law: said("law.gradientCheckN.zero"),
    arbitrary: network,
    async check(learner, n: Network) {
      const p = named(n.layers);
      const zeros = Object.fromEntries(
        Object.entries(p).map(([name, a]) => [`d${name}`, np.zerosLike(a)]),
      );
      const difference = asNumber(
        await learner.call("gradientCheckN", [p, zeros, np.array(n.X), np.array(n.Y), 1e-7, false]),
        "the difference",
      );
      if (!close(difference, 1, 1e-9))
        fail(said("zero.difference", { difference: shown(difference) }));
    },
    describe: describeNetwork,
  }),
};
