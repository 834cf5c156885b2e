/**
 * The array module's WebAssembly SIMD (assignments/lib/simd.ts): the committed module is what
 * simd.wat assembles to; every product it makes is the scalar kernels' to the last bit, whatever
 * the shape (odd rows, columns that are no multiple of 4 or 8, an inner dimension of 0), whatever
 * the values (NaN, infinities, zeros of both signs, subnormals), for A·B and A·Bᵀ alike; and every
 * tanh it computes is elementary.ts's, wherever its formulas and table hand over, and np.tanh's
 * through fused chains whichever way their operand comes.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tanh } from "../../assignments/lib/elementary.ts";
import { matmul, matmulTransposed } from "../../assignments/lib/kernels.ts";
import { NDArray, valuesOf } from "../../assignments/lib/ndarray.ts";
import { np } from "../../assignments/lib/np.ts";
import {
  isKept,
  simdAvailable,
  simdProduct,
  simdTanh,
  useSimd,
} from "../../assignments/lib/simd.ts";
import { assemble, moduleSource, TARGET } from "../../scripts/wasm.ts";
import { around, handovers } from "./handovers.ts";

afterEach(() => {
  useSimd(true);
});

/** The scalar kernels' product (SIMD off), A·B or A·Bᵀ for a B given as (m,k). */
function scalar(a: Float64Array, b: Float64Array, n: number, k: number, m: number, t: boolean) {
  const was = useSimd(false);
  try {
    return t ? matmulTransposed(a, b, n, k, m) : matmul(a, b, n, k, m);
  } finally {
    useSimd(was);
  }
}

/** The SIMD product, which must not decline. */
function simd(a: Float64Array, b: Float64Array, n: number, k: number, m: number, t: boolean) {
  const out = new Float64Array(n * m).fill(12345);
  expect(simdProduct(a, b, n, k, m, t, out), `(${n},${k},${m}) declined`).toBe(true);
  return out;
}

/** Index of the first entry whose bits differ (Object.is: -0 is not 0), or -1. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  expect(x.length).toBe(y.length);
  return x.findIndex((v, i) => !Object.is(v, y[i]));
}

// Doubles that use their whole mantissa, so that a sum in another order shows.
const fullDouble = fc.integer({ min: -(2 ** 50), max: 2 ** 50 }).map((x) => x / 98765.4321);
const special = fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 5e-324, -2.5e-310, 1e300);

describe("the committed WebAssembly module", () => {
  it("is what simd.wat assembles to (npm run wasm)", async () => {
    expect(
      readFileSync(TARGET, "utf8") === moduleSource(await assemble()),
      "assignments/lib/simd-wasm.ts is stale: run npm run wasm",
    ).toBe(true);
  });

  it("loads on this Node, so the SIMD path is the one the other tests here check", () => {
    expect(simdAvailable()).toBe(true);
  });
});

describe("SIMD products are the scalar kernels' to the last bit", () => {
  it.each([false, true])("every shape up to (9,12)·(12,19), transposed B: %s", (t) => {
    // With B transposed, an odd m's last row of B and an odd k's last column go alone.
    const seen = {
      oddRows: false,
      stride4: false,
      stride8: false,
      padded: false,
      k0: false,
      oddK: false,
      oddM: false,
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 2, max: 19 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, k, m, seed) => {
          const values = fc.sample(fc.oneof({ weight: 9, arbitrary: fullDouble }, special), {
            seed,
            numRuns: n * k + k * m + 1,
          });
          const a = Float64Array.from(values.slice(0, n * k));
          const b = Float64Array.from(values.slice(n * k, n * k + k * m));
          seen.oddRows ||= n % 2 === 1;
          seen.stride4 ||= m % 8 > 0 && m % 8 <= 4;
          seen.stride8 ||= m % 8 === 0 || m % 8 > 4;
          seen.padded ||= m % 4 !== 0;
          seen.k0 ||= k === 0;
          seen.oddK ||= k % 2 === 1;
          seen.oddM ||= m % 2 === 1;
          const at = firstDifference(simd(a, b, n, k, m, t), scalar(a, b, n, k, m, t));
          expect(at, `(${n},${k})·(${k},${m}) transposed ${t}: entry ${at}`).toBe(-1);
        },
      ),
      { seed: 29, numRuns: 400 },
    );
    expect(seen).toEqual({
      oddRows: true,
      stride4: true,
      stride8: true,
      padded: true,
      k0: true,
      oddK: true,
      oddM: true,
    });
  });

  it.each([
    { n: 7, k: 20, m: 400, t: false },
    { n: 20, k: 7, m: 400, t: false },
    { n: 7, k: 400, m: 20, t: true },
    { n: 1, k: 400, m: 5, t: true },
    { n: 4, k: 1, m: 400, t: false },
  ])("the course's shapes: ($n,$k)·($k,$m), transposed B: $t", ({ n, k, m, t }) => {
    const values = fc.sample(fullDouble, { seed: n * 1000 + m, numRuns: n * k + k * m });
    const a = Float64Array.from(values.slice(0, n * k));
    const b = Float64Array.from(values.slice(n * k));
    expect(firstDifference(simd(a, b, n, k, m, t), scalar(a, b, n, k, m, t))).toBe(-1);
  });

  it.each([
    { n: 3001, k: 10, m: 61, t: false },
    { n: 8334, k: 10, m: 64, t: false },
    { n: 2001, k: 300, m: 30, t: true },
    { n: 20001, k: 3, m: 5, t: true },
  ])(
    "a tall A goes through in blocks of rows: ($n,$k)·($k,$m), transposed B: $t",
    ({ n, k, m, t }) => {
      // More than the 65536 entries one call lays out: several blocks, the last of an odd number of rows.
      expect(n * k + k * m + n * m).toBeGreaterThan(2 ** 17);
      const values = fc.sample(fc.oneof({ weight: 20, arbitrary: fullDouble }, special), {
        seed: n + k,
        numRuns: n * k + k * m,
      });
      const a = Float64Array.from(values.slice(0, n * k));
      const b = Float64Array.from(values.slice(n * k));
      const at = firstDifference(simd(a, b, n, k, m, t), scalar(a, b, n, k, m, t));
      expect(at, `entry ${at}`).toBe(-1);
    },
  );

  it("a product after one that grew the module's memory reads the grown memory", () => {
    // 64 KiB to start with: the (24,400)·(400,20)ᵀ product needs about twice that.
    const shapes = [
      [3, 4, 10],
      [24, 400, 20],
      [5, 3, 9],
      [30, 300, 30],
    ] as const;
    for (const [n, k, m] of shapes) {
      const values = fc.sample(fullDouble, { seed: n + k + m, numRuns: n * k + k * m });
      const a = Float64Array.from(values.slice(0, n * k));
      const b = Float64Array.from(values.slice(n * k));
      for (const t of [false, true])
        expect(firstDifference(simd(a, b, n, k, m, t), scalar(a, b, n, k, m, t))).toBe(-1);
    }
  });
});

/** The SIMD tanh of `values`, which must not decline. */
function simdTanhOf(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length).fill(12345);
  expect(
    simdTanh(values.length, (into) => into.set(values), out),
    "declined",
  ).toBe(true);
  return out;
}

/** What `make` computes with the SIMD kernels and without them: the entries of each. */
function bothWays(make: () => NDArray): [Float64Array, Float64Array] {
  const simd = make().data.slice();
  const was = useSimd(false);
  try {
    return [simd, make().data.slice()];
  } finally {
    useSimd(was);
  }
}

describe("SIMD tanh is elementary.ts's to the last bit", () => {
  it("around every point where its formulas or exp's table hand over", () => {
    const xs = Float64Array.from(handovers("tanh").flatMap(around));
    expect(xs.length).toBeGreaterThan(300_000);
    const expected = xs.map(tanh);
    // Every point, in runs as long as the kernel takes, starting at the first point and then at
    // the second: each point is computed in each lane of a pair, and the runs end odd and even.
    const RUN = 65_536;
    let runs = 0;
    for (const offset of [0, 1])
      for (let start = offset; start < xs.length; start += RUN) {
        const end = Math.min(start + RUN, xs.length);
        const at = firstDifference(
          simdTanhOf(xs.subarray(start, end)),
          expected.subarray(start, end),
        );
        expect(at, `tanh(${xs[start + at]})`).toBe(-1);
        runs++;
      }
    expect(runs).toBeGreaterThan(8);
  });

  it("for doubles of every size and sign, and NaN, infinities, zeros and subnormals", () => {
    const anyDouble = fc.oneof(
      fc.double(),
      fc.double({ min: -30, max: 30 }),
      fc.double({ min: -1, max: 1 }),
      fullDouble,
      special,
    );
    fc.assert(
      fc.property(fc.array(anyDouble, { minLength: 1, maxLength: 300 }), (values) => {
        const xs = Float64Array.from(values);
        const at = firstDifference(simdTanhOf(xs), xs.map(tanh));
        expect(at, `tanh(${xs[at]})`).toBe(-1);
      }),
      { seed: 31, numRuns: 300 },
    );
  });
});

describe("np.tanh with the SIMD tanh is np.tanh without it", () => {
  const z = np.random.seed(5).randn(20, 400);
  const b = np.random.seed(6).randn(20, 1);

  it.each<[string, () => NDArray]>([
    ["of an array", () => np.tanh(z)],
    // The operand every reader computes anew: written straight into the kernel's memory.
    [
      "of W·X + b",
      () =>
        np.tanh(np.add(np.dot(np.random.seed(7).randn(20, 3), np.random.seed(8).randn(3, 400)), b)),
    ],
    // An operand computed once first: a chain of its own.
    ["of a chain", () => np.tanh(np.multiply(np.add(z, b), np.exp(np.negative(z))))],
    // A tanh inside a chain, and a tanh of a tanh.
    ["in a chain", () => np.subtract(1, np.power(np.tanh(np.add(z, b)), 2))],
    ["of a tanh", () => np.tanh(np.tanh(np.multiply(z, 3)))],
    ["of an odd number of entries", () => np.tanh(np.add(np.random.seed(9).randn(17, 31), 0.5))],
  ])("%s", (_, make) => {
    const [simd, scalar] = bothWays(make);
    expect(firstDifference(simd, scalar)).toBe(-1);
  });

  it("after a product that grew the module's memory, and past what one run of the kernel takes", () => {
    const [small, large] = [np.random.seed(10).randn(30, 300), np.random.seed(11).randn(300, 300)];
    const [simd, scalar] = bothWays(() =>
      np.tanh(np.add(np.dot(small, np.random.seed(12).randn(300, 30)), 1)),
    );
    expect(firstDifference(simd, scalar)).toBe(-1);
    const values = large.data.slice();
    const out = new Float64Array(values.length);
    const write = vi.fn((into: Float64Array) => into.set(values));
    expect(simdTanh(values.length, write, out), "90 000 entries are more than one run").toBe(false);
    expect(write).not.toHaveBeenCalled();
    const [bigSimd, bigScalar] = bothWays(() => np.tanh(large));
    expect(firstDifference(bigSimd, bigScalar)).toBe(-1);
    // Declined inside a chain too, where it stays in the chain's own loop.
    const [chainSimd, chainScalar] = bothWays(() => np.subtract(1, np.power(np.tanh(large), 2)));
    expect(firstDifference(chainSimd, chainScalar)).toBe(-1);
    expect(firstDifference(bigSimd, values.map(tanh))).toBe(-1);
  });
});

describe("what the SIMD path leaves to the scalar kernels", () => {
  it("declines a product whose operands would not fit its memory, which np.dot still computes", () => {
    const [n, k, m] = [2, 300, 300];
    const a = new Float64Array(n * k).fill(0.5);
    const b = new Float64Array(k * m).fill(0.25);
    const out = new Float64Array(n * m).fill(7);
    expect(simdProduct(a, b, n, k, m, false, out)).toBe(false);
    expect(out.every((v) => v === 7)).toBe(true);
    const product = np.dot(np.full([n, k], 0.5), np.full([k, m], 0.25));
    expect(product.data.every((v) => v === 0.5 * 0.25 * k)).toBe(true);
  });

  it("turned off, declines everything", () => {
    useSimd(false);
    expect(simdAvailable()).toBe(false);
    expect(
      simdProduct(new Float64Array(4), new Float64Array(4), 2, 2, 2, false, new Float64Array(4)),
    ).toBe(false);
    const write = vi.fn();
    expect(simdTanh(4, write, new Float64Array(4))).toBe(false);
    expect(write).not.toHaveBeenCalled();
  });

  it("without WebAssembly, the module is tried once, and np.dot and np.tanh give the same values", async () => {
    const a = np.random.seed(3).randn(7, 20);
    const b = np.random.seed(4).randn(20, 30);
    const withSimd = np.dot(a, b).data.slice();
    const tanhWithSimd = np.tanh(np.add(np.dot(a, b), 0.25)).data.slice();
    vi.resetModules();
    vi.stubGlobal("WebAssembly", undefined);
    // Decoding the module's bytes is the first step of every attempt to load it.
    const decode = vi.fn(atob);
    vi.stubGlobal("atob", decode);
    try {
      const fresh = await import("../../assignments/lib/np.ts");
      const { simdAvailable: available } = await import("../../assignments/lib/simd.ts");
      const [A, B] = [fresh.np.array(a.tolist()), fresh.np.array(b.tolist())];
      const product = fresh.np.dot(A, B);
      fresh.np.dot(A, B);
      expect(available()).toBe(false);
      expect(decode).toHaveBeenCalledTimes(1);
      expect(firstDifference(product.data, withSimd)).toBe(-1);
      const tanhs = fresh.np.tanh(fresh.np.add(fresh.np.dot(A, B), 0.25));
      expect(firstDifference(tanhs.data, tanhWithSimd)).toBe(-1);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

describe("large operands kept in WebAssembly's memory between products", () => {
  /**
   * Random values, with NaN, infinities, signed zeros and subnormals among them unless `plain`,
   * in an array the module made and never handed out (set() would mark it written: go around it).
   */
  function values(rows: number, cols: number, seed: number, plain = false): NDArray {
    const made = np.add(np.random.seed(seed).randn(rows, cols), 0);
    const specials = [Number.NaN, Infinity, -Infinity, 0, -0, 5e-324, -2.5e-310, 1e300];
    const entries = valuesOf(made);
    if (!plain)
      specials.forEach((v, i) => {
        entries[(i * 7919) % entries.length] = v;
      });
    return made;
  }

  /** The product the scalar kernels make of the same arrays. */
  function scalarDot(a: NDArray, b: NDArray): Float64Array {
    const was = useSimd(false);
    try {
      return np.dot(a, b).data.slice();
    } finally {
      useSimd(was);
    }
  }

  // Each a product whose large operand is more than one product may copy in (65536 entries):
  // a row times B, A times a column, and both with the transpose of a kept array. The small
  // operand is plain: a NaN or an infinity there would make every entry of the product NaN,
  // whatever the kernel summed.
  const forms: [string, (big: NDArray, seed: number) => [NDArray, NDArray], [number, number]][] = [
    ["a row times B", (big, seed) => [values(1, 257, seed, true), big], [257, 257]],
    ["A times a column", (big, seed) => [big, values(221, 1, seed, true)], [300, 221]],
    ["a row times Bᵀ", (big, seed) => [values(1, 70, seed, true), big.T], [1001, 70]],
    ["A times a row's transpose", (big, seed) => [big, values(1, 221, seed, true).T], [299, 221]],
  ];

  it.each(forms)(
    "%s: kept from the second product on, the scalar kernels' bits",
    (_, operands, [rows, cols]) => {
      const big = values(rows, cols, 1);
      for (let seed = 2; seed < 6; seed++) {
        const [a, b] = operands(big, seed);
        const product = np.dot(a, b).data;
        expect(firstDifference(product, scalarDot(a, b)), `product ${seed - 1}`).toBe(-1);
        expect(isKept(valuesOf(big)), `kept after product ${seed - 1}`).toBe(seed > 2);
      }
    },
  );

  // Each way an array's entries can be written once it is kept: the next product must see it.
  const writes: [string, (big: NDArray) => void][] = [
    ["set", (big) => big.set(3, 5, 1e6)],
    [
      "a write to .data",
      (big) => {
        big.data[1000] = -4;
      },
    ],
    ["set through a reshaped view", (big) => big.reshape(-1, 1).set(17, 0, 2.5)],
    [
      "set after a pending expression read it",
      (big) => {
        const later = np.add(big, 1);
        big.set(0, 0, 9);
        expect(later.get(0, 0)).not.toBe(10);
      },
    ],
  ];

  it.each(writes)("sees %s made after it was kept", (_, write) => {
    // No NaN or infinity, which would hide a change in every entry they reach.
    const big = values(257, 257, 7, true);
    const row = values(1, 257, 8, true);
    np.dot(row, big);
    np.dot(row, big);
    expect(isKept(valuesOf(big))).toBe(true);
    const before = np.dot(row, big).data.slice();
    write(big);
    const after = np.dot(row, big).data;
    expect(firstDifference(after, scalarDot(row, big))).toBe(-1);
    expect(firstDifference(after, before)).not.toBe(-1);
  });

  it("never keeps an array over values its caller holds, and sees the caller's writes", () => {
    const data = new Float64Array(257 * 257).map((_, i) => Math.sin(i));
    const big = new NDArray(data, [257, 257]);
    const row = values(1, 257, 9);
    for (let i = 0; i < 3; i++) np.dot(row, big);
    expect(isKept(data)).toBe(false);
    data[257 * 3] = 1e9;
    expect(firstDifference(np.dot(row, big).data, scalarDot(row, big))).toBe(-1);
  });

  it("keeps one copy of a matrix multiplied both ways, as a training multiplies by its data", () => {
    // Two data sets, each multiplied by a row and by a column in turn (logistic regression's
    // w.T·X and X·dZᵀ): each keeps one slot, so both stay kept. A copy for each way would take
    // the two slots for one data set and leave the other to the scalar kernels.
    const bigs = [20, 21].map((seed) => values(299, 257, seed));
    const row = values(1, 299, 22);
    const column = values(257, 1, 23);
    for (let round = 0; round < 3; round++) {
      for (const big of bigs) {
        expect(firstDifference(np.dot(row, big).data, scalarDot(row, big))).toBe(-1);
        expect(firstDifference(np.dot(big, column).data, scalarDot(big, column))).toBe(-1);
      }
    }
    expect(bigs.filter((big) => isKept(valuesOf(big)))).toHaveLength(2);
  });

  it("keeps nothing where the row and its result would not fit beside the matrix", () => {
    // A row of 70 000 entries: more than the kernels' space, whatever the matrix's slot.
    const big = values(70_000, 3, 24, true);
    const row = values(1, 70_000, 25, true);
    for (let i = 0; i < 3; i++)
      expect(firstDifference(np.dot(row, big).data, scalarDot(row, big))).toBe(-1);
    expect(isKept(valuesOf(big))).toBe(false);
  });

  it("takes turns in its slots: three arrays in a row, each right every time", () => {
    const bigs = [10, 11, 12].map((seed) => values(257, 257, seed));
    const row = values(1, 257, 13);
    for (let round = 0; round < 3; round++) {
      for (const big of bigs)
        expect(firstDifference(np.dot(row, big).data, scalarDot(row, big))).toBe(-1);
    }
    expect(bigs.filter((big) => isKept(valuesOf(big)))).toHaveLength(2);
  });
});
