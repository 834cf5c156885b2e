/**
 * `gradecheck gradcheck [submission]`: runs only the gradient checks of a learner's model.ts in
 * the sandbox and prints, per check, a table per parameter. For debugging a backward pass.
 */

import type { Lang } from "../core/phrase.ts";
import { renderers } from "../render/index.ts";
import { gradeSubmission, localeOf, type SubmissionOptions } from "./grade.ts";

export async function runGradcheck(
  options: SubmissionOptions & { lang: Lang },
  print: (text: string) => void,
): Promise<void> {
  const { report, words } = await gradeSubmission(options, {
    select: (test) => test.kind === "gradient",
  });
  print(
    renderers["gradient-table"].render(report, {
      colour: false,
      locale: localeOf(options.lang, words),
    }),
  );
}
