/**
 * Judging a learner's checker: a function of theirs whose job is to judge other code (a gradient
 * checker says whether a backward pass is right, with a figure, its relative difference). The
 * check gives it inputs whose answer is known and judges its answer as its user would: is the
 * verdict it prints the one the formula gives, and is its figure the formula's, within the
 * formula's own rounding? Not only whether its arithmetic matches: a checker that computes a
 * plausible number but calls a known bug right fails here with that said.
 * Pure: the answer and the known case in, a failure or none out.
 */
import type { CheckFailure } from "../core/assignment.ts";
import type { Text } from "../core/phrase.ts";
import { said } from "../words/en/phrases.ts";

export type Verdict = "right" | "wrong";

/** Inputs whose answer is known, as the instructor's side describes them. */
export interface KnownCase {
  /** The known bug of what the checker is given, in words; none when it is given right values. */
  bug?: Text;
  /** What the checker's formula gives on these inputs. */
  figure: number;
  /** How far from `figure` an answer may be: the formula's own rounding on these inputs. */
  tolerance: number;
  /** Above this figure, the formula's verdict is "wrong". */
  threshold: number;
}

export interface CheckerAnswer {
  /** What the checker returned. */
  figure: unknown;
  /** What it printed, when asked to print its verdict. */
  printed?: string;
}

// "incorrect" holds "correct", so a line is read for a wrong verdict first.
const WRONG = /\b(mistake|wrong|incorrect|error|bug)/i;
const RIGHT = /\b(perfectly fine|correct|works|fine|right|ok)\b/i;

/**
 * The verdict a checker printed: its last line that says one, in the course's words ("works
 * perfectly fine", "there is a mistake") or the plain ones ("correct", "wrong").
 */
export function verdictOf(printed: string): Verdict | undefined {
  const lines = printed.split("\n").reverse();
  for (const line of lines) {
    if (WRONG.test(line)) return "wrong";
    if (RIGHT.test(line)) return "right";
  }
  return undefined;
}

/** The failure of a checker's answer on a known case, or null when it is right. */
export function judgeChecker(answer: CheckerAnswer, known: KnownCase): CheckFailure | null {
  const { figure, tolerance, threshold } = known;
  const details = { expected: figure, tolerance, threshold };
  const actual = answer.figure;
  if (typeof actual !== "number" || !Number.isFinite(actual)) {
    return {
      message: said("checker.not-a-number", {
        type: typeof actual === "number" ? String(actual) : typeOf(actual),
      }),
      details,
    };
  }
  const expected: Verdict = figure > threshold ? "wrong" : "right";
  // Within the formula's rounding of the threshold, either verdict is the formula's.
  const eitherWay = Math.abs(figure - threshold) <= tolerance;
  const numbers = { actual, expected: figure, tolerance, threshold };
  const failed = (message: Text): CheckFailure => ({
    message,
    details: { ...details, figure: actual },
  });
  if (answer.printed !== undefined) {
    const verdict = verdictOf(answer.printed);
    if (verdict === undefined) return failed(said("checker.no-verdict"));
    if (verdict !== expected && !eitherWay)
      return failed(
        verdict === "right"
          ? said("checker.missed", { ...numbers, bug: known.bug ?? "" })
          : said("checker.false-alarm", numbers),
      );
  }
  return Math.abs(actual - figure) > tolerance ? failed(said("checker.figure", numbers)) : null;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}
