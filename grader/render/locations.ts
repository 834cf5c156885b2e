/**
 * Where in the learner's code a test points, for the formats that annotate a line (JUnit's
 * opt-in `file`/`line` flavour, a workflow's `::error file=…,line=…`): the line an error was
 * thrown at or a build failed at, else the line that declares the test's function, else the
 * submission's file itself. Paths as the report shows
 * them (relative to where it was graded).
 */
import type { Report, TestReport } from "../core/report.ts";

export interface Location {
  file: string;
  line?: number;
}

export function learnerLocation(test: TestReport, report: Report): Location {
  const { details } = test;
  if (details.type === "build" && details.file)
    return { file: details.file, ...(details.line ? { line: details.line } : {}) };
  if (details.type === "error" && details.at) {
    const match = /^(.*):(\d+):(\d+)$/.exec(details.at);
    if (match) return { file: match[1] as string, line: Number(match[2]) };
  }
  const line = report.functions.find((f) => f.name === test.function)?.line;
  return { file: report.submission.path, ...(line ? { line } : {}) };
}
