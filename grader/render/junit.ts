/**
 * JUnit XML for CI dashboards: one testsuite per function, one testcase per test, a failure (or
 * error) element carrying the message. Learner text goes through `xml()`: escaped, and without the
 * code points XML 1.0 cannot hold (U+FFFE, lone surrogates, controls), so the file stays
 * well-formed. Instructor-facing: hidden tests keep their messages and output.
 */
import type { Report, TestReport } from "../core/report.ts";
import { xml } from "./sanitize.ts";

function testcase(t: TestReport): string {
  const attributes = `classname="${xml(t.function)}" name="${xml(`${t.id}: ${t.name}`)}" time="${(t.durationMs / 1000).toFixed(3)}"`;
  const body =
    t.status === "passed"
      ? ""
      : t.status === "failed"
        ? `<failure type="${xml(t.kind)}" message="${xml(t.message)}">${xml(t.message)}</failure>`
        : `<error type="${xml(t.status)}" message="${xml(t.message)}">${xml(t.message)}</error>`;
  const output = t.output ? `<system-out>${xml(t.output)}</system-out>` : "";
  const properties = `<properties><property name="visibility" value="${t.visibility}"/><property name="score" value="${t.score}"/><property name="maxScore" value="${t.maxScore}"/></properties>`;
  return `    <testcase ${attributes}>${properties}${body}${output}</testcase>`;
}

export function junit(report: Report): string {
  const groups = new Map<string, TestReport[]>();
  for (const t of report.tests) groups.set(t.function, [...(groups.get(t.function) ?? []), t]);
  const suites = [...groups].map(([name, tests]) => {
    const failures = tests.filter((t) => t.status === "failed").length;
    const errors = tests.filter((t) => t.status !== "passed" && t.status !== "failed").length;
    const time = tests.reduce((s, t) => s + t.durationMs, 0) / 1000;
    return [
      `  <testsuite name="${xml(name)}" tests="${tests.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time.toFixed(3)}">`,
      ...tests.map(testcase),
      "  </testsuite>",
    ].join("\n");
  });
  const total = report.tests.length;
  const failures = report.tests.filter((t) => t.status === "failed").length;
  const errors = report.tests.filter((t) => t.status !== "passed" && t.status !== "failed").length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gradecheck ${xml(report.assignment.id)}" tests="${total}" failures="${failures}" errors="${errors}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
