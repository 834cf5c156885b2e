import { describe, expect, it } from "vitest";
import { type ArrayLike, type NDArray, np, ShapeError } from "../../assignments/lib/np.ts";
import { expectArray, thrown } from "../helpers.ts";

type Matrix = number[][];
type Binary = (a: ArrayLike, b: ArrayLike) => NDArray | number;

/** Every binary op with an independent scalar definition (numpy semantics, NaN wins in max/min). */
const families: { op: string; fn: Binary; ref: (x: number, y: number) => number }[] = [
  { op: "add", fn: np.add, ref: (x, y) => x + y },
  { op: "subtract", fn: np.subtract, ref: (x, y) => x - y },
  { op: "multiply", fn: np.multiply, ref: (x, y) => x * y },
  { op: "divide", fn: np.divide, ref: (x, y) => x / y },
  { op: "power", fn: np.power, ref: (x, y) => x ** y },
  {
    op: "maximum",
    fn: np.maximum,
    ref: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y)),
  },
  {
    op: "minimum",
    fn: np.minimum,
    ref: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y)),
  },
  { op: "greater", fn: np.greater, ref: (x, y) => Number(x > y) },
  { op: "greaterEqual", fn: np.greaterEqual, ref: (x, y) => Number(x >= y) },
  { op: "less", fn: np.less, ref: (x, y) => Number(x < y) },
  { op: "lessEqual", fn: np.lessEqual, ref: (x, y) => Number(x <= y) },
  { op: "equal", fn: np.equal, ref: (x, y) => Number(x === y) },
  { op: "notEqual", fn: np.notEqual, ref: (x, y) => Number(x !== y) },
];

/** Deterministic, varied entries (negatives, fractions, repeats so that equal/greater both fire). */
function matrix(rows: number, cols: number, salt: number): Matrix {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (((i * 7 + j * 3 + salt) % 11) - 5) / 2),
  );
}

function cell(m: Matrix, i: number, j: number): number {
  const v = m[i]?.[j];
  if (v === undefined) throw new Error(`test bug: no entry [${i}, ${j}]`);
  return v;
}

/** numpy broadcasting written out as a loop: a dimension of 1 is read at index 0. */
function broadcastLoop(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  const aRows = a.length;
  const aCols = a[0]?.length ?? 0;
  const bRows = b.length;
  const bCols = b[0]?.length ?? 0;
  const rows = aRows === 1 ? bRows : aRows;
  const cols = aCols === 1 ? bCols : aCols;
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      row.push(
        f(
          cell(a, aRows === 1 ? 0 : i, aCols === 1 ? 0 : j),
          cell(b, bRows === 1 ? 0 : i, bCols === 1 ? 0 : j),
        ),
      );
    }
    out.push(row);
  }
  return out;
}

/** Operand shapes and the shape they broadcast to; small (in-heap) and pooled sizes. */
const shapeCases: { name: string; a: [number, number]; b: [number, number] }[] = [
  { name: "same shape (2,3)", a: [2, 3], b: [2, 3] },
  { name: "same shape (5,7), pooled storage", a: [5, 7], b: [5, 7] },
  { name: "(r,1) with (r,c)", a: [4, 1], b: [4, 5] },
  { name: "(r,c) with (r,1)", a: [4, 5], b: [4, 1] },
  { name: "(1,c) with (r,c)", a: [1, 6], b: [3, 6] },
  { name: "(r,c) with (1,c)", a: [3, 6], b: [1, 6] },
  { name: "(r,1) with (1,c) -> (r,c)", a: [4, 1], b: [1, 9] },
  { name: "(1,c) with (r,1) -> (r,c)", a: [1, 9], b: [4, 1] },
  { name: "(1,1) array with (r,c)", a: [1, 1], b: [3, 4] },
  { name: "(r,c) with (1,1) array", a: [3, 4], b: [1, 1] },
  { name: "(1,1) with (1,1)", a: [1, 1], b: [1, 1] },
  { name: "(1,c) with (1,c)", a: [1, 10], b: [1, 10] },
  { name: "(r,1) with (r,1)", a: [10, 1], b: [10, 1] },
];

describe("broadcasting, every binary op", () => {
  for (const { op, fn, ref } of families) {
    describe(`np.${op}`, () => {
      it.each(shapeCases)("$name", ({ a, b }) => {
        const A = matrix(a[0], a[1], 1);
        const B = matrix(b[0], b[1], 4);
        expectArray(fn(np.array(A), np.array(B)), broadcastLoop(A, B, ref));
      });

      it("a number on the right broadcasts like a (1,1) array", () => {
        const A = matrix(3, 5, 2);
        expectArray(fn(np.array(A), 1.5), broadcastLoop(A, [[1.5]], ref));
        expectArray(fn(np.array(A), -2), broadcastLoop(A, [[-2]], ref));
      });

      it("a number on the left broadcasts like a (1,1) array", () => {
        const B = matrix(3, 5, 2);
        expectArray(fn(1.5, np.array(B)), broadcastLoop([[1.5]], B, ref));
        expectArray(fn(-2, np.array(B)), broadcastLoop([[-2]], B, ref));
      });

      it("two numbers give a number", () => {
        for (const [x, y] of [
          [3, 2],
          [2, 3],
          [-1.5, -1.5],
        ] as const) {
          const out = fn(x, y);
          expect(typeof out).toBe("number");
          expect(out).toBe(ref(x, y));
        }
      });

      it("a (2,3) and (3,2) pair is a numpy-worded broadcast error naming the op", () => {
        const error = thrown(() => fn(np.zeros([2, 3]), np.zeros([3, 2])));
        expect(error).toBeInstanceOf(ShapeError);
        expect(error.message).toBe(
          `np.${op}: operands could not be broadcast together with shapes (2,3) (3,2)`,
        );
      });
    });
  }
});

describe("hand-computed broadcasting", () => {
  const col = np.array([[1], [2]]);
  const row = np.array([[10, 20, 30]]);

  it.each([
    {
      name: "column + row",
      out: () => np.add(col, row),
      expected: [
        [11, 21, 31],
        [12, 22, 32],
      ],
    },
    {
      name: "row - column",
      out: () => np.subtract(row, col),
      expected: [
        [9, 19, 29],
        [8, 18, 28],
      ],
    },
    {
      name: "column * row",
      out: () => np.multiply(col, row),
      expected: [
        [10, 20, 30],
        [20, 40, 60],
      ],
    },
    {
      name: "row / column",
      out: () => np.divide(row, col),
      expected: [
        [10, 20, 30],
        [5, 10, 15],
      ],
    },
    { name: "column ** 2", out: () => np.power(col, 2), expected: [[1], [4]] },
    { name: "2 ** column", out: () => np.power(2, col), expected: [[2], [4]] },
    { name: "maximum(column, 1.5)", out: () => np.maximum(col, 1.5), expected: [[1.5], [2]] },
    { name: "minimum(1.5, column)", out: () => np.minimum(1.5, col), expected: [[1], [1.5]] },
    { name: "row > 15", out: () => np.greater(row, 15), expected: [[0, 1, 1]] },
    { name: "row >= 20", out: () => np.greaterEqual(row, 20), expected: [[0, 1, 1]] },
    { name: "20 < row", out: () => np.less(20, row), expected: [[0, 0, 1]] },
    { name: "row <= 20", out: () => np.lessEqual(row, 20), expected: [[1, 1, 0]] },
    { name: "column == [[2]]", out: () => np.equal(col, np.array([[2]])), expected: [[0], [1]] },
    { name: "[[2]] != column", out: () => np.notEqual(np.array([[2]]), col), expected: [[1], [0]] },
    {
      name: "W·X + b, a (4,1) bias on a (4,3) product",
      out: () => np.add(np.ones([4, 3]), np.array([[1], [2], [3], [4]])),
      expected: [
        [2, 2, 2],
        [3, 3, 3],
        [4, 4, 4],
        [5, 5, 5],
      ],
    },
  ])("$name", ({ out, expected }) => {
    expectArray(out(), expected);
  });

  it.each([
    {
      name: "add",
      out: () => col.add(row),
      expected: [
        [11, 21, 31],
        [12, 22, 32],
      ],
    },
    { name: "subtract", out: () => col.subtract(1), expected: [[0], [1]] },
    {
      name: "multiply",
      out: () => row.multiply(col),
      expected: [
        [10, 20, 30],
        [20, 40, 60],
      ],
    },
    { name: "divide", out: () => row.divide(np.array([[10]])), expected: [[1, 2, 3]] },
    {
      name: "power",
      out: () => col.power(row.divide(10)),
      expected: [
        [1, 1, 1],
        [2, 4, 8],
      ],
    },
  ])("method $name broadcasts like the np function", ({ out, expected }) => {
    expectArray(out(), expected);
  });

  it("zero-size dimensions broadcast like numpy: (1,0) with (3,1) -> (3,0)", () => {
    expect((np.add(np.zeros([1, 0]), np.zeros([3, 1])) as NDArray).shape).toEqual([3, 0]);
  });
});

describe("numpy-worded shape errors", () => {
  it("np.add with (4,1) and (3,400)", () => {
    const error = thrown(() => np.add(np.zeros([4, 1]), np.zeros([3, 400])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "np.add: operands could not be broadcast together with shapes (4,1) (3,400)",
    );
  });

  it("the method form words it the same way", () => {
    expect(thrown(() => np.zeros([4, 1]).add(np.zeros([3, 400]))).message).toBe(
      "np.add: operands could not be broadcast together with shapes (4,1) (3,400)",
    );
  });

  it.each([
    { a: [2, 1], b: [3, 1] },
    { a: [1, 2], b: [1, 3] },
    { a: [2, 3], b: [2, 4] },
    { a: [0, 1], b: [3, 1] },
  ] as const)("np.subtract with $a and $b", ({ a, b }) => {
    const error = thrown(() => np.subtract(np.zeros(a), np.zeros(b)));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      `np.subtract: operands could not be broadcast together with shapes (${a[0]},${a[1]}) (${b[0]},${b[1]})`,
    );
  });

  it("np.dot with (4,2) and (3,400)", () => {
    const error = thrown(() => np.dot(np.zeros([4, 2]), np.zeros([3, 400])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "np.dot: shapes (4,2) and (3,400) not aligned: 2 (dim 1) != 3 (dim 0)",
    );
  });

  it("np.where names itself", () => {
    const error = thrown(() => np.where(np.zeros([2, 1]), np.zeros([3, 1]), 0));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "np.where: operands could not be broadcast together with shapes (2,1) (3,1)",
    );
  });
});

describe("type errors name the op and the argument", () => {
  const x = np.ones([2, 2]);
  const asOperand = (v: unknown) => v as ArrayLike;

  it.each([
    {
      name: "a string as np.add's first argument",
      call: () => np.add(asOperand("1"), x),
      message: `np.add: argument 'a' must be an NDArray or a number, got "1"`,
    },
    {
      name: "a nested JS array as np.add's second argument",
      call: () => np.add(x, asOperand([[1, 2]])),
      message:
        "np.add: argument 'b' must be an NDArray or a number, got [[...]] (wrap nested lists with np.array first)",
    },
    {
      name: "a flat JS array as np.multiply's first argument",
      call: () => np.multiply(asOperand([1, 2]), x),
      message:
        "np.multiply: argument 'a' must be an NDArray or a number, got [1, 2] (wrap nested lists with np.array first)",
    },
    {
      name: "undefined as np.maximum's second argument",
      call: () => np.maximum(x, asOperand(undefined)),
      message: "np.maximum: argument 'b' must be an NDArray or a number, got undefined",
    },
    {
      name: "null as np.greater's first argument",
      call: () => np.greater(asOperand(null), x),
      message: "np.greater: argument 'a' must be an NDArray or a number, got null",
    },
    {
      name: "a nested JS array to the add method",
      call: () => x.add(asOperand([[1]])),
      message:
        "np.add: argument 'b' must be an NDArray or a number, got [[...]] (wrap nested lists with np.array first)",
    },
    {
      name: "a string to np.dot",
      call: () => np.dot(asOperand("W"), x),
      message: `np.dot: argument 'a' must be an NDArray or a number, got "W"`,
    },
    {
      name: "a nested JS array to the dot method",
      call: () => x.dot(asOperand([[1], [2]])),
      message:
        "np.dot: argument 'b' must be an NDArray or a number, got [[...], [...]] (wrap nested lists with np.array first)",
    },
    {
      name: "a string to np.exp",
      call: () => np.exp(asOperand("x")),
      message: `np.exp: argument 'x' must be an NDArray or a number, got "x"`,
    },
    {
      name: "a nested JS array to np.sum",
      call: () => np.sum(asOperand([[1, 2]])),
      message:
        "np.sum: argument 'x' must be an NDArray or a number, got [[...]] (wrap nested lists with np.array first)",
    },
    {
      name: "a nested JS array as np.where's condition",
      call: () => np.where(asOperand([[1]]), x, 0),
      message:
        "np.where: argument 'condition' must be an NDArray or a number, got [[...]] (wrap nested lists with np.array first)",
    },
  ])("$name", ({ call, message }) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(message);
  });
});
