/** 한국어: 같은 보고서를 한국어를 읽는 학습자에게 보여 주는 말. */
import type { Words } from "../words.ts";
import { gradientHint, gradientLine } from "./gradient.ts";
import { wordErrorHint, wordHint } from "./hints.ts";
import { labels } from "./labels.ts";
import { wordMessage } from "./messages.ts";
import { phrases } from "./phrases.ts";
import { wordNote } from "./pipeline.ts";

export const ko: Words = {
  lang: "ko",
  message: wordMessage,
  note: (note, message, fn, speak) =>
    wordNote(note, message, fn, note.code === "meaning" ? speak(note.phrase, note.meaning) : ""),
  hint: wordHint,
  errorHint: wordErrorHint,
  gradientLine,
  gradientHint,
  phrases,
  labels,
};
