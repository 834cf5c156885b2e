/**
 * Numbers, shapes and lists of names as every language shows them: the catalogs differ in words,
 * not in how a number, a matrix product or a quoted name is written.
 */
import type { ErrorHint, PythonMethod, PythonName, ShapePair } from "../core/report.ts";

/** A number of a message: 6 significant digits, or exponent notation when very small or large. */
export function messageNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  return abs >= 1e-4 && abs < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(3);
}

/** A number of a gradient's line: 4 significant digits. */
export function gradientNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5)
    ? x.toExponential(3)
    : String(Number(x.toPrecision(4)));
}

export const shape = ([rows, cols]: [number, number]) => `(${rows},${cols})`;

/**
 * Whether a product's operands have the same shape: np.dot of two (4,5) arrays, where an
 * entry-by-entry product (np.multiply) may have been meant.
 */
export const sameShapes = ({ a, b }: ShapePair): boolean => a[0] === b[0] && a[1] === b[1];

/** A matrix product as code and its two operands' shapes: np.dot(first, second.T), (4,2), (2,400). */
export type ProductWords = [call: string, left: string, right: string];

/**
 * The matrix products of the operands that the hint offers: its own, and where that transposes
 * one operand (a·bᵀ, aᵀ·b), the product the other way round too (b·aᵀ, bᵀ·a), which gives the
 * transposed result: the operands' order in the learner's code does not say which was meant
 * (dW = dZ·Xᵀ, written np.multiply(X, dZ), is np.dot(second, first.T)).
 */
export function definedProducts(hint: Extract<ErrorHint, { product: string }>): ProductWords[] {
  const { a, b } = hint;
  const t = ([rows, cols]: [number, number]): [number, number] => [cols, rows];
  const words = (call: string, left: [number, number], right: [number, number]): ProductWords => [
    call,
    shape(left),
    shape(right),
  ];
  // Of two operands of one shape, both ways round read the same: the hint's own is enough.
  const both = (own: ProductWords, other: ProductWords) =>
    sameShapes(hint) ? [own] : [own, other];
  switch (hint.product) {
    case "a·b":
      return [words("np.dot(first, second)", a, b)];
    case "b·a":
      return [words("np.dot(second, first)", b, a)];
    case "a·bᵀ":
      return both(
        words("np.dot(first, second.T)", a, t(b)),
        words("np.dot(second, first.T)", b, t(a)),
      );
    case "aᵀ·b":
      return both(
        words("np.dot(first.T, second)", t(a), b),
        words("np.dot(second.T, first)", t(b), a),
      );
  }
}

/** The first `limit` of `items`, and how many more there are. */
export function firstOf<T>(items: readonly T[], limit: number): [shown: T[], more: number] {
  return [items.slice(0, limit), Math.max(0, items.length - limit)];
}

/** A few names of a list, quoted, and how many more: `"a.txt", "b.pdf" and 3 more`. */
export function someOf(names: readonly string[], more = (n: number) => ` and ${n} more`): string {
  const [shown, rest] = firstOf(names, 5);
  return `${shown.map((name) => JSON.stringify(name)).join(", ")}${rest > 0 ? more(rest) : ""}`;
}

/** Pairs of names a hint of values under other names shows; the report has every one. */
export const MISNAMED_SHOWN = 4;

/**
 * What TypeScript writes for a name of Python's, as code only (the same in every language): for a
 * number, a list, an object or an array, where they differ.
 */
export const TYPESCRIPT_FOR: Readonly<Record<PythonName, string>> = {
  True: "true",
  False: "false",
  None: "null",
  print: "console.log(x)",
  len: "list.length, Object.keys(o).length, A.shape",
  range: "for (let i = a; i < b; i++)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the learner's template, shown as code
  str: "String(x), `W${l}`",
  int: "Math.trunc(x)",
  float: "Number(x), A.item()",
  abs: "Math.abs(x), np.abs(A)",
  math: "Math.sqrt(x), Math.log(x), np.sqrt(A)",
  assert: "if (!(condition)) throw new Error(message)",
  dict: "{} or { ...o }",
  list: "[] or [...xs], Array.from(xs)",
  zip: "xs.map((x, i) => [x, ys[i]])",
  enumerate: "for (const [i, x] of xs.entries())",
  sum: "np.sum(A), xs.reduce((a, b) => a + b, 0)",
  max: "Math.max(a, b), np.max(A)",
  min: "Math.min(a, b), np.min(A)",
  round: "Math.round(x), np.round(A)",
};

/** What TypeScript writes for a method of Python's list or dict, as code only. */
export const TYPESCRIPT_FOR_METHOD: Readonly<Record<PythonMethod, string>> = {
  append: "list.push(x)",
  extend: "list.push(...xs)",
  items: "Object.entries(o)",
  keys: "Object.keys(o)",
  values: "Object.values(o)",
  copy: "{ ...o }, [...list], A.copy()",
  get: "o[key] ?? fallback",
};

/** Whether a result's key is Python's snake_case for the camelCase expected (learning_rate, learningRate). */
export const snakeFor = (expected: string, found: string): boolean =>
  found.includes("_") && !expected.includes("_");

/** The keys next to a numbered key's range, one each side (none below 0): W0 and W3 for W1 … W2. */
export function outsideKeys({ prefix, first, last }: Extract<ErrorHint, { code: "numbered-key" }>) {
  return [...(first > 0 ? [`${prefix}${first - 1}`] : []), `${prefix}${last + 1}`];
}
