/**
 * Exercism's test-runner results.json, version 3: only the visible tests; an `error` status with a
 * message when the submission could not be graded; each test's output capped at 500 characters
 * with Exercism's truncation note; `task_id` numbering the functions. Learner text is `plain`.
 */
import type { Report } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";
import { learnerView } from "./learner-view.ts";
import { cap, inline, plain } from "./sanitize.ts";

const OUTPUT_LIMIT = 500;
const TRUNCATION = "Output was truncated. Please limit to 500 chars.";

export function exercism(report: Report, labels: Labels = en.labels): string {
  const { visible, hiddenCount } = learnerView(report);
  const taskId = new Map(report.functions.map((f, i) => [f.name, i + 1]));
  if (report.status === "error") {
    return `${JSON.stringify({ version: 3, status: "error", message: plain(report.message), tests: [] }, null, 2)}\n`;
  }
  const tests = visible.map((t) => ({
    name: inline(`${t.function}: ${t.name}`),
    status: t.status === "passed" ? "pass" : t.status === "failed" ? "fail" : "error",
    ...(t.status === "passed" ? {} : { message: plain(t.message) }),
    ...(t.output ? { output: cap(plain(t.output), OUTPUT_LIMIT, TRUNCATION) } : {}),
    task_id: taskId.get(t.function) ?? 1,
  }));
  const passed = tests.every((t) => t.status === "pass");
  const note = labels.hiddenNote(hiddenCount);
  return `${JSON.stringify(
    { version: 3, status: passed ? "pass" : "fail", ...(note ? { message: note } : {}), tests },
    null,
    2,
  )}\n`;
}
