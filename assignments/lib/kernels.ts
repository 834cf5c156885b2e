/**
 * The loops behind every array operation: plain row-major Float64Array in, a new Float64Array out.
 * Nothing here allocates per element or writes to its inputs. Shapes are already checked by the
 * caller (ndarray.ts), so these functions trust them.
 */
import type { Shape } from "./shape.ts";

export type Unary = (x: number) => number;
export type Binary = (x: number, y: number) => number;

/** Element-wise `f(a)`. */
export function map(a: Float64Array, f: Unary): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i] as number);
  return out;
}

/**
 * Element-wise `f(a, b)` with numpy broadcasting to `shape`. A broadcast dimension gets stride 0,
 * so one loop serves every combination of row vector, column vector, scalar and full array; the
 * common cases (same shape, scalar operand) get a flat loop.
 */
export function zip(
  a: Float64Array,
  aShape: Shape,
  b: Float64Array,
  bShape: Shape,
  shape: Shape,
  f: Binary,
): Float64Array {
  const [rows, cols] = shape;
  const n = rows * cols;
  const out = new Float64Array(n);
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, b[i] as number);
    return out;
  }
  if (b.length === 1 && a.length === n) {
    const y = b[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, y);
    return out;
  }
  if (a.length === 1 && b.length === n) {
    const x = a[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i] as number);
    return out;
  }
  const aRow = aShape[0] === 1 ? 0 : aShape[1];
  const aCol = aShape[1] === 1 ? 0 : 1;
  const bRow = bShape[0] === 1 ? 0 : bShape[1];
  const bCol = bShape[1] === 1 ? 0 : 1;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    let ia = i * aRow;
    let ib = i * bRow;
    for (let j = 0; j < cols; j++) {
      out[k++] = f(a[ia] as number, b[ib] as number);
      ia += aCol;
      ib += bCol;
    }
  }
  return out;
}

/** Picks `x` where `cond` is non-zero (NaN counts as true, as numpy's bool(nan)), else `y`. */
export function select(
  cond: Float64Array,
  cShape: Shape,
  x: Float64Array,
  xShape: Shape,
  y: Float64Array,
  yShape: Shape,
  shape: Shape,
): Float64Array {
  const [rows, cols] = shape;
  const out = new Float64Array(rows * cols);
  const stride = (s: Shape) => [s[0] === 1 ? 0 : s[1], s[1] === 1 ? 0 : 1] as const;
  const [cr, cc] = stride(cShape);
  const [xr, xc] = stride(xShape);
  const [yr, yc] = stride(yShape);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[k++] =
        (cond[i * cr + j * cc] as number) !== 0
          ? (x[i * xr + j * xc] as number)
          : (y[i * yr + j * yc] as number);
    }
  }
  return out;
}

/** Matrix product of an (n,k) and a (k,m) array; the i-p-j order walks both inputs row by row. */
export function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number) {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const rowA = i * k;
    const rowOut = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[rowA + p] as number;
      const rowB = p * m;
      for (let j = 0; j < m; j++) {
        out[rowOut + j] = (out[rowOut + j] as number) + aip * (b[rowB + j] as number);
      }
    }
  }
  return out;
}

export function transpose(a: Float64Array, shape: Shape): Float64Array {
  const [rows, cols] = shape;
  const out = new Float64Array(a.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j] as number;
  }
  return out;
}

/**
 * Folds along an axis: axis 0 gives one value per column, axis 1 one per row, axis null one value.
 * `step(acc, x, index)` returns the new accumulator; `index` is the position along the axis (what
 * argmax needs). NaN handling is the step's business.
 */
export function reduce(
  a: Float64Array,
  shape: Shape,
  axis: 0 | 1 | null,
  init: number,
  step: (acc: number, x: number) => number,
): Float64Array {
  const [rows, cols] = shape;
  if (axis === null) {
    let acc = init;
    for (let i = 0; i < a.length; i++) acc = step(acc, a[i] as number);
    return Float64Array.of(acc);
  }
  if (axis === 0) {
    const out = new Float64Array(cols).fill(init);
    for (let i = 0; i < rows; i++) {
      const row = i * cols;
      for (let j = 0; j < cols; j++) out[j] = step(out[j] as number, a[row + j] as number);
    }
    return out;
  }
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let acc = init;
    const row = i * cols;
    for (let j = 0; j < cols; j++) acc = step(acc, a[row + j] as number);
    out[i] = acc;
  }
  return out;
}

/** Index of the largest value along an axis (first one on ties; the first NaN wins, as numpy). */
export function argmax(a: Float64Array, shape: Shape, axis: 0 | 1 | null): Float64Array {
  const [rows, cols] = shape;
  const lines = axis === null ? 1 : axis === 0 ? cols : rows;
  const length = axis === null ? a.length : axis === 0 ? rows : cols;
  const at = (line: number, t: number) =>
    axis === null ? t : axis === 0 ? t * cols + line : line * cols + t;
  const out = new Float64Array(lines);
  for (let line = 0; line < lines; line++) {
    let best = 0;
    let bestValue = a[at(line, 0)] as number;
    for (let t = 1; t < length && !Number.isNaN(bestValue); t++) {
      const v = a[at(line, t)] as number;
      if (v > bestValue || Number.isNaN(v)) {
        best = t;
        bestValue = v;
      }
    }
    out[line] = best;
  }
  return out;
}
