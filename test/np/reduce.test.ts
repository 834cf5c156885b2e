import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Axis, type NDArray, np, ShapeError } from "../../assignments/lib/np.ts";
import { expectArray, thrown } from "../helpers.ts";

type Reduction = "sum" | "mean" | "max" | "min" | "argmax";
type AxisArg = Axis | null | undefined;
/** Every reduction through one loose signature, so that tables can pass any axis/keepdims. */
type Reduce = (x: NDArray, axis?: AxisArg, keepdims?: boolean) => NDArray | number;

const viaNp: Record<Reduction, Reduce> = {
  sum: np.sum as Reduce,
  mean: np.mean as Reduce,
  max: np.max as Reduce,
  min: np.min as Reduce,
  argmax: np.argmax as Reduce,
};
const viaMethod: Record<Reduction, Reduce> = {
  sum: (x, axis, keepdims) => x.sum(axis, keepdims),
  mean: (x, axis, keepdims) => x.mean(axis, keepdims),
  max: (x, axis, keepdims) => x.max(axis, keepdims),
  min: (x, axis, keepdims) => x.min(axis, keepdims),
  argmax: (x, axis, keepdims) => x.argmax(axis, keepdims),
};

/** The reduction of one line of values, written independently of the library. */
const lineOf: Record<Reduction, (values: number[]) => number> = {
  sum: (v) => v.reduce((s, x) => s + x, 0),
  mean: (v) => v.reduce((s, x) => s + x, 0) / v.length,
  max: (v) => Math.max(...v),
  min: (v) => Math.min(...v),
  argmax: (v) => v.indexOf(Math.max(...v)),
};

/**
 * Expected result for `x` of shape (r,c): a number without an axis (a (1,1) array with keepdims),
 * a (1,c) row for axis 0, for axis 1 a (r,1) column with keepdims and a (1,r) row without.
 */
function expected(
  name: Reduction,
  x: number[][],
  axis: AxisArg,
  keepdims: boolean | undefined,
): number | number[][] {
  const rows = x.length;
  const cols = x[0]?.length ?? 0;
  const f = lineOf[name];
  if (axis === null || axis === undefined) {
    const all = f(x.flat());
    return keepdims ? [[all]] : all;
  }
  if (axis === 0 || axis === -2) {
    return [Array.from({ length: cols }, (_, j) => f(x.map((row) => row[j] as number)))];
  }
  const perRow = Array.from({ length: rows }, (_, i) => f(x[i] as number[]));
  return keepdims ? perRow.map((v) => [v]) : [perRow];
}

function check(actual: NDArray | number, want: number | number[][], tolerance = 0): void {
  if (typeof want === "number") {
    expect(typeof actual, "a number, not an array").toBe("number");
    expect(Math.abs((actual as number) - want)).toBeLessThanOrEqual(tolerance);
  } else {
    expectArray(actual, want, tolerance);
  }
}

// Distinct values with the largest and smallest in different rows and columns, max not first.
const X = [
  [3, -1, 4, 1.5],
  [-5, 9, 2, 6],
  [5, 3, -5.5, 8],
];

const reductions: Reduction[] = ["sum", "mean", "max", "min", "argmax"];
const axes: AxisArg[] = [undefined, null, 0, 1, -1, -2];
const keepdimsValues: (boolean | undefined)[] = [undefined, false, true];
const combos = axes.flatMap((axis) => keepdimsValues.map((keepdims) => ({ axis, keepdims })));

describe.each(reductions)("np.%s on a (3,4) array", (name) => {
  it.each(combos)("axis $axis, keepdims $keepdims", ({ axis, keepdims }) => {
    const want = expected(name, X, axis, keepdims);
    check(viaNp[name](np.array(X), axis, keepdims), want);
    check(viaMethod[name](np.array(X), axis, keepdims), want);
  });
});

describe("hand-computed reductions", () => {
  const x = np.array([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it.each([
    { name: "sum", out: () => np.sum(x), want: 21 },
    { name: "mean", out: () => np.mean(x), want: 3.5 },
    { name: "max", out: () => np.max(x), want: 6 },
    { name: "min", out: () => np.min(x), want: 1 },
    { name: "argmax", out: () => np.argmax(x), want: 5 },
    { name: "sum axis 0", out: () => np.sum(x, 0), want: [[5, 7, 9]] },
    { name: "sum axis 1", out: () => np.sum(x, 1), want: [[6, 15]] },
    { name: "sum axis 1 keepdims", out: () => np.sum(x, 1, true), want: [[6], [15]] },
    { name: "sum no axis keepdims", out: () => np.sum(x, null, true), want: [[21]] },
    { name: "mean axis 0", out: () => np.mean(x, 0), want: [[2.5, 3.5, 4.5]] },
    { name: "mean axis -1 keepdims", out: () => np.mean(x, -1, true), want: [[2], [5]] },
    { name: "max axis -2", out: () => np.max(x, -2), want: [[4, 5, 6]] },
    { name: "min axis 1", out: () => np.min(x, 1), want: [[1, 4]] },
    { name: "argmax axis 0", out: () => np.argmax(x, 0), want: [[1, 1, 1]] },
    { name: "argmax axis 1 keepdims", out: () => np.argmax(x, 1, true), want: [[2], [2]] },
  ])("$name", ({ out, want }) => {
    check(out(), want);
  });

  it("argmax takes the first of equal maxima", () => {
    const ties = np.array([
      [7, 1, 7],
      [7, 7, 2],
    ]);
    expect(np.argmax(ties)).toBe(0);
    expectArray(np.argmax(ties, 0), [[0, 1, 0]]);
    expectArray(np.argmax(ties, 1), [[0, 0]]);
  });

  it("a number reduces like a (1,1) array", () => {
    expect(np.sum(4)).toBe(4);
    expect(np.mean(4)).toBe(4);
    expectArray(np.sum(4, 0), [[4]]);
    expectArray(np.sum(4, 1, true), [[4]]);
  });

  it("reducing a pooled-size array writes every output entry", () => {
    // 40 columns and 40 rows go through pooled (uninitialised) storage.
    const big = Array.from({ length: 40 }, (_, i) => Array.from({ length: 40 }, (_, j) => i - j));
    for (let repeat = 0; repeat < 20; repeat++) {
      expectArray(np.sum(np.array(big), 0), expected("sum", big, 0, false) as number[][]);
      expectArray(np.max(np.array(big), 1), expected("max", big, 1, false) as number[][]);
      expectArray(
        np.argmax(np.array(big), 1, true),
        expected("argmax", big, 1, true) as number[][],
      );
    }
  });
});

describe("random arrays against independent loops", () => {
  const arbMatrix = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }))
    .chain(([rows, cols]) =>
      fc.array(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), {
          minLength: cols,
          maxLength: cols,
        }),
        { minLength: rows, maxLength: rows },
      ),
    );

  it.each(reductions)("np.%s, every axis and keepdims", (name) => {
    fc.assert(
      fc.property(arbMatrix, (x) => {
        // Summation order may differ from the loop's: allow a few ulps of the absolute sum.
        const scale = x.flat().reduce((s, v) => s + Math.abs(v), 0);
        const tolerance = name === "sum" || name === "mean" ? 8 * Number.EPSILON * scale : 0;
        for (const { axis, keepdims } of combos) {
          // argmax with no axis and keepdims is the table test's (known failing) case; skipping it
          // here keeps this property about values.
          if (name === "argmax" && (axis === null || axis === undefined) && keepdims) continue;
          check(
            viaNp[name](np.array(x), axis, keepdims),
            expected(name, x, axis, keepdims),
            tolerance,
          );
        }
      }),
      { seed: 20240611, numRuns: 150 },
    );
  });
});

describe("axis errors", () => {
  it.each(reductions)("np.%s with axis 2 names the op, numpy-worded", (name) => {
    const error = thrown(() => viaNp[name](np.ones([2, 3]), 2 as Axis));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(`np.${name}: axis 2 is out of bounds for array of dimension 2`);
  });

  it.each(reductions)("np.%s with axis -3 and keepdims", (name) => {
    const error = thrown(() => viaMethod[name](np.ones([2, 3]), -3 as Axis, true));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(`np.${name}: axis -3 is out of bounds for array of dimension 2`);
  });

  it("a non-integer axis is refused too", () => {
    expect(thrown(() => np.sum(np.ones([2, 3]), 0.5 as Axis)).message).toBe(
      "np.sum: axis 0.5 is out of bounds for array of dimension 2",
    );
  });
});

describe("empty arrays", () => {
  it.each([
    { name: "max", shape: [0, 3] },
    { name: "min", shape: [0, 3] },
    { name: "max", shape: [2, 0] },
  ] as const)("np.$name of a $shape array has no identity", ({ name, shape }) => {
    const error = thrown(() => viaNp[name](np.zeros(shape)));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      `np.${name}: zero-size array to reduction operation which has no identity`,
    );
  });

  it("np.max of an empty array along an axis is refused", () => {
    expect(thrown(() => np.max(np.zeros([0, 3]), 0))).toBeInstanceOf(ShapeError);
  });

  it.each([
    [0, 3],
    [3, 0],
  ] as const)("np.argmax of a (%i,%i) array is refused", (rows, cols) => {
    for (const axis of [undefined, 0, 1] as const) {
      const error = thrown(() => np.argmax(np.zeros([rows, cols]), axis as Axis));
      expect(error).toBeInstanceOf(ShapeError);
      expect(error.message).toBe("np.argmax: attempt to get argmax of an empty sequence");
    }
  });

  it("np.sum of an empty array is 0, along axis 0 a row of zeros", () => {
    expect(np.sum(np.zeros([0, 3]))).toBe(0);
    expectArray(np.sum(np.zeros([0, 3]), 0), [[0, 0, 0]]);
    expectArray(np.sum(np.zeros([2, 0]), 1, true), [[0], [0]]);
  });
});
