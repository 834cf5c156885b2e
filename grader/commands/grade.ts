/**
 * `gradecheck grade [submission]`: grades one learner's model.ts and writes the JSON report.
 */
import { lstatSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { relative } from "node:path";
import type { AssignmentWords } from "../core/assignment.ts";
import { type Manifest, ManifestError, plannedTests, type TestSpec } from "../core/manifest.ts";
import type { Lang } from "../core/phrase.ts";
import type { Report } from "../core/report.ts";
import type { BundleFolder } from "../pipeline/bundle-folder.ts";
import { findSubmission } from "../pipeline/find-submission.ts";
import { type GradeOptions, grade } from "../pipeline/grade.ts";
import { type AssignmentParts, loadAssignment } from "../pipeline/load.ts";
import type { SubmissionSource } from "../pipeline/submission.ts";
import type { FormatName } from "../render/formats.ts";
import { adapters, renderers } from "../render/index.ts";
import { reportToJson } from "../render/json.ts";
import type { Locale } from "../render/localize.ts";
import {
  type Isolation,
  isolation,
  probeIsolation,
  unreachableFolder,
} from "../sandbox/isolation.ts";
import { catalogs } from "../words/catalogs.ts";
import { chooseAssignment, courseAt } from "./choose-assignment.ts";
import { ExitError } from "./errors.ts";
import { ensureFolderOf } from "./folders.ts";
import { slowTestNotice } from "./slow-tests.ts";

export interface GradeCommandOptions {
  root: string;
  /** Absolute path of a model.ts or a folder holding one. */
  submission: string;
  displayRoot: string;
  assignment: string | undefined;
  out: string;
  seed: number;
  hidden: boolean;
  timeoutMs: number | undefined;
  failUnder: { points: number } | { percent: number } | undefined;
  quiet: boolean;
  json: boolean;
  colour: boolean;
  /** Formats written next to the JSON report (`gradecheck-report.junit.xml`, ...). */
  formats: FormatName[];
  toolVersion: string;
  /** Where a line about a test still running goes (stderr on a terminal). */
  notice: (line: string) => void;
  /** Run only some functions' tests (`only`), or one test (`case`, its id). */
  selection?: Selection;
  /** The language of the summary and the formats (the JSON report stays English). */
  lang: Lang;
  /** The manifest's limits, lowered (or raised) for a platform's container: Gradescope's. */
  limits?: { heapMb?: number; runSeconds?: number };
  /** The whole submission's bundle folder, its child started ahead (early-start.ts). */
  wholeFolder?: Promise<BundleFolder> | undefined;
}

export interface Selection {
  only?: string[];
  case?: string;
}

/**
 * The tests a selection accepts, checked against the manifest: an unknown function or test id
 * is refused with the names there are, before anything runs.
 */
export function selectTests(manifest: Manifest, selection: Selection): (test: TestSpec) => boolean {
  const planned = plannedTests(manifest);
  const groups = [...new Set(planned.map((p) => p.group))];
  const only = selection.only;
  for (const name of only ?? [])
    if (!groups.includes(name))
      throw new ExitError(2, `--only ${name}: no such function; there are ${groups.join(", ")}`);
  const ofTest = new Map(planned.map((p) => [p.test.id, p.group]));
  if (selection.case !== undefined) {
    const group = ofTest.get(selection.case);
    if (group === undefined)
      throw new ExitError(
        2,
        `--case ${selection.case}: no such test (the summary shows each failing test's id)`,
      );
    if (only !== undefined && !only.includes(group))
      throw new ExitError(
        2,
        `--case ${selection.case} is a test of ${group}, not of ${only.join(", ")}`,
      );
  }
  return (test) =>
    (only === undefined || only.includes(ofTest.get(test.id) ?? "")) &&
    (selection.case === undefined || test.id === selection.case);
}

/**
 * What to grade at a path, found as every command finds it (find-submission.ts); a path where
 * nothing is, is the user's mistake: exit 2.
 */
function submissionOf(
  path: string,
  assignment: string | undefined,
  displayRoot: string,
): Promise<SubmissionSource> {
  try {
    lstatSync(path);
  } catch {
    throw new ExitError(2, `no submission at ${path}`);
  }
  return findSubmission(path, assignment, relative(displayRoot, path) || path);
}

/** Whether a report fails --fail-under: a submission that could not be graded always does. */
export function belowThreshold(
  report: Report,
  failUnder: GradeCommandOptions["failUnder"],
): boolean {
  if (!failUnder) return false;
  if (report.status === "error") return true;
  if ("points" in failUnder) return report.score < failUnder.points;
  return report.maxScore === 0 || (100 * report.score) / report.maxScore < failUnder.percent;
}

/** Refuses to grade where the sandbox cannot work: said once, before any learner loses points. */
export function assertSandboxUsable(protections: Isolation = isolation()): void {
  const problem = unreachableFolder(protections, tmpdir());
  if (problem) throw new ExitError(2, problem);
}

/** The submission file and its assignment's parts, or an ExitError saying why not. */
export async function prepareGrading(
  options: Pick<GradeCommandOptions, "root" | "submission" | "assignment" | "displayRoot">,
): Promise<{ submission: SubmissionSource; parts: AssignmentParts }> {
  // The sandbox's probe (a process) runs while the assignment loads; nothing is graded before
  // its answer.
  const probing = probeIsolation();
  const submission = await submissionOf(
    options.submission,
    options.assignment,
    options.displayRoot,
  );
  const id = chooseAssignment(courseAt(options.root), options.root, {
    named: options.assignment,
    paths: [submission.entry],
  });
  let parts: AssignmentParts;
  try {
    parts = await loadAssignment(options.root, id, true);
  } catch (error) {
    if (error instanceof ManifestError)
      throw new ExitError(2, `invalid manifest: ${error.message}`);
    throw error;
  }
  assertSandboxUsable(await probing);
  return { submission, parts };
}

/** What every command that grades one submission needs. */
export type SubmissionOptions = Pick<
  GradeCommandOptions,
  | "root"
  | "submission"
  | "displayRoot"
  | "assignment"
  | "seed"
  | "hidden"
  | "timeoutMs"
  | "toolVersion"
  | "wholeFolder"
>;

/** Finds the submission and its assignment, and grades it (only the tests `select` accepts). */
export async function gradeSubmission(
  options: SubmissionOptions & Pick<GradeCommandOptions, "selection" | "limits">,
  extra: Pick<GradeOptions, "select" | "progress"> = {},
): Promise<{ report: Report; words: AssignmentWords }> {
  const prepared = await prepareGrading(options);
  const { submission } = prepared;
  const parts = options.limits ? withLimits(prepared.parts, options.limits) : prepared.parts;
  const { selection } = options;
  const report = await grade(parts, {
    ...(selection ? { select: selectTests(parts.manifest, selection) } : {}),
    submission,
    displayRoot: options.displayRoot,
    seed: options.seed,
    hidden: options.hidden,
    timeoutMs: options.timeoutMs,
    toolVersion: options.toolVersion,
    ...(options.wholeFolder ? { wholeFolder: options.wholeFolder } : {}),
    ...extra,
  });
  return { report, words: parts.cases.words };
}

/** The assignment with some of its manifest's limits set otherwise. */
function withLimits(
  parts: AssignmentParts,
  limits: NonNullable<GradeCommandOptions["limits"]>,
): AssignmentParts {
  const manifest = { ...parts.manifest, limits: { ...parts.manifest.limits, ...limits } };
  return { ...parts, manifest };
}

/** A language's words, with the assignment's own words in it. */
export const localeOf = (lang: Lang, words: AssignmentWords): Locale => ({
  words: catalogs[lang],
  assignment: words[lang],
});

export async function runGrade(
  options: GradeCommandOptions,
  print: (text: string) => void,
): Promise<Report> {
  // Where the report goes is checked before the grading, not after it.
  ensureFolderOf(options.out);
  // On a terminal, a test that keeps the learner waiting is named (on stderr, beside the summary).
  const { report, words } = await gradeSubmission(
    options,
    options.colour && !options.quiet ? { progress: slowTestNotice(options.notice) } : {},
  );
  const locale = localeOf(options.lang, words);
  const json = reportToJson(report);
  writeFileSync(options.out, json);
  const written = options.formats
    .filter((format) => format !== "json")
    .map((format) => {
      const path = `${options.out.replace(/\.json$/, "")}${adapters[format].extension}`;
      writeFileSync(path, adapters[format].render(report, { colour: false, locale }));
      return path;
    });
  if (options.json) print(json);
  else if (!options.quiet) {
    print(
      renderers.summary.render(report, {
        colour: options.colour,
        reportPath: options.out,
        locale,
      }),
    );
    for (const path of written) print(`${locale.words.labels.alsoWritten(path)}\n`);
  }
  if (belowThreshold(report, options.failUnder)) {
    throw new ExitError(
      1,
      report.status === "error"
        ? "the submission could not be graded, so it is below --fail-under"
        : `score ${report.score} of ${report.maxScore} is below --fail-under`,
    );
  }
  return report;
}
