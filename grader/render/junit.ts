/**
 * JUnit XML for CI dashboards, valid against Jenkins' junit-10.xsd (the schema most JUnit consumers
 * follow): one testsuite per function with its points as properties, one testcase per test named
 * by its case (the function is its classname), a failure (or error) element carrying the message
 * (in the attribute too, line breaks kept as character references), what the code printed as
 * system-out. The `lines` flavour adds `file` and `line` to each testcase, as some reporters read
 * (not in the schema: opt-in). Learner text goes through `xml()`: escaped, and without the code
 * points XML 1.0 cannot hold, so the file stays well-formed. Instructor-facing: hidden tests keep
 * their messages and output.
 */
import type { Report, TestReport } from "../core/report.ts";
import { learnerLocation } from "./locations.ts";
import { xml, xmlAttribute } from "./sanitize.ts";

export interface JunitOptions {
  /** Add `file` and `line` attributes to each testcase (outside junit-10.xsd). */
  lines?: boolean;
}

/** A test's name within its function's suite: its id without the function's name, and its name. */
function caseName(t: TestReport): string {
  const id = t.id.startsWith(`${t.function}.`) ? t.id.slice(t.function.length + 1) : t.id;
  return `${id}: ${t.name}${t.visibility === "hidden" ? " (hidden)" : ""}`;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(t: TestReport, report: Report, { lines }: JunitOptions): string {
  const where = lines ? learnerLocation(t, report) : undefined;
  const place = where
    ? ` file="${xml(where.file)}"${where.line !== undefined ? ` line="${where.line}"` : ""}`
    : "";
  const attributes = `classname="${xml(t.function)}" name="${xml(caseName(t))}" time="${seconds(t.durationMs)}"${place}`;
  const element = t.status === "failed" ? "failure" : "error";
  const type = t.status === "failed" ? t.kind : t.status;
  const body =
    t.status === "passed"
      ? ""
      : `<${element} type="${xml(type)}" message="${xmlAttribute(t.message)}">${xml(t.message)}</${element}>`;
  const output = t.output ? `<system-out>${xml(t.output)}</system-out>` : "";
  return `    <testcase ${attributes}>${body}${output}</testcase>`;
}

const counts = (tests: TestReport[]) => ({
  failures: tests.filter((t) => t.status === "failed").length,
  errors: tests.filter((t) => t.status !== "passed" && t.status !== "failed").length,
});

export function junit(report: Report, options: JunitOptions = {}): string {
  const groups = new Map<string, TestReport[]>();
  for (const t of report.tests) groups.set(t.function, [...(groups.get(t.function) ?? []), t]);
  const suites = [...groups].map(([name, tests]) => {
    const { failures, errors } = counts(tests);
    const time = tests.reduce((s, t) => s + t.durationMs, 0);
    const score = tests.reduce((s, t) => s + t.score, 0);
    const maxScore = tests.reduce((s, t) => s + t.maxScore, 0);
    return [
      `  <testsuite name="${xml(name)}" tests="${tests.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}">`,
      `    <properties><property name="score" value="${Number(score.toFixed(6))}"/><property name="maxScore" value="${Number(maxScore.toFixed(6))}"/></properties>`,
      ...tests.map((t) => testcase(t, report, options)),
      "  </testsuite>",
    ].join("\n");
  });
  const { failures, errors } = counts(report.tests);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gradecheck ${xml(report.assignment.id)}" tests="${report.tests.length}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
