/**
 * One way to find what to grade at a path, shared by `grade`, `batch` and the Gradescope runner,
 * for every shape a submission arrives in: a file; a folder holding model.ts (in any case:
 * Model.ts); a learner's repository (`assignments/<id>/model.ts`); a folder holding one lone `.ts`
 * of another name (`model (1).ts`); a folder holding only one folder (an upload of a zipped
 * folder, unpacked). Anything else is found missing, with what was there: the learner's report
 * says so, and nobody is left out of a class.
 */
import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
import type { Said } from "../core/phrase.ts";
import { said } from "../words/en/phrases.ts";
import { isFolder, SOURCE_EXTENSIONS, type SubmissionSource, submissionAt } from "./submission.ts";

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
export function findSubmission(
  path: string,
  assignment: string | undefined,
  shown: string = path,
): SubmissionSource {
  if (!isFolder(path)) return submissionAt(path, false);
  return inFolder(path, assignment, shown, 0);
}

function inFolder(
  folder: string,
  assignment: string | undefined,
  shown: string,
  depth: number,
): SubmissionSource {
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
