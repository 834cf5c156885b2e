/**
 * The human summary on the terminal: one line per function (✓/✗ and points), under each failing
 * function its failing tests with their cases (render/failing-case.ts), and the total. Pure: report in, text out; colour only when
 * asked (the CLI asks on a TTY). Learner text (messages, the submission's path, warnings) goes
 * through the sanitizer: no escape sequence or control character of theirs reaches the terminal,
 * and a one-line field stays one line.
 */

import type { Report } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";
import { failingCase, messageLines } from "./failing-case.ts";
import { inline, plain } from "./sanitize.ts";

const COLOURS = {
  green: "\u001b[32m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
  reset: "\u001b[0m",
};

/** Failing tests shown in full per function; the report has the rest. */
const SHOWN_PER_FUNCTION = 3;

function points(x: number): string {
  return String(Number(x.toFixed(2)));
}

export function summary(
  report: Report,
  { colour, reportPath }: { colour: boolean; reportPath?: string },
  labels: Labels = en.labels,
): string {
  const paint = (name: keyof typeof COLOURS, text: string) =>
    colour ? `${COLOURS[name]}${text}${COLOURS.reset}` : text;
  const lines = [
    paint("bold", `gradecheck ${report.assignment.id} ${report.assignment.version}`) +
      paint("dim", ` · ${inline(report.submission.path)} · ${labels.seed(report.seed)}`),
    "",
  ];
  if (report.status === "error") {
    lines.push(
      paint("red", `✗ ${labels.couldNotGrade}`),
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
    if (report.status === "error") continue;
    const failing = report.tests.filter((t) => t.function === fn.name && t.status !== "passed");
    const [first] = failing;
    // A function not written yet, or not run, fails every test for the same reason: said once.
    const same = first && (first.status === "missing" || first.details.type === "not-run");
    const shown = same ? failing.slice(0, 1) : failing.slice(0, SHOWN_PER_FUNCTION);
    for (const test of shown)
      lines.push(
        ...(same ? messageLines(test, labels) : failingCase(test, report, labels)).map((l) =>
          paint("dim", `    ${l}`),
        ),
      );
    if (failing.length > shown.length && !same)
      lines.push(paint("dim", `    ${labels.moreFailing(failing.length - shown.length)}`));
  }
  for (const warning of report.warnings) lines.push(paint("yellow", `! ${inline(warning)}`));
  const percent = report.maxScore > 0 ? Math.round((100 * report.score) / report.maxScore) : 0;
  lines.push(
    "",
    paint("bold", labels.total(points(report.score), points(report.maxScore), percent)),
    ...(report.partial
      ? [
          paint(
            "yellow",
            labels.partial(
              report.partial.functions.map(inline).join(", "),
              report.partial.tests,
              report.partial.of,
            ),
          ),
        ]
      : []),
    paint(
      "dim",
      report.hidden.note + (reportPath ? ` · ${labels.reportAt(inline(reportPath))}` : ""),
    ),
  );
  return `${lines.join("\n")}\n`;
}
