/**
 * The grading pipeline, as a sequence of stages over one context: start the run (options resolved
 * once) -> bundle the submission, the children starting meanwhile -> run the tests (inputs,
 * sandbox call, judgement), the end-to-end ones at once and the others once the second bundle,
 * which judges each function alone, is made; the submission type-checked alongside -> annotate
 * -> assemble the report (totals included). A failed step is recorded and the run goes on; only
 * a bug of gradecheck (or an unusable manifest) throws.
 */
import type { Report } from "../core/report.ts";
import { said } from "../words/en/phrases.ts";
import { annotate } from "./annotate.ts";
import { assembleReport } from "./assemble.ts";
import {
  type Alone,
  bundleAlone,
  bundleFolders,
  bundleSubmission,
  removeBundles,
} from "./bundles.ts";
import { type GradeInputs, type GradeOptions, startRun } from "./context.ts";
import { prepareAhead, type Ran, runTests, startChildren } from "./run-tests.ts";
import { typeCheck, typeWarnings } from "./typecheck.ts";

export { blameCallees, explainCheckPairs, locateError, settlePoints } from "./annotate.ts";
export type { GradeInputs, GradeOptions } from "./context.ts";
export { caseSeed } from "./run-tests.ts";

export async function grade(inputs: GradeInputs, options: GradeOptions): Promise<Report> {
  const ctx = startRun(inputs, options);
  const folders = await bundleFolders(ctx);
  // The children start first, esbuild a microtask later: a child's start (Node's own, then the
  // runtime's loading) takes longer than the bundle, and each process this one starts holds it
  // up while the process is made. Each child imports its bundle once it is written.
  const building = Promise.resolve().then(() => bundleSubmission(ctx, folders));
  const alone = building.then(({ build }) => bundleAlone(build, folders) ?? {});
  const phases = startChildren(ctx, folders, building, alone);
  const submitted = await building;
  const { build } = submitted;
  const ahead = prepareAhead(ctx, alone);
  // Alongside the grading: it only warns, and it takes a compiler process's time.
  const types =
    build.status === "built" && options.typeCheck !== false ? typeCheck(build.staged) : undefined;
  let ran: Ran;
  let made: Alone = {};
  try {
    ran = await runTests(ctx, submitted, folders, phases);
  } finally {
    ahead.stop();
    types?.hurry();
    // The type check reads the copy the build made: the copy goes once the check has settled.
    await types?.result.catch(() => undefined);
    // Had the second bundle failed to be made, the tests would have thrown with its error.
    made = await alone.catch((): Alone => ({}));
    removeBundles(submitted, folders);
  }
  const bundles = { ...submitted, ...made };
  const fenced = build.status === "built" ? (build.staged.fenced ?? []) : [];
  const warnings = [
    ...fenced.map(({ name, message }) =>
      said("warning.syntax-fenced", { fn: name, error: message }),
    ),
    ...(bundles.notAlone ? [said("warning.not-alone", { why: bundles.notAlone })] : []),
    ...(types ? typeWarnings(await types.result) : []),
    ...[...new Set(ran.incidents)].map((what) => said("warning.between-tests", { what })),
  ];
  const tests = annotate(
    ran.tests,
    inputs.manifest,
    inputs.cases,
    bundles.judgedAlone !== undefined,
  );
  return assembleReport(ctx, bundles, tests, warnings, ran.needReference);
}
