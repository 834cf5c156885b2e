/**
 * The renderers' own words in English: headings, labels and the sentences around a report's
 * messages (the terminal summary, Markdown, HTML, the gradient table, the platforms' texts) and
 * what `train` prints. Pure data and small functions; the Korean catalog has the same keys.
 */
import type { TestStatus } from "../../core/report.ts";

const s = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const labels = {
  seed: (seed: number) => `seed ${seed}`,
  couldNotGrade: "could not grade:",
  buildTest: "the submission compiles",
  notGraded: "The submission could not be graded.",
  total: (score: string, max: string, percent: number) =>
    `Total: ${score} of ${max} points (${percent}%)`,
  partial: (functions: string, tests: number, of: number) =>
    `Partial: only the tests of ${functions} ran (${tests} of ${of}); the total counts those only.`,
  reportAt: (path: string) => `report: ${path}`,
  alsoWritten: (path: string) => `also written: ${path}`,
  moreFailing: (n: number) => `… and ${s(n, "more failing test")}: see the report`,
  andMoreFailing: (n: number) => ` (and ${s(n, "more failing test")})`,
  visibleScore: (score: string, max: string) => `${score} of ${max} points on the visible tests`,
  hiddenNote: (count: number) =>
    count === 0 ? "" : `${s(count, "hidden test")}, results after grading.`,
  status: {
    passed: "passed",
    failed: "failed",
    error: "error",
    timeout: "timeout",
    missing: "missing",
  } satisfies Record<TestStatus, string>,
  hiddenSentence: (status: TestStatus) =>
    status === "passed"
      ? "hidden test: passed"
      : `hidden test: ${status} (details are shown to instructors only)`,
  hiddenMark: "(hidden test)",
  calledWith: (inputs: string) => `called with ${inputs}`,
  moreLines: (n: number) => `… ${s(n, "more line")} in the report`,
  expected: "expected",
  yours: "yours",
  printed: "your code printed:",
  printedHeading: "Your code printed",
  replay: "replay:",
  replayAlone: "Replay it alone:",
  mistake: "Mistake:",
  and: "and",
  warningsHeading: "Warnings (no points lost)",
  whatToFix: "What to fix",
  tableHeader: ["", "function", "points", "tests passed"],
  output: "Output:",
  platformError: "gradecheck could not grade this submission:",
  solutionOnly: (test: string) =>
    `${test} judges with the solution: it runs when your instructor grades`,
  gradient: {
    header: ["gradient", "verdict", "difference", "worst entry", "hint"],
    verdict: { right: "right", wrong: "wrong", "wrong-shape": "wrong shape", missing: "missing" },
    worst: (at: string, yours: string, numeric: string) =>
      `${at}: yours ${yours}, numeric ${numeric}`,
    couldNotRun: "could not run the gradient checks:",
    none: "this assignment has no gradient checks",
  },
  train: {
    referenceName: "the reference solution",
    progress: (iteration: string, seconds: string) =>
      `training… iteration ${iteration}, ${seconds} s`,
    seconds: (seconds: string) => `${seconds} s`,
    pictures: (paths: string) => `Pictures: ${paths}`,
    sweepHeader: ["hidden layer size", "accuracy", "time"],
    yours: "yours",
    reference: "reference",
    cost: "cost J",
    iteration: "iteration",
    label: "label",
  },
};

export type Labels = typeof labels;
