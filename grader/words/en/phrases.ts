/**
 * The grader's own sentences that a report keeps as phrases (grader/core/phrase.ts): its total,
 * its note on hidden tests, its warnings, a gradient check's verdict, a refused result and a
 * failed call in a law's run. The Korean catalog has the same codes (words/ko/phrases.ts).
 */
import type { CrashReason, ImportFailure } from "../../core/outcomes.ts";
import { type Phrase, phrasebook, type Say, sayParam } from "../../core/phrase.ts";
import type { GradientRow } from "../../core/report.ts";
import { gradientLine } from "./gradient.ts";
import { importError, wordCrash } from "./outcomes.ts";

const alsoNeed = (tests: string[]) =>
  tests.length > 0 ? ` (${tests.join(", ")} also needs the reference and did not run)` : "";

export const phrases = {
  "report.total": (p: { score: number; maxScore: number }) => `${p.score} of ${p.maxScore} points`,
  /** A message given as it is: a compiler's, or a file system's. */
  "report.verbatim": (p: { text: string }) => p.text,
  "hidden.not-run": (p: { count: number; could: "built" | "read" }) =>
    `${p.count} hidden tests did not run: the submission could not be ${p.could}`,
  "hidden.ran": (p: { count: number }) =>
    `${p.count} hidden tests ran; their inputs are not shown to learners`,
  "hidden.skipped": (p: { count: number }) => `${p.count} hidden tests were skipped (--no-hidden)`,
  /** `also`: visible tests left out because they need the reference. */
  "hidden.none": (p: { also: string[] }) => `no hidden tests here${alsoNeed(p.also)}`,
  "hidden.need-reference": (p: { count: number; also: string[] }) =>
    `${p.count} hidden tests need the reference solution and did not run; the score covers the visible tests only${alsoNeed(p.also)}`,
  "warning.not-alone": (p: { why: string }) =>
    `each function could not be judged alone (${p.why}): a mistake in one function may cost points in the functions that call it too`,
  "warning.between-tests": (p: { what: string }) =>
    `between two tests, the submission's code ${p.what} (no test lost points for it)`,
  "warning.types-skipped": (p: { reason: string }) => `types were not checked: ${p.reason}`,
  "warning.type-error": (p: { error: string }) =>
    `type error (graded anyway, as the code runs with its types stripped): ${p.error}`,
  /** A gradient check's failure: compared with what, then a line per wrong parameter. */
  "gradient.compared": (p: { against: Phrase | string; rows: GradientRow[] }, say: Say) =>
    `compared with ${sayParam(p.against, say)}: ${p.rows.map(gradientLine).join(" ")}`,
  "gradient.rows": (p: { rows: GradientRow[] }) => p.rows.map(gradientLine).join(" "),
  /** `grew`: the learner's code left its inputs holding that many values, rather than returned them. */
  refused: (p: { grew: boolean; returned: number; held: number; limit: number }) =>
    `${p.grew ? "left its inputs holding" : "returned"} ${p.returned} values, far more than this test's inputs and answer hold (${p.held}; at most ${p.limit} are accepted): refused before judging`,
  "call.threw": (p: { fn: string; name: string; message: string }) =>
    `${p.fn} threw ${p.name}: ${p.message}`,
  "call.timeout": (p: { fn: string; limitMs: number }) =>
    `${p.fn} did not return within ${p.limitMs} ms`,
  "call.crashed": (p: { fn: string; reason: CrashReason }) =>
    `the process running ${p.fn} ${wordCrash(p.reason)}`,
  "call.missing": (p: { fn: string }) => `the submission does not export a function named ${p.fn}`,
  "call.import-failed": (p: { failure: ImportFailure }) =>
    `the submission could not be loaded: ${importError(p.failure).message}`,
  "call.refused": (p: { fn: string; returned: number; limit: number }) =>
    `${p.fn} returned ${p.returned} values, far more than its inputs hold (at most ${p.limit} are accepted): refused before judging`,
  "call.failed": (p: { fn: string }) => `${p.fn} failed`,
};

/** The grader's English phrases, worded as they are made. */
export const said = phrasebook(phrases);
