/**
 * Forward mode through the array module (assignments/lib/forward.ts): every differentiable
 * operation's tangent against a difference quotient of the operation itself, every way out of
 * the module reported, and no trace of the tracer outside a run.
 */
import { describe, expect, it } from "vitest";
import { type TangentRun, withTangents } from "../../assignments/lib/forward.ts";
import { activeTracer } from "../../assignments/lib/ndarray.ts";
import { NDArray, np } from "../../assignments/lib/np.ts";
import * as ref from "../../reference/planar-classifier/model.ts";

interface Operands {
  /** (r, c), entries in [0.5, 3]: inside the domain of log, sqrt and powers, away from kinks. */
  x: NDArray;
  /** Broadcasts with x: (r, c), (r, 1), (1, c) or (1, 1). */
  y: NDArray;
  /** (c, m), for products. */
  z: NDArray;
}

type Computation = (o: Operands) => NDArray;

const BINARY = ["add", "subtract", "multiply", "divide", "power", "maximum", "minimum"] as const;
const UNARY = ["exp", "log", "tanh", "sin", "cos", "abs", "sqrt", "square", "negative"] as const;

/** Computations whose derivative is not zero: the tangent must match a difference quotient. */
const differentiable: [string, Computation][] = [
  ...BINARY.flatMap((op): [string, Computation][] => [
    [`np.${op}(x, y)`, ({ x, y }) => np[op](x, y)],
    [`np.${op}(y, x)`, ({ x, y }) => np[op](y, x)],
    [`np.${op}(x, 0.7)`, ({ x }) => np[op](x, 0.7)],
    [`np.${op}(2, x)`, ({ x }) => np[op](2, x)],
  ]),
  ...(["add", "subtract", "multiply", "divide", "power"] as const).map(
    (op): [string, Computation] => [`x.${op}(y)`, ({ x, y }) => x[op](y)],
  ),
  ...UNARY.map((op): [string, Computation] => [`np.${op}(x)`, ({ x }) => np[op](x)]),
  ["np.dot(x, z)", ({ x, z }) => np.dot(x, z)],
  ["x.dot(z)", ({ x, z }) => x.dot(z)],
  ["np.dot(x, 3)", ({ x }) => np.dot(x, 3)],
  ["np.dot(3, x)", ({ x }) => np.dot(3, x)],
  ["np.dot(z.T, x.T)", ({ x, z }) => np.dot(z.T, x.T)],
  ["np.dot(x, x.T)", ({ x }) => np.dot(x, x.T)],
  ["np.transpose(x)", ({ x }) => np.transpose(x)],
  ["x.T.T", ({ x }) => x.T.T],
  ["np.reshape(x, [1, -1])", ({ x }) => np.reshape(x, [1, -1])],
  ["x.reshape(-1, 1)", ({ x }) => x.reshape(-1, 1)],
  ["x.slice(1)", ({ x }) => x.slice(1)],
  ["x.slice(-1, 5)", ({ x }) => x.slice(-1, 5)],
  ["x.copy()", ({ x }) => x.copy()],
  ["np.array(x)", ({ x }) => np.array(x)],
  [
    "x.copy().set(0, 0, 5)",
    ({ x }) => {
      const c = np.multiply(x, 2).copy();
      c.set(0, 0, 5);
      return c;
    },
  ],
  ["np.where(x > 1.5, x, y)", ({ x, y }) => np.where(np.greater(x, 1.5), x, y)],
  ["np.where(y < 1.5, 0, x)", ({ x, y }) => np.where(np.less(y, 1.5), 0, x)],
  ...(["sum", "mean", "max", "min"] as const).flatMap((op): [string, Computation][] => [
    [`np.${op}(x, 0)`, ({ x }) => np[op](x, 0)],
    [`np.${op}(x, 1, true)`, ({ x }) => np[op](x, 1, true)],
    [`np.${op}(x, -1)`, ({ x }) => np[op](x, -1)],
    [`x.${op}(-2, true)`, ({ x }) => x[op](-2, true)],
    [`np.${op}(x, null, true)`, ({ x }) => np[op](x, null, true)],
  ]),
  ["np.concatenate([x, y'], 0)", ({ x, y }) => np.concatenate([x, np.add(y, x)], 0)],
  ["np.concatenate([x, 2x], 1)", ({ x }) => np.concatenate([x, np.multiply(x, 2)], 1)],
  ["np.concatenate([x, zeros], 0)", ({ x }) => np.concatenate([x, np.zerosLike(x)])],
  [
    "a planar forward pass",
    ({ x, z }) => {
      const W1 = np.subtract(z.T, 1.5);
      const W2 = np.subtract(np.sum(W1, 1, true).T, 1);
      const parameters = { W1, b1: np.mean(W1, 1, true), W2, b2: np.ones([1, 1]) };
      return ref.forwardPropagation(x.T, parameters).A2;
    },
  ],
];

/** Computations whose result is piecewise constant: no tangent, and no way out of the module. */
const constants: [string, Computation][] = [
  ...(["greater", "greaterEqual", "less", "lessEqual", "equal", "notEqual"] as const).map(
    (op): [string, Computation] => [`np.${op}(x, y)`, ({ x, y }) => np[op](x, y)],
  ),
  ...(["sign", "round", "isnan"] as const).map((op): [string, Computation] => [
    `np.${op}(x)`,
    ({ x }) => np[op](x),
  ]),
  ["np.argmax(x, 0)", ({ x }) => np.argmax(x, 0)],
  ["np.zerosLike(x)", ({ x }) => np.zerosLike(x)],
  ["np.onesLike(x)", ({ x }) => np.onesLike(x)],
  ["np.zeros, np.ones, np.full", ({ x }) => np.add(np.zeros(x.shape), np.full(x.shape, 2))],
  ["np.linspace", () => np.linspace(0, 1, 5)],
  ["np.random", () => np.random.seed(1).randn(2, 2)],
];

/** Ways out of the array module: each must be reported, with how. */
const exits: [string, (o: Operands) => unknown][] = [
  ["np.sum to a number", ({ x }) => np.multiply(np.sum(x), x)],
  ["np.mean to a number", ({ x }) => np.mean(np.exp(x))],
  ["np.max to a number", ({ x }) => x.max()],
  ["np.min to a number", ({ x }) => np.min(x)],
  ["np.linalg.norm", ({ x }) => np.linalg.norm(x)],
  ["item()", ({ x }) => np.sum(x, null, true).item()],
  ["get(i, j)", ({ x }) => x.get(0, 0)],
  ["tolist()", ({ x }) => np.array(x.tolist())],
  [".data", ({ x }) => new NDArray(x.data.map(Math.tanh), x.shape)],
  [".data", ({ x }) => new NDArray(np.tanh(x).data, x.shape)],
  [".data", ({ x }) => ({ ...x })],
];

/** Wide operands have 300 entries: enough for element-wise results to run fused (fusion.ts). */
function operands(seed: number, kind: "full" | "column" | "row" | "one", wide = false): Operands {
  const rng = np.random.seed(seed);
  const r = wide ? 3 : 1 + (seed % 3);
  const c = wide ? 100 : 1 + ((seed >> 2) % 3);
  const yShape = { full: [r, c], column: [r, 1], row: [1, c], one: [1, 1] }[kind] as [
    number,
    number,
  ];
  const entries = (rows: number, cols: number) =>
    np.add(np.multiply(rng.rand(rows, cols), 2.5), 0.5);
  return { x: entries(r, c), y: entries(...yShape), z: entries(c, 4) };
}

const KINDS = ["full", "column", "row", "one"] as const;
const ALL_OPERANDS = [
  ...[1, 2, 5, 6, 9, 10, 11].flatMap((seed) => KINDS.map((kind) => operands(seed, kind))),
  ...KINDS.map((kind) => operands(3, kind, true)),
];

/** Two random directions per operand. */
function directions(o: Operands, seed: number): Operands[] {
  const rng = np.random.seed(1000 + seed);
  return [0, 1].map(() => ({
    x: rng.randn(...o.x.shape),
    y: rng.randn(...o.y.shape),
    z: rng.randn(...o.z.shape),
  }));
}

function moved(o: Operands, d: Operands, step: number): Operands {
  const at = (a: NDArray, t: NDArray) => np.add(a, np.multiply(t, step));
  return { x: at(o.x, d.x), y: at(o.y, d.y), z: at(o.z, d.z) };
}

function run<T>(f: (o: Operands) => T, o: Operands, ds: Operands[]): TangentRun<T> {
  return withTangents(
    () => f(o),
    (["x", "y", "z"] as const).map((k) => [o[k], ds.map((d) => d[k])] as const),
  );
}

/** The derivative of f along d by Richardson's extrapolation of central differences. */
function quotient(f: Computation, o: Operands, d: Operands): NDArray {
  const h = 1e-4;
  const central = (s: number) =>
    np.divide(np.subtract(f(moved(o, d, s)), f(moved(o, d, -s))), 2 * s);
  return np.divide(np.subtract(np.multiply(central(h / 2), 4), central(h)), 3);
}

const largest = (a: NDArray) => (a.size === 0 ? 0 : np.max(np.abs(a)));

describe("forward mode gives each operation's exact directional derivative", () => {
  it.each(differentiable)("%s", (_, f) => {
    ALL_OPERANDS.forEach((o, k) => {
      const ds = directions(o, k);
      const result = run(f, o, ds);
      expect(result.left).toBeUndefined();
      expect(result.value.tolist(), "the value is the plain operation's").toEqual(f(o).tolist());
      const tangents = result.tangentsOf(result.value);
      ds.forEach((d, i) => {
        const expected = quotient(f, o, d);
        const tangent = tangents?.[i] ?? np.zerosLike(result.value);
        expect(tangent.shape).toEqual(result.value.shape);
        const error = largest(np.subtract(tangent, expected));
        const scale = 1 + largest(expected);
        expect(error, `direction ${i}, operands ${k}`).toBeLessThan(1e-7 * scale);
      });
    });
  });

  it("the tangents of a direction that moves one operand only are that operand's", () => {
    const o = operands(5, "full");
    const only = { x: np.onesLike(o.x), y: np.zerosLike(o.y), z: np.zerosLike(o.z) };
    const result = withTangents(() => np.multiply(o.x, o.y), [[o.x, [only.x]]]);
    expect(result.tangentsOf(result.value)?.[0]?.tolist()).toEqual(o.y.tolist());
  });
});

describe("piecewise constant operations give no tangent", () => {
  it.each(constants)("%s", (_, f) => {
    for (const [k, o] of ALL_OPERANDS.entries()) {
      const result = run(f, o, directions(o, k));
      expect(result.left).toBeUndefined();
      expect(result.tangentsOf(result.value)).toBeUndefined();
    }
  });
});

describe("a number read out of an array leaves forward mode, and the run says how", () => {
  it.each(exits)("%s", (how, f) => {
    const o = operands(6, "full");
    expect(run(f, o, directions(o, 0)).left).toBe(how);
  });

  it("reading constants, printing, and arrays no tangent reaches stay in forward mode", () => {
    const o = operands(6, "full");
    const result = run(
      ({ x, y }) => {
        const constant = np.ones([2, 2]);
        let total = 0;
        for (const v of constant.data) total += v;
        String(np.tanh(x));
        np.argmax(x);
        return np.add(np.multiply(x, total), np.sum(y.T, 0));
      },
      o,
      directions(o, 0),
    );
    expect(result.left).toBeUndefined();
  });

  it("the first way out is the one reported", () => {
    const o = operands(6, "full");
    expect(run(({ x }) => [x.get(0, 0), np.sum(x)], o, directions(o, 0)).left).toBe("get(i, j)");
  });
});

describe("the tracer runs only inside withTangents", () => {
  const o = operands(2, "full");
  const seeds = [[o.x, [np.onesLike(o.x)]]] as const;

  it("is gone after a run, and after a run that throws", () => {
    withTangents(() => np.tanh(o.x), seeds);
    expect(activeTracer()).toBeUndefined();
    expect(() =>
      withTangents(() => {
        throw new Error("learner code failed");
      }, seeds),
    ).toThrow("learner code failed");
    expect(activeTracer()).toBeUndefined();
  });

  it("refuses to nest and to run asynchronous code", () => {
    expect(() => withTangents(() => withTangents(() => 1, seeds), seeds)).toThrow(/already/);
    expect(activeTracer()).toBeUndefined();
    expect(() => withTangents(async () => np.tanh(o.x), seeds)).toThrow(/synchronous/);
  });

  it("leaves arrays equal to plain ones, and the caller's tangents unwritten", () => {
    const direction = np.onesLike(o.x);
    const result = withTangents(() => {
      const c = np.multiply(o.x, 1).copy();
      c.set(0, 0, 2);
      return c;
    }, [[o.x, [direction]]]);
    const plain = np.multiply(o.x, 1).copy();
    plain.set(0, 0, 2);
    expect(result.value).toEqual(plain);
    expect(direction.tolist()).toEqual(np.onesLike(o.x).tolist());
    expect(result.tangentsOf(result.value)?.[0]?.get(0, 0)).toBe(0);
  });

  it("keeps an operation's result when an array with tangents is then written through .data", () => {
    // Large enough for element-wise results to be computed when first read (fusion.ts).
    const x = np.random.seed(4).randn(4, 300);
    const expected = np.exp(np.tanh(x)).tolist();
    const run = withTangents(() => {
      const t = np.tanh(x);
      const later = np.exp(t);
      t.data[0] = 100;
      return { t, later };
    }, [[x, [np.onesLike(x)]]]);
    expect(run.left).toBe(".data");
    expect(run.value.later.tolist()).toEqual(expected);
    expect(run.value.t.data[0]).toBe(100);
  });

  it("covers every np function by one of the lists above", () => {
    const named = [...differentiable, ...constants, ...exits].map(([name]) => name).join(" ");
    const functions = [...Object.keys(np), ...Object.keys(np.linalg)].filter(
      (key) => key !== "linalg",
    );
    const missing = functions.filter((key) => !named.includes(key));
    expect(missing).toEqual([]);
  });
});
