/**
 * `gradecheck gradcheck [submission]`: runs only the gradient checks of a learner's model.ts in
 * the sandbox and prints, per check, a table per parameter. For debugging a backward pass.
 */
import { renderers } from "../render/index.ts";
import { gradeSubmission, type SubmissionOptions } from "./grade.ts";

export async function runGradcheck(
  options: SubmissionOptions,
  print: (text: string) => void,
): Promise<void> {
  print(
    renderers["gradient-table"].render(
      await gradeSubmission(options, { select: (test) => test.kind === "gradient" }),
      { colour: false },
    ),
  );
}
