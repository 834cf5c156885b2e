/**
 * `gradecheck batch <folder>`: grades a whole class. Every entry of the folder is one learner: a
 * folder holding model.ts, or a `.ts` file alone. Submissions run in parallel (`--jobs`), each in its own
 * sandbox, so one that crashes, hangs or runs out of memory costs its own row only. Writes a JSON
 * report per learner (in `reports/`), the gradebook `grades.csv` and `summary.md`. A re-run skips
 * submissions whose files (every one of them) and grader/assignment version are unchanged
 * (`--force` regrades), so an interrupted run resumes without losing finished reports.
 */

import { createHash } from "node:crypto";
import {
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Report } from "../core/report.ts";
import type { CaseData } from "../pipeline/expected.ts";
import { findSubmission } from "../pipeline/find-submission.ts";
import { grade } from "../pipeline/grade.ts";
import { type AssignmentParts, loadAssignment } from "../pipeline/load.ts";
import {
  isFolder,
  readSubmission,
  realPath,
  type SubmissionSource,
  submissionAt,
  submissionDigest,
} from "../pipeline/submission.ts";
import { failureKey, isMistakeKey } from "../render/failure-key.ts";
import type { GradebookRow } from "../render/gradebook.ts";
import { classRenderers } from "../render/index.ts";
import { reportToJson } from "../render/json.ts";
import { progressBar, progressText } from "../render/progress.ts";
import { inline } from "../render/sanitize.ts";
import { chooseAssignment, courseAt } from "./choose-assignment.ts";
import { ExitError } from "./errors.ts";
import { ensureFolder } from "./folders.ts";
import { assertSandboxUsable } from "./grade.ts";

export interface BatchOptions {
  root: string;
  folder: string;
  out: string;
  jobs: number;
  force: boolean;
  assignment: string | undefined;
  seed: number;
  hidden: boolean;
  timeoutMs: number | undefined;
  toolVersion: string;
  /** Grade the k-th of n deterministic shares of the class (1-based): `merge` joins them. */
  shard?: { k: number; n: number };
  /** Redraw one progress bar (on a terminal) instead of a line per submission. */
  tty?: boolean;
  redraw?: (line: string) => void;
}

/** One entry of a class folder: a learner, and what to grade of theirs. */
export interface ClassEntry {
  learner: string;
  source: SubmissionSource;
}

/**
 * Every entry of a class folder, by learner name (sorted): a folder is a learner with a model.ts
 * in it, a `name.ts` file a learner of one file. Whatever else an entry is (a file of another
 * kind, a named pipe, a folder without model.ts) it is a learner too, whose report says why it
 * could not be graded: nothing in the folder goes unnoticed, and nothing in it is ever waited on.
 * The output folder, when it lies inside, is left out. Two entries with the same learner name
 * (`ann/` and `ann.ts`, or one name in two Unicode forms) are refused: whose would the grade be?
 */
export async function classEntries(
  folder: string,
  out?: string,
  assignment?: string,
): Promise<ClassEntry[]> {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new ExitError(2, `no class folder at ${folder}`);
  const outside = out === undefined || !existsSync(out) ? undefined : realpathSync(out);
  const found: (ClassEntry & { name: string })[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (outside !== undefined && (realPath(path) ?? path) === outside) continue;
    // A folder, or a link to one that the instructor made: a learner's folder.
    const learnerFolder = isFolder(path);
    const suffix = /\.(ts|zip)$/i.exec(entry.name)?.[0] ?? "";
    const learner =
      !learnerFolder && suffix !== "" && entry.name.length > suffix.length
        ? entry.name.slice(0, -suffix.length)
        : entry.name;
    const zipped = !learnerFolder && suffix.toLowerCase() === ".zip";
    // A learner's folder is searched as every command searches one: their repository, a
    // Model.ts, a lone file of another name, an unpacked folder; what it lacks, their report says.
    const source =
      learnerFolder || zipped
        ? await findSubmission(path, assignment, entry.name)
        : submissionAt(path, false, true);
    found.push({ learner, name: entry.name, source });
  }
  const byKey = new Map<string, string[]>();
  for (const { learner, name } of found) {
    const key = learner.normalize("NFC");
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  const clashes = [...byKey.values()].filter((names) => names.length > 1);
  if (clashes.length > 0) {
    throw new ExitError(
      2,
      `these entries of ${folder} are the same learner: ${clashes
        .map((names) => names.map((name) => JSON.stringify(inline(name))).join(" and "))
        .join("; ")}. Rename or remove one of each, so that every learner has one submission.`,
    );
  }
  return found
    .map(({ learner, source }) => ({ learner, source }))
    .sort((a, b) => (a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : 0));
}

interface IndexEntry {
  /** Every file of the submission, names and contents (`submissionDigest`). */
  digest: string;
  report: string;
}

interface BatchIndex {
  /** What a report depends on besides the submission: a change regrades everything. */
  key: string;
  entries: Record<string, IndexEntry>;
}

/** The batch's own files; learners' reports live in REPORTS, a folder of their own. */
const INDEX = ".gradecheck-batch.json";
const REPORTS = "reports";

function readIndex(out: string, key: string): BatchIndex {
  try {
    const index = JSON.parse(readFileSync(join(out, INDEX), "utf8")) as BatchIndex;
    if (index.key === key && typeof index.entries === "object" && index.entries !== null) {
      return { key, entries: Object.assign(Object.create(null), index.entries) };
    }
  } catch {
    // No index yet, or an unreadable one: start afresh.
  }
  return { key, entries: Object.create(null) };
}

/** Written through a temporary file and a rename, so an interruption never leaves half a file. */
function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/**
 * A learner's report file, `reports/<name>-<hash>.json`: readable (letters and digits of any
 * script kept, up to 40 of them), bounded (well under any file system's 255 bytes), and one
 * per learner name, as the hash is of the exact name.
 */
export function reportName(learner: string): string {
  const readable = Array.from(
    learner
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}._-]+/gu, "_")
      .replace(/^[._]+/, ""),
  )
    .slice(0, 40)
    .join("");
  const hash = createHash("sha256").update(learner).digest("hex").slice(0, 10);
  return `${REPORTS}/${readable || "learner"}-${hash}.json`;
}

export async function runBatch(
  options: BatchOptions,
  print: (line: string) => void,
): Promise<GradebookRow[]> {
  const id = chooseAssignment(courseAt(options.root), options.root, { named: options.assignment });
  const everyone = await classEntries(options.folder, options.out, id);
  // A share of the class: every n-th learner in name order, the same on every machine.
  const { shard } = options;
  const submissions = shard ? everyone.filter((_, i) => i % shard.n === shard.k - 1) : everyone;
  assertSandboxUsable();
  const parts: AssignmentParts = await loadAssignment(options.root, id, true);
  // Every learner gets the same inputs (same tests, same run seed): the reference runs once each.
  const caseCache = new Map<string, Promise<CaseData>>();
  ensureFolder(join(options.out, REPORTS));
  const key = JSON.stringify([
    options.toolVersion,
    parts.manifest.id,
    parts.manifest.version,
    options.seed,
    options.hidden,
  ]);
  const index = readIndex(options.out, key);

  const results = new Map<string, { row: GradebookRow; report: Report | null }>();
  const queue = [...submissions];
  let done = 0;
  const start = performance.now();

  const finish = (learner: string, row: GradebookRow, report: Report | null, note: string) => {
    results.set(learner, { row, report });
    done++;
    const progress = {
      done,
      total: submissions.length,
      seconds: (performance.now() - start) / 1000,
      failures: [...results.values()].filter((r) => r.row.status === "error").length,
    };
    if (options.tty) options.redraw?.(progressBar(progress));
    else print(`${inline(learner)}: ${note} · ${progressText(progress)}`);
  };

  const context = { options, parts, caseCache, index };
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { row, report, note } = await gradeLearner(context, next);
      finish(next.learner, row, report, note);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.jobs, submissions.length)) }, worker),
  );
  if (options.tty) options.redraw?.("\n");

  const ordered = submissions.map((s) => results.get(s.learner)).filter((r) => r !== undefined);
  writeClassFiles(options.out, parts, ordered, print);
  return ordered.map((r) => r.row);
}

/** A learner's line of the gradebook, from their report. */
function rowOf(learner: string, report: Report, file: string): GradebookRow {
  return {
    learner,
    score: report.score,
    maxScore: report.maxScore,
    status: report.status,
    functions: Object.fromEntries(report.functions.map((f) => [f.name, f.score])),
    report: file,
    sha256: report.submission.sha256,
    ...(report.status === "error" ? { reason: report.message.split("\n")[0] ?? "" } : {}),
    mistakes: [
      ...new Set(
        report.tests.flatMap((t) => {
          const key = t.status === "passed" ? undefined : failureKey(t);
          return key !== undefined && isMistakeKey(key) ? [`${t.function}: ${key}`] : [];
        }),
      ),
    ],
  };
}

interface ClassContext {
  options: BatchOptions;
  parts: AssignmentParts;
  caseCache: Map<string, Promise<CaseData>>;
  index: BatchIndex;
}

/**
 * How many learners' children compete for each core when `jobs` grades run at once: each grade
 * keeps up to two children busy (its end-to-end training beside the tests of each function).
 */
export function contentionOf(jobs: number, cores = availableParallelism()): number {
  return Math.max(1, (2 * jobs) / Math.max(1, cores));
}

/**
 * One learner: their report as it was when nothing of theirs changed, else graded now and
 * written, with the resume index. A bug of gradecheck on one submission is its row's error.
 */
async function gradeLearner(
  { options, parts, caseCache, index }: ClassContext,
  { learner, source }: ClassEntry,
): Promise<{ row: GradebookRow; report: Report | null; note: string }> {
  const files = readSubmission(source, options.folder);
  const digest = files.status === "read" ? submissionDigest(files.files) : undefined;
  const name = reportName(learner);
  const previous = index.entries[learner];
  if (
    !options.force &&
    digest !== undefined &&
    previous?.digest === digest &&
    previous.report === name &&
    existsSync(join(options.out, name))
  ) {
    const report = JSON.parse(readFileSync(join(options.out, name), "utf8")) as Report;
    return { row: rowOf(learner, report, name), report, note: "unchanged, skipped" };
  }
  try {
    const report = await grade(parts, {
      caseCache,
      submission: source,
      files,
      displayRoot: options.folder,
      seed: options.seed,
      hidden: options.hidden,
      timeoutMs: options.timeoutMs,
      toolVersion: options.toolVersion,
      contention: contentionOf(options.jobs),
    });
    writeAtomic(join(options.out, name), reportToJson(report));
    if (digest !== undefined) index.entries[learner] = { digest, report: name };
    else delete index.entries[learner];
    writeAtomic(join(options.out, INDEX), JSON.stringify(index, null, 1));
    return {
      row: rowOf(learner, report, name),
      report,
      note: `${report.score}/${report.maxScore}`,
    };
  } catch (error) {
    const reason = `gradecheck failed on this submission: ${(error as Error).message}`;
    return {
      row: {
        learner,
        score: 0,
        maxScore: 0,
        status: "error",
        functions: {},
        report: "",
        sha256: "",
        reason,
      },
      report: null,
      note: "error",
    };
  }
}

/** Every learner's row, as data: what `merge` reads of a batch's (or a shard's) folder. */
export const ROWS = "rows.json";

/** The class's gradebook and summary (and the rows they are made of), written and printed. */
export function writeClassFiles(
  out: string,
  parts: Pick<AssignmentParts, "manifest">,
  ordered: { row: GradebookRow; report: Report | null }[],
  print: (line: string) => void,
): void {
  const functionNames = parts.manifest.functions.map((f) => f.name);
  writeAtomic(
    join(out, ROWS),
    `${JSON.stringify({ assignment: parts.manifest.id, rows: ordered.map((r) => r.row) }, null, 1)}\n`,
  );
  writeAtomic(
    join(out, "grades.csv"),
    classRenderers.gradebook(
      ordered.map((r) => r.row),
      functionNames,
    ),
  );
  const summary = classRenderers["class-summary"](
    ordered.map((r) => ({ learner: r.row.learner, report: r.report })),
  );
  writeAtomic(join(out, "summary.md"), summary);
  print("");
  print(summary);
  print(`gradebook: ${join(out, "grades.csv")}`);
}
