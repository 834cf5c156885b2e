/**
 * Build stage: the submission read and bundled, and, with the reference, the second bundle in
 * which each function is judged alone (its calls of the assignment's other functions answered by
 * the reference's), with what the grader answers with. The second bundle is made from the first,
 * while the first's child already runs (see run-tests.ts).
 */
import { rmSync } from "node:fs";
import type { Functions } from "../core/assignment.ts";
import { type BuildResult, buildAlone, buildFiles, removeBuild } from "./build.ts";
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

/** The submission as read, and its bundle (or why there is none). */
export interface Submitted {
  read: ReadSubmission;
  build: BuildResult;
}

/** The second bundle, or why each function could not be judged alone; neither when none was tried. */
export interface Alone {
  /** Each function judged alone: the bundle, the grader's answers and the laws' other functions. */
  judgedAlone?: {
    bundle: { dir: string; entry: string };
    oracle: Oracle;
    others: Functions;
    /** The oracle's limits, for the learner's own functions answering instead. */
    ownCallees: OwnCalleeLimits;
  };
  /** Why each function could not be judged alone, when it could not. */
  notAlone?: string;
}

export type Bundles = Submitted & Alone;

export async function bundleSubmission({ options, source }: GradeContext): Promise<Submitted> {
  const read = options.files ?? readSubmission(source, options.displayRoot);
  const build: BuildResult =
    read.status === "read"
      ? await buildFiles(read, options.displayRoot)
      : { status: "failed", message: read.message, location: null, said: read.said };
  return { read, build };
}

/**
 * Makes the second bundle from the submission's; undefined when there is none to make (no
 * reference, no function the assignment's others call, or no first bundle).
 */
export function bundleAlone(
  { inputs }: GradeContext,
  build: BuildResult,
): Promise<Alone> | undefined {
  const { reference } = inputs;
  const callers = reference ? standIns(inputs.cases) : {};
  if (!reference || build.status !== "built" || Object.keys(callers).length === 0) return undefined;
  return buildAlone(build, callers).then(
    (alone): Alone =>
      "unavailable" in alone
        ? { notAlone: alone.unavailable }
        : {
            judgedAlone: {
              bundle: alone,
              oracle: referenceOracle(reference, callers, inputs.manifest.limits.standInEntries),
              ownCallees: ownCalleeLimits(
                reference,
                callers,
                inputs.manifest.limits.standInEntries,
              ),
              // What the laws and checks of a function judged alone use for the others.
              others: referenceFunctions(reference, Object.keys(callers)),
            },
          },
  );
}

export function removeBundles({ build, judgedAlone }: Bundles): void {
  if (build.status === "built") removeBuild(build);
  if (judgedAlone) rmSync(judgedAlone.bundle.dir, { recursive: true, force: true });
}
