/**
 * The learner's view of the gradient checks (`gradecheck gradcheck`): per check, a table with one
 * row per parameter (verdict, difference, worst entry, hint), then what the failure means.
 * Pure: report in, text out. Printed on a terminal: every cell is `inline()` (one line, no escape
 * sequence), messages are `plain()`, indented line by line.
 */

import type { GradientRow, Report, TestReport } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Words } from "../words/words.ts";
import { displayWidth, padEnd } from "./columns.ts";
import { inline, plain } from "./sanitize.ts";

function gradientsOf(test: TestReport): GradientRow[] {
  const details = test.details;
  return details.type === "check" || details.type === "passed" ? (details.gradients ?? []) : [];
}

const difference = (x: number) => (x === 0 ? "0" : x.toExponential(1));

/** A parameter's row: its gradient, verdict, difference, worst entry and hint. */
function cells(row: GradientRow, words: Words): string[] {
  const { gradient } = words.labels;
  const hint = row.hint && row.verdict !== "right" ? words.gradientHint(row.hint) : "";
  const [diff, worst] =
    row.verdict === "wrong-shape" || row.verdict === "missing"
      ? ["", ""]
      : [
          difference(row.difference),
          row.worst
            ? gradient.worst(
                `${row.name}[${row.worst.index.join(",")}]`,
                row.worst.yours,
                row.worst.numeric,
              )
            : "",
        ];
  return [`d${row.name}`, gradient.verdict[row.verdict], diff, worst, hint].map(inline);
}

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i] ?? ""))),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => padEnd(c, widths[i] ?? 0))
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

/** One gradient check's table, a line per parameter (none for a test without rows). */
export function gradientRows(test: TestReport, words: Words = en): string[] {
  const body = gradientsOf(test).map((row) => cells(row, words));
  return body.length > 0 ? table(words.labels.gradient.header, body) : [];
}

export function gradientTable(report: Report, words: Words = en): string {
  const { gradient } = words.labels;
  const lines: string[] = [];
  const tests = report.tests.filter((t) => t.kind === "gradient");
  if (report.status === "error") {
    return `${gradient.couldNotRun}\n${indented(report.message)}\n`;
  }
  for (const test of tests) {
    lines.push(`${test.status === "passed" ? "✓" : "✗"} ${inline(`${test.id}: ${test.name}`)}`);
    lines.push(...gradientRows(test, words).map((l) => `    ${l}`));
    if (test.status !== "passed") lines.push(indented(test.message));
    lines.push("");
  }
  if (tests.length === 0) lines.push(gradient.none, "");
  return `${lines.join("\n")}`;
}
