/**
 * The learner's view of the gradient checks (`gradecheck gradcheck`): per check, a table with one
 * row per parameter (verdict, difference, worst entry, hint), then what the failure means.
 * Pure: report in, text out. Printed on a terminal: every cell is `inline()` (one line, no escape
 * sequence), messages are `plain()`, indented line by line.
 */

import type { Report, TestReport } from "../core/report.ts";
import { inline, plain } from "./sanitize.ts";

function valuesOf(test: TestReport): Record<string, number | string> {
  const details = test.details;
  if (details.type === "check") return details.values;
  if (details.type === "passed") return details.values ?? {};
  return {};
}

function cell(value: number | string | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return value === 0 ? "0" : value.toExponential(1);
  return inline(value);
}

/** Rows of a test's per-parameter values (`dW1 verdict`, `dW1 difference`, ...). */
function rows(values: Record<string, number | string>): string[][] {
  const names = [...new Set(Object.keys(values).map((key) => key.split(" ")[0] as string))];
  return names.map((name) => [
    inline(name),
    cell(values[`${name} verdict`]),
    cell(values[`${name} difference`]),
    cell(values[`${name} worst`]),
    cell(values[`${name} hint`]),
  ]);
}

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...body.map(line)];
}

/** `plain` learner text, each of its lines indented under the table. */
function indented(text: string): string {
  return plain(text)
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/** One gradient check's table, a line per parameter (none for a test without the values). */
export function gradientRows(test: TestReport): string[] {
  const body = rows(valuesOf(test));
  return body.length > 0
    ? table(["gradient", "verdict", "difference", "worst entry", "hint"], body)
    : [];
}

export function gradientTable(report: Report): string {
  const lines: string[] = [];
  const tests = report.tests.filter((t) => t.kind === "gradient");
  if (report.status === "error") {
    return `could not run the gradient checks:\n${indented(report.message)}\n`;
  }
  for (const test of tests) {
    lines.push(`${test.status === "passed" ? "✓" : "✗"} ${inline(`${test.id}: ${test.name}`)}`);
    lines.push(...gradientRows(test).map((l) => `    ${l}`));
    if (test.status !== "passed") lines.push(indented(test.message));
    lines.push("");
  }
  if (tests.length === 0) lines.push("this assignment has no gradient checks", "");
  return `${lines.join("\n")}`;
}
