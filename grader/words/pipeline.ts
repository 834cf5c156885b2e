/**
 * What the grading pipeline says in its own words: why a test did not run, what a test's
 * annotations add, the report's warnings and its note on hidden tests. Pure: data in, English out.
 */
import type { NotRunReason } from "../core/report.ts";

/** "fails its" or "fail their", for one name or several. */
const fail = (names: readonly string[]) => (names.length > 1 ? "fail their" : "fails its");
const thatOrThose = (names: readonly string[]) => (names.length > 1 ? "those" : "that");

/** Why a test did not run, in words. */
export function wordNotRun(reason: NotRunReason): string {
  switch (reason.code) {
    case "hung":
      return `it did not return within ${reason.limitMs} ms in test ${reason.test}, so its other tests were not run`;
    case "unreadable":
      return "the submission could not be read";
    case "unbuilt":
      return "the submission does not compile";
    case "no-fixture":
      return "its expected values need the reference solution, which is not here";
    case "no-property":
      return `the assignment has no property "${reason.name}"`;
    case "needs-reference":
      return `check "${reason.check}" needs the reference solution`;
    case "run-time-up":
      return "the grading run reached its time limit (the tests that timed out before this one used it up: fix those first)";
    case "grader-fault":
      return `gradecheck itself failed on this test (${reason.what}); this is a bug in gradecheck, not in your code: please report it`;
  }
}

export const notes = {
  /** A failing session check whose partner passed: what that combination means. */
  meaning: (message: string, meaning: string) => `${message} ${meaning}.`,
  notGraded: (needs: readonly string[], unmet: readonly string[], found: string) =>
    `Not graded, so it costs nothing: this check uses your own ${needs.join(" and ")}, and ${unmet.join(" and ")} ${fail(unmet)} own tests. What it found: ${found}`,
  unpaid: (fn: string) =>
    `passed, but unpaid: this test's points are paid once ${fn}'s comparison tests pass (a function returning constants can pass it too).`,
  /** An end-to-end failure: the functions of the pipeline that lose points in their own tests. */
  pipeline: (message: string, pipeline: readonly string[], culprits: readonly string[]) =>
    culprits.length === 0
      ? `${message} Each of your ${pipeline.join(", ")} passes its own tests: the problem is in how they work together.`
      : `${message} Your ${culprits.join(", ")} ${fail(culprits)} own tests: fix ${thatOrThose(culprits)} first.`,
  /** Without stand-ins: the failing functions a failing function calls. */
  callees: (message: string, fn: string, callees: readonly string[]) =>
    `${message} Note: ${fn} calls your ${callees.join(", ")}, which ${fail(callees)} own tests: fix ${thatOrThose(callees)} first.`,
};

export const warnings = {
  notAlone: (why: string) =>
    `each function could not be judged alone (${why}): a mistake in one function may cost points in the functions that call it too`,
  betweenTests: (what: string) =>
    `between two tests, the submission's code ${what} (no test lost points for it)`,
};

export const reportWords = {
  total: (score: number, maxScore: number) => `${score} of ${maxScore} points`,
  hidden: {
    notRun: (count: number, could: "built" | "read") =>
      `${count} hidden tests did not run: the submission could not be ${could}`,
    ran: (count: number) => `${count} hidden tests ran; their inputs are not shown to learners`,
    skipped: (count: number) => `${count} hidden tests were skipped (--no-hidden)`,
    none: "no hidden tests here",
    needReference: (count: number) =>
      `${count} hidden tests need the reference solution and did not run; the score covers the visible tests only`,
    alsoNeedReference: (tests: readonly string[]) =>
      ` (${tests.join(", ")} also needs the reference and did not run)`,
  },
};
