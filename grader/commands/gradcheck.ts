/**
 * `gradecheck gradcheck [submission]`: runs only the gradient checks of a learner's model.ts in
 * the sandbox and prints, per check, a table per parameter. For debugging a backward pass.
 */
import { gradientTable } from "../render/gradient-table.ts";
import { gradeSubmission, type SubmissionOptions } from "./grade.ts";

export async function runGradcheck(
  options: SubmissionOptions,
  print: (text: string) => void,
): Promise<void> {
  print(
    gradientTable(await gradeSubmission(options, { select: (test) => test.kind === "gradient" })),
  );
}
