/**
 * The human summary on the terminal: one line per function (✓/✗ and points), the first failure
 * message of each failing function, and the total. Pure: report in, text out; colour only when
 * asked (the CLI asks on a TTY). Learner text (messages, the submission's path, warnings) goes
 * through the sanitizer: no escape sequence or control character of theirs reaches the terminal,
 * and a one-line field stays one line.
 */

import type { Report } from "../core/report.ts";
import { inline, plain } from "./sanitize.ts";

const COLOURS = {
  green: "\u001b[32m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
  reset: "\u001b[0m",
};

function points(x: number): string {
  return String(Number(x.toFixed(2)));
}

export function summary(
  report: Report,
  { colour, reportPath }: { colour: boolean; reportPath?: string },
): string {
  const paint = (name: keyof typeof COLOURS, text: string) =>
    colour ? `${COLOURS[name]}${text}${COLOURS.reset}` : text;
  const lines = [
    paint("bold", `gradecheck ${report.assignment.id} ${report.assignment.version}`) +
      paint("dim", ` · ${inline(report.submission.path)} · seed ${report.seed}`),
    "",
  ];
  if (report.status === "error") {
    lines.push(
      paint("red", "✗ could not grade:"),
      ...plain(report.message)
        .split("\n")
        .map((l) => `    ${l}`),
      "",
    );
  }
  const width = Math.max(...report.functions.map((f) => f.name.length), 8);
  for (const fn of report.functions) {
    const ok = fn.passed === fn.tests;
    const mark = ok ? paint("green", "✓") : paint("red", "✗");
    lines.push(
      `${mark} ${fn.name.padEnd(width)}  ${points(fn.score).padStart(4)}/${points(fn.maxScore)}`,
    );
    const failing = report.tests.find((t) => t.function === fn.name && t.status !== "passed");
    if (failing && report.status !== "error") {
      const text = plain(
        failing.visibility === "hidden" ? `(hidden test) ${failing.message}` : failing.message,
      );
      lines.push(...text.split("\n").map((l) => paint("dim", `    ${l}`)));
    }
  }
  for (const warning of report.warnings) lines.push(paint("yellow", `! ${inline(warning)}`));
  const percent = report.maxScore > 0 ? Math.round((100 * report.score) / report.maxScore) : 0;
  lines.push(
    "",
    paint(
      "bold",
      `Total: ${points(report.score)} of ${points(report.maxScore)} points (${percent}%)`,
    ),
    paint("dim", report.hidden.note + (reportPath ? ` · report: ${inline(reportPath)}` : "")),
  );
  return `${lines.join("\n")}\n`;
}
