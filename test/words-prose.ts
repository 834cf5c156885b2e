/**
 * Whether a text meant for Korean readers still holds English sentences: runs of three or more
 * English words in a row, one of them a word prose is made of ("the", "is", "your"...). Code
 * (`np.sum(dZ1, 1, true)`, `rng.randn(rows, cols)`), names and numbers are no prose; the parts a
 * learner or a tool wrote in English (a thrown error's message) are taken out first.
 */
import type { Phrase } from "../grader/core/phrase.ts";
import type { TestReport } from "../grader/core/report.ts";

const PROSE = new Set(
  "the a an is are was were be of to in on at for by with and or not no your you it its this that than then when where which has have does did should must got expected wrong right missing times".split(
    " ",
  ),
);

export function englishProse(text: string, verbatim: readonly string[] = []): string[] {
  let rest = text;
  for (const part of verbatim) if (part) rest = rest.split(part).join(" ");
  rest = rest.replace(/`[^`]*`/g, " ");
  return [...rest.matchAll(/\b[A-Za-z']+(?: [A-Za-z']+){2,}\b/g)]
    .map((m) => m[0])
    .filter((run) => run.split(" ").some((word) => PROSE.has(word.toLowerCase())));
}

const HANGUL = /[\uac00-\ud7a3]/;
export const hasHangul = (text: string) => HANGUL.test(text);

/**
 * What a test's message quotes as it is: what the learner's code threw, and their own line; of
 * the grader's own refusal that was thrown, only what it quotes (names, inputs, the reference's
 * error).
 */
export function verbatimOf({ details }: TestReport): string[] {
  switch (details.type) {
    case "error":
      return [
        ...(details.phrase ? quotedBy(details.phrase) : [details.message]),
        details.line ?? "",
        details.stack,
      ];
    case "property":
      if (!details.thrown) return [];
      return details.thrown.phrase ? quotedBy(details.thrown.phrase) : [details.thrown.message];
    case "import-failed":
      return details.failure.code === "threw" ? [details.failure.error.message] : [];
    default:
      return [];
  }
}

/** A phrase's text parameters. */
const quotedBy = (phrase: Phrase): string[] =>
  Object.values(phrase.params ?? {}).filter((param) => typeof param === "string");
