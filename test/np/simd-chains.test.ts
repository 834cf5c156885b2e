/**
 * Element-wise chains in WebAssembly SIMD (assignments/lib/simd-chains.ts): every operation done
 * there gives the JavaScript loop's result to the last bit, on every kind of operand (an array, a
 * number, a broadcast row or column), for rows of an odd length (where a pair of entries spans
 * two rows) and of an even one, with NaN, infinities, zeros of both signs, subnormals and exp's
 * hand-over to Math.exp; and
 * what is not done there (another operation, a power other than 2, operands too large) is left to
 * the JavaScript loop.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FUSE_MIN } from "../../assignments/lib/fusion.ts";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { useSimd } from "../../assignments/lib/simd.ts";
import { formsInSimd } from "../../assignments/lib/simd-chains.ts";
import { bits } from "./bits.ts";

afterEach(() => {
  useSimd(true);
});

const SPECIAL = [
  ...[Number.NaN, Infinity, -Infinity, 0, -0, 5e-324, -2.5e-310, 1, -1, 2, 0.5, 1e300],
  // Where exp hands over to Math.exp (|x| ≥ 700), and where its result overflows or underflows.
  ...[699.9999999999999, 700, -700, 709.78, 709.8, -745.1, -746, 88.7, -Math.LN2],
];

/** A (rows, cols) array of mixed values: specials at every few entries, the rest ordinary. */
function values(rows: number, cols: number, seed: number): NDArray {
  const normal = np.random.seed(seed).randn(rows, cols).data;
  const data = Array.from(normal, (v, k) =>
    k % 3 === 0 ? (SPECIAL[(k / 3 + seed) % SPECIAL.length] as number) : v,
  );
  return np.array(Array.from({ length: rows }, (_, r) => data.slice(r * cols, r * cols + cols)));
}

/** The entries, each as its bits (bits.ts). */
const entries = (x: NDArray): string[] => Array.from(x.data, bits);

/** `chain` computed with the SIMD (its chains in WebAssembly) and without (in JavaScript). */
function bothWays(chain: () => NDArray): [string[], string[]] {
  const simd = entries(chain());
  useSimd(false);
  try {
    return [simd, entries(chain())];
  } finally {
    useSimd(true);
  }
}

type Operation = (x: NDArray, y: NDArray | number) => NDArray;
const BINARY: Record<string, Operation> = {
  add: np.add,
  subtract: np.subtract,
  multiply: np.multiply,
  divide: np.divide,
  maximum: np.maximum,
  minimum: np.minimum,
  greater: np.greater,
  greaterEqual: np.greaterEqual,
  less: np.less,
  lessEqual: np.lessEqual,
  equal: np.equal,
  notEqual: np.notEqual,
};
const UNARY: Record<string, (x: NDArray) => NDArray> = {
  exp: np.exp,
  "exp of a sum": (x) => np.exp(np.add(x, np.multiply(x, 1e-3))),
  sigmoid: (x) => np.divide(1, np.add(1, np.exp(np.negative(x)))),
  negative: np.negative,
  abs: np.abs,
  sqrt: np.sqrt,
  square: (x) => np.multiply(np.square(x), 1),
  "power 2": (x) => np.power(x, 2),
};

// Shapes of at least FUSE_MIN entries (chains below it are not made): rows of odd and even length.
const SHAPES: [number, number][] = [
  [3, Math.ceil(FUSE_MIN / 3) + 2],
  [4, FUSE_MIN / 4 + 1],
  [1, FUSE_MIN + 1],
];

describe("chains in WebAssembly SIMD", () => {
  it.each(SHAPES)("every operation, on each kind of operand: shape (%i, %i)", (rows, cols) => {
    const x = values(rows, cols, rows);
    const operands: Record<string, NDArray | number> = {
      array: values(rows, cols, rows + 1),
      number: 0,
      "signed zero": -0,
      NaN: Number.NaN,
      row: values(1, cols, 5),
      column: values(rows, 1, 6),
    };
    for (const [name, op] of Object.entries(BINARY)) {
      for (const [kind, y] of Object.entries(operands)) {
        // Behind an addition of 0, so that the chain is a pending one of two operations.
        const [simd, scalar] = bothWays(() => op(np.add(x, 0), y));
        expect(simd, `${name} with ${kind}`).toEqual(scalar);
        const [swapped, swappedScalar] = bothWays(() =>
          op(typeof y === "number" ? np.full([rows, cols], y) : np.add(y, 0), np.subtract(x, 0)),
        );
        expect(swapped, `${name} of ${kind}`).toEqual(swappedScalar);
      }
    }
    for (const [name, op] of Object.entries(UNARY)) {
      const [simd, scalar] = bothWays(() => op(np.add(x, 0)));
      expect(simd, name).toEqual(scalar);
    }
    // Each of those chains had a module of its own.
    expect(formsInSimd().length).toBeGreaterThanOrEqual(Object.keys(BINARY).length);
  });

  it("a deep layer's ReLU and its backward pass, on a column broadcast", () => {
    const rng = np.random.seed(8);
    const [W, A, b, dA] = [
      rng.randn(20, 2),
      rng.randn(2, 301),
      rng.randn(20, 1),
      rng.randn(20, 301),
    ];
    const [relu, reluScalar] = bothWays(() => np.maximum(np.add(np.dot(W, A), b), 0));
    expect(relu).toEqual(reluScalar);
    const [back, backScalar] = bothWays(() =>
      np.multiply(dA, np.greater(np.add(np.dot(W, A), b), 0)),
    );
    expect(back).toEqual(backScalar);
    const before = formsInSimd().length;
    np.maximum(np.add(np.dot(W, A), b), 0).data;
    expect(formsInSimd().length, "the ReLU's form is compiled once").toBe(before);
  });

  it("leaves to JavaScript a chain with another operation (log), a power other than 2, or too many entries", () => {
    const x = values(3, FUSE_MIN, 9);
    /** The forms a chain adds modules for, with its result both ways. */
    const added = (chain: () => NDArray) => {
      const before = new Set(formsInSimd());
      const [simd, scalar] = bothWays(chain);
      expect(simd).toEqual(scalar);
      return formsInSimd().filter((form) => !before.has(form)).length;
    };
    expect(
      added(() => np.exp(np.add(x, 1))),
      "exp",
    ).toBe(0);
    expect(
      added(() => np.maximum(np.add(values(300, 300, 10), 1), 0)),
      "90000 entries",
    ).toBe(0);
    expect(
      added(() => np.add(np.multiply(x, 2), 1)),
      "x·2 + 1",
    ).toBe(1);
    // Squared in SIMD, x³ would differ from what JavaScript computes.
    added(() => np.power(np.add(x, 1), 3));
  });
});
