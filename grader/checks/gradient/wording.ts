/**
 * A gradient check's result for one parameter as report data (`GradientRow`), and in English:
 * `dW2: wrong. Your gradient is 2.00× the numeric one (cosine 1.000): it is exactly twice the
 * expected value. Worst entry W2[0,3]: yours 0.0412, numeric 0.0206.` (grader/words/ words it).
 */
import type { GradientHint, GradientRow } from "../../core/report.ts";
import { gradientLine } from "../../words/en/gradient.ts";
import { gradientNumber } from "../../words/numbers.ts";
import { type HintContext, ratioHint } from "../hints.ts";
import type { TensorResult } from "./check.ts";

/**
 * Two numbers shown with as many significant digits as it takes to tell them apart (`fewest` at
 * least, 17 at most): "yours -2.889, numeric -2.889" says nothing.
 */
export function distinct(a: number, b: number, fewest = 4): [string, string] {
  for (let digits = fewest; digits <= 17; digits++) {
    const pair: [string, string] = [precise(a, digits), precise(b, digits)];
    if (pair[0] !== pair[1] || a === b) return pair;
  }
  return [String(a), String(b)];
}

function precise(x: number, digits: number): string {
  if (digits === 4) return gradientNumber(x);
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** What the pattern of a failed tensor's error suggests, if anything. */
export function gradientHint(result: TensorResult, context: HintContext): GradientHint | undefined {
  if (result.verdict === "wrong-shape") {
    const [er, ec] = result.expected;
    const [ar, ac] = result.actual;
    return ar === ec && ac === er ? { code: "transposed" } : undefined;
  }
  if (result.verdict === "passed" || result.verdict === "missing") return undefined;
  const allZero = result.worst.length > 0 && result.worst.every((e) => e.analytic === 0);
  if (allZero) return { code: "zero" };
  if (!Number.isFinite(result.alpha)) return undefined;
  // A ratio of 1 is no constant factor: the gradient is right but for a few entries.
  if (Math.abs(result.alpha - 1) < 1e-3) return { code: "some-entries" };
  if (Math.abs(result.cosine) > 1 - 1e-6)
    return { code: "pattern", pattern: ratioHint(result.alpha, context) };
  return { code: "not-constant" };
}

/** A tensor's result as the report keeps it. */
export function gradientRow(result: TensorResult, context: HintContext): GradientRow {
  const hint = gradientHint(result, context);
  if (result.verdict === "wrong-shape") {
    const { name, expected, actual } = result;
    return { name, verdict: "wrong-shape", expected, actual, ...(hint ? { hint } : {}) };
  }
  if (result.verdict === "missing")
    return { name: result.name, verdict: "missing", expected: result.expected };
  const [worst] = result.worst;
  const [yours, numeric] = worst ? distinct(worst.analytic, worst.numeric) : ["", ""];
  return {
    name: result.name,
    verdict: result.verdict === "passed" ? "right" : "wrong",
    difference: result.difference,
    ratio: Number.isFinite(result.alpha) ? result.alpha : null,
    cosine: result.cosine,
    checked: result.fast ? null : result.checked,
    kinks: result.kinks.length,
    method: result.method,
    ...(worst ? { worst: { index: worst.index, yours, numeric } } : {}),
    ...(hint ? { hint } : {}),
  };
}

/** One line per tensor, in English: `dW1: right (difference 3.1e-10, 8 entries checked).` */
export function describeTensor(result: TensorResult, context: HintContext): string {
  return gradientLine(gradientRow(result, context));
}
