/**
 * Laws every correct deep-network function obeys, checked on inputs nobody wrote down, for any
 * number of layers: fast-check generates them (and shrinks a failing one to the smallest it can
 * find), the learner's function runs in the sandbox, and the law is judged in the grader. Each
 * property is a graded test of kind "property" in assignment.json, named by its id here.
 */
import fc from "fast-check";
import { gradientRow } from "../../grader/checks/gradient/wording.ts";
import {
  close,
  columnOrder,
  double,
  grid,
  type Matrix,
  matrix,
  permuteColumns,
  property,
  show,
  shown,
} from "../../grader/checks/law-inputs.ts";
import { breaks as fail, type PropertySpec } from "../../grader/checks/property.ts";
import type { Functions } from "../../grader/core/assignment.ts";
import { said as graderSaid } from "../../grader/words/en/phrases.ts";
import { NDArray, np, RandomState } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { consistency } from "./tensors.ts";
import { said } from "./words.ts";

function asArray(value: unknown, what: string): NDArray {
  return value instanceof NDArray ? value : fail(said("not-array", { what }));
}

function expectShape(x: NDArray, rows: number, cols: number, what: string): void {
  if (x.shape[0] !== rows || x.shape[1] !== cols)
    fail(said("shape", { what, actual: x.shape.join(","), expected: `${rows},${cols}` }));
}

const costOf = (value: unknown): number => {
  if (typeof value === "number") return value;
  if (value instanceof NDArray) fail(said("cost.array", { shape: value.shape.join(",") }));
  return fail(said("cost.type", { type: value === null ? "null" : typeof value }));
};

/** Layer sizes [n_0, …, n_L]: one to four layers of one to five units, one output. */
const dims = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 })
  .map((sizes) => [...sizes, 1]);

/** A network of those sizes with weights of order 1/√n_{l−1}, biases of order 1, and data. */
const network = fc.tuple(dims, fc.integer({ min: 1, max: 5 })).chain(([sizes, m]) =>
  fc.record({
    dims: fc.constant(sizes),
    weights: fc.tuple(
      ...sizes.slice(1).map((n, l) => {
        const fanIn = sizes[l] as number;
        const bound = 2 / Math.sqrt(fanIn);
        return fc.tuple(matrix(n, fanIn, -bound, bound), matrix(n, 1, -0.5, 0.5));
      }),
    ),
    X: matrix(sizes[0] as number, m, -2, 2),
    Y: matrix(1, m, 0, 1).map((y) => y.map((row) => row.map((v) => (v < 0.5 ? 0 : 1)))),
  }),
);
type Network = { dims: number[]; weights: [Matrix, Matrix][]; X: Matrix; Y: Matrix };

/** The first layer's W and b, as arrays. */
function firstLayer(n: Network): [NDArray, NDArray] {
  const [W, b] = n.weights[0] as [Matrix, Matrix];
  return [np.array(W), np.array(b)];
}

const parametersOf = (n: Network): Model.Parameters =>
  Object.fromEntries(
    n.weights.flatMap(([W, b], l) => [
      [`W${l + 1}`, np.array(W)],
      [`b${l + 1}`, np.array(b)],
    ]),
  );
/** A network as code shows it: its sizes and X (the weights are many; the sizes say enough). */
const showNetwork = (n: Network) => `layerDims = [${n.dims.join(", ")}]; ${show("X", n.X)}`;
const showDraw = ([sizes, seed]: [number[], number]) =>
  `layerDims = [${sizes.join(", ")}]; rng = np.random.seed(${seed})`;

async function forward(functions: Functions, X: NDArray, p: Model.Parameters) {
  const out = (await functions.call("lModelForward", [X, p])) as {
    AL?: unknown;
    caches?: unknown;
  } | null;
  return { AL: asArray(out?.AL, "AL"), caches: out?.caches };
}

export const properties: Record<string, PropertySpec<unknown>> = {
  "initializeParametersDeep.shapes": property({
    law: said("law.initializeParametersDeep.shapes"),
    arbitrary: fc.tuple(
      fc.tuple(fc.integer({ min: 1, max: 6 }), dims).map(([n0, sizes]) => [n0, ...sizes]),
      fc.nat(1000),
    ),
    async check(learner, [sizes, seed]: [number[], number]) {
      const p = (await learner.call("initializeParametersDeep", [
        sizes,
        { $random: seed },
      ])) as Record<string, unknown> | null;
      const L = sizes.length - 1;
      const names = Array.from({ length: L }, (_, l) => [`W${l + 1}`, `b${l + 1}`]).flat();
      const extra = Object.keys(p ?? {}).find((name) => !names.includes(name));
      if (extra) fail(said("extra", { name: extra, layers: L }));
      for (let l = 1; l <= L; l++) {
        const [rows, cols] = [sizes[l] as number, sizes[l - 1] as number];
        const W = asArray(p?.[`W${l}`], `W${l}`);
        expectShape(W, rows, cols, `W${l}`);
        const b = asArray(p?.[`b${l}`], `b${l}`);
        expectShape(b, rows, 1, `b${l}`);
        if (b.data.some((v) => v !== 0)) fail(said("not-zero", { what: `b${l}` }));
      }
    },
    describe: showDraw,
  }),
  "initializeParametersDeep.seed": property({
    law: said("law.initializeParametersDeep.seed"),
    arbitrary: fc.tuple(
      dims.map((d) => [3, ...d]),
      fc.nat(1000),
    ),
    async check(learner, [sizes, seed]: [number[], number]) {
      const draw = () => learner.call("initializeParametersDeep", [sizes, { $random: seed }]);
      const [first, second] = (await Promise.all([draw(), draw()])) as Record<string, unknown>[];
      const rng = new RandomState(seed);
      for (let l = 1; l < sizes.length; l++) {
        const [rows, cols] = [sizes[l] as number, sizes[l - 1] as number];
        const expected = np.divide(rng.randn(rows, cols), Math.sqrt(cols));
        const W = asArray(first?.[`W${l}`], `W${l}`);
        const again = asArray(second?.[`W${l}`], `W${l}`);
        expectShape(W, rows, cols, `W${l}`);
        if (W.data.some((v, k) => v !== again.data[k])) fail(said("different-draws"));
        if (W.data.some((v, k) => !close(v, expected.data[k] as number, 1e-12)))
          fail(said("drawn", { name: `W${l}`, fanIn: cols }));
      }
    },
    describe: showDraw,
  }),
  "linearForward.columns": property({
    law: said("law.linearForward.columns"),
    arbitrary: network.chain((n) => fc.tuple(fc.constant(n), columnOrder(n.X[0]?.length ?? 1))),
    async check(learner, [n, order]: [Network, number[]]) {
      const [W, b] = firstLayer(n);
      const z = async (X: Matrix) =>
        asArray(
          ((await learner.call("linearForward", [np.array(X), W, b])) as { Z?: unknown } | null)?.Z,
          "Z",
        );
      const expected = permuteColumns((await z(n.X)).tolist(), order);
      const moved = await z(permuteColumns(n.X, order));
      moved.tolist().forEach((row, i) => {
        row.forEach((v, j) => {
          if (!close(v, expected[i]?.[j] as number)) fail(said("column-moved", { name: "Z", j }));
        });
      });
    },
    describe: ([n, order]: [Network, number[]]) =>
      said("describe.order", { network: showNetwork(n), order: JSON.stringify(order) }),
  }),
  "linearActivationForward.ranges": property({
    law: said("law.linearActivationForward.ranges"),
    arbitrary: fc.tuple(network, fc.constantFrom("relu", "sigmoid")),
    async check(learner, [n, activation]: [Network, "relu" | "sigmoid"]) {
      const [W, b] = firstLayer(n);
      const A0 = np.array(n.X);
      // Z as linearForward gives it (the reference's, when grading with it).
      const linear = (await learner.others.call("linearForward", [A0, W, b])) as { Z: NDArray };
      const Z = asArray(linear?.Z, "Z");
      const out = (await learner.call("linearActivationForward", [A0, W, b, activation])) as {
        A?: unknown;
      } | null;
      const A = asArray(out?.A, "A");
      expectShape(A, Z.shape[0], Z.shape[1], "A");
      A.data.forEach((a, k) => {
        const z = Z.data[k] as number;
        const right = activation === "relu" ? close(a, Math.max(0, z), 1e-12) : a > 0 && a < 1;
        if (!right) fail(said(`range.${activation}`, { z: shown(z), a: shown(a) }));
      });
    },
    describe: ([n, activation]: [Network, string]) =>
      `${showNetwork(n)}; activation = "${activation}"`,
  }),
  "lModelForward.caches": property({
    law: said("law.lModelForward.caches"),
    arbitrary: network,
    async check(learner, n: Network) {
      const { AL, caches } = await forward(learner, np.array(n.X), parametersOf(n));
      expectShape(AL, 1, n.X[0]?.length ?? 0, "AL");
      if (AL.data.some((a) => !(a > 0 && a < 1))) fail(said("AL-range"));
      if (!Array.isArray(caches)) fail(said("caches.not-list"));
      if (caches.length !== n.weights.length)
        fail(said("caches.count", { count: String(caches.length), layers: n.weights.length }));
    },
    describe: showNetwork,
  }),
  "lModelForward.columns": property({
    law: said("law.lModelForward.columns"),
    arbitrary: network.chain((n) => fc.tuple(fc.constant(n), columnOrder(n.X[0]?.length ?? 1))),
    async check(learner, [n, order]: [Network, number[]]) {
      const p = parametersOf(n);
      const { AL } = await forward(learner, np.array(n.X), p);
      const { AL: moved } = await forward(learner, np.array(permuteColumns(n.X, order)), p);
      const expected = permuteColumns(AL.tolist(), order);
      moved.tolist().forEach((row, i) => {
        row.forEach((v, j) => {
          if (!close(v, expected[i]?.[j] as number)) fail(said("column-moved", { name: "AL", j }));
        });
      });
    },
    describe: ([n, order]: [Network, number[]]) =>
      said("describe.order", { network: showNetwork(n), order: JSON.stringify(order) }),
  }),
  "computeCost.nonnegative": property({
    law: said("law.computeCost.nonnegative"),
    arbitrary: grid(fc.tuple(double(1e-6, 1 - 1e-6), fc.constantFrom(0, 1)), 1, 8).map(
      (m) => [m.map((r) => r.map((e) => e[0])), m.map((r) => r.map((e) => e[1]))] as const,
    ),
    async check(learner, [AL, Y]: readonly [Matrix, Matrix]) {
      const cost = costOf(await learner.call("computeCost", [np.array(AL), np.array(Y)]));
      if (!(cost >= 0)) fail(said("cost.is", { cost: shown(cost) }));
    },
    describe: ([AL, Y]: readonly [Matrix, Matrix]) => `${show("AL", AL)}; ${show("Y", Y)}`,
  }),
  "computeCost.half": property({
    law: said("law.computeCost.half"),
    arbitrary: grid(fc.constantFrom(0, 1), 1, 8),
    async check(learner, Y: Matrix) {
      const AL = np.full([1, Y[0]?.length ?? 0], 0.5);
      const cost = costOf(await learner.call("computeCost", [AL, np.array(Y)]));
      if (!close(cost, Math.LN2, 1e-12))
        fail(said("cost.half", { cost: shown(cost), ln2: shown(Math.LN2) }));
    },
    describe: (Y: Matrix) => show("Y", Y),
  }),
  "linearBackward.shapes": property({
    law: said("law.linearBackward.shapes"),
    arbitrary: network,
    async check(learner, n: Network) {
      const [W, b] = firstLayer(n);
      const A = np.array(n.X);
      const dZ = np.ones([W.shape[0], A.shape[1]]);
      const out = (await learner.call("linearBackward", [dZ, { A, W, b }])) as Record<
        string,
        unknown
      > | null;
      const shapes: [string, NDArray][] = [
        ["dAPrev", A],
        ["dW", W],
        ["db", b],
      ];
      for (const [name, like] of shapes)
        expectShape(asArray(out?.[name], name), like.shape[0], like.shape[1], name);
    },
    describe: showNetwork,
  }),
  "linearActivationBackward.dead-relu": property({
    law: said("law.linearActivationBackward.dead-relu"),
    arbitrary: network,
    async check(learner, n: Network) {
      const [W, b] = firstLayer(n);
      const A = np.array(n.X);
      // Any Z ≤ 0 of the layer's shape (here −|W[i][0]| − |X[0][j]|): the ReLU is off everywhere,
      // whatever made it so.
      const Z = np.array(
        Array.from({ length: W.shape[0] }, (_, i) =>
          Array.from(
            { length: A.shape[1] },
            (_, j) => -Math.abs(W.data[i * W.shape[1]] as number) - Math.abs(A.data[j] as number),
          ),
        ),
      );
      const dA = np.ones(Z.shape);
      const out = (await learner.call("linearActivationBackward", [
        dA,
        { linearCache: { A, W, b }, activationCache: Z },
        "relu",
      ])) as Record<string, unknown> | null;
      for (const name of ["dAPrev", "dW", "db"])
        if (asArray(out?.[name], name).data.some((v) => v !== 0)) fail(said("flows", { name }));
    },
    describe: showNetwork,
  }),
  "lModelBackward.shapes": property({
    law: said("law.lModelBackward.shapes"),
    arbitrary: network,
    async check(learner, n: Network) {
      const p = parametersOf(n);
      const { AL, caches } = (await learner.others.call("lModelForward", [np.array(n.X), p])) as {
        AL: NDArray;
        caches: unknown;
      };
      const grads = (await learner.call("lModelBackward", [AL, np.array(n.Y), caches])) as Record<
        string,
        unknown
      > | null;
      for (const [name, value] of Object.entries(p))
        expectShape(
          asArray(grads?.[`d${name}`], `d${name}`),
          value.shape[0],
          value.shape[1],
          `d${name}`,
        );
    },
    describe: showNetwork,
  }),
  "lModelBackward.gradient": property({
    law: said("law.lModelBackward.gradient"),
    arbitrary: network,
    async check(learner, n: Network) {
      const X = np.array(n.X);
      const results = await consistency(learner, learner.others, parametersOf(n), X, np.array(n.Y));
      const wrong = results.filter((r) => r.verdict !== "passed");
      if (wrong.length > 0)
        fail(
          graderSaid("gradient.rows", {
            rows: wrong.map((r) => gradientRow(r, { examples: [X.shape[1]] })),
          }),
        );
    },
    describe: showNetwork,
  }),
  "updateParameters.zero-gradient": property({
    law: said("law.updateParameters.zero-gradient"),
    arbitrary: fc.tuple(network, double(0.001, 2)),
    async check(learner, [n, rate]: [Network, number]) {
      const p = parametersOf(n);
      const grads = Object.fromEntries(
        Object.entries(p).map(([k, v]) => [`d${k}`, np.zerosLike(v)]),
      );
      const out = (await learner.call("updateParameters", [p, grads, rate])) as Record<
        string,
        unknown
      > | null;
      for (const [name, value] of Object.entries(p)) {
        const after = asArray(out?.[name], name);
        if (after.data.some((v, k) => v !== value.data[k])) fail(said("changed", { name }));
      }
    },
    describe: ([n, rate]: [Network, number]) =>
      said("describe.rate", { network: showNetwork(n), rate }),
  }),
  "updateParameters.linear": property({
    law: said("law.updateParameters.linear"),
    arbitrary: fc.tuple(network, double(0.001, 2)),
    async check(learner, [n, rate]: [Network, number]) {
      const p = parametersOf(n);
      // Gradients equal to the parameters: every entry moves by −rate times itself.
      const grads = Object.fromEntries(Object.entries(p).map(([k, v]) => [`d${k}`, v]));
      const out = (await learner.call("updateParameters", [p, grads, rate])) as Record<
        string,
        unknown
      > | null;
      for (const [name, value] of Object.entries(p)) {
        const after = asArray(out?.[name], name);
        expectShape(after, value.shape[0], value.shape[1], name);
        after.data.forEach((v, k) => {
          const before = value.data[k] as number;
          if (!close(v, before - rate * before, 1e-12))
            fail(
              said("moved", {
                name,
                moved: shown(v - before),
                wanted: shown(-rate * before),
                rate,
              }),
            );
        });
      }
    },
    describe: ([n, rate]: [Network, number]) =>
      said("describe.rate", { network: showNetwork(n), rate }),
  }),
};
