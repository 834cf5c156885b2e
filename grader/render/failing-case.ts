/**
 * One failing test as a learner needs it to fix and replay it, for the terminal summary and the
 * Markdown summary alike. Pure: a test report in, plain lines out (the caller escapes them for
 * its format).
 */
import type { Report, TestReport } from "../core/report.ts";
import { numpyLines } from "./numpy.ts";
import { inline, plain } from "./sanitize.ts";

/** Lines of a test's own printed output shown under it. */
const OUTPUT_LINES = 8;

export function messageLines(test: TestReport): string[] {
  return plain(test.visibility === "hidden" ? `(hidden test) ${test.message}` : test.message).split(
    "\n",
  );
}

/**
 * One failing test as a learner needs it to fix and replay it: which case, what it was called
 * with, the verdict, the values at the first difference (numpy's way), what the learner's code
 * printed, and the command that runs this test alone. A hidden test shows its verdict only.
 */
export function failingCase(test: TestReport, report: Report): string[] {
  const lines = [`✗ ${inline(test.name)} (${inline(test.id)})`];
  const indent = (l: string) => `  ${l}`;
  if (test.visibility === "hidden") return [...lines, ...messageLines(test).map(indent)];
  if (test.inputs && Object.keys(test.inputs).length > 0)
    lines.push(
      indent(
        `called with ${Object.entries(test.inputs)
          .map(([name, shape]) => `${inline(name)} ${inline(shape)}`)
          .join(", ")}`,
      ),
    );
  lines.push(...messageLines(test).map(indent));
  const { details } = test;
  if (details.type === "mismatch" && details.shown) {
    const at = details.path === "" ? "" : ` ${inline(details.path)}`;
    lines.push(
      indent(`expected${at}:`),
      ...numpyLines(details.shown.expected).map((l) => indent(`  ${l}`)),
    );
    lines.push(indent("yours:"), ...numpyLines(details.shown.actual).map((l) => indent(`  ${l}`)));
  }
  const printed = plain(test.output)
    .split("\n")
    .filter((l) => l.trim() !== "");
  if (printed.length > 0) {
    lines.push(indent("your code printed:"));
    lines.push(...printed.slice(0, OUTPUT_LINES).map((l) => indent(`  | ${l}`)));
    if (printed.length > OUTPUT_LINES)
      lines.push(indent(`  | … ${printed.length - OUTPUT_LINES} more lines in the report`));
  }
  lines.push(indent(`replay: ${replayCommand(test, report)}`));
  return lines;
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
