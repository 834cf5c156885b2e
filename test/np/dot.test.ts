import fc from "fast-check";
import { describe, expect, it, onTestFinished } from "vitest";
import { np, ShapeError } from "../../assignments/lib/np.ts";
import { useSimd } from "../../assignments/lib/simd.ts";
import { expectArray, thrown } from "../helpers.ts";

function cell(m: number[][], i: number, j: number): number {
  const v = m[i]?.[j];
  if (v === undefined) throw new Error(`test bug: no entry [${i}, ${j}]`);
  return v;
}

/** The textbook triple loop, and the sum of |a_ip·b_pj| that bounds its rounding error. */
function naiveDot(a: number[][], b: number[][]): { product: number[][]; scale: number } {
  const n = a.length;
  const k = b.length;
  const m = b[0]?.length ?? 0;
  let scale = 0;
  const product: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) {
        acc += cell(a, i, p) * cell(b, p, j);
        scale = Math.max(scale, Math.abs(cell(a, i, p) * cell(b, p, j)) * k);
      }
      row.push(acc);
    }
    product.push(row);
  }
  return { product, scale };
}

function matrixOf<T>(value: fc.Arbitrary<T>, rows: number, cols: number): fc.Arbitrary<T[][]> {
  return fc.array(fc.array(value, { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
}

/** An (n,k) and a (k,m) matrix with every dimension in 1..9. */
function factors<T>(value: fc.Arbitrary<T>) {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
    )
    .chain(([n, k, m]) => fc.tuple(matrixOf(value, n, k), matrixOf(value, k, m)));
}

describe("np.dot against a naive triple loop", () => {
  it("small integers: exact, narrow (m < 8) and wide (m >= 8) results", () => {
    const widths = new Set<number>();
    fc.assert(
      fc.property(factors(fc.integer({ min: -20, max: 20 })), ([a, b]) => {
        widths.add(b[0]?.length ?? 0);
        const { product } = naiveDot(a, b);
        expectArray(np.dot(np.array(a), np.array(b)), product);
        expectArray(np.array(a).dot(np.array(b)), product);
      }),
      { seed: 7, numRuns: 200 },
    );
    // Both loop orders of the kernel were exercised.
    expect([...widths].some((m) => m < 8)).toBe(true);
    expect([...widths].some((m) => m >= 8)).toBe(true);
  });

  it("doubles: within rounding of the loop", () => {
    fc.assert(
      fc.property(
        factors(fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true })),
        ([a, b]) => {
          const { product, scale } = naiveDot(a, b);
          expectArray(np.dot(np.array(a), np.array(b)), product, 4 * Number.EPSILON * scale);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it.each([
    { path: "WebAssembly SIMD from 64 products on", simd: true },
    { path: "scalar kernels only", simd: false },
  ])(
    "doubles: the textbook loop's sums to the last bit, for A·B and for A·Bᵀ ($path)",
    ({ simd }) => {
      // Each entry sums its products in the order of p, however the kernels block their loops
      // (kernels.ts says so): a faster kernel must not change a training's costs.
      // The scalar kernels sum in blocks of two rows by four columns, then two rows by what is left,
      // and a last odd row eight columns at a time (m ≥ 8): every n, k and m from 1 to 9 meets every
      // block, and every k a result wide enough for the eight-column block. With SIMD, products of
      // 64 or more go to simd.ts instead (test/np/simd.test.ts checks it on its own).
      const seen = { m: new Set<number>(), k: new Set<number>(), wideK: new Set<number>() };
      const was = useSimd(simd);
      onTestFinished(() => {
        useSimd(was);
      });
      fc.assert(
        fc.property(
          // Doubles that use their whole mantissa (fc.double favours round values, whose sums
          // come out the same in any order).
          factors(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }).map((x) => x / 98765.4321)),
          ([a, b]) => {
            const { product } = naiveDot(a, b);
            const transposed = np.array(b).T.tolist();
            seen.m.add(b[0]?.length ?? 0);
            seen.k.add(b.length);
            if ((b[0]?.length ?? 0) >= 8) seen.wideK.add(b.length);
            expectArray(np.dot(np.array(a), np.array(b)), product);
            expectArray(np.dot(np.array(a), np.array(transposed).T), product);
          },
        ),
        { seed: 13, numRuns: 300 },
      );
      expect(seen.m.size).toBe(9);
      expect(seen.k.size).toBe(9);
      expect(seen.wideK.size).toBe(9);
    },
  );

  it.each([
    { name: "narrow (30,40)·(40,7)", n: 30, k: 40, m: 7 },
    { name: "wide (30,40)·(40,8)", n: 30, k: 40, m: 8 },
    { name: "wide (4,2)·(2,400), as W1·X", n: 4, k: 2, m: 400 },
    { name: "narrow (1,4)·(4,1), as W2·A1 for one example", n: 1, k: 4, m: 1 },
    { name: "(400,1)·(1,400) outer product", n: 400, k: 1, m: 400 },
  ])("$name, repeated so that pooled storage is reused", ({ n, k, m }) => {
    const a = Array.from({ length: n }, (_, i) =>
      Array.from({ length: k }, (_, p) => ((i * 5 + p * 3) % 7) - 3),
    );
    const b = Array.from({ length: k }, (_, p) =>
      Array.from({ length: m }, (_, j) => ((p * 2 + j * 7) % 9) - 4),
    );
    const { product } = naiveDot(a, b);
    const A = np.array(a);
    const B = np.array(b);
    for (let repeat = 0; repeat < 20; repeat++) {
      np.full([n, m], Number.NaN); // dirty a slot of the result's size class
      expectArray(np.dot(A, B), product);
    }
  });

  it.each([
    { n: 3, m: 5 },
    { n: 3, m: 9 },
    { n: 4, m: 40 },
  ])("an inner dimension of 0 gives zeros: ($n,0)·(0,$m)", ({ n, m }) => {
    for (let repeat = 0; repeat < 20; repeat++) {
      np.full([n, m], 7); // dirty a slot of the result's size class
      expectArray(np.dot(np.zeros([n, 0]), np.zeros([0, m])), np.zeros([n, m]).tolist());
    }
  });

  it("hand-computed (2,3)·(3,2)", () => {
    const a = np.array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = np.array([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expectArray(np.dot(a, b), [
      [58, 64],
      [139, 154],
    ]);
    expectArray(np.dot(b, a), [
      [39, 54, 69],
      [49, 68, 87],
      [59, 82, 105],
    ]);
  });

  it("np.dot(a, b.T) and np.dot(a.T, b) use the transposes' values", () => {
    const a = np.array([
      [1, 2],
      [3, 4],
    ]);
    const b = np.array([
      [5, 6],
      [7, 8],
    ]);
    expectArray(np.dot(a, b.T), [
      [17, 23],
      [39, 53],
    ]);
    expectArray(np.dot(a.T, b), [
      [26, 30],
      [38, 44],
    ]);
  });

  it("NaN and Infinity propagate through the product", () => {
    const out = np.dot(np.array([[1, Number.NaN]]), np.array([[1], [2]]));
    expect(Number.isNaN(out.item())).toBe(true);
    expect(np.dot(np.array([[Infinity, 1]]), np.array([[1], [2]])).item()).toBe(Infinity);
  });
});

describe("scalar operands", () => {
  const x = np.array([
    [1, -2, 3],
    [4, 5, -6],
  ]);
  const doubled = [
    [2, -4, 6],
    [8, 10, -12],
  ];

  it("np.dot(x, 2) scales x, like numpy", () => {
    expectArray(np.dot(x, 2), doubled);
  });

  it("x.dot(2) scales x", () => {
    expectArray(x.dot(2), doubled);
  });

  it("np.dot(2, x) scales x, like numpy (a number on either side)", () => {
    expectArray(np.dot(2, x), doubled);
  });

  it("a (1,1) array is a matrix, not a scalar: it needs one column on the left", () => {
    expectArray(np.dot(np.array([[2], [3]]), np.array([[4]])), [[8], [12]]);
    const error = thrown(() => np.dot(x, np.array([[2]])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "np.dot: shapes (2,3) and (1,1) not aligned: 3 (dim 1) != 1 (dim 0)",
    );
  });
});

describe("shape errors", () => {
  it.each([
    {
      a: [4, 2],
      b: [3, 400],
      message: "np.dot: shapes (4,2) and (3,400) not aligned: 2 (dim 1) != 3 (dim 0)",
    },
    {
      a: [1, 4],
      b: [1, 4],
      message: "np.dot: shapes (1,4) and (1,4) not aligned: 4 (dim 1) != 1 (dim 0)",
    },
    {
      a: [2, 0],
      b: [3, 2],
      message: "np.dot: shapes (2,0) and (3,2) not aligned: 0 (dim 1) != 3 (dim 0)",
    },
  ] as const)("np.dot with $a and $b", ({ a, b, message }) => {
    const error = thrown(() => np.dot(np.zeros(a), np.zeros(b)));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
    expect(thrown(() => np.zeros(a).dot(np.zeros(b))).message).toBe(message);
  });
});

describe("dot with a transpose (A·Bᵀ read from B's rows)", () => {
  const A = np.array([
    [0.1, -2, 3.5],
    [4, 0.25, -6],
  ]);
  const B = np.array([
    [1, 2, 3],
    [-0.5, 7, 1e-3],
    [2, 2, -2],
    [0, 0.3, 9],
  ]);
  it("gives the same entries, to the last bit, as the product with a copy of the transpose", () => {
    const copy = np.array(B.T.tolist());
    expect(Array.from(np.dot(A, B.T).data)).toEqual(Array.from(np.dot(A, copy).data));
    expect(np.dot(A, B.T).shape).toEqual([2, 4]);
  });
  it("follows the source's changes made with set, and the transpose's own", () => {
    const source = B.copy();
    const t = source.T;
    source.set(0, 0, 100);
    // The transpose taken before the change is a copy of the values then, as it always was.
    expect(np.dot(A, t).get(0, 0)).toBeCloseTo(0.1 * 1 - 2 * 2 + 3.5 * 3, 12);
    expect(np.dot(A, source.T).get(0, 0)).toBeCloseTo(0.1 * 100 - 2 * 2 + 3.5 * 3, 12);
    const own = B.copy().T;
    own.set(0, 0, -1);
    expect(np.dot(A, own).get(0, 0)).toBeCloseTo(-0.1 - 2 * 2 + 3.5 * 3, 12);
  });
});
