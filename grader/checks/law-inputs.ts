/**
 * Inputs and wording for an assignment's laws (its properties.ts): matrices that fast-check
 * generates and shrinks well, numbers shown as numpy prints them, and column orders. Knows no
 * assignment: every law of every assignment draws from here.
 */
import fc from "fast-check";
import type { PropertySpec } from "../core/assignment.ts";

export type Matrix = number[][];

/** A (rows, cols) matrix of finite doubles in [min, max]. */
export function matrix(rows: number, cols: number, min: number, max: number): fc.Arbitrary<Matrix> {
  const entry = double(min, max);
  return fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
}

/**
 * A matrix of up to maxRows × maxCols entries, built column by column without `chain`, so that
 * fast-check shrinks its size (to one example, say) as well as its values.
 */
export function grid<T>(
  entry: fc.Arbitrary<T>,
  maxRows: number,
  maxCols: number,
): fc.Arbitrary<T[][]> {
  const column = fc.array(entry, { minLength: maxRows, maxLength: maxRows });
  return fc
    .tuple(
      fc.integer({ min: 1, max: maxRows }),
      fc.array(column, { minLength: 1, maxLength: maxCols }),
    )
    .map(([rows, columns]) =>
      Array.from({ length: rows }, (_, i) => columns.map((c) => c[i] as T)),
    );
}

/**
 * Doubles in [min, max] that read well in a counterexample: thousandths, which shrink toward 0 (or
 * the end nearest it), and now and then an end itself; never a denormal such as 5e-324, where a
 * double shrinks to when any positive value fails. One integer drawn for each: the thousandths,
 * and past them on either side a ninth as many, which stand for the ends: a tenth of the draws,
 * and the draws fast-check leans toward its range's bounds with, so some 15% in all (a quarter
 * where the range leaves 0 out). An `fc.oneof` of thousandths and ends took fast-check 1.5 to 2
 * times as long an entry, and a grade draws tens of thousands.
 */
export function double(min: number, max: number): fc.Arbitrary<number> {
  const low = Math.ceil(min * 1000);
  const high = Math.floor(max * 1000);
  const past = Math.max(1, Math.round((high - low + 1) / 18));
  return fc
    .integer({ min: low - past, max: high + past })
    .map((i) => (i < low ? min : i > high ? max : i / 1000));
}
export const sized = <T>(
  make: (rows: number, cols: number) => fc.Arbitrary<T>,
  maxRows = 4,
  maxCols = 6,
) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([r, c]) => make(r, c));

/**
 * How a learner reads an input: `z = [[0.5, -800]] (1,2)`, at most 8 values shown, each as numpy
 * prints it (8 significant digits: an input must be shown as it was, to be replayed by hand).
 */
export function show(name: string, m: Matrix): string {
  const flat = m.flat();
  const shape = `(${m.length},${m[0]?.length ?? 0})`;
  return m.length === 1 || flat.length <= 8
    ? `${name} = [${m.map((row) => `[${row.map(shown).join(", ")}]`).join(", ")}] ${shape}`
    : `${name} ${shape}: ${flat.slice(0, 8).map(shown).join(", ")}, …`;
}

/** A number as numpy prints it: 8 significant digits. */
export const shown = (x: number) =>
  Number.isFinite(x) ? String(Number(x.toPrecision(8))) : String(x);

/**
 * A value a learner's function returned, as a law's failure shows it: a number as numpy prints
 * it, text in quotes (so that "1" is not read as the number 1), and the kind of anything else.
 */
export function shownValue(x: unknown): string {
  if (typeof x === "number") return shown(x);
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (Array.isArray(x)) return "a list";
  if (typeof x === "object" && x !== null) return "an object";
  return String(x);
}

export const close = (a: number, b: number, tol = 1e-12) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Permutes the columns of a matrix by `order`. */
export const permuteColumns = (m: Matrix, order: number[]) =>
  m.map((row) => order.map((j) => row[j] as number));
export const columnOrder = (m: number) =>
  fc.shuffledSubarray([...Array(m).keys()], { minLength: m, maxLength: m });

/** Keeps each property's own input type checked while the table holds them all. */
export const property = <T>(spec: PropertySpec<T>) => spec as unknown as PropertySpec<unknown>;
