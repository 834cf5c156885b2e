/**
 * The learner's visible tests as a vitest suite (the release's `gradecheck.test.ts` calls this):
 * one vitest test per gradecheck test, named "<function> › <case name>", failing with
 * gradecheck's own words (the verdict, the values as numpy prints them, the named mistake, what the
 * code printed, the command that replays it). So `npx vitest` is a watch mode, `npx vitest -t
 * sigmoid` runs one function, and an editor's vitest extension shows results next to the code.
 *
 * Nothing is checked twice: each function is graded by the grader itself (same cases, sandbox,
 * comparator and messages), once per run of the suite and only when one of its tests runs, with
 * the visible tests' committed inputs and expected values.
 */
import { join } from "node:path";
import { describe, it } from "vitest";
import { plannedTests } from "../core/manifest.ts";
import type { Report } from "../core/report.ts";
import { grade } from "../pipeline/grade.ts";
import { type AssignmentParts, assignmentIds, loadAssignment } from "../pipeline/load.ts";
import { failingCase } from "../render/failing-case.ts";
import { type Locale, localize } from "../render/localize.ts";
import { localeOf } from "./grade.ts";
import { langOf } from "./options.ts";

/** A failed gradecheck test, as vitest shows it: gradecheck's words, no grader stack trace. */
export class GradecheckFailure extends Error {
  override name = "GradecheckFailure";
  constructor(text: string) {
    super(text);
    this.stack = `${this.name}: ${text}`;
  }
}

/**
 * Defines the suite of every assignment under `root` (the learner's repository), in the language
 * of $GRADECHECK_LANG (English by default).
 */
export async function defineLearnerSuite(root: string): Promise<void> {
  const lang = langOf(undefined, process.env.GRADECHECK_LANG);
  const ids = assignmentIds(root);
  for (const id of ids) {
    const parts = await loadAssignment(root, id, false);
    const define = () => defineAssignment(root, id, parts, localeOf(lang, parts.cases.words));
    // One assignment: its tests at the top, named by function; several: grouped by assignment.
    if (ids.length === 1) define();
    else describe(id, define);
  }
}

function defineAssignment(root: string, id: string, parts: AssignmentParts, locale: Locale): void {
  const { labels } = locale.words;
  const submission = join(root, "assignments", id, "model.ts");
  const planned = plannedTests(parts.manifest);
  const groupOf = new Map(planned.map((p) => [p.test.id, p.group]));
  const graded = new Map<string, Promise<Report>>();
  const gradeGroup = (group: string): Promise<Report> => {
    let report = graded.get(group);
    if (!report) {
      report = grade(parts, {
        submission,
        displayRoot: root,
        seed: 0,
        hidden: false,
        timeoutMs: undefined,
        toolVersion: "vitest",
        typeCheck: false,
        select: (test) => groupOf.get(test.id) === group,
      });
      graded.set(group, report);
    }
    return report;
  };
  for (const { group, test } of planned) {
    if (test.visibility !== "visible") continue;
    const name = locale.assignment?.tests?.[test.id] ?? test.name;
    it(`${group} › ${name}`, async ({ skip }) => {
      const report = localize(await gradeGroup(group), locale);
      if (report.status === "error") throw new GradecheckFailure(report.message);
      const result = report.tests.find((t) => t.id === test.id);
      // Left out of a learner's own run: it judges with the solution, which only the instructor has.
      if (!result) return skip(labels.solutionOnly(test.id));
      if (result.status !== "passed")
        throw new GradecheckFailure(failingCase(result, report, labels).join("\n"));
    });
  }
}
