/**
 * GitHub Classroom's autograding result, as its reporter
 * (classroom-resources/autograding-grading-reporter) reads a runner's: a JSON object, version 1,
 * with the runner's status, its max_score and each test's score, which Classroom adds up into the
 * learner's points. The workflow base64-encodes it into a step output named `result` and hands it
 * to the reporter (`<RUNNER>_RESULTS`). Learner-facing: the visible tests only, with their messages
 * (plain) and, where known, the learner's file and line.
 */
import type { Report } from "../core/report.ts";
import { learnerView } from "./learner-view.ts";
import { learnerLocation } from "./locations.ts";
import { inline, plain } from "./sanitize.ts";

const STATUS = { passed: "pass", failed: "fail" } as const;

export function classroom(report: Report): string {
  const { visible, visibleMax } = learnerView(report);
  const tests =
    report.status === "error"
      ? []
      : visible.map((t) => {
          const where = learnerLocation(t, report);
          return {
            name: inline(`${t.function}: ${t.name}`),
            status: STATUS[t.status as keyof typeof STATUS] ?? "error",
            ...(t.status === "passed" ? {} : { message: plain(t.message) }),
            filename: where.file,
            ...(where.line !== undefined ? { line_no: where.line } : {}),
            execution_time: `${(t.durationMs / 1000).toFixed(2)}s`,
            score: t.score,
          };
        });
  const status =
    report.status === "error" ? "error" : tests.every((t) => t.status === "pass") ? "pass" : "fail";
  return `${JSON.stringify(
    {
      version: 1,
      status,
      max_score: visibleMax,
      ...(report.status === "error" ? { message: plain(report.message) } : {}),
      tests,
    },
    null,
    2,
  )}\n`;
}
