/**
 * Exercism's test-runner results.json, version 3
 * (https://exercism.org/docs/building/tooling/test-runners/interface): only the visible tests,
 * each with its `test_code` (the call it makes, with its inputs' shapes, or the law it checks);
 * the top-level `message` only with an `error` status (the submission could not be graded), null
 * otherwise; each test's output capped at 500 characters with Exercism's truncation note;
 * `task_id` numbering the functions in the manifest's order (the instructions' `## N.` tasks), and
 * none on the end-to-end test, which belongs to no one task.
 * Learner text is `plain`.
 */
import type { Report, TestReport } from "../core/report.ts";
import { learnerView } from "./learner-view.ts";
import { cap, inline, plain } from "./sanitize.ts";

const OUTPUT_LIMIT = 500;
const TRUNCATION = "Output was truncated. Please limit to 500 chars.";

/** What a test does, as code: `sigmoid(z)  // z (3,4)`, or the law a property checks. */
function testCode(t: TestReport): string {
  if (t.details.type === "property") return `// ${inline(t.name)}`;
  const inputs = Object.entries(t.inputs ?? {});
  const call = `${t.function}(${inputs.map(([name]) => name).join(", ")})`;
  const shapes = inputs.map(([name, shape]) => `${name} ${shape}`).join(", ");
  return inline(shapes ? `${call}  // ${shapes}` : call);
}

export function exercism(report: Report): string {
  const { visible } = learnerView(report);
  const tasks = report.functions.filter((f) =>
    report.tests.some((t) => t.function === f.name && t.kind !== "integration"),
  );
  const taskId = new Map(tasks.map((f, i) => [f.name, i + 1]));
  if (report.status === "error") {
    return `${JSON.stringify({ version: 3, status: "error", message: plain(report.message), tests: [] }, null, 2)}\n`;
  }
  const tests = visible.map((t) => ({
    name: inline(`${t.function}: ${t.name}`),
    test_code: testCode(t),
    status: t.status === "passed" ? "pass" : t.status === "failed" ? "fail" : "error",
    ...(t.status === "passed" ? {} : { message: plain(t.message) }),
    ...(t.output ? { output: cap(plain(t.output), OUTPUT_LIMIT, TRUNCATION) } : {}),
    ...(taskId.has(t.function) ? { task_id: taskId.get(t.function) } : {}),
  }));
  const passed = tests.every((t) => t.status === "pass");
  // No note on hidden tests: the format's top-level message is for an error only.
  return `${JSON.stringify({ version: 3, status: passed ? "pass" : "fail", message: null, tests }, null, 2)}\n`;
}
