/**
 * Element-wise chains computed in one pass (assignments/lib/fusion.ts) give what the operations
 * one by one give, to the last bit, and nothing written to an array after an operation read it
 * changes that operation's result.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { FUSE_MIN } from "../../assignments/lib/fusion.ts";
import { timesLog } from "../../assignments/lib/kernels.ts";
import { NDArray, sharedCopy, valuesOf } from "../../assignments/lib/ndarray.ts";
import { np } from "../../assignments/lib/np.ts";
import { useSimd } from "../../assignments/lib/simd.ts";
import { withAllocationLimit } from "../../assignments/lib/storage.ts";
import { bits } from "./bits.ts";

const N = FUSE_MIN + 3;
/** A shape of more than FUSE_MIN entries, with rows and columns to broadcast along. */
const [ROWS, COLS] = [3, Math.ceil(FUSE_MIN / 3) + 1];

interface Inputs {
  other: NDArray;
  /** A (ROWS, 1) column and a (1, COLS) row, broadcast against the chain. */
  column: NDArray;
  row: NDArray;
}
type Step = (x: NDArray, inputs: Inputs) => NDArray;
const STEPS: Record<string, Step> = {
  exp: (x) => np.exp(np.multiply(x, 0.5)),
  log: (x) => np.log(np.abs(x)),
  tanh: (x) => np.tanh(x),
  negative: (x) => np.negative(x),
  sqrt: (x) => np.sqrt(np.abs(x)),
  "add 1": (x) => np.add(1, x),
  "subtract other": (x, { other }) => np.subtract(x, other),
  "multiply other": (x, { other }) => np.multiply(other, x),
  "divide by other": (x, { other }) => np.divide(x, other),
  "add column": (x, { column }) => np.add(x, column),
  "column minus": (x, { column }) => np.subtract(column, x),
  "times row": (x, { row }) => np.multiply(x, row),
  "row over": (x, { row }) => np.divide(row, x),
  "transposed twice": (x) => np.add(x.T, 0).T,
  "power 2": (x) => np.power(x, 2),
  "power 3": (x) => np.power(x, 3),
  // C's pow: 1 to any power is 1, NaN's included, where JavaScript's ** gives NaN.
  "one to the power": (x) => np.add(np.power(1, x), x),
  maximum: (x) => np.maximum(x, 0),
  "maximum other": (x, { other }) => np.maximum(other, x),
  "minimum column": (x, { column }) => np.minimum(x, column),
  // Zeros of both signs and NaN, where maximum and minimum follow numpy's own rules.
  "signed zeros": (x) => np.multiply(x, np.greater(x, 0)),
  "maximum of zeros": (x) => np.maximum(np.multiply(x, 0), np.multiply(x, -0)),
  "minimum of zeros": (x) => np.minimum(np.multiply(x, -0), np.multiply(x, 0)),
  "NaN below zero": (x) => np.sqrt(x),
  greater: (x, { other }) => np.greater(x, other),
  "greater or equal 0": (x) => np.multiply(x, np.greaterEqual(x, 0)),
  "less than row": (x, { row }) => np.add(x, np.less(x, row)),
  "at most column": (x, { column }) => np.subtract(np.lessEqual(column, x), x),
  "equal to itself": (x) => np.add(np.equal(x, x), x),
  "not equal 0": (x) => np.multiply(np.notEqual(x, 0), x),
  "times scalar array": (x) => np.multiply(x, np.array([[1.5]])),
  // Products with a log where the other factor is a zero of either sign, and the log's argument
  // below, at or above 1, zero, negative, infinite or NaN (kernels.ts: timesLog).
  "labels times log": (x, { other }) => np.multiply(np.greater(other, 0), np.log(x)),
  "log times signed zero": (x, { other }) => np.multiply(np.log(np.abs(other)), np.multiply(x, 0)),
  "zero times log of 1 or 0": (x) => np.multiply(np.multiply(x, -0), np.log(np.abs(np.sign(x)))),
  "zero times log of infinity": (x) =>
    np.multiply(np.multiply(x, 0), np.log(np.divide(1, np.multiply(x, 0)))),
  // numpy's where: NaN is a true condition, zeros of both signs false.
  "where positive, else other": (x, { other }) => np.where(np.greater(x, 0), x, other),
  "where column": (x, { column }) => np.where(column, x, 0),
  "where NaN": (x) => np.where(np.sqrt(x), 1, -1),
  "where below row": (x, { row }) => np.where(np.less(x, row), row, 2.5),
  "where signed zero": (x) => np.where(np.multiply(x, 0), 1, np.multiply(x, -0)),
};

/**
 * The same steps computed without fusion: row by row, where every array is below FUSE_MIN, so each
 * operation runs its own kernel (a row of `x` with the column's entry for that row).
 */
function eagerRowByRow(x: NDArray, inputs: Inputs, steps: string[]): Float64Array {
  const rows = Array.from({ length: x.shape[0] }, (_, r) => {
    const at = (a: NDArray) => a.slice(r, r + 1);
    let y = at(x);
    const own = { other: at(inputs.other), column: at(inputs.column), row: inputs.row };
    for (const step of steps) y = (STEPS[step] as Step)(y, own);
    return y;
  });
  return np.concatenate(rows).data;
}

function chained(x: NDArray, inputs: Inputs, steps: string[]): Float64Array {
  let y = x;
  for (const step of steps) y = (STEPS[step] as Step)(y, inputs);
  return y.data;
}

describe("fused element-wise chains", () => {
  it("give the bits of the operations run one by one without fusion, for any chain", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Object.keys(STEPS)), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 0, max: 1000 }),
        (steps, seed) => {
          const rng = np.random.seed(seed);
          const x = rng.randn(ROWS, COLS);
          const inputs = {
            other: rng.randn(ROWS, COLS),
            column: rng.randn(ROWS, 1),
            row: rng.randn(1, COLS),
          };
          const fused = chained(x, inputs, steps);
          const separate = eagerRowByRow(x, inputs, steps);
          expect(Array.from(fused).map(bits)).toEqual(Array.from(separate).map(bits));
        },
      ),
      { seed: 1801, numRuns: 150 },
    );
  });

  it("compute an expression read by two others once, and both see it", () => {
    const x = np.random.seed(2).randn(2, N);
    const t = np.tanh(x);
    const a = np.add(t, 1);
    const b = np.multiply(t, t);
    const tv = Array.from(t.data);
    expect(Array.from(a.data)).toEqual(tv.map((v) => v + 1));
    expect(Array.from(b.data)).toEqual(tv.map((v) => v * v));
  });

  it("compute a cheap expression inside each of its readers, each seeing it as it was made", () => {
    // Z = x + column, read by a ReLU and by its backward pass, as a deep network's layers do.
    const rng = np.random.seed(3);
    const [x, column, dA] = [rng.randn(2, N), rng.randn(2, 1), rng.randn(2, N)];
    const eager = Array.from(x.data, (v, k) => v + (column.data[k < N ? 0 : 1] as number));
    const z = np.add(x, column);
    const relu = np.maximum(z, 0);
    const back = np.multiply(dA, np.greater(z, 0));
    z.set(0, 0, 100);
    x.set(0, 1, 100);
    expect(Array.from(relu.data)).toEqual(eager.map((v) => Math.max(v, 0)));
    expect(Array.from(back.data)).toEqual(
      eager.map((v, k) => (dA.data[k] as number) * (v > 0 ? 1 : 0)),
    );
    expect([z.get(0, 0), z.get(0, 1)]).toEqual([100, eager[1]]);
  });

  it("charge the allocation limit when the operation runs, not when its result is read", () => {
    const x = np.zeros([1, 4 * N]);
    expect(() => withAllocationLimit(N, () => np.exp(x))).toThrow(RangeError);
    const y = withAllocationLimit(4 * N, () => np.exp(x));
    expect(y.data.every((v) => v === 1)).toBe(true);
  });

  it("of one form share one generated loop, whatever their operands' values or identities", async () => {
    // Modules of their own, whose cache of loops starts empty (it is cleared when full).
    vi.resetModules();
    const fresh = (await import("../../assignments/lib/np.ts")).np;
    const { loopsKept } = await import("../../assignments/lib/fusion.ts");
    // The JavaScript loops: a chain WebAssembly computes makes none (simd-chains.test.ts).
    (await import("../../assignments/lib/simd.ts")).useSimd(false);
    vi.resetModules();
    const rng = fresh.random.seed(21);
    const [x, y, column] = [rng.randn(ROWS, COLS), rng.randn(ROWS, COLS), rng.randn(ROWS, 1)];
    // sqrt(|a·b − c| / n) + a
    const chain = (a: NDArray, b: NDArray, c: NDArray, n: number) =>
      fresh.add(fresh.sqrt(fresh.divide(fresh.abs(fresh.subtract(fresh.multiply(a, b), c)), n)), a)
        .data;
    const first = chain(x, y, column, 7);
    expect(loopsKept()).toBe(1);
    const again = chain(y, x, fresh.multiply(column, 2), 3);
    const same = chain(x, x, column, 7);
    expect(loopsKept(), "a chain of the same form generated a loop of its own").toBe(1);
    // Each still computes with its own operands, entry by entry as the operations do.
    const [xs, ys, cs] = [x.data, y.data, column.data];
    const expected = Array.from(ys, (v, k) => {
      const c = 2 * (cs[Math.floor(k / COLS)] as number);
      return Math.sqrt(Math.abs(v * (xs[k] as number) - c) / 3) + v;
    });
    expect(Array.from(again).map(bits)).toEqual(expected.map(bits));
    expect(Array.from(same).map(bits)).not.toEqual(Array.from(first).map(bits));
    fresh.add(
      fresh.sqrt(fresh.divide(fresh.abs(fresh.subtract(fresh.multiply(x, y), column)), 7)),
      1,
    ).data;
    expect(loopsKept(), "another form").toBe(2);
  });

  it("skip a product's log where its other factor is zero and the log finite", () => {
    // Cross-entropy's terms, as computeCost writes them, on 0/1 labels, in the JavaScript loop
    // (the WebAssembly one skips them too: simd-chains.test.ts).
    const rng = np.random.seed(5);
    const A = np.divide(1, np.add(1, np.exp(rng.randn(1, N))));
    const Y = np.greater(rng.rand(1, N), 0.5);
    const terms = np.add(
      np.multiply(np.log(A), Y),
      np.multiply(np.log(np.subtract(1, A)), np.subtract(1, Y)),
    );
    const [a, y] = [A.data, Y.data];
    const log = vi.spyOn(Math, "log");
    const simd = useSimd(false);
    try {
      const values = Array.from(terms.data);
      // One log an entry: the other term's factor is zero.
      expect(log).toHaveBeenCalledTimes(N);
      const expected = Array.from(a, (p, k) => {
        const label = y[k] as number;
        return Math.log(p) * label + Math.log(1 - p) * (1 - label);
      });
      expect(values.map(bits)).toEqual(expected.map(bits));
    } finally {
      useSimd(simd);
      log.mockRestore();
    }
  });

  it("give a product with a log the bits of the two operations, for every kind of zero and log", () => {
    const specials = [0, -0, 5e-324, 0.25, 1, 3, Infinity, -1, -Infinity, NaN];
    for (const x of specials)
      for (const y of [0, -0, 1, -2, Infinity, NaN])
        expect(bits(timesLog(x, y)), `${y} · log(${x})`).toBe(bits(y * Math.log(x)));
  });

  it("stay correct through chains far longer than one generated loop", () => {
    let y = np.zeros([1, N]);
    for (let i = 0; i < 100; i++) y = np.add(y, 1);
    expect(y.data.every((v) => v === 100)).toBe(true);
  });
});

it("JSON.stringify writes an array's rows, computed or not (its entries are behind a getter)", () => {
  expect(
    JSON.stringify({
      W: np.array([
        [1, 2],
        [3, 4],
      ]),
    }),
  ).toBe('{"W":[[1,2],[3,4]]}');
  const pending = np.add(np.zeros([1, N]), 2);
  expect(JSON.parse(JSON.stringify(pending))).toEqual([Array.from({ length: N }, () => 2)]);
});

describe("an operation's result does not change after the operation ran", () => {
  const fresh = () => np.random.seed(5).randn(1, N);

  it("when its operand is then set", () => {
    const expected = Array.from(np.exp(fresh()).data);
    for (const x of [fresh(), np.multiply(fresh(), 1)]) {
      const y = np.exp(x);
      x.set(0, 0, 100);
      expect(Array.from(y.data)).toEqual(expected);
      expect(x.get(0, 0)).toBe(100);
    }
  });

  it("when its operand's entries are written through .data", () => {
    const expected = Array.from(fresh().data).map((v) => v + 1);
    const x3 = np.multiply(fresh(), 1);
    const y = np.add(x3, 1);
    x3.data[0] = 100;
    expect(Array.from(y.data)).toEqual(expected);
    expect(x3.get(0, 0)).toBe(100);
  });

  it("when the Float64Array given to the constructor is written to afterwards", () => {
    const values = new Float64Array(N).fill(2);
    const x = new NDArray(values, [1, N]);
    const y = np.multiply(x, 3);
    values[0] = 100;
    expect(y.data[0]).toBe(6);
    expect(x.get(0, 0)).toBe(100); // the array wraps the caller's values, as documented
  });

  it("when a reshaped view of its operand is set: the view and the operand share entries", () => {
    const expected = Array.from(np.tanh(fresh()).data);
    // The operand as stored values, and as an expression itself still to be computed.
    for (const x of [fresh(), np.multiply(fresh(), 1)]) {
      const y = np.tanh(x);
      const view = x.reshape(N, 1);
      view.set(0, 0, 100);
      expect(x.get(0, 0)).toBe(100);
      expect(Array.from(y.data)).toEqual(expected);
    }
  });

  it("when the array is set after its transpose was taken", () => {
    const expected = fresh().data[7];
    for (const x of [fresh(), np.multiply(fresh(), 1)]) {
      const t = x.T;
      x.set(0, 7, 100);
      expect(t.get(7, 0)).toBe(expected);
      expect(x.T.get(7, 0)).toBe(100);
      // A product with the old transpose reads what it held, not the array as it is now.
      const ones = np.ones([1, N]);
      expect(np.dot(ones, x.T).item()).not.toBe(np.dot(ones, t).item());
    }
  });

  it("when the result itself is set before anything read it", () => {
    const x = fresh();
    const y = np.add(x, 1);
    const z = np.multiply(y, 2);
    y.set(0, 0, -1);
    expect(y.get(0, 0)).toBe(-1);
    expect(y.get(0, 1)).toBe(x.get(0, 1) + 1);
    expect(z.get(0, 0)).toBe((x.get(0, 0) + 1) * 2);
  });
});

it("computes the same results where code cannot be generated from strings", () => {
  const script = [
    'import { np } from "./assignments/lib/np.ts";',
    "const rng = np.random.seed(4);",
    "const [z, column, row] = [rng.randn(3, 100), rng.randn(3, 1), rng.randn(1, 100)];",
    "const s = np.divide(1, np.add(1, np.exp(np.negative(np.add(z, column)))));",
    "const t = np.tanh(np.multiply(np.subtract(row, z), np.subtract(1, np.power(z, 2))));",
    "console.log(JSON.stringify([Array.from(s.data), Array.from(t.data)]));",
  ].join("\n");
  const run = (flags: string[]) =>
    spawnSync(
      process.execPath,
      [...flags, "--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
      },
    );
  const generated = run([]);
  const stepwise = run(["--disallow-code-generation-from-strings"]);
  expect(generated.status, generated.stderr).toBe(0);
  expect(stepwise.status, stepwise.stderr).toBe(0);
  expect(stepwise.stdout).toBe(generated.stdout);
  // And both are what this process computes, where loops are generated.
  const rng = np.random.seed(4);
  const [z, column, row] = [rng.randn(3, 100), rng.randn(3, 1), rng.randn(1, 100)];
  const s = np.divide(1, np.add(1, np.exp(np.negative(np.add(z, column)))));
  const t = np.tanh(np.multiply(np.subtract(row, z), np.subtract(1, np.power(z, 2))));
  expect(JSON.parse(stepwise.stdout)).toEqual([Array.from(s.data), Array.from(t.data)]);
});

describe("a shared copy (sharedCopy: a value crossing between functions in one process)", () => {
  /** The ways an array's entries are written: by set, by .data, by a reshaped view's set. */
  const writes: [string, (x: NDArray) => void][] = [
    ["set", (x) => x.set(0, 1, 100)],
    ["data", (x) => (x.data[1] = 100)],
    ["a reshaped view", (x) => x.reshape(-1, 1).set(1, 0, 100)],
  ];
  /** The array as stored values, as an expression not yet computed, and as the caller's values. */
  const sources: [string, () => NDArray][] = [
    ["stored", () => np.random.seed(5).randn(2, N)],
    ["pending", () => np.multiply(np.random.seed(5).randn(2, N), 1)],
    [
      "handed out",
      () => new NDArray(Float64Array.from(np.random.seed(5).randn(2, N).data), [2, N]),
    ],
  ];
  const expected = Array.from(np.random.seed(5).randn(2, N).data);

  it.each(
    sources.flatMap(([source, make]) =>
      writes.map(([how, write]) => [source, how, make, write] as const),
    ),
  )("of an array %s: a write by %s to either is not seen by the other", (_, __, make, write) => {
    for (const side of ["source", "copy"] as const) {
      const source = make();
      const copy = sharedCopy(source);
      write(side === "source" ? source : copy);
      const [written, other] = side === "source" ? [source, copy] : [copy, source];
      expect(written.get(0, 1)).toBe(100);
      expect(Array.from(other.data)).toEqual(expected);
      expect(copy.shape).toEqual(source.shape);
    }
  });

  it("shares the entries until then, and allocates nothing, unless they were handed out", () => {
    const [stored, , handedOut] = sources.map(([, make]) => make());
    const copy = withAllocationLimit(0, () => sharedCopy(stored as NDArray));
    expect(valuesOf(copy)).toBe(valuesOf(stored as NDArray));
    // Code outside may write to values handed out at any time: they are copied at once, and the
    // copy is the wire's, not charged to the limit of the computation it crosses inside.
    const own = withAllocationLimit(0, () => sharedCopy(handedOut as NDArray));
    expect(valuesOf(own)).not.toBe(valuesOf(handedOut as NDArray));
    (handedOut as NDArray).data[1] = 100;
    expect(Array.from(own.data)).toEqual(expected);
  });
});
