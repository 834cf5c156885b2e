/**
 * Forward-mode differentiation through the array module: dual numbers whose tangent parts ride
 * along with the arrays. `withTangents` runs a computation with some input arrays given tangents
 * (K of them at once, one per direction); every operation then gives its result the tangents its
 * derivative rule makes of its operands' (d(AB) = dA·B + A·dB, d tanh(Z) = (1 − tanh²Z)·dZ, ...),
 * so the result's tangents are the exact directional derivatives of the computation, in one pass
 * and with no step size.
 *
 * That holds only while the computation stays inside the array module. A number read out of an
 * array (`.data`, `get`, `item`, `tolist`, a sum to a plain number, `np.linalg.norm`) carries no
 * tangent, so whatever is computed from it would look constant: the run records the first such
 * exit and its caller must not trust the tangents (a gradient check falls back to differences).
 * Arrays made from plain numbers (np.zeros, np.array of numbers, random draws) are constants.
 */
import {
  type Axis,
  activeTracer,
  NDArray,
  owned,
  setTracer,
  type TracedOp,
  type Tracer,
  valuesOf,
} from "./ndarray.ts";
import { np } from "./np.ts";

/** One tangent per direction, each of the array's shape; undefined for a constant. */
type Tangents = NDArray[] | undefined;

/** The outcome of a computation run with tangents. */
export interface TangentRun<T> {
  value: T;
  /** The tangents of an array the computation made (one per direction), or undefined: a constant. */
  tangentsOf(x: unknown): NDArray[] | undefined;
  /** How the computation first left the array module, if it did: then no tangent is to be trusted. */
  left: string | undefined;
}

/**
 * Runs `compute` (synchronous) with each seed's array carrying the given tangents, one per
 * direction, all of the array's shape.
 * @example withTangents(() => np.tanh(W), [[W, [V]]]).tangentsOf(result) // [(1 − tanh²W)·V]
 */
export function withTangents<T>(
  compute: () => T,
  seeds: readonly (readonly [NDArray, readonly NDArray[]])[],
): TangentRun<T> {
  if (activeTracer()) throw new Error("withTangents: forward mode is already running");
  const count = seeds[0]?.[1].length ?? 0;
  const session = new Session(count);
  for (const [x, tangents] of seeds) {
    if (tangents.length !== count)
      throw new Error(`withTangents: every seed needs ${count} tangents, one per direction`);
    for (const t of tangents)
      if (t.shape[0] !== x.shape[0] || t.shape[1] !== x.shape[1])
        throw new Error("withTangents: a tangent must have its array's shape");
    // Copies, so that `set` on a seed (zeroing its tangents' entry) never writes to the caller's.
    session.attach(
      x,
      tangents.map((t) => t.copy()),
    );
  }
  setTracer(session);
  let value: T;
  try {
    value = compute();
  } finally {
    setTracer(undefined);
  }
  if (value instanceof Promise)
    throw new Error("withTangents: the computation must be synchronous (it returned a promise)");
  return {
    value,
    tangentsOf: (x) => (x instanceof NDArray ? session.tangents.get(x) : undefined),
    left: session.left,
  };
}

/** `NDArray`'s own `data` getter, which an array given tangents keeps behind its own. */
const readData = Object.getOwnPropertyDescriptor(NDArray.prototype, "data")?.get as (
  this: NDArray,
) => Float64Array;

class Session implements Tracer {
  readonly tangents = new WeakMap<NDArray, NDArray[]>();
  left: string | undefined;

  constructor(readonly count: number) {}

  traced<R>(op: TracedOp, args: readonly unknown[], compute: () => R): R {
    const inputs = args.map((a) => (a instanceof NDArray ? this.tangents.get(a) : undefined));
    const result = paused(this, compute);
    if (inputs.every((t) => t === undefined)) return result; // constants make a constant
    const rule = RULES[op];
    if (typeof result === "number") {
      if (rule !== constant) this.leaves(args[0] as NDArray, `np.${op} to a number`);
      return result;
    }
    // What is left is an array (`set`, which makes none, has a rule that makes no tangents).
    const out = paused(this, () => rule(result as NDArray, args, inputs, this.count));
    if (out) this.attach(result as NDArray, out);
    return result;
  }

  leaves(x: NDArray, how: string): void {
    if (this.left === undefined && this.tangents.has(x)) this.left = how;
  }

  /**
   * Gives `x` its tangents, and makes its `.data` report a read from outside the module (the
   * operations read it with the tracer paused): a loop over the entries leaves the module.
   */
  attach(x: NDArray, tangents: NDArray[]): void {
    this.tangents.set(x, tangents);
    // Read through the array's own getter, and only when asked: reading now would compute a
    // pending result that a later operation would otherwise compute inside its own loop, and hand
    // its values out, which makes every operation that reads them copy them first.
    Object.defineProperty(x, "data", {
      enumerable: true,
      configurable: true,
      get: () => {
        if (activeTracer() === this) this.leaves(x, ".data");
        return readData.call(x);
      },
    });
  }
}

/** `compute()` with no tracer, as the plain operations it wraps run. */
function paused<R>(session: Session, compute: () => R): R {
  setTracer(undefined);
  try {
    return compute();
  } finally {
    setTracer(session);
  }
}

type Rule = (
  out: NDArray,
  args: readonly unknown[],
  inputs: readonly Tangents[],
  count: number,
) => NDArray[] | undefined;

/** The sum of the terms present, broadcast to `shape` (zeros when none is). */
function total(shape: readonly [number, number], terms: (NDArray | undefined)[]): NDArray {
  const present = terms.filter((t) => t !== undefined);
  let sum = present[0] ?? np.zeros([shape[0], shape[1]]);
  for (const t of present.slice(1)) sum = sum.add(t);
  if (sum.shape[0] !== shape[0] || sum.shape[1] !== shape[1])
    sum = sum.add(np.zeros([shape[0], shape[1]]));
  return sum;
}

/** `t · factor`, without a pass over t for a factor of 1. */
function scaled(t: NDArray | undefined, factor: NDArray | number): NDArray | undefined {
  return factor === 1 ? t : t?.multiply(factor);
}

/** Per direction d, the sum of `terms(d)`, broadcast to the result's shape. */
function perDirection(
  out: NDArray,
  count: number,
  terms: (d: number) => (NDArray | undefined)[],
): NDArray[] {
  return Array.from({ length: count }, (_, d) => total(out.shape, terms(d)));
}

const asArray = (x: unknown): NDArray =>
  x instanceof NDArray ? x : owned(Float64Array.of(x as number), [1, 1]);

/** An element-wise op's rule from its partial derivatives with respect to a and b. */
function binaryRule(
  da: (a: NDArray, b: NDArray, out: NDArray) => NDArray | number,
  db: (a: NDArray, b: NDArray, out: NDArray) => NDArray | number,
): Rule {
  return (out, [a, b], [ta, tb], count) => {
    const [x, y] = [asArray(a), asArray(b)];
    // Each partial only when its operand has tangents: d(a ** b)/db is log(a)·out, NaN for a < 0.
    const fa = ta && da(x, y, out);
    const fb = tb && db(x, y, out);
    return perDirection(out, count, (d) => [
      fa === undefined ? undefined : scaled(ta?.[d], fa),
      fb === undefined ? undefined : scaled(tb?.[d], fb),
    ]);
  };
}

/** A unary op's rule from its derivative at x (given x and its result). */
function unaryRule(derivative: (x: NDArray, out: NDArray) => NDArray | number): Rule {
  return (out, [x], [t], count) => {
    const dx = derivative(x as NDArray, out);
    return perDirection(out, count, (d) => [scaled(t?.[d], dx)]);
  };
}

/**
 * tanh's rule, t·(1 − tanh²x), as operations: on a wide layer they run as one loop per direction
 * (fusion.ts), which also adds up the tangent's own pending terms (dW1·X + db1) as it reads them.
 * tanh x is computed first, once: inside the first direction's loop, the second would compute it
 * again.
 */
const tanhRule: Rule = (out, _, [t], count) => {
  valuesOf(out);
  return perDirection(out, count, (d) => [t?.[d]?.multiply(np.subtract(1, out.multiply(out)))]);
};

/** Where one of two operands was picked entry by entry (maximum, minimum), the picked one's tangent. */
function pickRule(picksA: (a: NDArray, b: NDArray) => NDArray): Rule {
  return (out, [a, b], [ta, tb], count) => {
    const first = picksA(asArray(a), asArray(b));
    return perDirection(out, count, (d) => [np.where(first, ta?.[d] ?? 0, tb?.[d] ?? 0)]);
  };
}

/** Rules of ops whose result is piecewise constant: no tangent. */
const constant: Rule = () => undefined;

/** The tangent of a max or min along an axis: each result entry's, at the entry it came from. */
function extremumRule(largest: boolean): Rule {
  return (out, [x, axis], [t], count) => {
    const source = x as NDArray;
    const ax = axis === 0 || axis === -2 ? 0 : axis === 1 || axis === -1 ? 1 : null;
    // argmax finds numpy's first extremum (and the first NaN, which is what max returns then).
    const at = (largest ? source : np.negative(source)).argmax(ax as Axis, true) as NDArray;
    const cols = source.shape[1];
    return Array.from({ length: count }, (_, d) => {
      const tangent = (t as NDArray[])[d] as NDArray;
      const data = new Float64Array(out.size);
      const [indices, values] = [valuesOf(at), valuesOf(tangent)];
      for (let k = 0; k < out.size; k++) {
        const index = indices[k] as number;
        const position = ax === 0 ? index * cols + k : ax === 1 ? k * cols + index : index;
        data[k] = values[position] as number;
      }
      return owned(data, out.shape);
    });
  };
}

const RULES: Record<TracedOp, Rule> = {
  add: binaryRule(
    () => 1,
    () => 1,
  ),
  subtract: binaryRule(
    () => 1,
    () => -1,
  ),
  multiply: binaryRule(
    (_, b) => b,
    (a) => a,
  ),
  divide: binaryRule(
    (_, b) => np.divide(1, b),
    (_, b, out) => np.negative(np.divide(out, b)),
  ),
  power: binaryRule(
    (a, b) => np.multiply(b, np.power(a, np.subtract(b, 1))),
    (a, _, out) => np.multiply(out, np.log(a)),
  ),
  maximum: pickRule((a, b) => np.add(np.isnan(a), np.greater(a, b))),
  minimum: pickRule((a, b) => np.add(np.isnan(a), np.less(a, b))),
  greater: constant,
  greaterEqual: constant,
  less: constant,
  lessEqual: constant,
  equal: constant,
  notEqual: constant,

  exp: unaryRule((_, out) => out),
  log: unaryRule((x) => np.divide(1, x)),
  tanh: tanhRule,
  sin: unaryRule((x) => np.cos(x)),
  cos: unaryRule((x) => np.negative(np.sin(x))),
  abs: unaryRule((x) => np.sign(x)),
  sqrt: unaryRule((_, out) => np.divide(0.5, out)),
  square: unaryRule((x) => np.multiply(2, x)),
  negative: unaryRule(() => -1),
  sign: constant,
  round: constant,
  isnan: constant,

  dot: (out, [a, b], [ta, tb], count) =>
    perDirection(out, count, (d) => [
      ta?.[d]?.dot(b as NDArray | number),
      tb?.[d] && (a as NDArray).dot(tb[d] as NDArray),
    ]),
  transpose: (_, __, [t]) => t?.map((x) => x.T),
  reshape: (_, [, rows, cols], [t]) => t?.map((x) => x.reshape(rows as number, cols as number)),
  slice: (_, [, start, stop], [t]) => t?.map((x) => x.slice(start as number, stop as number)),
  copy: (_, __, [t]) => t?.map((x) => x.copy()),
  // A plain number written into an array is a constant there.
  set: (_, [, i, j], [t]) => {
    for (const x of t ?? []) x.set(i as number, j as number, 0);
    return undefined;
  },
  sum: (_, [, axis, keepdims], [t]) =>
    t?.map((x) => x.sum(axis as Axis | null, keepdims as boolean) as NDArray),
  mean: (_, [, axis, keepdims], [t]) =>
    t?.map((x) => x.mean(axis as Axis | null, keepdims as boolean) as NDArray),
  max: extremumRule(true),
  min: extremumRule(false),
  argmax: constant,
  where: (out, [cond], [, tx, ty], count) =>
    perDirection(out, count, (d) => [np.where(cond as NDArray, tx?.[d] ?? 0, ty?.[d] ?? 0)]),
  concatenate: (out, [axis, ...parts], [, ...tangents], count) =>
    perDirection(out, count, (d) => [
      np.concatenate(
        parts.map((p, k) => tangents[k]?.[d] ?? np.zerosLike(p as NDArray)),
        axis as Axis,
      ),
    ]),
  toString: constant,
};
