/**
 * What the grading pipeline says in its own words: why a test did not run, what a test's
 * annotations add. Pure: data in, English out.
 */
import type { Note, NotRunReason } from "../../core/report.ts";

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

/** What a note adds to a test's message, in words: the message with the note worded in. */
export function wordNote(note: Note, message: string, fn: string): string {
  switch (note.code) {
    case "meaning":
      return `${message} ${note.meaning}.`;
    case "not-graded":
      return `Not graded, so it costs nothing: this check uses your own ${note.needs.join(" and ")}, and ${note.unmet.join(" and ")} ${fail(note.unmet)} own tests. What it found: ${message}`;
    case "unpaid":
      return `passed, but unpaid: this test's points are paid once ${note.fn}'s comparison tests pass (a function returning constants can pass it too).`;
    case "pipeline":
      return note.culprits.length === 0
        ? `${message} Each of your ${note.pipeline.join(", ")} passes its own tests: the problem is in how they work together.`
        : `${message} Your ${note.culprits.join(", ")} ${fail(note.culprits)} own tests: fix ${thatOrThose(note.culprits)} first.`;
    case "callees":
      return `${message} Note: ${fn} calls your ${note.callees.join(", ")}, which ${fail(note.callees)} own tests: fix ${thatOrThose(note.callees)} first.`;
  }
}
