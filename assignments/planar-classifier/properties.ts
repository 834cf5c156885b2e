/**
 * Laws every correct planar-classifier function obeys, checked on inputs nobody wrote down:
 * fast-check generates them (and shrinks a failing one to the smallest it can find), the learner's
 * function runs in the sandbox, and the law is judged in the grader. Each property is a graded test
 * of kind "property" in assignment.json, named by its id here.
 */
import fc from "fast-check";
import { distinct, gradientRow } from "../../grader/checks/gradient/wording.ts";
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
  shownValue,
  sized,
} from "../../grader/checks/law-inputs.ts";
import { breaks as fail, type PropertySpec } from "../../grader/checks/property.ts";
import type { Functions } from "../../grader/core/assignment.ts";
import { said as graderSaid } from "../../grader/words/en/phrases.ts";
import { NDArray, np } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { consistency, learnerGradients, learnerGradientsOf, PARAMETER_NAMES } from "./tensors.ts";
import { said } from "./words.ts";

const bit = fc.constantFrom(0, 1);
/** Two matrices of the same shape from one grid of pairs. */
const split = <A, B>(m: [A, B][][]): [A[][], B[][]] => [
  m.map((r) => r.map((e) => e[0])),
  m.map((r) => r.map((e) => e[1])),
];

/** Two numbers with 8 significant digits, or as many more as it takes to tell them apart. */
const both = (a: number, b: number) => distinct(a, b, 8);

/** What computeCost returned, when it is a number; otherwise the law fails saying what it was. */
function costOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (value instanceof NDArray) fail(said("cost.array", { shape: value.shape.join(",") }));
  return fail(said("cost.type", { type: value === null ? "null" : typeof value }));
}

/** A name in code ("cache.A1"), or a phrase ("predict's result"). */
type What = string | ReturnType<typeof said>;
const phraseOfWhat = (what: What) => (typeof what === "string" ? what : what.phrase);

function asArray(value: unknown, what: What): NDArray {
  return value instanceof NDArray ? value : fail(said("not-array", { what: phraseOfWhat(what) }));
}

function expectShape(x: NDArray, rows: number, cols: number, what: What): void {
  if (x.shape[0] !== rows || x.shape[1] !== cols)
    fail(
      said("shape", {
        what: phraseOfWhat(what),
        actual: x.shape.join(","),
        expected: `${rows},${cols}`,
      }),
    );
}

/** A small network's parameters with weights of order 1 and non-zero biases. */
const network = fc
  .record({
    nX: fc.integer({ min: 1, max: 4 }),
    nH: fc.integer({ min: 1, max: 5 }),
    nY: fc.integer({ min: 1, max: 3 }),
    m: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ nX, nH, nY, m }) =>
    fc.record({
      W1: matrix(nH, nX, -2, 2),
      b1: matrix(nH, 1, -1, 1),
      W2: matrix(nY, nH, -2, 2),
      b2: matrix(nY, 1, -1, 1),
      X: matrix(nX, m, -3, 3),
      Y: fc.array(fc.array(fc.constantFrom(0, 1), { minLength: m, maxLength: m }), {
        minLength: nY,
        maxLength: nY,
      }),
    }),
  );
type Network = { W1: Matrix; b1: Matrix; W2: Matrix; b2: Matrix; X: Matrix; Y: Matrix };

const parametersOf = (n: Network): Model.Parameters => ({
  W1: np.array(n.W1),
  b1: np.array(n.b1),
  W2: np.array(n.W2),
  b2: np.array(n.b2),
});
const showNetwork = (n: Network) =>
  [show("W1", n.W1), show("b1", n.b1), show("W2", n.W2), show("b2", n.b2), show("X", n.X)].join(
    "; ",
  );

async function forward(functions: Functions, X: NDArray, p: Model.Parameters) {
  const out = (await functions.call("forwardPropagation", [X, p])) as {
    A2?: unknown;
    cache?: { A1?: unknown };
  };
  return { A2: asArray(out?.A2, "A2"), A1: asArray(out?.cache?.A1, "cache.A1") };
}

/** Where e^z overflows: ln(Number.MAX_VALUE). */
const EXP_OVERFLOW = Math.log(Number.MAX_VALUE);

export const properties: Record<string, PropertySpec<unknown>> = {
  "sigmoid.range": property({
    law: said("law.sigmoid.range"),
    arbitrary: grid(double(-800, 800), 4, 6),
    async check(learner, z: Matrix) {
      const s = asArray(await learner.call("sigmoid", [np.array(z)]), "σ(z)");
      expectShape(s, z.length, z[0]?.length ?? 0, "σ(z)");
      z.flat().forEach((v, k) => {
        const y = s.data[k] as number;
        // Past ln(Number.MAX_VALUE), e^|z| is Infinity: e^z / (1 + e^z) is Infinity / Infinity.
        if (Number.isNaN(y))
          fail(
            said(Math.abs(v) > EXP_OVERFLOW ? "sigmoid.overflow" : "sigmoid.nan", { z: String(v) }),
          );
        if (Math.abs(v) <= 30 ? !(y > 0 && y < 1) : !(y >= 0 && y <= 1))
          fail(said("sigmoid.outside", { z: String(v), y: String(y) }));
      });
    },
    describe: (z: Matrix) => show("z", z),
  }),
  "sigmoid.symmetry": property({
    law: said("law.sigmoid.symmetry"),
    arbitrary: grid(double(-20, 20), 4, 6),
    async check(learner, z: Matrix) {
      const s = asArray(await learner.call("sigmoid", [np.array(z)]), "σ(z)");
      const t = asArray(
        await learner.call("sigmoid", [np.array(z.map((row) => row.map((v) => -v)))]),
        "σ(−z)",
      );
      s.data.forEach((y, k) => {
        if (!close(t.data[k] as number, 1 - y, 1e-12))
          fail(
            said("sigmoid.symmetry", {
              negated: String(t.data[k]),
              complement: String(1 - y),
              z: String(z.flat()[k]),
            }),
          );
      });
    },
    describe: (z: Matrix) => show("z", z),
  }),
  "sigmoid.monotone": property({
    law: said("law.sigmoid.monotone"),
    arbitrary: fc
      .array(double(-40, 40), { minLength: 2, maxLength: 8 })
      .map((v) => [[...v].sort((a, b) => a - b)]),
    async check(learner, z: Matrix) {
      const s = asArray(await learner.call("sigmoid", [np.array(z)]), "σ(z)");
      for (let k = 1; k < s.size; k++) {
        if ((s.data[k] as number) < (s.data[k - 1] as number))
          fail(`σ(${z[0]?.[k - 1]}) = ${s.data[k - 1]} > σ(${z[0]?.[k]}) = ${s.data[k]}`);
      }
    },
    describe: (z: Matrix) => show("z", z),
  }),
  "layerSizes.rows": property({
    law: said("law.layerSizes.rows"),
    arbitrary: fc.record({
      nX: fc.integer({ min: 1, max: 9 }),
      nY: fc.integer({ min: 1, max: 5 }),
      m: fc.integer({ min: 1, max: 9 }),
    }),
    async check(learner, { nX, nY, m }: { nX: number; nY: number; m: number }) {
      const sizes = (await learner.call("layerSizes", [
        np.zeros([nX, m]),
        np.zeros([nY, m]),
      ])) as Partial<Model.LayerSizes>;
      if (sizes?.nX !== nX || sizes?.nY !== nY)
        fail(said("sizes.got", { nX: shownValue(sizes?.nX), nY: shownValue(sizes?.nY) }));
    },
    describe: ({ nX, nY, m }: { nX: number; nY: number; m: number }) =>
      said("describe.sizes", { nX, nY, m }),
  }),
  "initializeParameters.shapes": property({
    law: said("law.initializeParameters.shapes"),
    arbitrary: fc.record({
      nX: fc.integer({ min: 1, max: 6 }),
      nH: fc.integer({ min: 1, max: 6 }),
      nY: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
    }),
    async check(
      learner,
      { nX, nH, nY, seed }: { nX: number; nH: number; nY: number; seed: number },
    ) {
      const p = (await learner.call("initializeParameters", [
        nX,
        nH,
        nY,
        { $random: seed },
      ])) as Partial<Record<string, unknown>>;
      const W1 = asArray(p?.W1, "W1");
      const b1 = asArray(p?.b1, "b1");
      const W2 = asArray(p?.W2, "W2");
      const b2 = asArray(p?.b2, "b2");
      expectShape(W1, nH, nX, "W1");
      expectShape(b1, nH, 1, "b1");
      expectShape(W2, nY, nH, "W2");
      expectShape(b2, nY, 1, "b2");
      if (b1.data.some((v) => v !== 0) || b2.data.some((v) => v !== 0))
        fail(said("biases-nonzero"));
      if (W1.size > 1 && W1.data.every((v) => v === W1.data[0])) fail(said("W1-symmetric"));
    },
    describe: ({ nX, nH, nY, seed }: { nX: number; nH: number; nY: number; seed: number }) =>
      `nX = ${nX}, nH = ${nH}, nY = ${nY}, rng = np.random.seed(${seed})`,
  }),
  "initializeParameters.scale-and-seed": property({
    law: said("law.initializeParameters.scale-and-seed"),
    arbitrary: fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      scale: double(0.001, 2),
    }),
    async check(learner, { seed, scale }: { seed: number; scale: number }) {
      const call = async (s: number) =>
        (await learner.call("initializeParameters", [2, 3, 1, { $random: seed }, s])) as Record<
          string,
          unknown
        > | null;
      const a = asArray((await call(scale))?.W1, "W1");
      const b = asArray((await call(scale))?.W1, "W1");
      const unit = asArray((await call(1))?.W1, "W1");
      a.data.forEach((v, k) => {
        if (v !== b.data[k]) fail(said("generator-state"));
        if (!close(v, scale * (unit.data[k] as number), 1e-12))
          fail(said("scale.wrong", { scale }));
      });
    },
    describe: ({ seed, scale }: { seed: number; scale: number }) =>
      `nX = 2, nH = 3, nY = 1, rng = np.random.seed(${seed}), scale = ${scale}`,
  }),
  "forwardPropagation.ranges": property({
    law: said("law.forwardPropagation.ranges"),
    arbitrary: network,
    async check(learner, n: Network) {
      const { A1, A2 } = await forward(learner, np.array(n.X), parametersOf(n));
      const m = n.X[0]?.length ?? 0;
      expectShape(A1, n.W1.length, m, "cache.A1");
      expectShape(A2, n.W2.length, m, "A2");
      if (A1.data.some((v) => !(v >= -1 && v <= 1))) fail(said("A1-range"));
      if (A2.data.some((v) => !(v > 0 && v < 1))) fail(said("A2-range"));
    },
    describe: showNetwork,
  }),
  "forwardPropagation.columns": property({
    law: said("law.forwardPropagation.columns"),
    arbitrary: network.chain((n) => fc.tuple(fc.constant(n), columnOrder(n.X[0]?.length ?? 1))),
    async check(learner, [n, order]: [Network, number[]]) {
      const p = parametersOf(n);
      const { A2 } = await forward(learner, np.array(n.X), p);
      const { A2: B2 } = await forward(learner, np.array(permuteColumns(n.X, order)), p);
      const expected = permuteColumns(A2.tolist(), order);
      B2.tolist().forEach((row, i) => {
        row.forEach((v, j) => {
          if (!close(v, expected[i]?.[j] as number)) fail(said("column-moved", { j }));
        });
      });
    },
    describe: ([n, order]: [Network, number[]]) =>
      said("describe.column-order", { network: showNetwork(n), order: JSON.stringify(order) }),
  }),
  "computeCost.nonnegative": property({
    law: said("law.computeCost.nonnegative"),
    arbitrary: grid(fc.tuple(double(1e-6, 1 - 1e-6), bit), 3, 6).map(split),
    async check(learner, [A2, Y]: [Matrix, Matrix]) {
      const cost = costOf(await learner.call("computeCost", [np.array(A2), np.array(Y)]));
      if (!(cost >= 0)) fail(said("cost.is", { cost: shown(cost) }));
    },
    describe: ([A2, Y]: [Matrix, Matrix]) => `${show("A2", A2)}; ${show("Y", Y)}`,
  }),
  "computeCost.permutation": property({
    law: said("law.computeCost.permutation"),
    arbitrary: sized(
      (r, c) =>
        fc.tuple(
          matrix(r, c, 1e-3, 1 - 1e-3),
          fc.array(fc.array(fc.constantFrom(0, 1), { minLength: c, maxLength: c }), {
            minLength: r,
            maxLength: r,
          }),
          columnOrder(c),
        ),
      2,
      6,
    ),
    async check(learner, [A2, Y, order]: [Matrix, Matrix, number[]]) {
      const a = costOf(await learner.call("computeCost", [np.array(A2), np.array(Y)]));
      const b = costOf(
        await learner.call("computeCost", [
          np.array(permuteColumns(A2, order)),
          np.array(permuteColumns(Y, order)),
        ]),
      );
      if (!close(a, b, 1e-12)) {
        const [before, after] = both(a, b);
        fail(said("cost.reordered", { before, after }));
      }
    },
    describe: ([A2, Y, order]: [Matrix, Matrix, number[]]) =>
      said("describe.order", {
        values: `${show("A2", A2)}; ${show("Y", Y)}`,
        order: JSON.stringify(order),
      }),
  }),
  "computeCost.confident": property({
    law: said("law.computeCost.confident"),
    arbitrary: grid(bit, 2, 6),
    async check(learner, Y: Matrix) {
      const A2 = Y.map((row) => row.map((y) => (y === 1 ? 1 - 1e-6 : 1e-6)));
      const cost = costOf(await learner.call("computeCost", [np.array(A2), np.array(Y)]));
      if (!(cost >= 0 && cost < 1e-5)) fail(said("cost.is", { cost: shown(cost) }));
    },
    describe: (Y: Matrix) => said("describe.confident", { Y: show("Y", Y) }),
  }),
  "computeCost.half": property({
    law: said("law.computeCost.half"),
    arbitrary: grid(bit, 1, 8),
    async check(learner, Y: Matrix) {
      const cost = costOf(
        await learner.call("computeCost", [
          np.full([Y.length, Y[0]?.length ?? 0], 0.5),
          np.array(Y),
        ]),
      );
      if (!close(cost, Math.LN2 * Y.length, 1e-12))
        fail(said("cost.half", { cost: shown(cost), ln2: shown(Math.LN2) }));
    },
    describe: (Y: Matrix) => said("describe.half", { Y: show("Y", Y) }),
  }),
  "updateParameters.zero-gradient": property({
    law: said("law.updateParameters.zero-gradient"),
    arbitrary: network,
    async check(learner, n: Network) {
      const p = parametersOf(n);
      const zeros = {
        dW1: np.zerosLike(p.W1),
        db1: np.zerosLike(p.b1),
        dW2: np.zerosLike(p.W2),
        db2: np.zerosLike(p.b2),
      };
      const next = (await learner.call("updateParameters", [p, zeros, 1.2])) as Record<
        string,
        unknown
      >;
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        const after = asArray(next?.[name], name);
        if (after.size !== p[name].size || after.data.some((v, k) => v !== p[name].data[k]))
          fail(said("changed", { name }));
      }
    },
    describe: showNetwork,
  }),
  "updateParameters.linear": property({
    law: said("law.updateParameters.linear"),
    arbitrary: fc.tuple(network, double(0.01, 3)),
    async check(learner, [n, rate]: [Network, number]) {
      const p = parametersOf(n);
      const g = {
        dW1: np.array(n.W1),
        db1: np.array(n.b1),
        dW2: np.array(n.W2),
        db2: np.array(n.b2),
      };
      const next = (await learner.call("updateParameters", [p, g, rate])) as Record<
        string,
        unknown
      >;
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        const after = asArray(next?.[name], name);
        // A wrong shape first: entry by entry it would read as a move by NaN.
        expectShape(after, p[name].shape[0], p[name].shape[1], name);
        after.data.forEach((v, k) => {
          const expected = (p[name].data[k] as number) - rate * (g[`d${name}`].data[k] as number);
          if (!close(v, expected, 1e-12)) {
            const [moved, wanted] = both(
              v - (p[name].data[k] as number),
              expected - (p[name].data[k] as number),
            );
            fail(said("moved", { name, moved, wanted, rate }));
          }
        });
      }
    },
    describe: ([n, rate]: [Network, number]) =>
      said("describe.linear", { network: showNetwork(n), rate }),
  }),
  "predict.binary": property({
    law: said("law.predict.binary"),
    arbitrary: network.map((n) => ({ ...n, W2: n.W2.slice(0, 1), b2: n.b2.slice(0, 1) })),
    async check(learner, n: Network) {
      const p = asArray(
        await learner.call("predict", [parametersOf(n), np.array(n.X)]),
        said("predict-result"),
      );
      expectShape(p, 1, n.X[0]?.length ?? 0, said("predict-result"));
      const value = p.data.find((v) => v !== 0 && v !== 1);
      if (value !== undefined) fail(said("prediction.binary", { value }));
    },
    describe: showNetwork,
  }),
  "predict.threshold": property({
    law: said("law.predict.threshold"),
    arbitrary: network.map((n) => ({ ...n, W2: n.W2.slice(0, 1), b2: n.b2.slice(0, 1) })),
    async check(learner, n: Network) {
      const p = parametersOf(n);
      const { A2 } = await forward(learner.others, np.array(n.X), p);
      const predictions = asArray(
        await learner.call("predict", [p, np.array(n.X)]),
        said("predict-result"),
      );
      A2.data.forEach((a, k) => {
        // A tie at exactly 0.5 may go either way (clarifications: "> 0.5" and ">= 0.5" are both right).
        const expected = a > 0.5 ? 1 : 0;
        if (a !== 0.5 && predictions.data[k] !== expected)
          fail(
            said("prediction.threshold", {
              a,
              expected,
              actual: predictions.data[k] as number,
            }),
          );
      });
    },
    describe: showNetwork,
  }),
  "backwardPropagation.shapes": property({
    law: said("law.backwardPropagation.shapes"),
    arbitrary: network,
    async check(learner, n: Network) {
      const p = parametersOf(n);
      const grads = await learnerGradients(
        learner,
        learner.others,
        p,
        np.array(n.X),
        np.array(n.Y),
      );
      for (const name of PARAMETER_NAMES) {
        expectShape(
          asArray(grads?.[`d${name}`], `d${name}`),
          p[name].shape[0],
          p[name].shape[1],
          `d${name}`,
        );
      }
    },
    describe: showNetwork,
  }),
  "backwardPropagation.gradient": property({
    law: said("law.backwardPropagation.gradient"),
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
  "backwardPropagation.duplicates": property({
    law: said("law.backwardPropagation.duplicates"),
    arbitrary: fc.tuple(
      network.map((n) => ({
        ...n,
        X: n.X.map((row) => row.slice(0, 1)),
        Y: n.Y.map((row) => row.slice(0, 1)),
      })),
      fc.integer({ min: 2, max: 5 }),
    ),
    async check(learner, [n, k]: [Network, number]) {
      const p = parametersOf(n);
      const repeat = (m: Matrix) => np.array(m.map((row) => Array(k).fill(row[0])));
      // The example alone and its copies, side by side: one round trip.
      const [one, many] = await learnerGradientsOf(learner, learner.others, p, [
        [np.array(n.X), np.array(n.Y)],
        [repeat(n.X), repeat(n.Y)],
      ]);
      for (const name of ["dW1", "db1", "dW2", "db2"]) {
        const a = asArray(one?.[name], name);
        const b = asArray(many?.[name], name);
        expectShape(b, a.shape[0], a.shape[1], said("copies.what", { name, k }));
        a.data.forEach((v, j) => {
          if (!close(b.data[j] as number, v, 1e-10))
            fail(
              said("copies.value", {
                name,
                k,
                copies: b.data[j] as number,
                alone: v,
                ratio: Number(((b.data[j] as number) / v).toPrecision(4)),
              }),
            );
        });
      }
    },
    describe: ([n, k]: [Network, number]) =>
      said("describe.repeated", { network: showNetwork(n), k }),
  }),
};
