/**
 * One way to find what to grade at a path, shared by `grade`, `batch` and the Gradescope runner,
 * for every shape a submission arrives in: a file; a folder holding model.ts (in any case:
 * Model.ts); a learner's repository (`assignments/<id>/model.ts`); a folder holding one lone `.ts`
 * of another name (`model (1).ts`); a folder holding only one folder (an upload of a zipped
 * folder, unpacked); a zip, or a folder holding only a zip (unpacked here, within a submission's
 * limits, and searched the same way). Anything else is found missing, with what was there: the learner's report
 * says so, and nobody is left out of a class.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import type { Said } from "../core/phrase.ts";
import { said } from "../words/en/phrases.ts";
import {
  isFolder,
  SOURCE_EXTENSIONS,
  SUBMISSION_LIMITS,
  type SubmissionSource,
  submissionAt,
} from "./submission.ts";
import { temporaryFolder } from "./tempdirs.ts";

/** Folders an upload or a repository carries that are never the learner's submission. */
const NOT_A_SUBMISSION = (name: string) =>
  name.startsWith(".") || name === "node_modules" || name === "__MACOSX";

/** How deep a folder of one folder is followed (an unpacked zip of a folder of a folder). */
const DEPTH = 3;

const isSource = (name: string) =>
  SOURCE_EXTENSIONS.includes(extname(name)) && !/\.d\.[cm]?ts$/.test(name);

/**
 * What to grade at `path` (a file, or a folder); `assignment`: the assignment graded, whose folder
 * a repository holds. A path that is a file is graded as it is (reading it says what is wrong).
 */
export async function findSubmission(
  path: string,
  assignment: string | undefined,
  shown: string = path,
): Promise<SubmissionSource> {
  if (isZip(path)) return inZip(path, assignment, shown);
  if (!isFolder(path)) return submissionAt(path, false);
  return inFolder(path, assignment, shown, 0);
}

const isZip = (path: string) => extname(path).toLowerCase() === ".zip" && !isFolder(path);

/** A zip's files, unpacked into a folder of the run, searched as a folder is and shown as in it. */
async function inZip(
  zip: string,
  assignment: string | undefined,
  shown: string,
): Promise<SubmissionSource> {
  const unpacked = await unpack(zip);
  if (!unpacked) return missing(dirname(zip), said("find.bad-zip", { zip: shown }));
  const found = await inFolder(unpacked, assignment, shown, 0);
  return found.missing ? found : { ...found, ...shownAsIn(found, unpacked, shown) };
}

/** Where the found folder lies in the zip, as messages show it: `ann.zip/ann-hw1`. */
function shownAsIn(found: SubmissionSource, unpacked: string, shown: string) {
  const inside = relative(unpacked, found.folder ?? unpacked)
    .split(sep)
    .join("/");
  return { shownAs: inside === "" ? shown : `${shown}/${inside}` };
}

/**
 * A zip's entries written into a fresh folder of the run, within a submission's limits: only
 * names that stay inside it (no absolute path, no `..`, no drive), regular files only (a zip's
 * links are written as the files they claim to be, never as links), at most so many files and
 * bytes. Undefined when the file is too big or not a zip that can be read.
 */
async function unpack(zip: string): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    if (statSync(zip).size > SUBMISSION_LIMITS.totalBytes) return undefined;
    bytes = new Uint8Array(readFileSync(zip));
  } catch {
    return undefined;
  }
  // Loaded for a zip only: as it loads, fflate builds its tables and loads Node's worker_threads,
  // some 10 ms at the start of every grade that has no zip to open.
  const { unzipSync } = await import("fflate");
  let files = 0;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        const keep =
          safeParts(name) !== undefined &&
          files < SUBMISSION_LIMITS.files &&
          originalSize <= SUBMISSION_LIMITS.fileBytes &&
          total + originalSize <= SUBMISSION_LIMITS.totalBytes;
        if (keep) {
          files++;
          total += originalSize;
        }
        return keep;
      },
    });
  } catch {
    return undefined;
  }
  const folder = temporaryFolder("zip-");
  for (const [name, data] of Object.entries(entries)) {
    const parts = safeParts(name) as string[];
    const path = join(folder, ...parts);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
  return folder;
}

/** A zip entry's path as folders and a file name, or undefined when it would leave the folder. */
function safeParts(name: string): string[] | undefined {
  if (name.endsWith("/") || name.endsWith("\\")) return undefined;
  const parts = name.split(/[\\/]/);
  const bad = (part: string) =>
    part === "" || part === "." || part === ".." || part.includes(":") || part.includes("\u0000");
  return parts.length > SUBMISSION_LIMITS.depth + 1 || parts.some(bad) ? undefined : parts;
}

async function inFolder(
  folder: string,
  assignment: string | undefined,
  shown: string,
  depth: number,
): Promise<SubmissionSource> {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    return missing(folder, said("read.cannot", { what: shown, errno: codeOf(error) }));
  }
  const at = (name: string) => join(folder, name);
  const files = names.filter((name) => !isFolder(at(name)));
  const folders = names.filter((name) => isFolder(at(name)) && !NOT_A_SUBMISSION(name));
  // Whatever a model.ts is (a folder, a pipe), it is the one meant: reading it says what is wrong.
  const model =
    names.find((name) => name === "model.ts") ??
    names.find((name) => name.toLowerCase() === "model.ts");
  if (model) return { entry: at(model), folder };
  const repository = repositoryModel(folder, assignment, shown);
  if (repository) return repository;
  const sources = files.filter(isSource);
  if (sources.length === 1) return { entry: at(sources[0] as string), folder };
  if (sources.length > 1)
    return missing(folder, said("find.several", { folder: shown, names: sources }));
  // An upload of a zip, not unpacked: its files are the submission.
  const zips = files.filter((name) => isZip(at(name)));
  if (zips.length === 1 && folders.length === 0 && depth === 0)
    return inZip(at(zips[0] as string), assignment, `${shown}/${zips[0]}`);
  const [only, ...others] = folders;
  if (only !== undefined && others.length === 0 && depth < DEPTH)
    return inFolder(at(only), assignment, `${shown}/${only}`, depth + 1);
  const visible = names.filter((name) => !NOT_A_SUBMISSION(name));
  return missing(
    folder,
    visible.length === 0
      ? said("find.empty", { folder: shown })
      : said("find.none", { folder: shown, names: visible }),
  );
}

/** A learner's repository: `assignments/<id>/model.ts`, of the assignment graded or the only one. */
function repositoryModel(
  folder: string,
  assignment: string | undefined,
  shown: string,
): SubmissionSource | undefined {
  const assignments = join(folder, "assignments");
  if (!isFolder(assignments)) return undefined;
  const ids = (assignment !== undefined ? [assignment] : safeList(assignments).sort()).filter(
    (id) => safeList(join(assignments, id)).includes("model.ts"),
  );
  const [only, ...more] = ids;
  if (only === undefined) return undefined;
  if (more.length > 0) return missing(folder, said("find.which", { folder: shown, ids }));
  return { entry: join(assignments, only, "model.ts"), folder: join(assignments, only) };
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const codeOf = (error: unknown) => String((error as NodeJS.ErrnoException).code ?? error);

/** Nothing to grade in `folder`, and what was there. */
function missing(folder: string, why: Said): SubmissionSource {
  return { entry: join(folder, "model.ts"), folder, missing: why };
}
