/**
 * A product of a small inner size read by a chain of element-wise operations (fusion.ts's
 * `Product`) is computed inside the chain, in WebAssembly's memory, rather than as an array of
 * its own: the chain's result is the same to the last bit as the scalar kernels' (the product
 * as an array, then the chain in JavaScript), whatever reads the product and in whatever order,
 * and nothing written to its operands after the product was asked for changes it.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { FUSE_MIN, PRODUCT_MAX_K } from "../../assignments/lib/fusion.ts";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { productsComputedInPlace, useSimd } from "../../assignments/lib/simd.ts";
import { bits } from "./bits.ts";

afterEach(() => {
  useSimd(true);
});

const SPECIAL = [Number.NaN, Infinity, -Infinity, 0, -0, 5e-324, 1e300, -1e-300];

/** A (rows, cols) array of normal values with a special one at every seventh entry. */
function values(rows: number, cols: number, seed: number): NDArray {
  const normal = np.random.seed(seed).randn(rows, cols).tolist();
  return np.array(
    normal.map((row, i) =>
      row.map((v, j) =>
        (i * cols + j) % 7 === 3 ? (SPECIAL[(i + j + seed) % SPECIAL.length] as number) : v,
      ),
    ),
  );
}

const entries = (x: NDArray): string[] => Array.from(x.data, bits);

/** `compute`'s entries with the SIMD, and how many products it computed in place; then without it. */
function bothWays(compute: () => NDArray[]): {
  simd: string[][];
  scalar: string[][];
  inPlace: number;
} {
  const before = productsComputedInPlace();
  const simd = compute().map(entries);
  const inPlace = productsComputedInPlace() - before;
  useSimd(false);
  try {
    return { simd, scalar: compute().map(entries), inPlace };
  } finally {
    useSimd(true);
  }
}

describe("a product read by a chain", () => {
  // (rows, k, cols): odd and even rows (an odd count's last row is paired with padding), one row,
  // every k up to the largest taken, columns a multiple of 4 as the kernel lays them out.
  const shapes: [number, number, number][] = [
    [4, 2, 400],
    [1, 4, 400],
    [3, 1, 300],
    [20, 7, 300],
    [5, 5, 64],
    ...Array.from({ length: PRODUCT_MAX_K }, (_, k): [number, number, number] => [7, k + 1, 100]),
  ];

  it.each(shapes)(
    "(%i,%i)·(%i) inside tanh(W·X + b) is computed there, the same to the bit",
    (n, k, m) => {
      const [W, X, b] = [values(n, k, 1), values(k, m, 2), values(n, 1, 3)];
      const { simd, scalar, inPlace } = bothWays(() => [np.tanh(np.add(np.dot(W, X), b))]);
      expect(simd).toEqual(scalar);
      expect(inPlace, "computed where the chain reads it").toBe(1);
    },
  );

  it.each(shapes)("(%i,%i)·(%i) under tanh alone, tanh(W·X), is computed there", (n, k, m) => {
    const [W, X] = [values(n, k, 21), values(k, m, 22)];
    const { simd, scalar, inPlace } = bothWays(() => [np.tanh(np.dot(W, X))]);
    expect(simd).toEqual(scalar);
    expect(inPlace).toBe(1);
  });

  it.each(shapes)("(%i,%i)·(%i) as A·Bᵀ, inside a ReLU's backward pass", (n, k, m) => {
    const [W, B, dA] = [values(n, k, 4), values(m, k, 5), values(n, m, 6)];
    const { simd, scalar, inPlace } = bothWays(() => [
      np.multiply(dA, np.greater(np.dot(W, B.T), 0)),
    ]);
    expect(simd).toEqual(scalar);
    expect(inPlace).toBe(1);
  });

  it("inside np.where, a ReLU's backward pass written as numpy's dZ[Z <= 0] = 0", () => {
    const [W, dZ, Z] = [values(7, 20, 23), values(7, 300, 24), values(20, 300, 25)];
    const { simd, scalar, inPlace } = bothWays(() => [
      np.where(np.lessEqual(Z, 0), 0, np.dot(W.T, dZ)),
    ]);
    expect(simd).toEqual(scalar);
    expect(inPlace, "computed where the where reads it").toBe(1);
  });

  it("read by two chains (Z = W·A + b, a ReLU and its backward pass) and then as an array", () => {
    const [W, A, b, dA] = [
      values(20, 2, 7),
      values(2, 300, 8),
      values(20, 1, 9),
      values(20, 300, 10),
    ];
    const { simd, scalar, inPlace } = bothWays(() => {
      const product = np.dot(W, A);
      const Z = np.add(product, b);
      const relu = np.maximum(Z, 0);
      const back = np.multiply(dA, np.greater(Z, 0));
      return [relu, back, product, Z];
    });
    expect(simd).toEqual(scalar);
    expect(inPlace, "each chain computes it where it reads it").toBe(2);
  });

  it("read by an operation that is not a chain, and by a chain the SIMD declines, is an array", () => {
    const [W, X] = [values(4, 3, 11), values(3, 400, 12)];
    const { simd, scalar, inPlace } = bothWays(() => {
      const product = np.dot(W, X);
      return [np.sin(product), np.sum(np.dot(W, X), 1, true), np.dot(np.dot(W, X), X.T)];
    });
    expect(simd).toEqual(scalar);
    expect(inPlace).toBe(0);
  });

  it("is an array at once where a row of the result would not be laid out as an array's (301 columns), or k is large", () => {
    const cases: [NDArray, NDArray][] = [
      [values(4, 2, 13), values(2, 301, 14)],
      [values(4, PRODUCT_MAX_K + 1, 15), values(PRODUCT_MAX_K + 1, 400, 16)],
    ];
    for (const [W, X] of cases) {
      const { simd, scalar, inPlace } = bothWays(() => [np.add(np.dot(W, X), 1)]);
      expect(simd).toEqual(scalar);
      expect(inPlace).toBe(0);
    }
  });
});

/** Chains a product may sit in, each a step applied to what came before and another array of its shape. */
const STEPS: Record<string, (x: NDArray, other: NDArray) => NDArray> = {
  tanh: (x) => np.tanh(x),
  "plus column": (x, other) => np.add(x, np.sum(other, 1, true)),
  "times row": (x, other) => np.multiply(np.sum(other, 0, true), x),
  ReLU: (x) => np.maximum(x, 0),
  "ReLU backward": (x, other) => np.multiply(other, np.greater(x, 0)),
  sigmoid: (x) => np.divide(1, np.add(1, np.exp(np.negative(x)))),
  square: (x) => np.power(x, 2),
  "log of 1 +": (x) => np.log(np.add(1, np.abs(x))),
  sin: (x) => np.sin(x),
  "read as an array": (x) => np.add(np.array(x.tolist()), 0),
};

describe("products in chains of any form", () => {
  it("give the scalar kernels' bits for any sizes, either factor's layout and any chain after them", () => {
    let inPlace = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: PRODUCT_MAX_K + 2 }),
        fc.integer({ min: 1, max: 160 }),
        fc.boolean(),
        fc.array(fc.constantFrom(...Object.keys(STEPS)), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, k, columns, transposed, steps, seed) => {
          // Wide enough for a pending product (FUSE_MIN entries), the columns odd or even.
          const cols = Math.max(columns, Math.ceil(FUSE_MIN / rows));
          const W = values(rows, k, seed);
          const B = transposed ? values(cols, k, seed + 1) : values(k, cols, seed + 1);
          const other = values(rows, cols, seed + 2);
          const {
            simd,
            scalar,
            inPlace: here,
          } = bothWays(() => {
            let x = np.dot(W, transposed ? B.T : B);
            for (const step of steps) x = (STEPS[step] as (typeof STEPS)[string])(x, other);
            return [x];
          });
          expect(simd).toEqual(scalar);
          inPlace += here;
        },
      ),
      { seed: 2612, numRuns: 200 },
    );
    expect(inPlace, "products computed where a chain reads them, in all").toBeGreaterThan(40);
  });
});

describe("a product asked for before its operands are written to", () => {
  it.each<[string, (x: NDArray) => void]>([
    ["set", (x) => x.set(0, 0, 1234.5)],
    [
      "a write to .data",
      (x) => {
        x.data[1] = -99;
      },
    ],
  ])("keeps the operands' values of that moment after %s", (_, write) => {
    const W = values(4, 2, 17);
    const X = values(2, 400, 18);
    const expected = entries(np.add(np.dot(np.array(W.tolist()), np.array(X.tolist())), 1));
    const before = productsComputedInPlace();
    const Z = np.add(np.dot(W, X), 1);
    write(W);
    write(X);
    expect(entries(Z)).toEqual(expected);
    expect(productsComputedInPlace() - before).toBe(1);
  });

  it("made from values handed out (.data), is computed at once", () => {
    const W = values(4, 2, 19);
    const X = values(2, 400, 20);
    const data = X.data;
    const expected = entries(np.add(np.dot(W, np.array(X.tolist())), 1));
    const before = productsComputedInPlace();
    const Z = np.add(np.dot(W, X), 1);
    data[0] = 42;
    expect(entries(Z)).toEqual(expected);
    expect(productsComputedInPlace() - before).toBe(0);
  });
});
