/**
 * A report in another language than the English it is written in: every learner-facing text
 * (the title, test names, messages, named mistakes, warnings, the note on hidden tests) worded
 * again from the report's data with the language's catalog and the assignment's own words. Pure:
 * a report in, a report out; every format is then laid out from it as from the English one. What
 * no catalog has words for (a phrase of an unknown assignment, a compiler's message) stays English.
 */
import type { AssignmentLocale } from "../core/assignment.ts";
import { type Phrase, sayer, UnknownPhrase } from "../core/phrase.ts";
import { type Details, namedMistakes, type Report, type TestReport } from "../core/report.ts";
import type { Speak, Words } from "../words/words.ts";

/** A language's words: the grader's catalog, and the assignment's words in that language. */
export interface Locale {
  words: Words;
  assignment?: AssignmentLocale | undefined;
}

/** Words phrases in the locale's language, keeping the English where it has no words for one. */
export function speaker({ words, assignment = {} }: Locale): Speak {
  const say = sayer([words.phrases, assignment.phrases ?? {}]);
  return (phrase, english) => {
    if (!phrase) return english;
    try {
      return say(phrase);
    } catch (error) {
      // A phrase without words here (or with parameters of another version): the English stays.
      if (error instanceof UnknownPhrase || error instanceof TypeError) return english;
      throw error;
    }
  };
}

export function localize(report: Report, locale: Locale): Report {
  const { words, assignment = {} } = locale;
  if (words.lang === "en") return report;
  const speak = speaker(locale);
  const { phrases } = report;
  return {
    ...report,
    assignment: { ...report.assignment, title: assignment.title ?? report.assignment.title },
    message: speak(phrases.message, report.message),
    warnings: report.warnings.map((w, i) => speak(phrases.warnings[i] as Phrase | undefined, w)),
    hidden: { ...report.hidden, note: speak(phrases.hidden, report.hidden.note) },
    tests: report.tests.map((test) =>
      // The build's line says what the report says: a compiler's words, or the grader's own.
      test.details.type === "build"
        ? { ...test, name: words.labels.buildTest, message: speak(phrases.message, test.message) }
        : localizeTest(test, words, assignment, speak),
    ),
  };
}

function localizeTest(
  test: TestReport,
  words: Words,
  assignment: AssignmentLocale,
  speak: Speak,
): TestReport {
  const name = own(assignment.tests, test.id) ?? test.name;
  const details = withMistakes(test.details, assignment);
  const message = (test.notes ?? []).reduce(
    (text, note) => words.note(note, text, test.function, speak),
    words.message(test.about ?? test.function, details, speak),
  );
  return { ...test, name, details, message };
}

/** A record's own entry (a name from a report is no way into its prototype). */
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

/** The named mistakes of a wrong answer, by their names and sentences in the language. */
function withMistakes(details: Details, assignment: AssignmentLocale): Details {
  const named = namedMistakes(details);
  if (!named) return details;
  const mistakes = named.map((m) => {
    const words = own(assignment.mistakes, m.name);
    return words ? { name: words.name, sentence: words.sentence } : m;
  });
  return { ...details, hint: { ...(details as { hint: object }).hint, mistakes } } as Details;
}
