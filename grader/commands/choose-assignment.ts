/**
 * Which assignment a command is about: the one named (`--assignment`); else the one whose folder
 * (`assignments/<id>/`) holds the submission, or the user; else the only one there is; else the
 * course's current one (`assignments/course.json`); else an exit 2 that lists them.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { assignmentIds } from "../pipeline/load.ts";
import { ExitError } from "./errors.ts";

export interface Course {
  /** The assignments here (folders with an assignment.json). */
  ids: string[];
  /** The one commands are about when nothing else says (course.json's `current`). */
  current: string | undefined;
}

export const COURSE_FILE = "assignments/course.json";

/** The course at `root`; a course.json that cannot be read, or names no assignment here, is exit 2. */
export function courseAt(root: string): Course {
  const ids = assignmentIds(root);
  let text: string;
  try {
    text = readFileSync(join(root, COURSE_FILE), "utf8");
  } catch {
    return { ids, current: undefined };
  }
  let current: unknown;
  try {
    current = (JSON.parse(text) as { current?: unknown } | null)?.current;
  } catch (error) {
    throw new ExitError(2, `${COURSE_FILE} is not JSON: ${(error as Error).message}`);
  }
  if (current !== undefined && (typeof current !== "string" || !ids.includes(current)))
    throw new ExitError(
      2,
      `${COURSE_FILE}: "current" must name one of ${ids.join(", ")}, got ${JSON.stringify(current)}`,
    );
  return { ids, current };
}

/**
 * The assignment of `ids` a path lies in: `assignments/<id>/` (a learner's working copy) or
 * `reference/<id>/` (the instructor's solution). Pure: the path is not read.
 */
export function assignmentOfPath(root: string, path: string, ids: string[]): string | undefined {
  for (const side of ["assignments", "reference"]) {
    const rel = relative(join(root, side), resolve(path));
    const [first] = rel.split(sep);
    if (!rel.startsWith("..") && first && ids.includes(first)) return first;
  }
  return undefined;
}

/** Pure: decides from the course and the paths given, reading nothing. */
export function chooseAssignment(
  course: Course,
  root: string,
  { named, paths = [] }: { named?: string | undefined; paths?: string[] },
): string {
  const { ids, current } = course;
  if (named !== undefined) {
    if (!ids.includes(named))
      throw new ExitError(2, `unknown assignment "${named}"; known: ${ids.join(", ")}`);
    return named;
  }
  for (const path of paths) {
    const id = assignmentOfPath(root, path, ids);
    if (id) return id;
  }
  if (ids.length === 1) return ids[0] as string;
  if (current) return current;
  throw new ExitError(
    2,
    ids.length === 0
      ? "there is no assignment here"
      : `name the assignment with --assignment: there are several (${ids.join(", ")})`,
  );
}
