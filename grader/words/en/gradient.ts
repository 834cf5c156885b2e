/** A gradient check's rows in English: one line per parameter, and what a pattern suggests. */
import type { GradientHint, GradientRow } from "../../core/report.ts";
import { gradientNumber } from "../numbers.ts";
import { wordHint } from "./hints.ts";
import { labels } from "./labels.ts";

export function gradientHint(hint: GradientHint): string {
  switch (hint.code) {
    case "transposed":
      return "it is transposed";
    case "zero":
      return "your gradient is zero where the numeric one is not: is this gradient computed at all?";
    case "some-entries":
      return "it matches the numeric gradient but for some entries: look at the worst one";
    case "not-constant":
      return "the error is not a constant factor: it changes from entry to entry, so a term is wrong (a derivative, or a missing or extra term)";
    case "pattern":
      return wordHint(hint.pattern);
  }
}

/** `dW1: right (difference 3.1e-10, 8 entries checked).`, or what is wrong with it. */
export function gradientLine(row: GradientRow): string {
  const grad = `d${row.name}`;
  const hint = row.hint ? gradientHint(row.hint) : undefined;
  if (row.verdict === "missing")
    return `${grad}: missing: your gradients have no array ${grad}, for the parameter ${row.name} (${row.expected.join(",")}).`;
  if (row.verdict === "wrong-shape")
    return `${grad}: wrong shape (${row.actual.join(",")}), the parameter ${row.name} is (${row.expected.join(",")})${hint ? `: ${hint}` : ""}.`;
  const kinks = row.kinks > 0 ? `${row.kinks} not checked: kink` : "";
  if (row.verdict === "right") {
    const how = row.checked === null ? "random directions" : `${row.checked} entries`;
    return `${grad}: right (difference ${gradientNumber(row.difference)}, ${how} checked${kinks ? `; ${kinks}` : ""}).`;
  }
  const ratio =
    row.ratio !== null
      ? `Your gradient is ${row.ratio.toFixed(2)}× the numeric one (cosine ${row.cosine.toFixed(3)})`
      : `The numeric gradient is zero: the cost does not change with ${row.name} (is it used?)`;
  const where = row.worst
    ? ` Worst entry ${labels.gradient.worst(`${row.name}[${row.worst.index.join(",")}]`, row.worst.yours, row.worst.numeric)}.`
    : "";
  return `${grad}: wrong. ${ratio}${hint ? `: ${hint}` : ""}.${where}${kinks ? ` (${kinks})` : ""}`;
}
