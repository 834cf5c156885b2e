/**
 * Learner-facing wording of gradient-check results, derived from the structured results:
 * `dW2: wrong. Your gradient is 2.00× the numeric one (cosine 1.000): it is exactly twice the
 * expected value. Worst entry W2[0,3]: yours 0.0412, numeric 0.0206.`
 */
import { wordHint } from "../../words/hints.ts";
import { type HintContext, ratioHint } from "../hints.ts";
import type { TensorResult } from "./check.ts";

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5)
    ? x.toExponential(3)
    : String(Number(x.toPrecision(4)));
}

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
  if (digits === 4) return num(x);
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** What the pattern of a failed tensor's error suggests, if anything. */
export function gradientHint(result: TensorResult, context: HintContext): string | undefined {
  if (result.verdict === "wrong-shape") {
    const [er, ec] = result.expected;
    const [ar, ac] = result.actual;
    return ar === ec && ac === er ? "it is transposed" : undefined;
  }
  if (result.verdict === "passed") return undefined;
  const allZero = result.worst.length > 0 && result.worst.every((e) => e.analytic === 0);
  if (allZero)
    return "your gradient is zero where the numeric one is not: is this gradient computed at all?";
  if (!Number.isFinite(result.alpha)) return undefined;
  // A ratio of 1 is no constant factor: the gradient is right but for a few entries.
  if (Math.abs(result.alpha - 1) < 1e-3)
    return "it matches the numeric gradient but for some entries: look at the worst one";
  if (Math.abs(result.cosine) > 1 - 1e-6) return wordHint(ratioHint(result.alpha, context));
  return "the error is not a constant factor: it changes from entry to entry, so a term is wrong (a derivative, or a missing or extra term)";
}

/** One line per tensor: `dW1: right (difference 3.1e-10, 8 entries checked).` or the failure. */
export function describeTensor(result: TensorResult, context: HintContext): string {
  const grad = `d${result.name}`;
  if (result.verdict === "wrong-shape") {
    const hint = gradientHint(result, context);
    return `${grad}: wrong shape (${result.actual.join(",")}), the parameter ${result.name} is (${result.expected.join(",")})${hint ? `: ${hint}` : ""}.`;
  }
  const kinks = result.kinks.length > 0 ? `; ${result.kinks.length} not checked: kink` : "";
  if (result.verdict === "passed") {
    const how = result.fast ? "random directions" : `${result.checked} entries`;
    return `${grad}: right (difference ${num(result.difference)}, ${how} checked${kinks}).`;
  }
  const [worst] = result.worst;
  const hint = gradientHint(result, context);
  const ratio = Number.isFinite(result.alpha)
    ? `Your gradient is ${result.alpha.toFixed(2)}× the numeric one (cosine ${result.cosine.toFixed(3)})`
    : `The numeric gradient is zero: the cost does not change with ${result.name} (is it used?)`;
  const [yours, numeric] = worst ? distinct(worst.analytic, worst.numeric) : ["", ""];
  const where = worst
    ? ` Worst entry ${result.name}[${worst.index.join(",")}]: yours ${yours}, numeric ${numeric}.`
    : "";
  return `${grad}: wrong. ${ratio}${hint ? `: ${hint}` : ""}.${where}${kinks ? ` (${kinks.slice(2)})` : ""}`;
}
