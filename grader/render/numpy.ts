/**
 * Numbers and arrays printed the way numpy prints them, so that a learner compares like with like
 * (test/fixtures/numpy-print.json holds numpy's own output): a number as Python's repr of a
 * float ("2.0", "0.1"); an array as numpy's print() with its default options: at most 8 digits
 * after the point, decimal points aligned, scientific notation when the magnitudes call for it,
 * rows in brackets. Pure: a value in, lines out.
 */
import type { Shown } from "../core/report.ts";

/** numpy's default `precision`: digits after the point. */
const PRECISION = 8;

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return undefined;
}

/** Python's exponent: "e-07", not "e-7". */
const pythonExponent = (text: string) => text.replace(/e([+-])(\d)$/, "e$10$2");

/** One number as Python (and numpy's float64) prints it: the shortest repr, "2.0", "1e-07". */
export function numpyNumber(x: number): string {
  const special = nonFinite(x);
  if (special) return special;
  const text = String(x);
  if (/e/.test(text)) return pythonExponent(text.replace(/^(-?\d)e/, "$1e"));
  return text.includes(".") ? text : `${text}.0`;
}

/** A number, or an array's rows as numpy's print() shows them, one line per row. */
export function numpyLines(value: Shown): string[] {
  if (typeof value === "number") return [numpyNumber(value)];
  const cell = cellFormat(value.flat());
  const rows = value.map((row) => `[${row.map(cell).join(" ")}]`);
  return rows.map((row, i) => `${i === 0 ? "[" : " "}${row}${i === rows.length - 1 ? "]" : ""}`);
}

/** How numpy formats each entry of an array, from all of its entries (numpy's FloatingFormat). */
function cellFormat(all: number[]): (x: number) => string {
  const magnitudes = all.filter((x) => Number.isFinite(x) && x !== 0).map(Math.abs);
  const max = Math.max(0, ...magnitudes);
  const min = Math.min(Number.POSITIVE_INFINITY, ...magnitudes);
  const scientific = magnitudes.length > 0 && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
  return scientific ? scientificFormat(all) : fixedFormat(all);
}

/** At most 8 digits after the point, trailing zeros dropped ("1.", "0.05"), points aligned. */
function fixedFormat(all: number[]): (x: number) => string {
  const text = (x: number) => nonFinite(x) ?? x.toFixed(PRECISION).replace(/0+$/, "");
  const parts = (x: number): [whole: string, fraction: string] => {
    const t = text(x);
    const dot = t.indexOf(".");
    return dot < 0 ? [t, ""] : [t.slice(0, dot), t.slice(dot)];
  };
  const split = all.map(parts);
  const whole = Math.max(...split.filter(([, f]) => f !== "").map(([w]) => w.length), 0);
  const fraction = Math.max(...split.map(([, f]) => f.length), 0);
  return (x) => {
    const [w, f] = parts(x);
    return f === "" ? w.padStart(whole + fraction) : `${w.padStart(whole)}${f.padEnd(fraction)}`;
  };
}

/** d.dddddddde±XX with as many digits as the most precise entry needs (zeros pad the others). */
function scientificFormat(all: number[]): (x: number) => string {
  const digits = (x: number) =>
    (x.toExponential(PRECISION).split("e")[0] ?? "").replace(/0+$/, "").split(".")[1]?.length ?? 0;
  const needed = Math.max(0, ...all.filter(Number.isFinite).map(digits));
  const text = (x: number) => nonFinite(x) ?? pythonExponent(x.toExponential(needed));
  const width = Math.max(...all.map((x) => text(x).replace(/^(?=\d)/, " ").length));
  return (x) => text(x).padStart(all.some((y) => y < 0) ? width : width - 1);
}
