/**
 * `np`: numpy's names for the 2-D array operations learners need, so that the course's Python
 * translates line by line:
 *
 *     y = np.dot(M, v) + c             ->  const y = np.add(np.dot(M, v), c);
 *     s = np.sum(D, axis=1, keepdims=True) / n
 *                                      ->  const s = np.divide(np.sum(D, 1, true), n);
 *
 * Import it by the package name, wherever your file lies: `import { np } from "gradecheck/np";`.
 * Every function returns a new array and leaves its arguments unchanged.
 */
import * as kernels from "./kernels.ts";
import {
  type ArrayLike,
  type Axis,
  activeTracer,
  type Elementwise,
  elementwise,
  mapped,
  NDArray,
  operand,
  owned,
  selected,
  valuesOf,
} from "./ndarray.ts";
import { RandomState } from "./random.ts";
import { checkShape, describe, formatShape, type Shape, ShapeError } from "./shape.ts";
import { allocate } from "./storage.ts";

export { NotImplementedError } from "./errors.ts";
export { type ArrayLike, type Axis, NDArray } from "./ndarray.ts";
export { RandomState } from "./random.ts";
export { type Shape, ShapeError } from "./shape.ts";

function binary(op: kernels.BinaryOp) {
  return <A extends ArrayLike, B extends ArrayLike>(a: A, b: B): Elementwise<A, B> => {
    const out = elementwise(op, a, b);
    return (typeof a === "number" && typeof b === "number" ? out.item() : out) as Elementwise<A, B>;
  };
}

function unary(op: kernels.UnaryOp) {
  return <A extends ArrayLike>(x: A): Elementwise<A> => {
    if (typeof x === "number")
      return kernels.applyUnary(kernels.unaryCodes[op], x) as Elementwise<A>;
    return mapped(op, operand(op, "x", x)) as Elementwise<A>;
  };
}

function array(rows: unknown): NDArray {
  if (rows instanceof NDArray) return rows.copy();
  if (!Array.isArray(rows) || !Array.from(rows).every(Array.isArray)) {
    throw new TypeError(
      `np.array: expected a list of rows (number[][]), got ${describe(rows)}; ` +
        "a row vector is [[1, 2, 3]], a column vector [[1], [2], [3]]",
    );
  }
  const cols = rows.length === 0 ? 0 : (rows[0] as unknown[]).length;
  const data = allocate(rows.length * cols);
  // Index loops, not forEach: forEach skips holes, which would leave entries unwritten.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown[];
    if (row.length !== cols) {
      throw new ShapeError(
        `np.array: row ${i} has ${row.length} entries but row 0 has ${cols}; all rows must have the same length`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== "number") {
        throw new TypeError(`np.array: entry [${i}, ${j}] must be a number, got ${describe(v)}`);
      }
      data[i * cols + j] = v;
    }
  }
  return owned(data, [rows.length, cols]);
}

function full(shape: Shape, value: number, op = "full"): NDArray {
  const s = checkShape(op, shape);
  if (typeof value !== "number") {
    throw new TypeError(`np.${op}: fill value must be a number, got ${describe(value)}`);
  }
  return owned(allocate(s[0] * s[1]).fill(value), s);
}

function sum(x: ArrayLike): number;
function sum(x: ArrayLike, axis: Axis, keepdims?: boolean): NDArray;
function sum(x: ArrayLike, axis: null | undefined, keepdims: true): NDArray;
function sum(x: ArrayLike, axis?: Axis | null, keepdims?: boolean): NDArray | number {
  return operand("sum", "x", x).sum(axis, keepdims);
}

function mean(x: ArrayLike): number;
function mean(x: ArrayLike, axis: Axis, keepdims?: boolean): NDArray;
function mean(x: ArrayLike, axis: null | undefined, keepdims: true): NDArray;
function mean(x: ArrayLike, axis?: Axis | null, keepdims?: boolean): NDArray | number {
  return operand("mean", "x", x).mean(axis, keepdims);
}

function max(x: ArrayLike): number;
function max(x: ArrayLike, axis: Axis, keepdims?: boolean): NDArray;
function max(x: ArrayLike, axis: null | undefined, keepdims: true): NDArray;
function max(x: ArrayLike, axis?: Axis | null, keepdims?: boolean): NDArray | number {
  return operand("max", "x", x).max(axis, keepdims);
}

function min(x: ArrayLike): number;
function min(x: ArrayLike, axis: Axis, keepdims?: boolean): NDArray;
function min(x: ArrayLike, axis: null | undefined, keepdims: true): NDArray;
function min(x: ArrayLike, axis?: Axis | null, keepdims?: boolean): NDArray | number {
  return operand("min", "x", x).min(axis, keepdims);
}

function argmax(x: ArrayLike): number;
function argmax(x: ArrayLike, axis: Axis, keepdims?: boolean): NDArray;
function argmax(x: ArrayLike, axis?: Axis | null, keepdims?: boolean): NDArray | number {
  return operand("argmax", "x", x).argmax(axis, keepdims);
}

/** `x` where `cond` is non-zero, else `y`; all three broadcast together, like `np.where`. */
function where(cond: ArrayLike, x: ArrayLike, y: ArrayLike): NDArray {
  const c = operand("where", "condition", cond);
  const a = operand("where", "x", x);
  const b = operand("where", "y", y);
  const tracer = activeTracer();
  if (tracer) return tracer.traced("where", [c, a, b], () => where(c, a, b));
  return selected(c, a, b);
}

/**
 * The arrays one after the other: down (axis 0, the default: same number of columns) or across
 * (axis 1: same number of rows), like numpy's `np.concatenate`.
 * @example np.concatenate([np.reshape(W1, [-1, 1]), np.reshape(b1, [-1, 1])]) // one column
 */
function concatenate(arrays: NDArray[], axis: Axis = 0): NDArray {
  if (!Array.isArray(arrays) || arrays.length === 0) {
    throw new TypeError(
      `np.concatenate: expected a non-empty list of arrays, got ${describe(arrays)}`,
    );
  }
  const parts = arrays.map((a, i) => operand("concatenate", `arrays[${i}]`, a));
  if (axis !== 0 && axis !== 1) {
    throw new ShapeError(`np.concatenate: axis must be 0 or 1, got ${describe(axis)}`);
  }
  const tracer = activeTracer();
  if (tracer) return tracer.traced("concatenate", [axis, ...parts], () => concatenate(parts, axis));
  const kept = axis === 0 ? 1 : 0;
  const first = parts[0] as NDArray;
  parts.forEach((p, i) => {
    if (p.shape[kept] !== first.shape[kept]) {
      throw new ShapeError(
        `np.concatenate: arrays[${i}] has shape ${formatShape(p.shape)} but arrays[0] has ${formatShape(first.shape)}; along axis ${axis} they must have the same number of ${axis === 0 ? "columns" : "rows"}`,
      );
    }
  });
  const joined = parts.reduce((n, p) => n + p.shape[axis], 0);
  const shape: Shape = axis === 0 ? [joined, first.shape[1]] : [first.shape[0], joined];
  const out = allocate(shape[0] * shape[1]);
  if (axis === 0) {
    let at = 0;
    for (const p of parts) {
      out.set(valuesOf(p), at);
      at += p.size;
    }
  } else {
    let col = 0;
    for (const p of parts) {
      const [rows, cols] = p.shape;
      const values = valuesOf(p);
      for (let i = 0; i < rows; i++)
        out.set(values.subarray(i * cols, (i + 1) * cols), i * shape[1] + col);
      col += cols;
    }
  }
  return owned(out, shape);
}

/** The square root of the sum of the squares of all entries (numpy's `np.linalg.norm`). */
function norm(x: ArrayLike): number {
  if (typeof x === "number") return Math.abs(x);
  const a = operand("linalg.norm", "x", x);
  activeTracer()?.leaves(a, "np.linalg.norm");
  const data = valuesOf(a);
  let squares = 0;
  for (let i = 0; i < data.length; i++) squares += (data[i] as number) * (data[i] as number);
  return Math.sqrt(squares);
}

/**
 * `num` evenly spaced values from `start` to `stop` (both included) in a (1, num) row, computed
 * as numpy does: value i is start + i·step, and the last value is exactly `stop`.
 */
function linspace(start: number, stop: number, num: number): NDArray {
  checkShape("linspace", [1, num]);
  const out = allocate(num);
  if (num === 1) {
    out[0] = start; // numpy: a single value is start
  } else if (num > 1) {
    const step = (stop - start) / (num - 1);
    for (let i = 0; i < num - 1; i++) out[i] = start + i * step;
    out[num - 1] = stop;
  }
  return owned(out, [1, num]);
}

export const np = {
  /**
   * An array from a list of rows.
   * @example np.array([[1, 2], [3, 4]]).shape // [2, 2]
   */
  array,
  /** @example np.zeros([4, 1]) // like numpy's np.zeros((4, 1)) */
  zeros: (shape: Shape): NDArray => full(shape, 0, "zeros"),
  /** @example np.ones([1, 3]) */
  ones: (shape: Shape): NDArray => full(shape, 1, "ones"),
  /** @example np.full([2, 2], 0.5) */
  full,
  zerosLike: (x: NDArray): NDArray => full(operand("zerosLike", "x", x).shape, 0, "zerosLike"),
  onesLike: (x: NDArray): NDArray => full(operand("onesLike", "x", x).shape, 1, "onesLike"),
  linspace,

  /** `a + b` entry by entry, broadcasting. @example np.add(np.dot(M, v), c) */
  add: binary("add"),
  /** `a - b` entry by entry, broadcasting. */
  subtract: binary("subtract"),
  /** `a * b` entry by entry, broadcasting (numpy's `*`; the matrix product is `np.dot`). */
  multiply: binary("multiply"),
  /** `a / b` entry by entry, broadcasting. @example np.divide(np.sum(D, 1, true), n) */
  divide: binary("divide"),
  /** `a ** b` entry by entry, broadcasting. @example np.power(A1, 2) */
  power: binary("power"),
  /** Larger of `a` and `b` entry by entry (NaN wins, as in numpy). */
  maximum: binary("maximum"),
  /** Smaller of `a` and `b` entry by entry (NaN wins, as in numpy). */
  minimum: binary("minimum"),
  /** 1 where `a > b`, else 0 (numpy gives booleans; here they are 1.0 and 0.0). */
  greater: binary("greater"),
  /** 1 where `a >= b`, else 0. */
  greaterEqual: binary("greaterEqual"),
  /** 1 where `a < b`, else 0. */
  less: binary("less"),
  /** 1 where `a <= b`, else 0. */
  lessEqual: binary("lessEqual"),
  /** 1 where `a == b`, else 0 (NaN equals nothing). */
  equal: binary("equal"),
  /** 1 where `a != b`, else 0. */
  notEqual: binary("notEqual"),

  /** e^x entry by entry. */
  exp: unary("exp"),
  /** Natural logarithm entry by entry (log(0) = -inf, log of a negative = NaN, as numpy). */
  log: unary("log"),
  /** Hyperbolic tangent entry by entry. */
  tanh: unary("tanh"),
  sin: unary("sin"),
  cos: unary("cos"),
  abs: unary("abs"),
  sqrt: unary("sqrt"),
  /** `x²` entry by entry. */
  square: unary("square"),
  /** `-x` entry by entry (TypeScript has no operators on arrays). */
  negative: unary("negative"),
  sign: unary("sign"),
  /** Rounds to the nearest integer, halves to even, like numpy's `np.round`. */
  round: unary("round"),
  /** 1 where the entry is NaN, else 0. */
  isnan: unary("isnan"),

  /** Matrix product (n,k)·(k,m) -> (n,m). @example np.dot(W2, A1) */
  dot: (a: ArrayLike, b: ArrayLike): NDArray =>
    typeof a === "number" ? operand("dot", "b", b).multiply(a) : operand("dot", "a", a).dot(b),
  /** @example np.transpose(A1) // same as A1.T */
  transpose: (x: NDArray): NDArray => operand("transpose", "x", x).T,
  /**
   * The same entries in another shape, row-major; one size may be −1.
   * @example np.reshape(W1, [-1, 1]) // numpy: np.reshape(W1, (-1, 1))
   */
  reshape: (x: NDArray, shape: Shape): NDArray => {
    // −1 ("whatever the size makes it") passes the shape check as 0, then reshape works it out.
    const given = Array.isArray(shape) ? shape.map((d) => (d === -1 ? 0 : d)) : shape;
    const [rows, cols] = checkShape("reshape", given);
    return operand("reshape", "x", x).reshape(
      shape[0] === -1 ? -1 : rows,
      shape[1] === -1 ? -1 : cols,
    );
  },
  concatenate,
  linalg: {
    /**
     * The Euclidean (Frobenius) norm: the square root of the sum of the squares of all entries,
     * like numpy's `np.linalg.norm(x)`.
     * @example np.linalg.norm(np.subtract(grad, gradApprox))
     */
    norm,
  },
  /**
   * Sum of all entries (a number), or along an axis (0: down each column, 1: along each row).
   * @example np.sum(dZ2, 1, true) // numpy: np.sum(dZ2, axis=1, keepdims=True)
   */
  sum,
  /** Mean of all entries, or along an axis; same rules as `np.sum`. */
  mean,
  max,
  min,
  argmax,
  where,

  /** numpy-compatible random generators; no global state: keep the generator you create. */
  random: {
    /**
     * A generator in the state of numpy's `np.random.seed(seed)`.
     * @example const rng = np.random.seed(2); const W1 = np.multiply(rng.randn(4, 2), 0.01);
     */
    seed: (seed: number): RandomState => new RandomState(seed),
    RandomState,
  },
};
