/** 기울기 검사의 행을 한국어로: 파라미터마다 한 줄, 그리고 패턴이 시사하는 것. */
import type { GradientHint, GradientRow } from "../../core/report.ts";
import { gradientNumber } from "../numbers.ts";
import { wordHint } from "./hints.ts";
import { labels } from "./labels.ts";

export function gradientHint(hint: GradientHint): string {
  switch (hint.code) {
    case "transposed":
      return "전치되어 있습니다";
    case "zero":
      return "수치 기울기는 0이 아닌데 여러분의 기울기는 0입니다: 이 기울기를 계산하기는 하나요?";
    case "some-entries":
      return "일부 원소를 빼면 수치 기울기와 일치합니다: 가장 많이 틀린 원소를 보세요";
    case "not-constant":
      return "오차가 상수 배가 아니라 원소마다 달라집니다: 어떤 항이 틀렸습니다(도함수, 또는 빠지거나 더해진 항)";
    case "pattern":
      return wordHint(hint.pattern);
  }
}

/** `dW1: 맞음 (차이 3.1e-10, 원소 8개 검사).`, 또는 무엇이 틀렸는지. */
export function gradientLine(row: GradientRow): string {
  const grad = `d${row.name}`;
  const hint = row.hint ? gradientHint(row.hint) : undefined;
  if (row.verdict === "missing")
    return `${grad}: 없습니다. 기울기에 파라미터 ${row.name} (${row.expected.join(",")})의 배열 ${grad}가 없습니다.`;
  if (row.verdict === "wrong-shape")
    return `${grad}: 모양이 틀렸습니다. (${row.actual.join(",")})인데 파라미터 ${row.name}은(는) (${row.expected.join(",")})입니다${hint ? `: ${hint}` : ""}.`;
  const kinks = row.kinks > 0 ? `꺾이는 점이라 ${row.kinks}개는 검사하지 않음` : "";
  if (row.verdict === "right") {
    const how = row.checked === null ? "무작위 방향으로" : `원소 ${row.checked}개`;
    return `${grad}: 맞습니다(차이 ${gradientNumber(row.difference)}, ${how} 검사${kinks ? `; ${kinks}` : ""}).`;
  }
  const ratio =
    row.ratio !== null
      ? `여러분의 기울기는 수치 기울기의 ${row.ratio.toFixed(2)}배입니다(코사인 ${row.cosine.toFixed(3)})`
      : `수치 기울기가 0입니다: 비용이 ${row.name}에 따라 변하지 않습니다(${row.name}을(를) 쓰기는 하나요?)`;
  const where = row.worst
    ? ` 가장 많이 틀린 원소 ${labels.gradient.worst(`${row.name}[${row.worst.index.join(",")}]`, row.worst.yours, row.worst.numeric)}.`
    : "";
  return `${grad}: 틀렸습니다. ${ratio}${hint ? `: ${hint}` : ""}.${where}${kinks ? ` (${kinks})` : ""}`;
}
