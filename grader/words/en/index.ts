/** English: the words of the JSON report's messages, and of every renderer by default. */
import type { Words } from "../words.ts";
import { gradientHint, gradientLine } from "./gradient.ts";
import { wordErrorHint, wordHint } from "./hints.ts";
import { labels } from "./labels.ts";
import { wordMessage } from "./messages.ts";
import { phrases } from "./phrases.ts";
import { wordNote } from "./pipeline.ts";

export const en: Words = {
  lang: "en",
  // The report's English fields are already these words: phrases need no speaking.
  message: (fn, details) => wordMessage(fn, details),
  note: (note, message, fn) => wordNote(note, message, fn),
  hint: wordHint,
  errorHint: wordErrorHint,
  gradientLine,
  gradientHint,
  phrases,
  labels,
};
