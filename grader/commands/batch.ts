/**
 * `gradecheck batch <folder>`: grades a whole class. Each subfolder holding a model.ts (or each
 * `*.ts` file) is one learner's submission. Submissions run in parallel (`--jobs`), each in its own
 * sandbox, so one that crashes, hangs or runs out of memory costs its own row only. Writes a JSON
 * report per learner, the gradebook `grades.csv` and `summary.md`. A re-run skips submissions whose
 * content and grader/assignment version are unchanged (`--force` regrades), so an interrupted run
 * resumes without losing finished reports.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { type AssignmentParts, assignmentIds, loadAssignment } from "../assignments.ts";
import { classSummary } from "../batch/class-summary.ts";
import { type GradebookRow, gradebookCsv } from "../batch/gradebook.ts";
import { progressBar, progressText } from "../batch/progress.ts";
import { ExitError } from "../errors.ts";
import type { CaseData } from "../expected.ts";
import { grade } from "../grade.ts";
import { reportToJson } from "../report/json.ts";
import type { Report } from "../report/types.ts";
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
  /** Redraw one progress bar (on a terminal) instead of a line per submission. */
  tty?: boolean;
  redraw?: (line: string) => void;
}

export interface Submission {
  learner: string;
  file: string;
}

/** The submissions in a class folder, by learner name (sorted). */
export function findSubmissions(folder: string): Submission[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new ExitError(2, `no class folder at ${folder}`);
  const found: Submission[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(folder, entry.name, "model.ts"))) {
      found.push({ learner: entry.name, file: join(folder, entry.name, "model.ts") });
    } else if (entry.isFile() && entry.name.endsWith(".ts")) {
      found.push({ learner: basename(entry.name, ".ts"), file: join(folder, entry.name) });
    }
  }
  return found.sort((a, b) => (a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : 0));
}

interface IndexEntry {
  sha256: string;
  report: string;
}

interface BatchIndex {
  /** What a report depends on besides the submission: a change regrades everything. */
  key: string;
  entries: Record<string, IndexEntry>;
}

const INDEX = ".gradecheck-batch.json";

function readIndex(out: string, key: string): BatchIndex {
  try {
    const index = JSON.parse(readFileSync(join(out, INDEX), "utf8")) as BatchIndex;
    if (index.key === key) return index;
  } catch {
    // No index yet, or an unreadable one: start afresh.
  }
  return { key, entries: {} };
}

/** Written through a temporary file and a rename, so an interruption never leaves half a file. */
function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** A file name for a learner's report that cannot escape the output folder. */
function reportName(learner: string): string {
  return `${learner.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}

export async function runBatch(
  options: BatchOptions,
  print: (line: string) => void,
): Promise<GradebookRow[]> {
  const submissions = findSubmissions(options.folder);
  const ids = assignmentIds(options.root);
  const id = options.assignment ?? (ids.length === 1 ? ids[0] : undefined);
  if (!id || !ids.includes(id))
    throw new ExitError(2, `name the assignment with --assignment (${ids.join(", ")})`);
  assertSandboxUsable();
  const parts: AssignmentParts = await loadAssignment(options.root, id, true);
  // Every learner gets the same inputs (same tests, same run seed): the reference runs once each.
  const caseCache = new Map<string, Promise<CaseData>>();
  mkdirSync(options.out, { recursive: true });
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
    else print(`${learner}: ${note} · ${progressText(progress)}`);
  };

  const rowOf = (learner: string, report: Report, sha256: string, file: string): GradebookRow => ({
    learner,
    score: report.score,
    maxScore: report.maxScore,
    status: report.status,
    functions: Object.fromEntries(report.functions.map((f) => [f.name, f.score])),
    report: file,
    sha256,
    ...(report.status === "error" ? { reason: report.message.split("\n")[0] ?? "" } : {}),
  });

  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { learner, file } = next;
      const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
      const name = reportName(learner);
      const previous = index.entries[learner];
      if (
        !options.force &&
        previous?.sha256 === sha256 &&
        existsSync(join(options.out, previous.report))
      ) {
        const report = JSON.parse(
          readFileSync(join(options.out, previous.report), "utf8"),
        ) as Report;
        finish(
          learner,
          rowOf(learner, report, sha256, previous.report),
          report,
          "unchanged, skipped",
        );
        continue;
      }
      try {
        const report = await grade(parts, {
          caseCache,
          submission: file,
          displayRoot: options.folder,
          seed: options.seed,
          hidden: options.hidden,
          timeoutMs: options.timeoutMs,
          toolVersion: options.toolVersion,
        });
        writeAtomic(join(options.out, name), reportToJson(report));
        index.entries[learner] = { sha256, report: name };
        writeAtomic(join(options.out, INDEX), JSON.stringify(index, null, 1));
        finish(
          learner,
          rowOf(learner, report, sha256, name),
          report,
          `${report.score}/${report.maxScore}`,
        );
      } catch (error) {
        // A bug of gradecheck on this submission: its row says so, the class goes on.
        const reason = `gradecheck failed on this submission: ${(error as Error).message}`;
        finish(
          learner,
          {
            learner,
            score: 0,
            maxScore: 0,
            status: "error",
            functions: {},
            report: "",
            sha256,
            reason,
          },
          null,
          "error",
        );
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.jobs, submissions.length)) }, worker),
  );
  if (options.tty) options.redraw?.("\n");

  const ordered = submissions.map((s) => results.get(s.learner)).filter((r) => r !== undefined);
  const functionNames = parts.manifest.functions.map((f) => f.name);
  writeAtomic(
    join(options.out, "grades.csv"),
    gradebookCsv(
      ordered.map((r) => r.row),
      functionNames,
    ),
  );
  const summary = classSummary(ordered.map((r) => ({ learner: r.row.learner, report: r.report })));
  writeAtomic(join(options.out, "summary.md"), summary);
  print("");
  print(summary);
  print(`gradebook: ${join(options.out, "grades.csv")}`);
  return ordered.map((r) => r.row);
}
