/**
 * Element-wise chains in WebAssembly SIMD (assignments/lib/simd-chains.ts): every operation done
 * there gives the JavaScript loop's result to the last bit, on every kind of operand (an array, a
 * number, a broadcast row or column), for rows of an odd length (where a pair of entries spans
 * two rows) and of an even one, with NaN, infinities, zeros of both signs, subnormals and exp's
 * hand-over to Math.exp; log is Math.log to the bit on a million values of every kind, and a
 * product with a log, cross-entropy's, skips the log as the JavaScript loop does; and
 * what is not done there (another operation, a power other than 2, operands too large) is left to
 * the JavaScript loop.
 */
import { afterEach, describe, expect, it } from "vitest";
import { letterOf } from "../../assignments/lib/forms.ts";
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
  log: np.log,
  "log of a product": (x) => np.log(np.multiply(x, 3)),
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

/**
 * Each kind of operand a chain reads, for a (rows, cols) result: an array (with NaN and zeros of
 * both signs among its entries: values()), a number, −0, NaN, a broadcast row and column.
 */
const operandKinds = (
  rows: number,
  cols: number,
  seed: number,
): Record<string, NDArray | number> => ({
  array: values(rows, cols, seed),
  number: 0,
  "signed zero": -0,
  NaN: Number.NaN,
  row: values(1, cols, seed + 4),
  column: values(rows, 1, seed + 5),
});

describe("chains in WebAssembly SIMD", () => {
  it.each(SHAPES)("every operation, on each kind of operand: shape (%i, %i)", (rows, cols) => {
    const x = values(rows, cols, rows);
    const operands = operandKinds(rows, cols, rows + 1);
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

  it.each(SHAPES)(
    "np.where, with each kind of operand as its condition, x and y: shape (%i, %i)",
    (rows, cols) => {
      const x = values(rows, cols, rows + 2);
      // As a condition, NaN is true and zeros of both signs false.
      for (const [kind, y] of Object.entries(operandKinds(rows, cols, rows + 3))) {
        const cases: [string, () => NDArray][] = [
          ["as the condition", () => np.where(y, np.add(x, 0), np.negative(x))],
          ["as x", () => np.where(np.greater(x, 0), y, np.add(x, 1))],
          ["as y", () => np.where(np.add(x, 0), np.multiply(x, 2), y)],
        ];
        for (const [place, chain] of cases) {
          const [simd, scalar] = bothWays(chain);
          expect(simd, `${kind} ${place}`).toEqual(scalar);
        }
      }
      // Chains of where, one form for each kind of operand in each place, ran in WebAssembly.
      const where = letterOf.get("where") as string;
      const forms = formsInSimd().filter((form) => form.startsWith(where));
      expect(forms.length).toBeGreaterThanOrEqual(6);
    },
  );

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

  it.each([
    [4, 401],
    [3, 300],
  ])(
    "a tanh layer, tanh(W·X + b), its sum and tanh both in WebAssembly: (%i, %i)",
    (rows, cols) => {
      const rng = np.random.seed(rows);
      const W = rng.randn(rows, 2);
      const X = values(2, cols, 11);
      const b = np.multiply(values(rows, 1, 12), 3);
      const [simd, scalar] = bothWays(() => np.tanh(np.add(np.dot(W, X), b)));
      expect(simd).toEqual(scalar);
    },
  );

  it("log is Math.log to the bit: random bits, near 1, powers of 2, subnormals, the specials", () => {
    // A small generator of 32-bit words (xorshift), so that the values are the same every run.
    let state = 2463534242;
    const word = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    const uniform = () => word() / 2 ** 32;
    const CHUNK = 1 << 14;
    const kinds: Record<string, (n: number) => number> = {
      "random bits": () => {
        const pair = new Uint32Array([word(), word()]);
        return new Float64Array(pair.buffer)[0] as number;
      },
      "near 1 (|f| < 2^-20)": () => 1 + (uniform() - 0.5) * 2 ** -(15 + (word() % 38)),
      "ordinary, (0, 3)": () => 3 * uniform(),
      "every scale": () => Math.exp((uniform() - 0.5) * 1490),
      "powers of 2 and their neighbours": (n) =>
        2 ** ((n % 2099) - 1074) * ([1, 1 + 2 ** -52, 1 - 2 ** -53][n % 3] as number),
      specials: (n) => SPECIAL[n % SPECIAL.length] as number,
    };
    let checked = 0;
    for (const [kind, make] of Object.entries(kinds)) {
      for (let chunk = 0; chunk < (kind === "specials" ? 1 : 13); chunk++) {
        const xs = Array.from({ length: CHUNK }, (_, n) => make(n + chunk * CHUNK));
        // Times 1, which keeps −0 and every NaN, so that the log is a pending chain's.
        const got = Array.from(np.log(np.multiply(np.array([xs]), 1)).data, bits);
        const mismatched = xs.filter((x, n) => got[n] !== bits(Math.log(x)));
        expect(mismatched.slice(0, 5), kind).toEqual([]);
        checked += xs.length;
      }
    }
    expect(checked).toBeGreaterThan(1_000_000);
    // A chain headed by a log has a module (a form WebAssembly declines has none): this one's.
    const log = letterOf.get("log") as string;
    expect(formsInSimd().some((form) => form.startsWith(log))).toBe(true);
  });

  it.each([
    ["0/1 labels in blocks", (n: number) => (n < 200 ? 0 : 1)],
    ["0/1 labels mixed", (n: number) => ((n * 7) % 3 === 0 ? 1 : 0)],
    [
      "signed zeros and specials",
      (n: number) => (n % 5 === 0 ? (SPECIAL[n % SPECIAL.length] as number) : n % 2 ? 0 : -0),
    ],
  ])("cross-entropy's products with a log (%s), either way round, as JavaScript's", (_, label) => {
    const n = 401;
    const rng = np.random.seed(3);
    const a = Array.from(rng.rand(1, n).data, (v, k) =>
      k % 7 === 0 ? (SPECIAL[k % SPECIAL.length] as number) : 1.2 * v,
    );
    const A = np.array([a]);
    const Y = np.array([Array.from({ length: n }, (_, k) => label(k))]);
    const [logFirst, logFirstScalar] = bothWays(() =>
      np.add(np.multiply(np.log(A), Y), np.multiply(np.log(np.subtract(1, A)), np.subtract(1, Y))),
    );
    expect(logFirst).toEqual(logFirstScalar);
    const [logSecond, logSecondScalar] = bothWays(() =>
      np.add(np.multiply(Y, np.log(A)), np.multiply(np.subtract(1, Y), np.log(np.subtract(1, A)))),
    );
    expect(logSecond).toEqual(logSecondScalar);
    // Each product alone, where the sign of a zero shows.
    for (const product of [
      () => np.multiply(np.log(A), Y),
      () => np.multiply(Y, np.log(np.multiply(A, 1))),
    ]) {
      const [simd, scalar] = bothWays(product);
      expect(simd).toEqual(scalar);
    }
  });

  it("leaves to JavaScript a chain with another operation (sin), a power other than 2, or too many entries", () => {
    const x = values(3, FUSE_MIN, 9);
    /** The forms a chain adds modules for, with its result both ways. */
    const added = (chain: () => NDArray) => {
      const before = new Set(formsInSimd());
      const [simd, scalar] = bothWays(chain);
      expect(simd).toEqual(scalar);
      return formsInSimd().filter((form) => !before.has(form)).length;
    };
    expect(
      added(() => np.sin(np.add(x, 1))),
      "sin",
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
