/**
 * Build stage: the submission read and bundled, and, with the reference, the second bundle in
 * which each function is judged alone (its calls of the assignment's other functions answered by
 * the reference's), with what the grader answers with. Both bundles' folders are made first, with
 * the runtime in them, so that their children start while the bundles are made (see
 * run-tests.ts); the second bundle is made from the first.
 */
import { rmSync } from "node:fs";
import type { Functions } from "../core/assignment.ts";
import {
  type BuildResult,
  type Built,
  buildAlone,
  buildFiles,
  entryStubs,
  removeBuild,
} from "./build.ts";
import { type BundleFolder, bundleFolder } from "./bundle-folder.ts";
import type { GradeContext } from "./context.ts";
import {
  type Oracle,
  type OwnCalleeLimits,
  ownCalleeLimits,
  referenceFunctions,
  referenceOracle,
  standIns,
} from "./oracle.ts";
import { type ReadSubmission, readSubmission } from "./submission.ts";
import type { StandIns } from "./substitute.ts";
import type { Throws } from "./untouched-stubs.ts";

/** The submission as read, and its bundle (or why there is none). */
export interface Submitted {
  read: ReadSubmission;
  build: BuildResult;
}

/** What judging each function alone takes besides its bundle. */
export interface Judging {
  /** The grader's answers to the stand-ins: the reference's. */
  oracle: Oracle;
  /** The reference's other functions, for the laws and checks of a function judged alone. */
  others: Functions;
  /** The oracle's limits, for the learner's own functions answering instead. */
  ownCallees: OwnCalleeLimits;
}

/** The second bundle, or why each function could not be judged alone; neither when none was tried. */
export interface Alone {
  /** With the functions the learner left as their stubs, whose calls the grader answers itself. */
  judgedAlone?: Judging & { bundle: BundleFolder; stubs: ReadonlyMap<string, Throws> };
  /** Why each function could not be judged alone, when it could not. */
  notAlone?: string;
}

/** The bundles' folders, made before the bundles. */
export interface Folders {
  whole: BundleFolder;
  /**
   * Where each function is to be judged alone (there is a reference, and functions of the
   * assignment call others): the second bundle's folder, the callers, and what judging takes.
   */
  alone?: { folder: BundleFolder; callers: StandIns; judging: Judging };
}

export type Bundles = Submitted & Alone;

/** Both bundles' folders (the second only where it is to be made), the runtime in each. */
export async function bundleFolders({ inputs, options }: GradeContext): Promise<Folders> {
  const { reference, cases, manifest } = inputs;
  const callers = reference ? standIns(cases) : {};
  const judged = reference !== undefined && Object.keys(callers).length > 0;
  // The folder made ahead, if it was made: otherwise a fresh one, as if none had been tried.
  const early = options.wholeFolder?.catch(() => bundleFolder());
  const [whole, folder] = await Promise.all([
    early ?? bundleFolder(),
    judged ? bundleFolder() : undefined,
  ]);
  if (!reference || !folder) return { whole };
  const entries = manifest.limits.standInEntries;
  return {
    whole,
    alone: {
      folder,
      callers,
      judging: {
        oracle: referenceOracle(reference, cases, entries),
        others: referenceFunctions(reference, Object.keys(callers)),
        ownCallees: ownCalleeLimits(reference, callers, entries),
      },
    },
  };
}

export async function bundleSubmission(
  { options, source }: GradeContext,
  { whole, alone }: Folders,
): Promise<Submitted> {
  const read = options.files ?? readSubmission(source, options.displayRoot);
  const build: BuildResult =
    read.status === "read"
      ? await buildFiles(read, options.displayRoot, whole, { readAhead: alone !== undefined })
      : { status: "failed", message: read.message, location: null, said: read.said };
  return { read, build };
}

/** Whether a second bundle is to be made: it has a folder, and the first bundle was made. */
export function makesAlone(build: BuildResult, { alone }: Folders): build is Built {
  return alone !== undefined && build.status === "built";
}

/** Makes the second bundle from the submission's; undefined when there is none to make. */
export function bundleAlone(build: BuildResult, folders: Folders): Promise<Alone> | undefined {
  const { alone } = folders;
  if (!alone || !makesAlone(build, folders)) return undefined;
  return Promise.all([buildAlone(build, alone.callers, alone.folder), entryStubs(build)]).then(
    ([made, stubs]): Alone =>
      "unavailable" in made
        ? { notAlone: made.unavailable }
        : { judgedAlone: { bundle: made, ...alone.judging, stubs } },
  );
}

/** Removes the bundles, their folders and the submission's copy. */
export function removeBundles({ build }: Submitted, { whole, alone }: Folders): void {
  if (build.status === "built") removeBuild(build);
  for (const folder of [whole, alone?.folder])
    if (folder) rmSync(folder.dir, { recursive: true, force: true });
}
