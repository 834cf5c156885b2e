/**
 * `gradecheck gradcheck [submission]`: runs only the gradient checks of a learner's model.ts in
 * the sandbox and prints, per check, a table per parameter. For debugging a backward pass.
 */
import { gradientTable } from "../gradcheck/table.ts";
import { grade } from "../grade.ts";
import { type GradeCommandOptions, prepareGrading } from "./grade.ts";

export async function runGradcheck(
  options: Pick<
    GradeCommandOptions,
    | "root"
    | "submission"
    | "displayRoot"
    | "assignment"
    | "seed"
    | "hidden"
    | "timeoutMs"
    | "toolVersion"
  >,
  print: (text: string) => void,
): Promise<void> {
  const { file, parts } = await prepareGrading(options);
  const report = await grade(parts, {
    submission: file,
    displayRoot: options.displayRoot,
    seed: options.seed,
    hidden: options.hidden,
    timeoutMs: options.timeoutMs,
    toolVersion: options.toolVersion,
    select: (test) => test.kind === "gradient",
  });
  print(gradientTable(report));
}
