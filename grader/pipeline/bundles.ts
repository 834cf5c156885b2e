/**
 * Build stage: the submission read and bundled, and, with the reference, the second bundle in
 * which each function is judged alone (its calls of the assignment's other functions answered by
 * the reference's), with what the grader answers with.
 */
import { rmSync } from "node:fs";
import type { Functions } from "../core/assignment.ts";
import { type BuildResult, buildAlone, buildFiles, removeBuild } from "./build.ts";
import type { GradeContext } from "./context.ts";
import { type Oracle, referenceFunctions, referenceOracle, standInNames } from "./oracle.ts";
import { type ReadSubmission, readSubmission } from "./submission.ts";

export interface Bundles {
  read: ReadSubmission;
  build: BuildResult;
  /** Each function judged alone: the bundle, the grader's answers and the laws' other functions. */
  judgedAlone?: { bundle: { dir: string; entry: string }; oracle: Oracle; others: Functions };
  /** Why each function could not be judged alone, when it could not. */
  notAlone?: string;
}

export async function makeBundles({ inputs, options, source }: GradeContext): Promise<Bundles> {
  const read = options.files ?? readSubmission(source, options.displayRoot);
  const build: BuildResult =
    read.status === "read"
      ? await buildFiles(read, options.displayRoot)
      : { status: "failed", message: read.message, location: null, said: read.said };
  const { reference } = inputs;
  const standIns = reference ? standInNames(inputs.cases) : [];
  if (!reference || build.status !== "built" || standIns.length === 0) return { read, build };
  const alone = await buildAlone(build, standIns);
  if ("unavailable" in alone) return { read, build, notAlone: alone.unavailable };
  return {
    read,
    build,
    judgedAlone: {
      bundle: alone,
      oracle: referenceOracle(reference, standIns, inputs.manifest.limits.standInEntries),
      // What the laws and checks of a function judged alone use for the others.
      others: referenceFunctions(reference, standIns),
    },
  };
}

export function removeBundles({ build, judgedAlone }: Bundles): void {
  if (build.status === "built") removeBuild(build);
  if (judgedAlone) rmSync(judgedAlone.bundle.dir, { recursive: true, force: true });
}
