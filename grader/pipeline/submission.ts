/**
 * What a submission is, and reading it. A submission is either a folder (a learner's folder
 * holding model.ts, with any helper files beside it) or one file alone (a learner of a class
 * folder who is a single `.ts` file: the class folder around it is not theirs). Only its own
 * regular TypeScript and JavaScript files are read, without following a symbolic link out of it
 * and without ever opening a named pipe, socket or device, within fixed limits (past which a file
 * other than the entry is left out); the files are
 * then copied into a fresh folder (`stageSubmission`), which is all the build ever sees.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import type { Said } from "../core/phrase.ts";
import { type FileKind, said } from "../words/en/phrases.ts";
import { temporaryFolder } from "./tempdirs.ts";

export interface SubmissionSource {
  /** Absolute path of the file graded: a folder's model.ts, or a single-file learner's `.ts`. */
  entry: string;
  /** The folder whose files belong to the submission; undefined: the entry file alone. */
  folder: string | undefined;
  /** Nothing to grade was found there: why, and what was there (find-submission.ts). */
  missing?: Said;
  /** How `folder` is shown in messages when it is not where the learner put it (a zip, unpacked). */
  shownAs?: string;
}

/** A path of the submission as messages show it: relative to where the user is, or in its zip. */
export function shownPath(
  source: Pick<SubmissionSource, "folder" | "shownAs">,
  displayRoot: string,
  path: string,
): string {
  if (source.shownAs !== undefined && source.folder !== undefined) {
    const inside = relative(source.folder, path).split(sep).join("/");
    return inside === "" ? source.shownAs : `${source.shownAs}/${inside}`;
  }
  return relative(displayRoot, path) || path;
}

export interface SubmissionFiles {
  /** The entry's path relative to the submission's root (its folder, or the entry's own folder). */
  entry: string;
  /** Every file of the submission by relative path (`/`-separated), sorted. */
  files: Map<string, Buffer>;
  /** Where the submission lies, for messages: the folder, or the entry's own folder. */
  root: string;
  /** How `root` is shown in messages, when not relative to where the user is (a zip's files). */
  shownAs?: string;
}

export type ReadSubmission =
  | ({ status: "read" } & SubmissionFiles)
  /** `said`: the message as a phrase too, for a report in another language. */
  | { status: "unreadable"; message: string; said: Said };

/** The files a submission may consist of: the submission's TypeScript and JavaScript, nothing else. */
export const SOURCE_EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];
/** Folders never read: dependencies and hidden folders (.git) are not the learner's code. */
const SKIPPED_FOLDER = (name: string) => name === "node_modules" || name.startsWith(".");
export const SUBMISSION_LIMITS = { files: 200, fileBytes: 2 << 20, totalBytes: 16 << 20, depth: 8 };

class Unreadable extends Error {
  constructor(readonly said: Said) {
    super(said.text);
  }
}

/**
 * The submission at a path: a folder (its model.ts), a model.ts with its folder (helper files
 * beside it), or any other file alone; `alone`: a file is alone whatever its name (a learner of a
 * class folder, where the folder around the file is the class's).
 */
export function submissionAt(path: string, isFolder: boolean, alone = false): SubmissionSource {
  if (isFolder) return { entry: join(path, "model.ts"), folder: path };
  return basename(path) === "model.ts" && !alone
    ? { entry: path, folder: dirname(path) }
    : { entry: path, folder: undefined };
}

function kind(stats: Stats): FileKind {
  if (stats.isDirectory()) return "folder";
  if (stats.isFIFO()) return "pipe";
  if (stats.isSocket()) return "socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "device";
  if (stats.isSymbolicLink()) return "link";
  return "other";
}

/** Whether `path` is `folder` or lies inside it (both as given: resolve links first). */
export function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}

/** Whether `path` is a folder, or a symbolic link to one (false when it leads nowhere). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The path with symbolic links resolved; undefined when it leads nowhere. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a regular file, opened without blocking (a named pipe that appeared in its place
 * is refused, never waited on) and without following a symbolic link.
 */
function readRegular(path: string, what: string, budget: { bytes: number }): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    throw new Unreadable(
      said("read.cannot", { what, errno: String((error as { code?: string }).code) }),
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Unreadable(said("read.not-a-file", { what, kind: kind(stats) }));
    const limit = Math.min(SUBMISSION_LIMITS.fileBytes, budget.bytes);
    if (stats.size > limit) {
      throw new Unreadable(
        said("read.too-big", {
          what,
          bytes: stats.size,
          file: SUBMISSION_LIMITS.fileBytes,
          total: SUBMISSION_LIMITS.totalBytes,
        }),
      );
    }
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    budget.bytes -= read;
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * A path of the submission, symbolic links resolved, when it really lies inside `root`; otherwise
 * undefined. Only links that stay inside the submission are followed.
 */
function insideTarget(root: string, path: string): string | undefined {
  const real = realPath(path);
  return real !== undefined && isInside(root, real) ? real : undefined;
}

function readFolder(
  root: string,
  folder: string,
  depth: number,
  files: Map<string, Buffer>,
  budget: { bytes: number },
): void {
  if (depth > SUBMISSION_LIMITS.depth) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const name = relative(root, path).split(sep).join("/");
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDER(entry.name)) readFolder(root, path, depth + 1, files, budget);
      continue;
    }
    if (!SOURCE_EXTENSIONS.includes(extname(entry.name)) || files.has(name)) continue;
    let target = path;
    if (entry.isSymbolicLink()) {
      const real = insideTarget(root, path);
      // A link out of the submission is not the learner's file: it is left out.
      if (!real || !lstatSync(real).isFile()) continue;
      target = real;
    } else if (!entry.isFile()) {
      continue;
    }
    // Past the limits, or unreadable, a file other than the entry is left out (a build output
    // or a vendored library beside the learner's code need not stop the grading): importing it
    // is then a build error.
    if (files.size >= SUBMISSION_LIMITS.files) continue;
    try {
      files.set(name, readRegular(target, name, budget));
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
    }
  }
}

/** Reads a submission's files, or says why it cannot be graded. */
export function readSubmission(source: SubmissionSource, displayRoot: string): ReadSubmission {
  if (source.missing)
    return { status: "unreadable", message: source.missing.text, said: source.missing };
  const shown = shownPath(source, displayRoot, source.entry);
  const budget = { bytes: SUBMISSION_LIMITS.totalBytes };
  try {
    let stats: Stats;
    try {
      stats = lstatSync(source.entry);
    } catch {
      throw new Unreadable(
        source.folder === undefined
          ? said("read.none", { what: shown })
          : said("read.no-model", {
              folder: shownPath(source, displayRoot, source.folder),
            }),
      );
    }
    if (!SOURCE_EXTENSIONS.includes(extname(source.entry))) {
      throw new Unreadable(said("read.not-a-submission", { what: shown }));
    }
    if (source.folder === undefined) {
      if (!stats.isFile())
        throw new Unreadable(said("read.not-a-file", { what: shown, kind: kind(stats) }));
      const name = basename(source.entry);
      const files = new Map([[name, readRegular(source.entry, shown, budget)]]);
      return { status: "read", entry: name, files, root: dirname(source.entry) };
    }
    const root = realpathSync(source.folder);
    let entryPath = source.entry;
    if (stats.isSymbolicLink()) {
      const real = insideTarget(root, source.entry);
      if (!real) {
        throw new Unreadable(
          said(
            realPath(source.entry) === undefined ? "read.link-to-nothing" : "read.link-outside",
            {
              what: shown,
            },
          ),
        );
      }
      entryPath = real;
    }
    const entry = relative(source.folder, source.entry).split(sep).join("/");
    const files = new Map<string, Buffer>();
    // The entry first, so that its own problem (a pipe, too big) is the one reported.
    files.set(entry, readRegular(entryPath, shown, budget));
    readFolder(root, root, 0, files, budget);
    const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      status: "read",
      entry,
      files: sorted,
      root: source.folder,
      ...(source.shownAs !== undefined ? { shownAs: source.shownAs } : {}),
    };
  } catch (error) {
    if (error instanceof Unreadable)
      return { status: "unreadable", message: error.message, said: error.said };
    throw error;
  }
}

/** One digest of every file of the submission, names included: what a re-run compares. */
export function submissionDigest(files: Map<string, Buffer>): string {
  const hash = createHash("sha256");
  for (const [name, bytes] of files) {
    hash.update(`${Buffer.byteLength(name)}:${name}:${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/** The submission's files copied into a fresh folder: the only files the build may read. */
export function stageSubmission(submission: SubmissionFiles): { dir: string; entry: string } {
  const dir = temporaryFolder("src-");
  for (const [name, bytes] of submission.files) {
    const path = join(dir, ...name.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes, { flag: "wx" });
  }
  return { dir, entry: join(dir, ...submission.entry.split("/")) };
}
