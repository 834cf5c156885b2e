/**
 * Laws every correct logistic-regression function obeys, checked on inputs nobody wrote down:
 * fast-check generates them (and shrinks a failing one to the smallest it can find), the learner's
 * function runs in the sandbox, and the law is judged in the grader. Each property is a graded test
 * of kind "property" in assignment.json, named by its id here.
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
import { said as graderSaid } from "../../grader/words/en/phrases.ts";
import { NDArray, np } from "../lib/np.ts";
import type * as Model from "./model.ts";
import { gradientResults } from "./tensors.ts";
import { said } from "./words.ts";

function asArray(value: unknown, what: string): NDArray {
  return value instanceof NDArray ? value : fail(said("not-array", { what }));
}

function asNumber(value: unknown, what: string): number {
  if (typeof value === "number") return value;
  if (value instanceof NDArray)
    fail(said("not-number.array", { what, shape: value.shape.join(",") }));
  return fail(said("not-number", { what, type: value === null ? "null" : typeof value }));
}

function expectShape(x: NDArray, rows: number, cols: number, what: string): void {
  if (x.shape[0] !== rows || x.shape[1] !== cols)
    fail(said("shape", { what, actual: x.shape.join(","), expected: `${rows},${cols}` }));
}

/** A small problem: w of order 1, b ≠ 0, X of order 1 and labels, m examples of nX features. */
const problem = fc
  .record({ nX: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 6 }) })
  .chain(({ nX, m }) =>
    fc.record({
      w: matrix(nX, 1, -2, 2),
      b: double(-1, 1),
      X: matrix(nX, m, -3, 3),
      Y: matrix(1, m, 0, 1).map((y) => y.map((row) => row.map((v) => (v < 0.5 ? 0 : 1)))),
    }),
  );
type Problem = { w: Matrix; b: number; X: Matrix; Y: Matrix };
const showProblem = (p: Problem) =>
  [show("w", p.w), `b = ${shown(p.b)}`, show("X", p.X), show("Y", p.Y)].join("; ");
const argsOf = (p: Problem) => [np.array(p.w), p.b, np.array(p.X), np.array(p.Y)];

/** What propagate returned, read as the law needs it. */
function propagated(value: unknown, nX: number) {
  const out = value as { grads?: { dw?: unknown; db?: unknown }; cost?: unknown } | null;
  const dw = asArray(out?.grads?.dw, "grads.dw");
  expectShape(dw, nX, 1, "grads.dw");
  return { dw, db: asNumber(out?.grads?.db, "grads.db"), cost: asNumber(out?.cost, "cost") };
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
  "initializeWithZeros.shape": property({
    law: said("law.initializeWithZeros.shape"),
    arbitrary: fc.integer({ min: 1, max: 5000 }),
    async check(learner, dim: number) {
      const out = (await learner.call("initializeWithZeros", [dim])) as Partial<Model.Parameters>;
      const w = asArray(out?.w, "w");
      expectShape(w, dim, 1, "w");
      if (w.data.some((v) => v !== 0)) fail(said("zeros.w"));
      const b = asNumber(out?.b, "b");
      if (b !== 0) fail(said("zeros.b", { b: String(b) }));
    },
    describe: (dim: number) => `dim = ${dim}`,
  }),
  "propagate.nonnegative": property({
    law: said("law.propagate.nonnegative"),
    arbitrary: problem,
    async check(learner, p: Problem) {
      const { cost } = propagated(await learner.call("propagate", argsOf(p)), p.w.length);
      if (!(cost >= 0)) fail(said("cost.is", { cost: String(cost) }));
    },
    describe: showProblem,
  }),
  "propagate.permutation": property({
    law: said("law.propagate.permutation"),
    arbitrary: problem.chain((p) =>
      columnOrder(p.Y[0]?.length ?? 0).map((order) => ({ ...p, order })),
    ),
    async check(learner, p: Problem & { order: number[] }) {
      const nX = p.w.length;
      const before = propagated(await learner.call("propagate", argsOf(p)), nX);
      const moved = { ...p, X: permuteColumns(p.X, p.order), Y: permuteColumns(p.Y, p.order) };
      const after = propagated(await learner.call("propagate", argsOf(moved)), nX);
      const pairs: [string, number, number][] = [
        ["cost", before.cost, after.cost],
        ["db", before.db, after.db],
        ...[...before.dw.data].map(
          (v, i) => [`dw[${i}]`, v, after.dw.data[i] as number] as [string, number, number],
        ),
      ];
      for (const [name, a, b] of pairs)
        if (!close(a, b, 1e-9))
          fail(said("reordered", { name, before: shown(a), after: shown(b) }));
    },
    describe: (p: Problem & { order: number[] }) =>
      said("describe.order", { problem: showProblem(p), order: `[${p.order.join(", ")}]` }),
  }),
  "propagate.gradient": property({
    law: said("law.propagate.gradient"),
    arbitrary: problem,
    async check(learner, p: Problem) {
      const [w, b, X, Y] = argsOf(p) as [NDArray, number, NDArray, NDArray];
      const claimed = propagated(await learner.call("propagate", [w, b, X, Y]), p.w.length);
      const results = await gradientResults(learner, w, b, X, Y, claimed);
      const wrong = results.filter((r) => r.verdict !== "passed");
      if (wrong.length > 0)
        fail(
          graderSaid("gradient.rows", {
            rows: wrong.map((r) => gradientRow(r, { examples: [X.shape[1]] })),
          }),
        );
    },
    describe: showProblem,
  }),
  "optimize.zero-rate": property({
    law: said("law.optimize.zero-rate"),
    arbitrary: fc.tuple(problem, fc.integer({ min: 1, max: 5 })),
    async check(learner, [p, iterations]: [Problem, number]) {
      const out = (await learner.call("optimize", [...argsOf(p), iterations, 0])) as {
        params?: { w?: unknown; b?: unknown };
      };
      const w = asArray(out?.params?.w, "params.w");
      expectShape(w, p.w.length, 1, "params.w");
      const b = asNumber(out?.params?.b, "params.b");
      const start = p.w.flat();
      w.data.forEach((v, i) => {
        if (v !== start[i])
          fail(said("moved", { name: `w[${i}]`, from: shown(start[i] as number), to: shown(v) }));
      });
      if (b !== p.b) fail(said("moved", { name: "b", from: shown(p.b), to: shown(b) }));
    },
    describe: ([p, iterations]: [Problem, number]) =>
      said("describe.iterations", { problem: showProblem(p), iterations, rate: 0 }),
  }),
  "optimize.record": property({
    law: said("law.optimize.record"),
    arbitrary: fc.tuple(problem, fc.integer({ min: 1, max: 350 })),
    async check(learner, [p, iterations]: [Problem, number]) {
      const out = (await learner.call("optimize", [...argsOf(p), iterations, 0.01])) as {
        costs?: unknown;
      };
      const costs = out?.costs;
      if (!Array.isArray(costs)) return fail(said("not-list", { what: "costs" }));
      const expected = Math.ceil(iterations / 100);
      if (costs.length !== expected)
        fail(said("costs.count", { count: costs.length, expected, iterations }));
      const first = asNumber(costs[0], "costs[0]");
      // The cost as the functions optimize is judged with compute it (the reference's, when
      // grading with it), so that a mistake in propagate costs propagate's points only.
      const own = propagated(await learner.others.call("propagate", argsOf(p)), p.w.length).cost;
      if (!close(first, own, 1e-9))
        fail(said("costs.first", { first: shown(first), own: shown(own) }));
    },
    describe: ([p, iterations]: [Problem, number]) =>
      said("describe.iterations", { problem: showProblem(p), iterations, rate: 0.01 }),
  }),
  "predict.binary": property({
    law: said("law.predict.binary"),
    arbitrary: problem,
    async check(learner, p: Problem) {
      const [w, b, X] = argsOf(p);
      const predictions = asArray(await learner.call("predict", [w, b, X]), "predict(w, b, X)");
      expectShape(predictions, 1, p.X[0]?.length ?? 0, "predict(w, b, X)");
      for (const v of predictions.data)
        if (v !== 0 && v !== 1) fail(said("prediction.binary", { value: v }));
    },
    describe: showProblem,
  }),
  "predict.threshold": property({
    law: said("law.predict.threshold"),
    // Far from the boundary only: where wᵀx + b is within 1e-9 of 0, > and ≥ may both be right.
    arbitrary: problem.filter((p) => (p.X[0] ?? []).every((_, j) => Math.abs(score(p, j)) > 1e-9)),
    async check(learner, p: Problem) {
      const [w, b, X] = argsOf(p);
      const predictions = asArray(await learner.call("predict", [w, b, X]), "predict(w, b, X)");
      expectShape(predictions, 1, p.X[0]?.length ?? 0, "predict(w, b, X)");
      predictions.data.forEach((actual, j) => {
        const z = score(p, j);
        const expected = z > 0 ? 1 : 0;
        if (actual !== expected)
          fail(said("prediction.threshold", { z: shown(z), expected, actual, column: j }));
      });
    },
    describe: showProblem,
  }),
};

/** wᵀx + b for example j. */
function score(p: Problem, j: number): number {
  return p.w.reduce((s, [wi = 0], i) => s + wi * (p.X[i]?.[j] ?? 0), p.b);
}
