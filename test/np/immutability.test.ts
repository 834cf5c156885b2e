import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ArrayLike, NDArray, np } from "../../assignments/lib/np.ts";

/** Entries as a plain array: a snapshot that no later write to the storage can change. */
function snapshot(x: NDArray): number[] {
  return Array.from(x.data);
}

/** Same entries bit for bit (NaN equal to NaN, -0 different from 0), worst index in the message. */
function expectUnchanged(x: NDArray, before: number[], what: string): void {
  const after = x.data;
  const changed = before.findIndex((v, i) => !Object.is(v, after[i]));
  if (changed === -1 && after.length === before.length) return; // the fast, passing path
  expect(changed, `${what} changed entry ${changed}: ${before[changed]} -> ${after[changed]}`).toBe(
    -1,
  );
  expect(after.length, `${what} changed the size`).toBe(before.length);
}

interface Operands {
  /** (r,c) */
  x: NDArray;
  /** broadcasts with x: (r,c), (r,1), (1,c) or (1,1) */
  y: NDArray;
  /** (c,m), for products */
  z: NDArray;
}

/** Every np function and NDArray method, each as a call on the operands. */
const calls: { name: string; call: (o: Operands) => unknown }[] = [
  ...(
    [
      "add",
      "subtract",
      "multiply",
      "divide",
      "power",
      "maximum",
      "minimum",
      "greater",
      "greaterEqual",
      "less",
      "lessEqual",
      "equal",
      "notEqual",
    ] as const
  ).flatMap((op) => [
    { name: `np.${op}(x, y)`, call: ({ x, y }: Operands) => np[op](x, y) },
    { name: `np.${op}(y, x)`, call: ({ x, y }: Operands) => np[op](y, x) },
    { name: `np.${op}(x, 0.5)`, call: ({ x }: Operands) => np[op](x, 0.5) },
    { name: `np.${op}(2, x)`, call: ({ x }: Operands) => np[op](2, x) },
  ]),
  ...(
    [
      "exp",
      "log",
      "tanh",
      "sin",
      "cos",
      "abs",
      "sqrt",
      "square",
      "negative",
      "sign",
      "round",
      "isnan",
    ] as const
  ).map((op) => ({ name: `np.${op}(x)`, call: ({ x }: Operands) => np[op](x as ArrayLike) })),
  ...(["add", "subtract", "multiply", "divide", "power"] as const).map((op) => ({
    name: `x.${op}(y)`,
    call: ({ x, y }: Operands) => x[op](y),
  })),
  { name: "np.dot(x, z)", call: ({ x, z }) => np.dot(x, z) },
  { name: "x.dot(z)", call: ({ x, z }) => x.dot(z) },
  { name: "np.dot(x, 3)", call: ({ x }) => np.dot(x, 3) },
  { name: "np.dot(z.T, x.T)", call: ({ x, z }) => np.dot(z.T, x.T) },
  { name: "np.transpose(x)", call: ({ x }) => np.transpose(x) },
  { name: "x.T", call: ({ x }) => x.T },
  { name: "x.T.T", call: ({ x }) => x.T.T },
  { name: "np.reshape(x, [1, size])", call: ({ x }) => np.reshape(x, [1, x.size]) },
  { name: "x.reshape(size, 1)", call: ({ x }) => x.reshape(x.size, 1) },
  { name: "x.copy()", call: ({ x }) => x.copy() },
  { name: "np.array(x)", call: ({ x }) => np.array(x) },
  { name: "np.zerosLike(x)", call: ({ x }) => np.zerosLike(x) },
  { name: "np.onesLike(x)", call: ({ x }) => np.onesLike(x) },
  { name: "np.where(x, y, 0)", call: ({ x, y }) => np.where(x, y, 0) },
  { name: "np.where(y, x, x.T.T)", call: ({ x, y }) => np.where(y, x, x.T.T) },
  ...(["sum", "mean", "max", "min", "argmax"] as const).flatMap((op) => [
    { name: `np.${op}(x)`, call: ({ x }: Operands) => np[op](x) },
    { name: `np.${op}(x, 0)`, call: ({ x }: Operands) => np[op](x, 0) },
    { name: `np.${op}(x, 1, true)`, call: ({ x }: Operands) => np[op](x, 1, true) },
    { name: `np.${op}(x, -1)`, call: ({ x }: Operands) => np[op](x, -1) },
    { name: `x.${op}(-2, true)`, call: ({ x }: Operands) => x[op](-2, true) },
  ]),
  { name: "x.tolist()", call: ({ x }) => x.tolist() },
  { name: "x.get(-1, 0)", call: ({ x }) => x.get(-1, 0) },
  { name: "x.toString()", call: ({ x }) => x.toString() },
  { name: "String(y)", call: ({ y }) => String(y) },
];

const entry = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.5, -0.5, 1, Number.NaN, Infinity, -Infinity) },
);

function arrayOf(rows: number, cols: number): fc.Arbitrary<NDArray> {
  return fc
    .array(entry, { minLength: rows * cols, maxLength: rows * cols })
    .map((values) => new NDArray(Float64Array.from(values), [rows, cols]));
}

const operands: fc.Arbitrary<Operands> = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 10 }),
    fc.constantFrom("full", "column", "row", "one"),
  )
  .chain(([r, c, m, kind]) => {
    const yShape = { full: [r, c], column: [r, 1], row: [1, c], one: [1, 1] }[kind] as [
      number,
      number,
    ];
    return fc.record({ x: arrayOf(r, c), y: arrayOf(...yShape), z: arrayOf(c, m) });
  });

describe("no operation changes its inputs", () => {
  it("every np function and NDArray method, random shapes and values", () => {
    fc.assert(
      fc.property(operands, (o) => {
        const before = { x: snapshot(o.x), y: snapshot(o.y), z: snapshot(o.z) };
        for (const { name, call } of calls) {
          call(o);
          expectUnchanged(o.x, before.x, `${name}: x`);
          expectUnchanged(o.y, before.y, `${name}: y`);
          expectUnchanged(o.z, before.z, `${name}: z`);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("an op's result is a new array, not one of its operands", () => {
    const x = np.array([[1, 2, 3]]);
    for (const out of [np.add(x, 0), np.multiply(x, 1), np.array(x), x.copy(), np.maximum(x, x)]) {
      expect(out).not.toBe(x);
      expect(out.data).not.toBe(x.data);
    }
  });

  it("results of earlier ops keep their values while later ops run", () => {
    const x = np.array([
      [1, 2],
      [3, 4],
    ]);
    const sum = np.add(x, 10);
    const kept = snapshot(sum);
    for (let i = 0; i < 100; i++) {
      np.multiply(np.add(x, i), sum);
      np.dot(sum, x.T);
    }
    expectUnchanged(sum, kept, "later ops");
  });
});

describe("transpose, reshape and copy", () => {
  it("x.T twice gives equal content, and x.T.T equals x", () => {
    fc.assert(
      fc.property(operands, ({ x }) => {
        const first = x.T.tolist();
        np.add(x.T, 1); // an op on the transpose in between
        expect(x.T.tolist()).toEqual(first);
        expect(np.transpose(x).tolist()).toEqual(first);
        expect(x.T.T.tolist()).toEqual(x.tolist());
        expect(x.T.shape).toEqual([x.shape[1], x.shape[0]]);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it("x.T has the transposed entries", () => {
    const x = np.array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.T.tolist()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it("a reshape has x's entries in row-major order, and ops on it leave x alone", () => {
    fc.assert(
      fc.property(operands, ({ x }) => {
        const before = snapshot(x);
        const flat = np.reshape(x, [1, x.size]);
        const column = x.reshape(x.size, 1);
        expect(flat.tolist()).toEqual([before]);
        expect(column.tolist()).toEqual(before.map((v) => [v]));
        np.add(flat, 1);
        np.multiply(column, column.T);
        np.sum(flat, 1, true);
        expect(flat.T.shape).toEqual([x.size, 1]);
        expectUnchanged(x, before, "ops on a reshape");
        expect(x.shape).not.toBe(flat.shape);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it("reshape to the same shape has the same content, and x's own transpose is unaffected", () => {
    const x = np.array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const r = x.reshape(3, 2);
    expect(r.tolist()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(r.T.tolist()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    expect(x.T.tolist()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it("copy is independent: writing to the copy leaves the original (and vice versa)", () => {
    fc.assert(
      fc.property(operands, ({ x }) => {
        const before = snapshot(x);
        const c = x.copy();
        expect(Array.from(c.data)).toEqual(before);
        expect(c.shape).toEqual(x.shape);
        c.data.fill(123.25);
        expectUnchanged(x, before, "a write to the copy");
        const again = x.copy();
        const kept = snapshot(again);
        np.array(x).data.fill(-1); // np.array of an NDArray copies too
        expectUnchanged(again, kept, "a write to another copy");
        expectUnchanged(x, before, "a write to np.array(x)");
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});
