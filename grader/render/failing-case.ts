/**
 * One failing test as a learner needs it to fix and replay it, for the terminal summary and the
 * Markdown summary alike. Pure: a test report in, plain text out (the caller escapes the
 * learner's parts for its format).
 */
import type { Report, TestReport } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";
import { numpyLines } from "./numpy.ts";
import { inline, plain } from "./sanitize.ts";

/** Lines of a test's own printed output shown under it. */
const OUTPUT_LINES = 8;

export function messageLines(test: TestReport, labels: Labels = en.labels): string[] {
  return plain(
    test.visibility === "hidden" ? `${labels.hiddenMark} ${test.message}` : test.message,
  ).split("\n");
}

/**
 * A failing test's case: which case, what it was called with, the values at the first difference
 * (numpy's way), what the learner's code printed, and the command that runs this test alone. The
 * verdict is the test's message. A hidden test shows its verdict only. Every part is plain text
 * (`plain`/`inline`); `printed` and `replay` hold the learner's own text (their output, their
 * folder's name), which a format must escape.
 */
export interface CaseView {
  title: string;
  message: string[];
  /** Grader-made: shapes and numbers only. */
  called?: string;
  /** The values at the first difference, as numpy prints them: where ("dW1"), and both arrays. */
  values?: { at: string; expected: string[]; yours: string[] };
  printed: string[];
  replay?: string;
}

export function caseView(test: TestReport, report: Report, labels: Labels = en.labels): CaseView {
  const title = `✗ ${inline(test.name)} (${inline(test.id)})`;
  if (test.visibility === "hidden")
    return { title, message: messageLines(test, labels), printed: [] };
  const { details } = test;
  const values =
    details.type === "mismatch" && details.shown
      ? {
          at: inline(details.path),
          expected: numpyLines(details.shown.expected),
          yours: numpyLines(details.shown.actual),
        }
      : undefined;
  const printed = plain(test.output)
    .split("\n")
    .filter((l) => l.trim() !== "");
  const inputs = Object.entries(test.inputs ?? {});
  return {
    title,
    message: messageLines(test, labels),
    ...(inputs.length > 0
      ? {
          called: labels.calledWith(
            inputs.map(([name, shape]) => `${inline(name)} ${inline(shape)}`).join(", "),
          ),
        }
      : {}),
    ...(values ? { values } : {}),
    printed:
      printed.length > OUTPUT_LINES
        ? [...printed.slice(0, OUTPUT_LINES), labels.moreLines(printed.length - OUTPUT_LINES)]
        : printed,
    replay: replayCommand(test, report),
  };
}

/** The case as the terminal shows it, in lines under the function. */
export function failingCase(
  test: TestReport,
  report: Report,
  labels: Labels = en.labels,
): string[] {
  const view = caseView(test, report, labels);
  const indent = (l: string) => `  ${l}`;
  return [
    view.title,
    ...(view.called ? [indent(view.called)] : []),
    ...view.message.map(indent),
    ...valueLines(view, labels).map(indent),
    ...(view.printed.length > 0
      ? [indent(labels.printed), ...view.printed.map((l) => indent(`  | ${l}`))]
      : []),
    ...(view.replay ? [indent(`${labels.replay} ${view.replay}`)] : []),
  ];
}

/** The command that runs just this test again, on this submission. */
export function replayCommand(test: TestReport, report: Report): string {
  const path = report.submission.path.startsWith("-")
    ? `./${report.submission.path}`
    : report.submission.path;
  return `npm run grade -- ${shellWord(path)} --only ${shellWord(test.function)} --case ${shellWord(test.id)}`;
}

/** A word as a POSIX shell reads it back unchanged: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  const text = inline(word);
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The values as the terminal shows them: "expected dW1:", its rows, "yours:", its rows. */
export function valueLines({ values }: CaseView, labels: Labels = en.labels): string[] {
  if (!values) return [];
  return [
    `${labels.expected}${values.at === "" ? "" : ` ${values.at}`}:`,
    ...values.expected.map((l) => `  ${l}`),
    `${labels.yours}:`,
    ...values.yours.map((l) => `  ${l}`),
  ];
}
