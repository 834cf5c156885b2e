/**
 * GitHub Actions workflow commands that annotate the learner's code in a pull request: one
 * `::error file=…,line=…,title=…::message` per failing function (its first failing test), at the
 * line an error or the build points at, else on the submission's file; and one for a submission
 * that could not be graded. The workflow prints the file on its step's output. Learner text is
 * `plain`, then escaped as the runner reads it: `%`, line breaks, and in a property `:` and `,`
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
 */
import type { Report } from "../core/report.ts";
import { learnerView } from "./learner-view.ts";
import { learnerLocation } from "./locations.ts";
import { plain } from "./sanitize.ts";

/** A command's message: `%`, CR and LF escaped. */
export const escapeData = (text: string) =>
  plain(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** A command's property value: also `:` and `,`. */
export const escapeProperty = (text: string) =>
  escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

function command(file: string, line: number | undefined, title: string, message: string): string {
  const properties = [
    `file=${escapeProperty(file)}`,
    ...(line !== undefined ? [`line=${line}`] : []),
    `title=${escapeProperty(title)}`,
  ];
  return `::error ${properties.join(",")}::${escapeData(message)}`;
}

export function annotations(report: Report): string {
  if (report.status === "error")
    return `${command(report.submission.path, undefined, "gradecheck could not grade this submission", report.message)}\n`;
  const { visible } = learnerView(report);
  const lines = report.functions.flatMap((fn) => {
    const failing = visible.filter((t) => t.function === fn.name && t.status !== "passed");
    const [first] = failing;
    if (!first) return [];
    const where = learnerLocation(first, report);
    const title = `${fn.name}: ${Number(fn.score.toFixed(2))} of ${Number(fn.maxScore.toFixed(2))} points (${failing.length} failing)`;
    return [command(where.file, where.line, title, first.message)];
  });
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
