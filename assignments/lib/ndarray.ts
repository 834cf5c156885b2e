/**
 * The 2-D float64 array learners compute with: row-major Float64Array storage, immutable (no
 * function or method ever writes to an existing array), numpy's broadcasting and numpy's wording in
 * errors. Every operation exists once, here; `np.add(a, b)` and `a.add(b)` are the same code.
 */

import {
  evaluate,
  FUSE_MIN,
  inlinedByEveryReader,
  MAX_DEPTH,
  type Operand,
  type Pending,
  type Product,
  pending,
  pendingProduct,
  productWaits,
} from "./fusion.ts";
import * as kernels from "./kernels.ts";
import { broadcastShapes, describe, formatShape, type Shape, ShapeError } from "./shape.ts";
import { allocateReserved, copyOf, reserve, transportCopyOf } from "./storage.ts";

/** Anything an operation accepts as an operand: an array, or a number (a scalar, as in numpy). */
export type ArrayLike = NDArray | number;

/** An axis of a 2-D array; -1 and -2 count from the end, as in numpy. */
export type Axis = 0 | 1 | -1 | -2;

/** Result type of an element-wise op: a number only when every operand is a number. */
export type Elementwise<A extends ArrayLike, B extends ArrayLike = number> = A extends number
  ? B extends number
    ? number
    : NDArray
  : NDArray;

const inspect = Symbol.for("nodejs.util.inspect.custom");

/** The operations a tracer sees, by name: numpy's, plus the array methods that make new arrays. */
export type TracedOp =
  | kernels.BinaryOp
  | kernels.UnaryOp
  | "dot"
  | "transpose"
  | "reshape"
  | "slice"
  | "copy"
  | "set"
  | "sum"
  | "mean"
  | "max"
  | "min"
  | "argmax"
  | "where"
  | "concatenate"
  | "toString";

/**
 * What forward-mode differentiation (forward.ts) hooks into while it runs: every operation on
 * arrays hands it its operands and a way to compute its result, and every way out of the array
 * module (a number read from an array) is reported. With no tracer, which is always outside a
 * gradient check, each operation pays one test of a module variable.
 */
export interface Tracer {
  /** `compute()`'s result, with the tangents `op` gives it from `args`' tangents. */
  traced<R>(op: TracedOp, args: readonly unknown[], compute: () => R): R;
  /** `x`'s values leave the array module through `how` (a number, a list, a loop over `.data`). */
  leaves(x: NDArray, how: string): void;
}

let tracer: Tracer | undefined;

/** The tracer now running, if any. */
export function activeTracer(): Tracer | undefined {
  return tracer;
}

/** Makes `next` the tracer (undefined: none). */
export function setTracer(next: Tracer | undefined): void {
  tracer = next;
}

/**
 * Where an array's entries are: shared by the arrays that view the same entries (`reshape`), so
 * that a write through one is seen by all and what it must copy first is known to all.
 */
interface Store {
  /** The entries; undefined until first read. */
  values: Float64Array | undefined;
  /** What computes them then: an element-wise expression or a product (fusion.ts), or a transpose. */
  pending: Pending | Product | (() => Float64Array) | undefined;
  /**
   * The values have been handed out (`.data`, or given to the constructor): code outside this
   * module may write to them at any time, so no expression may read them later, only now.
   */
  escaped: boolean;
  /** A pending expression will read these values: copy them before a write or handing them out. */
  captured: boolean;
}

/**
 * Values handed out to be written: given to the constructor, or returned by `.data` or for `set`.
 * Only these are ever written once made (the module's own computations fill new arrays before
 * wrapping them), so the values of any other array are settled: a product may keep a copy of them
 * from one call to the next (kernels.ts's `settled`).
 */
const writable = new WeakSet<Float64Array>();
const settled = (values: Float64Array) => !writable.has(values);

/** The store the constructor takes instead of its arguments (see `make`). */
let making: Store | undefined;

/** An array over `store`, made by this module: its values are not the caller's to write. */
function make(store: Store, shape: Shape): NDArray {
  making = store;
  return new NDArray(NO_VALUES, shape);
}

const NO_VALUES = new Float64Array(0);

/** An array over values just computed here, which nothing else holds. */
export function owned(values: Float64Array, shape: Shape): NDArray {
  return make({ values, pending: undefined, escaped: false, captured: false }, shape);
}

/** An array whose entries are `node`'s, computed when first read; charged to the allocation limit now. */
function later(node: Pending | Product, shape: Shape): NDArray {
  reserve(node.rows * node.cols);
  return make({ values: undefined, pending: node, escaped: false, captured: false }, shape);
}

/** `x`'s entries, computed if pending, for this module's own reading: they stay unescaped. */
export let valuesOf: (x: NDArray) => Float64Array;
/**
 * A copy of `x` as the wire makes one (`transportCopyOf`: not charged to the allocation limit),
 * for a value that crosses between functions in one process: the two share `x`'s entries until
 * either is written to, which copies them first (both are marked `captured`). Entries handed out
 * (`escaped`), which code outside may write to at any time, are copied at once.
 */
export let sharedCopy: (x: NDArray) => NDArray;
/**
 * `x` as an operand of a pending expression with a result of `shape` (to which `x` broadcasts),
 * frozen: its one number, its pending expression, or its values, whole or as a broadcast line.
 */
let freeze: (x: NDArray, shape: Shape) => Operand;

export class NDArray {
  /** `[rows, cols]`. */
  readonly shape: Shape;
  /** Number of entries, rows × cols. */
  readonly size: number;
  /** Always 2: every array here is a matrix; numpy's 1-D vectors are (1, n) rows. */
  readonly ndim = 2;
  #store: Store;
  #transposed: NDArray | undefined;
  /** For an array made by `.T`: the array it is the transpose of, at which of its versions. */
  #transposeOf: { source: NDArray; version: number } | undefined;
  /** How many times `set` changed this array (what makes a transpose's source stale). */
  #version = 0;

  /** Wraps row-major `data` (not copied) as an array of `shape`. Prefer `np.array` in learner code. */
  constructor(data: Float64Array, shape: Shape) {
    const store = making;
    if (store) {
      making = undefined;
      this.#store = store;
      this.shape = [shape[0], shape[1]];
      this.size = shape[0] * shape[1];
      return;
    }
    // The caller keeps `data` and may write to it: the array sees the writes, as numpy's would.
    this.#store = { values: data, pending: undefined, escaped: true, captured: false };
    if (!(data instanceof Float64Array)) {
      throw new TypeError(`NDArray: data must be a Float64Array, got ${describe(data)}`);
    }
    if (data.length !== shape[0] * shape[1]) {
      throw new ShapeError(
        `NDArray: cannot make an array of shape ${formatShape(shape)} from ${data.length} values`,
      );
    }
    writable.add(data);
    this.shape = [shape[0], shape[1]];
    this.size = data.length;
  }

  static {
    valuesOf = (x) => x.#values;
    sharedCopy = (x) => {
      const store = x.#store;
      const values = x.#values;
      if (store.escaped) return owned(transportCopyOf(values), x.shape);
      store.captured = true;
      return make({ values, pending: undefined, escaped: false, captured: true }, x.shape);
    };
    freeze = (x, [rows, cols]) => {
      if (x.size === 1) return x.#values[0] as number;
      const store = x.#store;
      const node = store.pending;
      const whole = x.shape[0] === rows && x.shape[1] === cols;
      // An expression read by one other is computed inside it; read by two, it is computed once
      // (unless it is cheaper to compute again: see inlinedByEveryReader).
      const expression = typeof node === "object" && !node.result;
      if (
        whole &&
        expression &&
        (!node.inlined || inlinedByEveryReader(node)) &&
        node.depth < MAX_DEPTH
      ) {
        node.inlined = true;
        return node;
      }
      const values = x.#frozen();
      if (whole) return values;
      return { line: x.shape[0] === 1 ? "row" : "column", values };
    };
  }

  /**
   * The entries, row-major. Read them, never write them: arrays share storage between operations
   * (a reshape is the same entries), so a write would change every array that shares it.
   */
  get data(): Float64Array {
    const values = this.#writable;
    this.#store.escaped = true;
    return values;
  }

  /**
   * The values, to write to or hand out: copied first when a pending expression will read them,
   * which keeps the ones it froze. The copy takes their place rather than adding an array, so it
   * is not charged to the allocation limit.
   */
  get #writable(): Float64Array {
    const store = this.#store;
    const values = this.#values;
    if (!store.captured) {
      writable.add(values);
      return values;
    }
    const copy = allocateReserved(values.length);
    copy.set(values);
    store.values = copy;
    store.captured = false;
    writable.add(copy);
    return copy;
  }

  get #values(): Float64Array {
    const store = this.#store;
    if (store.values) return store.values;
    const pending = store.pending as Pending | Product | (() => Float64Array);
    const values = typeof pending === "function" ? pending() : evaluate(pending);
    store.values = values;
    store.pending = undefined;
    store.captured = typeof pending === "object" && pending.inlined;
    return values;
  }

  /**
   * The values as they are now, for an expression to read later: copied when they were handed out
   * (code outside may write to them before it runs), else kept, and copied before any write.
   */
  #frozen(): Float64Array {
    const store = this.#store;
    if (store.escaped) return copyOf(this.#values);
    const values = this.#values;
    store.captured = true;
    return values;
  }

  /**
   * The transpose, like numpy's `x.T`.
   * @example np.array([[1, 2, 3]]).T.shape // [3, 1]
   */
  get T(): NDArray {
    if (tracer) return tracer.traced("transpose", [this], () => this.T);
    if (!this.#transposed) {
      const [rows, cols] = this.shape;
      let transposed: NDArray;
      // Computed when first read (a product with it, dZ2·A1.T, reads this array instead: dot);
      // values handed out are transposed at once rather than copied to be transposed later.
      if (this.size >= FUSE_MIN && !this.#store.escaped) {
        const values = this.#frozen();
        reserve(this.size);
        const compute = () =>
          kernels.transpose(values, [rows, cols], allocateReserved(rows * cols));
        transposed = make(
          { values: undefined, pending: compute, escaped: false, captured: false },
          [cols, rows],
        );
      } else {
        transposed = owned(kernels.transpose(this.#values, this.shape), [cols, rows]);
      }
      transposed.#transposeOf = { source: this, version: this.#version };
      this.#transposed = transposed;
    }
    return this.#transposed;
  }

  /** The entries as nested lists of rows, like numpy's `x.tolist()`. */
  tolist(): number[][] {
    tracer?.leaves(this, "tolist()");
    const [rows, cols] = this.shape;
    const out: number[][] = [];
    for (let i = 0; i < rows; i++)
      out.push(Array.from(this.#values.subarray(i * cols, (i + 1) * cols)));
    return out;
  }

  /** What `JSON.stringify` writes for the array: its rows, as `tolist()` gives them. */
  toJSON(): number[][] {
    return this.tolist();
  }

  /** The single entry of a size-1 array as a number, like numpy's `x.item()` or `float(x)`. */
  item(): number {
    tracer?.leaves(this, "item()");
    if (this.size !== 1) {
      throw new ShapeError(
        `item: can only convert an array of size 1 to a number, got shape ${formatShape(this.shape)}`,
      );
    }
    return this.#values[0] as number;
  }

  /** Entry at row `i`, column `j` (negative indices count from the end), like numpy's `x[i, j]`. */
  get(i: number, j: number): number {
    tracer?.leaves(this, "get(i, j)");
    const [rows, cols] = this.shape;
    const r = i < 0 ? i + rows : i;
    const c = j < 0 ? j + cols : j;
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || r >= rows || c < 0 || c >= cols) {
      throw new ShapeError(
        `get: index [${i}, ${j}] is out of bounds for an array of shape ${formatShape(this.shape)}`,
      );
    }
    return this.#values[r * cols + c] as number;
  }

  /**
   * The same entries in another shape with the same size, row-major, like numpy's `reshape`; one
   * of the two sizes may be −1, meaning "whatever the size makes it".
   * @example W1.reshape(-1, 1) // a column of W1's entries, row after row
   */
  reshape(rows: number, cols: number): NDArray {
    if (tracer) return tracer.traced("reshape", [this, rows, cols], () => this.reshape(rows, cols));
    const [r, c] = [
      rows === -1 && cols > 0 ? this.size / cols : rows,
      cols === -1 && rows > 0 ? this.size / rows : cols,
    ];
    const valid = [r, c].every((d) => Number.isInteger(d) && d >= 0);
    if (!valid || r * c !== this.size) {
      throw new ShapeError(
        `np.reshape: cannot reshape array of size ${this.size} into shape (${rows},${cols})`,
      );
    }
    const view = owned(this.#values, [r, c]);
    view.#store = this.#store;
    return view;
  }

  /**
   * Rows `start` to `stop − 1` as a new array, like numpy's `x[start:stop]` (negative indices
   * count from the end; `stop` defaults to the end).
   * @example theta.slice(20, 25).reshape(5, 1) // numpy: theta[20:25].reshape((5, 1))
   */
  slice(start: number, stop: number = this.shape[0]): NDArray {
    if (tracer) return tracer.traced("slice", [this, start, stop], () => this.slice(start, stop));
    const [rows, cols] = this.shape;
    const at = (i: number) => Math.min(rows, Math.max(0, i < 0 ? i + rows : i));
    if (!Number.isInteger(start) || !Number.isInteger(stop)) {
      throw new ShapeError(`slice: start and stop must be integers, got ${start} and ${stop}`);
    }
    const [from, to] = [at(start), Math.max(at(start), at(stop))];
    return owned(copyOf(this.#values.subarray(from * cols, to * cols)), [to - from, cols]);
  }

  /**
   * Sets the entry at row `i`, column `j` in place, like numpy's `x[i, j] = value`: the one
   * operation that changes an array. Copy first (`x.copy()`) to keep the original.
   * @example const thetaPlus = theta.copy(); thetaPlus.set(i, 0, thetaPlus.get(i, 0) + epsilon);
   */
  set(i: number, j: number, value: number): void {
    if (tracer) {
      tracer.traced("set", [this, i, j, value], () => this.set(i, j, value));
      return;
    }
    const [rows, cols] = this.shape;
    const r = i < 0 ? i + rows : i;
    const c = j < 0 ? j + cols : j;
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || r >= rows || c < 0 || c >= cols) {
      throw new ShapeError(
        `set: index [${i}, ${j}] is out of bounds for an array of shape ${formatShape(this.shape)}`,
      );
    }
    if (typeof value !== "number") {
      throw new TypeError(`set: value must be a number, got ${describe(value)}`);
    }
    this.#writable[r * cols + c] = value;
    this.#transposed = undefined;
    this.#version++;
  }

  /** A copy with its own storage. */
  copy(): NDArray {
    if (tracer) return tracer.traced("copy", [this], () => this.copy());
    return owned(copyOf(this.#values), this.shape);
  }

  /** `this + other`, broadcasting. @example W1.dot(X).add(b1) */
  add(other: ArrayLike): NDArray {
    return elementwise("add", this, other);
  }

  /** `this - other`, broadcasting. */
  subtract(other: ArrayLike): NDArray {
    return elementwise("subtract", this, other);
  }

  /** `this * other` entry by entry (not the matrix product: that is `dot`), broadcasting. */
  multiply(other: ArrayLike): NDArray {
    return elementwise("multiply", this, other);
  }

  /** `this / other` entry by entry, broadcasting. */
  divide(other: ArrayLike): NDArray {
    return elementwise("divide", this, other);
  }

  /** `this ** other` entry by entry, broadcasting. */
  power(other: ArrayLike): NDArray {
    return elementwise("power", this, other);
  }

  /**
   * Matrix product, like numpy's `np.dot(a, b)`: (n,k)·(k,m) -> (n,m). A number on either side
   * scales the array instead.
   * @example np.dot(W1, X) // (4,2)·(2,400) -> (4,400)
   */
  dot(other: ArrayLike): NDArray {
    if (tracer) return tracer.traced("dot", [this, other], () => this.dot(other));
    const b = operand("dot", "b", other);
    if (b.size === 1 && typeof other === "number") return this.multiply(other);
    const [n, k] = this.shape;
    const [k2, m] = b.shape;
    if (k !== k2) {
      throw new ShapeError(
        `np.dot: shapes ${formatShape(this.shape)} and ${formatShape(b.shape)} not aligned: ${k} (dim 1) != ${k2} (dim 0)`,
      );
    }
    // A·Bᵀ (dZ2·A1.T) reads B itself, row by row, rather than its transpose column by column:
    // the same products summed in the same order, so the same result to the last bit.
    const of = b.#transposeOf;
    const transposed = of !== undefined && b.#version === 0 && of.source.#version === of.version;
    const right = transposed ? of.source : b;
    // A product a chain may compute where it reads it (fusion.ts): of values no code outside holds.
    if (!this.#store.escaped && !right.#store.escaped && productWaits(n, k, m, transposed)) {
      const a = this.#frozen();
      return later(pendingProduct(a, right.#frozen(), n, k, m, transposed, settled), [n, m]);
    }
    const product = transposed
      ? kernels.matmulTransposed(this.#values, right.#values, n, k, m, settled)
      : kernels.matmul(this.#values, right.#values, n, k, m, settled);
    return owned(product, [n, m]);
  }

  /**
   * Sum of all entries (a number), or along an axis: axis 0 sums each column, axis 1 each row.
   * Without `keepdims` the result of an axis sum is a (1, n) row, which broadcasts exactly like
   * numpy's 1-D result; with `keepdims` the summed axis stays as size 1, so
   * `np.sum(dZ, 1, true)` is a (rows, 1) column.
   */
  sum(): number;
  sum(axis: Axis, keepdims?: boolean): NDArray;
  sum(axis: null | undefined, keepdims: true): NDArray;
  sum(axis?: Axis | null, keepdims?: boolean): NDArray | number;
  sum(axis: Axis | null = null, keepdims = false): NDArray | number {
    if (tracer) return tracer.traced("sum", [this, axis, keepdims], () => this.sum(axis, keepdims));
    return fold("sum", this, axis, keepdims, kernels.sum);
  }

  /** Mean of all entries, or along an axis; same axis and keepdims rules as `sum`. */
  mean(): number;
  mean(axis: Axis, keepdims?: boolean): NDArray;
  mean(axis: null | undefined, keepdims: true): NDArray;
  mean(axis?: Axis | null, keepdims?: boolean): NDArray | number;
  mean(axis: Axis | null = null, keepdims = false): NDArray | number {
    if (tracer)
      return tracer.traced("mean", [this, axis, keepdims], () => this.mean(axis, keepdims));
    const ax = checkAxis("mean", axis);
    const count = ax === null ? this.size : this.shape[ax];
    const total = this.sum(ax, keepdims);
    return typeof total === "number" ? total / count : total.divide(count);
  }

  /** Largest entry, or along an axis (NaN wins, as in numpy); same rules as `sum`. */
  max(): number;
  max(axis: Axis, keepdims?: boolean): NDArray;
  max(axis: null | undefined, keepdims: true): NDArray;
  max(axis?: Axis | null, keepdims?: boolean): NDArray | number;
  max(axis: Axis | null = null, keepdims = false): NDArray | number {
    if (tracer) return tracer.traced("max", [this, axis, keepdims], () => this.max(axis, keepdims));
    return fold("max", this, axis, keepdims, largest);
  }

  /** Smallest entry, or along an axis (NaN wins, as in numpy); same rules as `sum`. */
  min(): number;
  min(axis: Axis, keepdims?: boolean): NDArray;
  min(axis: null | undefined, keepdims: true): NDArray;
  min(axis?: Axis | null, keepdims?: boolean): NDArray | number;
  min(axis: Axis | null = null, keepdims = false): NDArray | number {
    if (tracer) return tracer.traced("min", [this, axis, keepdims], () => this.min(axis, keepdims));
    return fold("min", this, axis, keepdims, smallest);
  }

  /**
   * Position of the largest entry: over the flattened array (row-major) without an axis, else
   * along it (0: the row index in each column; 1: the column index in each row).
   */
  argmax(): number;
  argmax(axis: Axis, keepdims?: boolean): NDArray;
  argmax(axis: null | undefined, keepdims: true): NDArray;
  argmax(axis?: Axis | null, keepdims?: boolean): NDArray | number;
  argmax(axis: Axis | null = null, keepdims = false): NDArray | number {
    if (tracer)
      return tracer.traced("argmax", [this, axis, keepdims], () => this.argmax(axis, keepdims));
    const ax = checkAxis("argmax", axis);
    if (this.size === 0)
      throw new ShapeError("np.argmax: attempt to get argmax of an empty sequence");
    const out = kernels.argmax(this.#values, this.shape, ax);
    if (ax !== null) return reducedArray(out, this.shape, ax, keepdims);
    return keepdims ? owned(out, [1, 1]) : (out[0] as number);
  }

  /** numpy-style text, e.g. `array([[1, 2], [3, 4]])`, shortened for big arrays. */
  toString(): string {
    if (tracer) return tracer.traced("toString", [], () => this.toString());
    return formatArray(this);
  }

  [inspect](): string {
    return this.toString();
  }

  /**
   * An array where JavaScript wants a primitive: its text where text is wanted (`${A}`, "A = " +
   * A), and otherwise an error at once. numpy's A - B, A * 2, A / m, A > 0.5 written with
   * TypeScript's operators would each make NaN or false of the array's text, and the mistake would
   * surface far from its line, as a wrong shape or a NaN; so would A + B, which makes text, which
   * the next operation refuses.
   */
  [Symbol.toPrimitive](hint: "string" | "number" | "default"): string {
    if (hint !== "number") return this.toString();
    throw new TypeError(
      "NDArray: arrays do not work with - * / ** % < > <= >=, a unary + or Math's functions (Math.log, Math.exp…) in TypeScript (each would make NaN of the array): use np.subtract, np.multiply, np.divide, np.power, np.greater, np.log, np.exp and the like; the number of a size-1 array is x.item()",
    );
  }
}

/** A key that numpy's indexing would read or write an entry by: x[0], x[-1]. */
const INDEX_KEY = /^-?\d{1,15}$/;

/** A key as the learner's code wrote it, in x[…]: an index, or a short name, or … for a mask's text. */
function keyShown(key: string): string {
  if (INDEX_KEY.test(key)) return key;
  return /^[A-Za-z_$][\w$]{0,30}$/.test(key) ? JSON.stringify(key) : "…";
}

const ENTRIES =
  "an array's entries are read with x.get(row, col) (numpy's x[i, j], or x[i][0] of a column) and set, on a copy, with x.set(row, col, value); np.where(mask, value, x) is numpy's x[mask] = value";

/*
 * numpy's x[i] and x[i] = v (x[i][0], x[mask] = 0) read and write no entry here. Left alone,
 * JavaScript would read undefined (a NaN further on) and write a property of the object, and the
 * mistake would surface far from its line, if at all: gradApprox[i] = … leaves gradApprox zeros.
 * The end of every array's prototype chain says so at the line, for a read of an index (or of
 * length, Python's len(x)) or a write of any name that the array has not. A lookup that finds the
 * array's own property or method never gets there, so the module's own work never pays for it.
 */
Object.setPrototypeOf(
  NDArray.prototype,
  new Proxy(Object.prototype, {
    // The proxy stands in for Object.prototype, below it: an array is still an Object.
    getPrototypeOf: () => Object.prototype,
    get(target, key, receiver) {
      if (typeof key === "string" && INDEX_KEY.test(key))
        throw new TypeError(`NDArray: x[${key}] reads no entry: ${ENTRIES}`);
      // Python's len(x), written x.length: undefined, and a NaN or an empty loop further on.
      if (key === "length")
        throw new TypeError(
          "NDArray: an array has no length: its rows are x.shape[0] (Python's len(x)), its columns x.shape[1], its entries x.size",
        );
      return Reflect.get(target, key, receiver);
    },
    set(target, key, value, receiver) {
      if (typeof key === "string")
        throw new TypeError(`NDArray: x[${keyShown(key)}] = … sets no entry: ${ENTRIES}`);
      return Reflect.set(target, key, value, receiver);
    },
  }),
);

/** An operand as an array: numbers become (1,1) arrays that broadcast everywhere. */
export function operand(op: string, name: string, value: unknown): NDArray {
  if (value instanceof NDArray) return value;
  if (typeof value === "number") return owned(Float64Array.of(value), [1, 1]);
  throw new TypeError(
    `np.${op}: argument '${name}' must be an NDArray or a number, got ${describe(value)}` +
      (Array.isArray(value) ? " (wrap nested lists with np.array first)" : ""),
  );
}

/** `op(a, b)` entry by entry, with numpy broadcasting; the one implementation of binary ops. */
export function elementwise(op: kernels.BinaryOp, a: ArrayLike, b: ArrayLike): NDArray {
  if (tracer) return tracer.traced(op, [a, b], () => elementwise(op, a, b));
  // An array and a number (1 - A, Z * 2): no (1, 1) array for the number, no broadcasting to work out.
  if (typeof a === "number" && b instanceof NDArray && b.size >= FUSE_MIN)
    return later(pending(op, b.shape, a, freeze(b, b.shape)), b.shape);
  if (typeof b === "number" && a instanceof NDArray && a.size >= FUSE_MIN)
    return later(pending(op, a.shape, freeze(a, a.shape), b), a.shape);
  const x = operand(op, "a", a);
  const y = operand(op, "b", b);
  const shape = broadcastShapes(op, x.shape, y.shape);
  const n = shape[0] * shape[1];
  if (n >= FUSE_MIN) return later(pending(op, shape, freeze(x, shape), freeze(y, shape)), shape);
  return owned(kernels.zip(valuesOf(x), x.shape, valuesOf(y), y.shape, shape, op), shape);
}

/** `op(x)` entry by entry; the one implementation of unary ops. */
export function mapped(op: kernels.UnaryOp, x: NDArray): NDArray {
  if (tracer) return tracer.traced(op, [x], () => mapped(op, x));
  if (x.size >= FUSE_MIN) return later(pending(op, x.shape, freeze(x, x.shape)), x.shape);
  return owned(kernels.map(valuesOf(x), op), x.shape);
}

/**
 * numpy's `where(cond, x, y)`, broadcasting; the one implementation of it. From FUSE_MIN entries
 * on, a step of an element-wise chain like the others (fusion.ts): a ReLU's backward pass written
 * `np.where(np.lessEqual(Z, 0), 0, dA)` is one loop, as `np.multiply(dA, np.greater(Z, 0))` is.
 */
export function selected(cond: NDArray, x: NDArray, y: NDArray): NDArray {
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, x.shape), y.shape);
  if (shape[0] * shape[1] >= FUSE_MIN) {
    const node = pending("where", shape, freeze(cond, shape), freeze(x, shape), freeze(y, shape));
    return later(node, shape);
  }
  const values = kernels.select(
    valuesOf(cond),
    cond.shape,
    valuesOf(x),
    x.shape,
    valuesOf(y),
    y.shape,
    shape,
  );
  return owned(values, shape);
}

/** Normalises an axis argument: 0, 1, or null for "all entries". */
export function checkAxis(op: string, axis: unknown): 0 | 1 | null {
  if (axis === null || axis === undefined) return null;
  if (axis === 0 || axis === -2) return 0;
  if (axis === 1 || axis === -1) return 1;
  throw new ShapeError(
    `np.${op}: axis ${describe(axis)} is out of bounds for array of dimension 2`,
  );
}

function fold(
  op: string,
  x: NDArray,
  axis: unknown,
  keepdims: boolean,
  reduce: Reduction,
): NDArray | number {
  const ax = checkAxis(op, axis);
  if (x.size === 0 && op !== "sum") {
    throw new ShapeError(`np.${op}: zero-size array to reduction operation which has no identity`);
  }
  const out = reduce(valuesOf(x), x.shape, ax);
  if (ax === null) return keepdims ? owned(out, [1, 1]) : (out[0] as number);
  return reducedArray(out, x.shape, ax, keepdims);
}

/** Shape of an axis reduction: keepdims keeps the axis as 1; otherwise numpy's 1-D is a row. */
function reducedArray(out: Float64Array, shape: Shape, axis: 0 | 1, keepdims: boolean): NDArray {
  if (axis === 0) return owned(out, [1, shape[1]]);
  return owned(out, keepdims ? [shape[0], 1] : [1, shape[0]]);
}

// Once the accumulator is NaN it stays NaN: numpy's max and min propagate NaN.
function maxNaN(acc: number, v: number): number {
  return Number.isNaN(acc) || v <= acc ? acc : v;
}

function minNaN(acc: number, v: number): number {
  return Number.isNaN(acc) || v >= acc ? acc : v;
}

/** How `fold` reduces: the entries, their shape and the axis in, one value per line out. */
type Reduction = (data: Float64Array, shape: Shape, axis: 0 | 1 | null) => Float64Array;

const largest: Reduction = (data, shape, axis) =>
  kernels.reduce(data, shape, axis, Number.NEGATIVE_INFINITY, maxNaN);

const smallest: Reduction = (data, shape, axis) =>
  kernels.reduce(data, shape, axis, Number.POSITIVE_INFINITY, minNaN);

const EDGE = 3;

function formatArray(x: NDArray): string {
  const [rows, cols] = x.shape;
  const values = valuesOf(x);
  const value = (v: number) =>
    Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : String(v);
  const pick = (n: number) =>
    n > 2 * EDGE + 1 ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
  const lines = pick(rows).map((i) =>
    i === -1
      ? "..."
      : `[${pick(cols)
          .map((j) => (j === -1 ? "..." : value(values[i * cols + j] as number)))
          .join(", ")}]`,
  );
  return `array([${lines.join(",\n       ")}])`;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
