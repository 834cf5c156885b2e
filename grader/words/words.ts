/**
 * What a language's catalog holds: every word gradecheck says to a learner, worded from a
 * report's data. English (words/en/) is what the JSON report's messages are written in; Korean
 * (words/ko/) renders the same report for learners who read Korean. The catalogs have the same
 * shape, so that the type checker finds a sentence missing from either.
 */
import type { Catalog, Lang, Phrase } from "../core/phrase.ts";
import type { Details, ErrorHint, GradientHint, GradientRow, Hint, Note } from "../core/report.ts";
import type { Labels } from "./en/labels.ts";

/** Words a phrase of the report, or keeps `english` when no catalog has its words. */
export type Speak = (phrase: Phrase | undefined, english: string) => string;

export interface Words {
  lang: Lang;
  /** A test's message from its details (`speak` words the phrases they hold). */
  message(fn: string, details: Details, speak: Speak): string;
  /** The message with a note of the annotate stage worded in. */
  note(note: Note, message: string, fn: string, speak: Speak): string;
  hint(hint: Hint): string;
  errorHint(hint: ErrorHint): string;
  gradientLine(row: GradientRow): string;
  gradientHint(hint: GradientHint): string;
  /** The grader's phrases (a report's total, hidden note and warnings; a gradient's verdict). */
  phrases: Catalog;
  labels: Labels;
}

export type { Labels };
