/**
 * Learner-facing wording of gradient-check results, derived from the structured results:
 * `dW2: wrong. Your gradient is 2.00× the numeric one (cosine 1.000): it is exactly twice the
 * expected value. Worst entry W2[0,3]: yours 0.0412, numeric 0.0206.`
 */
import { type HintContext, ratioHint } from "../checks/hints.ts";
import type { TensorResult } from "./check.ts";

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5)
    ? x.toExponential(3)
    : String(Number(x.toPrecision(4)));
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
  if (Math.abs(result.cosine) > 1 - 1e-6) return ratioHint(result.alpha, context);
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
  const where = worst
    ? ` Worst entry ${result.name}[${worst.index.join(",")}]: yours ${num(worst.analytic)}, numeric ${num(worst.numeric)}.`
    : "";
  return `${grad}: wrong. ${ratio}${hint ? `: ${hint}` : ""}.${where}${kinks ? ` (${kinks.slice(2)})` : ""}`;
}
