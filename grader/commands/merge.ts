/**
 * `gradecheck merge <folders…> --out <folder>`: joins the folders of a class graded in shares
 * (`batch --shard k/n`, on as many machines as there are shares) into one gradebook and summary,
 * as one `batch` of the whole class would have written them: every learner's row, in name order,
 * their reports copied beside. A learner found in two shares, or shares of different assignments,
 * are refused: whose grade would it be?
 */
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadManifest } from "../core/manifest.ts";
import type { Report } from "../core/report.ts";
import type { GradebookRow } from "../render/gradebook.ts";
import { inline } from "../render/sanitize.ts";
import { ROWS, writeClassFiles } from "./batch.ts";
import { ExitError } from "./errors.ts";
import { ensureFolder } from "./folders.ts";

export interface MergeOptions {
  root: string;
  folders: string[];
  out: string;
}

interface Share {
  folder: string;
  assignment: string;
  rows: GradebookRow[];
}

function readShare(folder: string): Share {
  const path = join(folder, ROWS);
  let data: { assignment?: unknown; rows?: unknown };
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new ExitError(2, `${folder} is not a batch's folder: it has no readable ${ROWS}`);
  }
  if (typeof data.assignment !== "string" || !Array.isArray(data.rows))
    throw new ExitError(2, `${path} is not a batch's ${ROWS}`);
  return { folder, assignment: data.assignment, rows: data.rows as GradebookRow[] };
}

export function runMerge(options: MergeOptions, print: (line: string) => void): void {
  const shares = options.folders.map(readShare);
  const assignments = [...new Set(shares.map((s) => s.assignment))];
  if (assignments.length !== 1)
    throw new ExitError(2, `the folders grade different assignments: ${assignments.join(", ")}`);
  const owner = new Map<string, string>();
  for (const share of shares)
    for (const row of share.rows) {
      const other = owner.get(row.learner);
      if (other !== undefined)
        throw new ExitError(
          2,
          `${inline(row.learner)} is in two shares, ${other} and ${share.folder}: grade each learner once`,
        );
      owner.set(row.learner, share.folder);
    }
  ensureFolder(join(options.out, "reports"));
  const ordered = shares
    .flatMap((share) => share.rows.map((row) => ({ share, row })))
    .sort((a, b) => (a.row.learner < b.row.learner ? -1 : a.row.learner > b.row.learner ? 1 : 0))
    .map(({ share, row }) => {
      if (row.report === "" || !existsSync(join(share.folder, row.report)))
        return { row, report: null };
      copyFileSync(join(share.folder, row.report), join(options.out, row.report));
      const report = JSON.parse(readFileSync(join(share.folder, row.report), "utf8")) as Report;
      return { row, report };
    });
  const manifest = loadManifest(
    join(options.root, "assignments", assignments[0] as string, "assignment.json"),
  );
  writeClassFiles(options.out, { manifest }, ordered, print);
}
