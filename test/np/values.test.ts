import { describe, expect, it } from "vitest";
import { type ArrayLike, NDArray, np, ShapeError } from "../../assignments/lib/np.ts";
import { expectArray, thrown } from "../helpers.ts";

const nan = Number.NaN;

describe("NaN and Infinity propagate like numpy", () => {
  it.each([
    { name: "NaN + 1", out: () => np.add(np.array([[nan, 1]]), 1), want: [[nan, 2]] },
    {
      name: "Infinity + -Infinity",
      out: () => np.add(Infinity, np.array([[-Infinity]])),
      want: [[nan]],
    },
    {
      name: "Infinity * 0",
      out: () => np.multiply(np.array([[Infinity, 2]]), 0),
      want: [[nan, 0]],
    },
    { name: "NaN * 0", out: () => np.multiply(np.array([[nan]]), 0), want: [[nan]] },
    {
      name: "1 / 0 and -1 / 0",
      out: () => np.divide(np.array([[1, -1, 0]]), 0),
      want: [[Infinity, -Infinity, nan]],
    },
    {
      name: "exp(Infinity), exp(-Infinity), exp(NaN)",
      out: () => np.exp(np.array([[Infinity, -Infinity, nan]])),
      want: [[Infinity, 0, nan]],
    },
    {
      name: "log(0) = -Infinity, log(-1) = NaN",
      out: () => np.log(np.array([[0, -1, Infinity, 1]])),
      want: [[-Infinity, nan, Infinity, 0]],
    },
    {
      name: "tanh saturates at ±Infinity",
      out: () => np.tanh(np.array([[Infinity, -Infinity, nan]])),
      want: [[1, -1, nan]],
    },
    {
      name: "sqrt(-1) = NaN",
      out: () => np.sqrt(np.array([[-1, 4, Infinity]])),
      want: [[nan, 2, Infinity]],
    },
    {
      name: "sign",
      out: () => np.sign(np.array([[-3, 0, 2, nan, -Infinity]])),
      want: [[-1, 0, 1, nan, -1]],
    },
    { name: "isnan", out: () => np.isnan(np.array([[nan, Infinity, 0]])), want: [[1, 0, 0]] },
    {
      name: "maximum with NaN either side is NaN",
      out: () => np.maximum(np.array([[nan, 1, 2]]), np.array([[1, nan, 1]])),
      want: [[nan, nan, 2]],
    },
    {
      name: "minimum with NaN either side is NaN",
      out: () => np.minimum(np.array([[nan, 1, 2]]), np.array([[1, nan, 1]])),
      want: [[nan, nan, 1]],
    },
    {
      name: "maximum with a NaN scalar",
      out: () => np.maximum(np.array([[1, -Infinity]]), nan),
      want: [[nan, nan]],
    },
    {
      name: "minimum(NaN, array)",
      out: () => np.minimum(nan, np.array([[1, Infinity]])),
      want: [[nan, nan]],
    },
  ])("$name", ({ out, want }) => {
    expectArray(out(), want);
  });

  it("unary functions of numbers give numbers with the same policy", () => {
    expect(np.exp(Infinity)).toBe(Infinity);
    expect(np.log(0)).toBe(-Infinity);
    expect(np.log(-1)).toBeNaN();
    expect(np.add(nan, 1)).toBeNaN();
  });

  describe("max and min reductions with NaN are NaN wherever the NaN is", () => {
    it.each([0, 1, 2])("NaN at column %i", (j) => {
      const row = [3, -1, 7];
      row[j] = nan;
      const x = np.array([row, [1, 2, 3]]);
      expect(np.max(x)).toBeNaN();
      expect(np.min(x)).toBeNaN();
      const col = [1, 2, 3].map((v, k) => (k === j ? nan : Math.max(v, row[k] as number)));
      expectArray(np.max(x, 0), [col]);
      expectArray(np.max(x, 1), [[nan, 3]]);
      expectArray(np.min(x, 1, true), [[nan], [1]]);
    });

    it("a row that is all -Infinity has max -Infinity, not NaN", () => {
      expect(np.max(np.array([[-Infinity, -Infinity]]))).toBe(-Infinity);
      expect(np.min(np.array([[Infinity, Infinity]]))).toBe(Infinity);
    });
  });

  it("argmax: the first NaN wins, like numpy", () => {
    const x = np.array([
      [1, nan, 9, nan],
      [nan, 5, 2, 1],
    ]);
    expect(np.argmax(x)).toBe(1);
    expectArray(np.argmax(x, 1), [[1, 0]]);
    expectArray(np.argmax(x, 0), [[1, 0, 0, 0]]);
    expect(np.argmax(np.array([[2, 7, Infinity, nan]]))).toBe(3);
    expect(np.argmax(np.array([[-Infinity, -Infinity]]))).toBe(0);
  });

  it.each([
    { name: "Infinity and -Infinity", x: [[Infinity, 1, -Infinity]], sum: nan, mean: nan },
    { name: "Infinity", x: [[Infinity, 1, 2]], sum: Infinity, mean: Infinity },
    { name: "NaN", x: [[1, nan]], sum: nan, mean: nan },
    { name: "-Infinity", x: [[-Infinity, 1]], sum: -Infinity, mean: -Infinity },
  ])("sum and mean with $name", ({ x, sum, mean }) => {
    expect(np.sum(np.array(x))).toBe(sum);
    expect(np.mean(np.array(x))).toBe(mean);
  });

  it("sum along an axis with Infinity and -Infinity", () => {
    const x = np.array([
      [Infinity, 1],
      [-Infinity, 2],
    ]);
    expectArray(np.sum(x, 0), [[nan, 3]]);
    expectArray(np.sum(x, 1, true), [[Infinity], [-Infinity]]);
  });

  // numpy's power is C's pow: pow(1, y) = 1 for every y, even nan, and pow(-1, ±Infinity) = 1.
  // JavaScript's ** gives nan for both.
  it.each([
    {
      name: "np.power(1, NaN) is 1, like numpy",
      out: () => np.power(np.array([[1]]), nan),
      want: [[1]],
    },
    {
      name: "np.power(-1, Infinity) is 1, like numpy",
      out: () => np.power(np.array([[-1]]), Infinity),
      want: [[1]],
    },
    {
      name: "np.power(NaN, 0) is 1, like numpy",
      out: () => np.power(np.array([[nan]]), 0),
      want: [[1]],
    },
  ])("$name", ({ out, want }) => {
    expectArray(out(), want);
  });
});

describe("np.round rounds halves to even, like numpy", () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [-0.5, -0],
    [-1.5, -2],
    [-2.5, -2],
    [0.49999999999999994, 0],
    [0.5000000000000001, 1],
    [1.4, 1],
    [-1.6, -2],
    [-0.2, -0],
    [4503599627370497, 4503599627370497],
    [Infinity, Infinity],
  ])("round(%d) = %d", (x, want) => {
    expect(Object.is(np.round(x), want), `round(${x}) = ${np.round(x)}`).toBe(true);
  });

  it("rounds every entry of an array", () => {
    expectArray(np.round(np.array([[0.5, 1.5, 2.5, -0.5, -1.5, nan]])), [[0, 2, 2, -0, -2, nan]]);
    expect(Object.is(np.round(np.array([[-0.5]])).item(), -0)).toBe(true);
  });
});

describe("comparisons give 1 and 0; NaN compares false", () => {
  const a = np.array([[1, 2, 3, nan]]);
  const b = np.array([[2, 2, 2, nan]]);

  it.each([
    { op: "greater", fn: np.greater, want: [[0, 0, 1, 0]] },
    { op: "greaterEqual", fn: np.greaterEqual, want: [[0, 1, 1, 0]] },
    { op: "less", fn: np.less, want: [[1, 0, 0, 0]] },
    { op: "lessEqual", fn: np.lessEqual, want: [[1, 1, 0, 0]] },
    { op: "equal", fn: np.equal, want: [[0, 1, 0, 0]] },
    { op: "notEqual", fn: np.notEqual, want: [[1, 0, 1, 1]] },
  ])("np.$op", ({ fn, want }) => {
    expectArray(fn(a, b), want);
  });

  it("NaN against a number is false for every comparison but notEqual", () => {
    const nanArray = np.array([[nan]]);
    for (const fn of [np.greater, np.greaterEqual, np.less, np.lessEqual, np.equal]) {
      expectArray(fn(nanArray, 0), [[0]]);
      expectArray(fn(0, nanArray), [[0]]);
    }
    expectArray(np.notEqual(nanArray, nanArray), [[1]]);
  });

  it("-0 equals 0, and Infinity equals Infinity", () => {
    expectArray(np.equal(np.array([[-0, Infinity]]), np.array([[0, Infinity]])), [[1, 1]]);
  });
});

describe("np.where", () => {
  it("broadcasts a column condition with a row and a number", () => {
    const cond = np.array([[1], [0]]);
    const x = np.array([[10, 20, 30]]);
    expectArray(np.where(cond, x, -1), [
      [10, 20, 30],
      [-1, -1, -1],
    ]);
  });

  it("broadcasts a row condition against a column x and a full y", () => {
    const cond = np.array([[0, 1, 0]]);
    const x = np.array([[1], [2]]);
    const y = np.array([
      [7, 8, 9],
      [4, 5, 6],
    ]);
    expectArray(np.where(cond, x, y), [
      [7, 1, 9],
      [4, 2, 6],
    ]);
  });

  it("any non-zero counts as true, NaN included (numpy's bool(nan) is True)", () => {
    const cond = np.array([[nan, 0, -0, -2, 0.5, Infinity]]);
    expectArray(np.where(cond, 1, 0), [[1, 0, 0, 1, 1, 1]]);
  });

  it("selects with a comparison, the ReLU way", () => {
    const z = np.array([[-1, 0, 2.5, nan]]);
    expectArray(np.where(np.greater(z, 0), z, 0), [[0, 0, 2.5, 0]]);
  });

  it("numbers everywhere give a (1,1) array", () => {
    expectArray(np.where(0, 1, 2), [[2]]);
  });
});

describe("np.array validation", () => {
  it.each([
    {
      name: "ragged rows",
      rows: [[1, 2], [3]],
      type: ShapeError,
      message: "np.array: row 1 has 1 entries but row 0 has 2; all rows must have the same length",
    },
    {
      name: "a longer later row",
      rows: [[1], [2, 3]],
      type: ShapeError,
      message: "np.array: row 1 has 2 entries but row 0 has 1; all rows must have the same length",
    },
    {
      name: "a string entry",
      rows: [[1, "2"]],
      type: TypeError,
      message: `np.array: entry [0, 1] must be a number, got "2"`,
    },
    {
      name: "a null entry",
      rows: [[1], [null]],
      type: TypeError,
      message: "np.array: entry [1, 0] must be a number, got null",
    },
    {
      name: "a nested list entry",
      rows: [[[1]]],
      type: TypeError,
      message: "np.array: entry [0, 0] must be a number, got [1]",
    },
    {
      name: "a flat list",
      rows: [1, 2, 3],
      type: TypeError,
      message:
        "np.array: expected a list of rows (number[][]), got [1, 2, 3]; a row vector is [[1, 2, 3]], a column vector [[1], [2], [3]]",
    },
    {
      name: "a number",
      rows: 3,
      type: TypeError,
      message:
        "np.array: expected a list of rows (number[][]), got 3; a row vector is [[1, 2, 3]], a column vector [[1], [2], [3]]",
    },
  ])("$name", ({ rows, type, message }) => {
    const error = thrown(() => np.array(rows));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
  });

  it("accepts empty lists: [] is (0,0), [[]] is (1,0)", () => {
    expect(np.array([]).shape).toEqual([0, 0]);
    expect(np.array([[]]).shape).toEqual([1, 0]);
  });

  it("a hole in a row (a sparse JS array) is refused, not left as uninitialised memory", () => {
    // 12 entries go through pooled, unzeroed storage; index 1 is a hole that forEach skips.
    const row = new Array<number>(12);
    for (let j = 0; j < 12; j++) if (j !== 1) row[j] = j;
    for (let i = 0; i < 50; i++) np.full([1, 12], 123.5); // dirty slots of that size class
    const error = thrown(() => np.array([row]));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("np.array: entry [0, 1] must be a number, got undefined");
  });

  it("a missing row (a sparse list of rows) is refused, not left as uninitialised memory", () => {
    const rows: number[][] = [];
    rows[0] = [1, 2, 3, 4, 5];
    rows[2] = [6, 7, 8, 9, 10];
    expect(rows.length).toBe(3);
    for (let i = 0; i < 50; i++) np.full([3, 5], 123.5);
    expect(() => np.array(rows)).toThrow(/np\.array/);
  });
});

describe("np.linspace, like numpy", () => {
  it.each([
    { start: 0, stop: 1, num: 5, want: [0, 0.25, 0.5, 0.75, 1] },
    // numpy computes start + i·step, so 3·0.1 shows its rounding, and the last value is stop.
    {
      start: 0,
      stop: 1,
      num: 11,
      want: [
        0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8,
        0.9, 1,
      ],
    },
    { start: -1, stop: 1, num: 4, want: [-1, -0.33333333333333337, 0.33333333333333326, 1] },
    { start: 5, stop: 5, num: 3, want: [5, 5, 5] },
    { start: 2, stop: -2, num: 3, want: [2, 0, -2] },
    { start: 0, stop: 1, num: 2, want: [0, 1] },
    { start: 0, stop: 1, num: 0, want: [] },
  ])("linspace($start, $stop, $num)", ({ start, stop, num, want }) => {
    const out = np.linspace(start, stop, num);
    expect(out.shape).toEqual([1, num]);
    expect(Array.from(out.data)).toEqual(want);
  });

  it.each([
    [0, 3.12, 200],
    [3.12, 6.24, 200],
    [0.1, 0.7, 7],
    [-1e-3, 1e9, 33],
  ])("linspace(%d, %d, %i) ends exactly at stop", (start, stop, num) => {
    const out = np.linspace(start, stop, num);
    expect(out.get(0, 0)).toBe(start);
    expect(out.get(0, -1)).toBe(stop);
    const step = (stop - start) / (num - 1);
    for (let i = 0; i < num - 1; i++) expect(out.get(0, i)).toBe(start + i * step);
  });

  it.each([
    [0, 1],
    [2, 2],
    [-3, 7],
  ])("linspace(%d, %d, 1) is [[start]], like numpy (not NaN)", (start, stop) => {
    expectArray(np.linspace(start, stop, 1), [[start]]);
  });

  it("a negative or fractional count is refused, naming linspace", () => {
    expect(thrown(() => np.linspace(0, 1, -1))).toBeInstanceOf(ShapeError);
    expect(thrown(() => np.linspace(0, 1, 2.5)).message).toMatch(/^np\.linspace: /);
  });
});

describe("constructors name the op in their errors", () => {
  it.each([
    { name: "zeros", call: () => np.zeros([2] as unknown as [number, number]) },
    { name: "ones", call: () => np.ones([-1, 2]) },
    { name: "full", call: () => np.full([1.5, 2], 0) },
    { name: "reshape", call: () => np.reshape(np.ones([2, 3]), [-2, -3]) },
  ])("a bad shape given to $name is reported under that name", ({ name, call }) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toMatch(
      new RegExp(`^np\\.${name}: shape must be \\[rows, cols\\] with two non-negative integers`),
    );
  });

  it("np.full with a non-number fill value", () => {
    const error = thrown(() => np.full([1, 1], "0" as unknown as number));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(`np.full: fill value must be a number, got "0"`);
  });

  it.each([5, "abc", undefined, [1, 2]])(
    "new NDArray with %j for its data says what it got",
    (data) => {
      const error = thrown(() => new NDArray(data as unknown as Float64Array, [1, 2]));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/^NDArray: data must be a Float64Array, got /);
    },
  );
});

describe("tolist, item, get and reshape", () => {
  const x = np.array([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it("tolist gives nested rows, including empty shapes", () => {
    expect(x.tolist()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(np.zeros([0, 3]).tolist()).toEqual([]);
    expect(np.zeros([2, 0]).tolist()).toEqual([[], []]);
    // A new list each time: changing it does not change the array.
    const list = x.tolist();
    (list[0] as number[])[0] = 99;
    expect(x.get(0, 0)).toBe(1);
  });

  it("item gives the single entry of a size-1 array", () => {
    expect(np.array([[7.5]]).item()).toBe(7.5);
    expect(np.sum(x, null, true).item()).toBe(21);
  });

  it.each([
    [2, 3],
    [1, 2],
    [0, 0],
  ] as const)("item on a (%i,%i) array is an error with the shape", (rows, cols) => {
    const error = thrown(() => np.zeros([rows, cols]).item());
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      `item: can only convert an array of size 1 to a number, got shape (${rows},${cols})`,
    );
  });

  it.each([
    [0, 0, 1],
    [1, 2, 6],
    [-1, -1, 6],
    [-2, 0, 1],
    [0, -3, 1],
  ])("get(%i, %i) = %d", (i, j, want) => {
    expect(x.get(i, j)).toBe(want);
  });

  it.each([
    [2, 0],
    [0, 3],
    [-3, 0],
    [0, -4],
    [0.5, 0],
    [Number.NaN, 0],
  ])("get(%d, %d) is out of bounds", (i, j) => {
    const error = thrown(() => x.get(i, j));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      `get: index [${i}, ${j}] is out of bounds for an array of shape (2,3)`,
    );
  });

  it("reshape keeps row-major order", () => {
    expect(x.reshape(3, 2).tolist()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(np.reshape(x, [6, 1]).shape).toEqual([6, 1]);
  });

  it.each([
    [4, 2],
    [6, 0.5],
    [1, 5],
  ])("x.reshape(%d, %d) of a size-6 array is refused", (rows, cols) => {
    const error = thrown(() => x.reshape(rows, cols));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      `np.reshape: cannot reshape array of size 6 into shape (${rows},${cols})`,
    );
  });

  it("x.reshape(-2, -3) is refused: negative dimensions whose product is the size", () => {
    const error = thrown(() => x.reshape(-2, -3));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("np.reshape: cannot reshape array of size 6 into shape (-2,-3)");
  });
});

describe("toString", () => {
  it("a small array, numpy's layout", () => {
    expect(
      np
        .array([
          [1, 2],
          [3, 4],
        ])
        .toString(),
    ).toBe("array([[1, 2],\n       [3, 4]])");
    expect(String(np.array([[0.5, -2]]))).toBe("array([[0.5, -2]])");
  });

  it("NaN and infinities print as numpy does", () => {
    expect(
      np
        .array([
          [Number.NaN, Infinity],
          [-Infinity, 1e-7],
        ])
        .toString(),
    ).toBe("array([[nan, inf],\n       [-inf, 1e-7]])");
  });

  it("a big array is shortened with ... in rows and columns", () => {
    expect(np.reshape(np.linspace(0, 63, 64), [8, 8]).toString()).toBe(
      [
        "array([[0, 1, 2, ..., 5, 6, 7],",
        "       [8, 9, 10, ..., 13, 14, 15],",
        "       [16, 17, 18, ..., 21, 22, 23],",
        "       ...,",
        "       [40, 41, 42, ..., 45, 46, 47],",
        "       [48, 49, 50, ..., 53, 54, 55],",
        "       [56, 57, 58, ..., 61, 62, 63]])",
      ].join("\n"),
    );
  });

  it("a (7,7) array is printed whole", () => {
    const text = np.ones([7, 7]).toString();
    expect(text).not.toContain("...");
    expect(text.split("\n")).toHaveLength(7);
  });

  it("empty arrays", () => {
    expect(np.zeros([0, 0]).toString()).toBe("array([])");
    expect(np.zeros([2, 0]).toString()).toBe("array([[],\n       []])");
  });
});

describe("results never show uninitialised storage", () => {
  // Sizes around the pool's size classes: in-heap (8), pooled (9..16384), own buffer (16385).
  const shapes: [number, number][] = [
    [2, 4],
    [3, 3],
    [4, 4],
    [1, 17],
    [17, 1],
    [10, 10],
    [25, 40],
    [128, 128],
    [1, 16385],
  ];

  it.each(shapes)("arrays of shape (%i,%i), after many allocations of that size", (rows, cols) => {
    const n = rows * cols;
    const x = np.reshape(np.linspace(1, n, n), [rows, cols]);
    for (let round = 0; round < 40; round++) {
      // Dirty the pool: fill, then drop, arrays of the same size class.
      for (let k = 0; k < 3; k++) np.full([rows, cols], Number.NaN);
      expect(np.zeros([rows, cols]).data.every((v) => v === 0)).toBe(true);
      expect(np.ones([rows, cols]).data.every((v) => v === 1)).toBe(true);
      expect(np.full([rows, cols], -2.5).data.every((v) => v === -2.5)).toBe(true);
      expect(np.zerosLike(x).data.every((v) => v === 0)).toBe(true);
      expect(np.onesLike(x).data.every((v) => v === 1)).toBe(true);
      expect(np.sum(x)).toBe((n * (n + 1)) / 2);
      expect(np.sum(np.ones([rows, cols]), 0).data.every((v) => v === rows)).toBe(true);
      expect(np.sum(np.ones([rows, cols]), 1).data.every((v) => v === cols)).toBe(true);
      expect(np.mean(np.full([rows, cols], 3), 1, true).data.every((v) => v === 3)).toBe(true);
      expect(np.max(np.zeros([rows, cols]), 0).data.every((v) => v === 0)).toBe(true);
      expect(np.argmax(x, 1).data.every((v) => v === cols - 1)).toBe(true);
      expect(np.add(np.zeros([rows, 1]), np.ones([1, cols])).data.every((v) => v === 1)).toBe(true);
      expect(np.where(np.zeros([rows, cols]), 5, 2).data.every((v) => v === 2)).toBe(true);
      expect(np.square(np.full([rows, cols], 3)).data.every((v) => v === 9)).toBe(true);
      expect(x.T.T.copy().data.every((v, i) => v === i + 1)).toBe(true);
      if (n <= 1000) {
        const product = np.dot(np.ones([rows, cols]), np.ones([cols, rows]));
        expect(product.data.every((v) => v === cols)).toBe(true);
      }
    }
  });

  it("np.dot with a zero inner dimension is all zeros", () => {
    for (let round = 0; round < 40; round++) {
      np.full([10, 10], Number.NaN);
      expect(np.dot(np.zeros([10, 0]), np.zeros([0, 10])).data.every((v) => v === 0)).toBe(true);
      expect(np.dot(np.zeros([10, 0]), np.zeros([0, 3])).data.every((v) => v === 0)).toBe(true);
    }
  });

  it("np.array writes every entry it is given", () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 7 }, (_, j) => i * 7 + j),
    );
    for (let round = 0; round < 40; round++) {
      np.full([6, 7], Number.NaN);
      expect(np.array(rows).tolist()).toEqual(rows);
    }
  });

  it("random draws fill every entry", () => {
    const rng = np.random.seed(0);
    for (let round = 0; round < 20; round++) {
      np.full([5, 9], Number.NaN);
      const u = rng.rand(5, 9).data;
      expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
      expect(rng.randn(5, 9).data.every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  it("a number operand still gives a result of the array's shape", () => {
    const x: ArrayLike = np.ones([3, 5]);
    expectArray(np.subtract(1, x), np.zeros([3, 5]).tolist());
  });
});

describe("maximum and minimum settle ties as numpy does", () => {
  // Printed by numpy 2.4.6 (python3 -c "import numpy as np; print(np.maximum([-0.0, 0.0], [0.0, -0.0]))"):
  // of equal values the second, so of two zeros the second one's sign; of two NaNs the first.
  const bits = (x: NDArray) => Array.from(new BigUint64Array(Float64Array.from(x.data).buffer));
  const signs = (x: NDArray) => Array.from(x.data, (v) => (Object.is(v, -0) ? "-0" : String(v)));

  it("two zeros: the second", () => {
    expect(signs(np.maximum(np.array([[-0, 0]]), np.array([[0, -0]])))).toEqual(["0", "-0"]);
    expect(signs(np.minimum(np.array([[0, -0]]), np.array([[-0, 0]])))).toEqual(["-0", "0"]);
    // A ReLU of zeros, written either way round.
    expect(signs(np.maximum(np.array([[-0, 0]]), 0))).toEqual(["0", "0"]);
    expect(signs(np.maximum(0, np.array([[-0, 0]])))).toEqual(["-0", "0"]);
  });

  it("two NaNs: the first, to the bit", () => {
    const nan1 = new Float64Array(new BigUint64Array([0x7ff8000000000001n]).buffer)[0] as number;
    const nan2 = new Float64Array(new BigUint64Array([0x7ff8000000000002n]).buffer)[0] as number;
    const a = np.array([[nan1, nan2, 1]]);
    const b = np.array([[nan2, nan1, nan1]]);
    expect(bits(np.maximum(a, b))).toEqual([
      0x7ff8000000000001n,
      0x7ff8000000000002n,
      0x7ff8000000000001n,
    ]);
    expect(bits(np.minimum(b, a))).toEqual([
      0x7ff8000000000002n,
      0x7ff8000000000001n,
      0x7ff8000000000001n,
    ]);
  });
});
