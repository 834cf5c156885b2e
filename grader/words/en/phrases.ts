/**
 * The grader's own sentences that a report keeps as phrases (grader/core/phrase.ts): its total,
 * its note on hidden tests, its warnings, a gradient check's verdict, a refused result and a
 * failed call in a law's run. The Korean catalog has the same codes (words/ko/phrases.ts).
 */
import type { CrashReason, ImportFailure } from "../../core/outcomes.ts";
import { type Phrase, phrasebook, type Say, sayParam } from "../../core/phrase.ts";
import type { GradientRow } from "../../core/report.ts";
import { messageNumber, someOf } from "../numbers.ts";
import { gradientLine } from "./gradient.ts";
import { importMessage, wordCrash } from "./outcomes.ts";

/** What a path is when it is not a regular file. */
export type FileKind = "folder" | "pipe" | "socket" | "device" | "link" | "other";
const KINDS: Record<FileKind, string> = {
  folder: "a folder",
  pipe: "a named pipe",
  socket: "a socket",
  device: "a device",
  link: "a symbolic link",
  other: "not a regular file",
};

/** Why the build refused an import of the learner's code (pipeline/build.ts). */
export type ImportRefusal =
  | "attributes"
  | "not-node"
  | "node-not-allowed"
  | "no-such-file"
  | "not-a-file"
  | "outside"
  | "not-source";
const IMPORT_REFUSALS: Record<ImportRefusal, string> = {
  attributes: "import attributes (with { … }) are not allowed",
  "not-node": "it is not one of Node's modules",
  "node-not-allowed": "it is not one of the Node modules a submission may use",
  "no-such-file":
    "there is no such file in the submission (files over 2 MB, past the first 200, in node_modules or in hidden folders are left out)",
  "not-a-file": "it is not a file of the submission",
  outside: "it lies outside the submission",
  "not-source": "it is not a TypeScript or JavaScript file",
};
const ALLOWED_IMPORTS =
  "a submission may import gradecheck/np, Node's own modules and its own TypeScript and JavaScript files";

const alsoNeed = (tests: string[]) =>
  tests.length > 0 ? ` (${tests.join(", ")} also needs the reference and did not run)` : "";

export const phrases = {
  "report.total": (p: { score: number; maxScore: number }) => `${p.score} of ${p.maxScore} points`,
  /** A message given as it is: a compiler's. */
  "report.verbatim": (p: { text: string }) => p.text,
  "read.cannot": (p: { what: string; errno: string }) => `${p.what} cannot be read (${p.errno})`,
  "read.not-a-file": (p: { what: string; kind: FileKind }) =>
    p.kind === "other"
      ? `${p.what} is not a regular file`
      : `${p.what} is ${KINDS[p.kind]}, not a file`,
  "read.too-big": (p: { what: string; bytes: number; file: number; total: number }) =>
    `${p.what} is ${p.bytes} bytes: a submission's file may have ${p.file} at most, and all of them ${p.total}`,
  "read.none": (p: { what: string }) => `there is no ${p.what}`,
  "find.empty": (p: { folder: string }) => `${p.folder} is empty: there is nothing to grade`,
  "find.none": (p: { folder: string; names: string[] }) =>
    `${p.folder} holds no model.ts, no assignments/<id>/model.ts and no other .ts file to grade: it holds ${someOf(p.names)}`,
  "find.bad-zip": (p: { zip: string }) =>
    `${p.zip} is not a zip that can be read, or it is larger than a submission may be`,
  "find.which": (p: { folder: string; ids: string[] }) =>
    `${p.folder} is a repository of several assignments (${p.ids.join(", ")}): name the one to grade with --assignment`,
  "find.several": (p: { folder: string; names: string[] }) =>
    `${p.folder} holds several .ts files and none is model.ts (${someOf(p.names)}): name the one to grade model.ts`,
  "read.no-model": (p: { folder: string }) => `${p.folder} is a folder without a model.ts`,
  "read.not-a-submission": (p: { what: string }) =>
    `${p.what} is not a submission: a submission is a .ts file, or a folder holding model.ts`,
  "read.link-to-nothing": (p: { what: string }) =>
    `${p.what} is a symbolic link to nothing: submit the file itself`,
  "read.link-outside": (p: { what: string }) =>
    `${p.what} is a symbolic link to a file outside its folder: submit the file itself`,
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
  "warning.syntax-fenced": (p: { fn: string; error: string }) =>
    `syntax error in ${p.fn}, whose tests fail with it; the other functions are graded: ${p.error}`,
  /** A gradient check's failure: compared with what, then a line per wrong parameter. */
  "gradient.compared": (p: { against: Phrase | string; rows: GradientRow[] }, say: Say) =>
    `compared with ${sayParam(p.against, say)}: ${p.rows.map(gradientLine).join(" ")}`,
  "gradient.rows": (p: { rows: GradientRow[] }) => p.rows.map(gradientLine).join(" "),
  /** A learner's checker (grader/checks/checker.ts). */
  "checker.not-a-number": (p: { type: string }) =>
    `returned ${p.type}, not a number: it must return the difference it computed`,
  "checker.no-verdict": () =>
    'asked to print its verdict, it printed none: a line saying the gradient is right ("works perfectly fine") or wrong ("there is a mistake")',
  "checker.missed": (
    p: {
      actual: number;
      expected: number;
      tolerance: number;
      threshold: number;
      bug: Phrase | string;
    },
    say: Say,
  ) =>
    `says the gradient is right, but it has a known bug${p.bug ? ` (${sayParam(p.bug, say)})` : ""}: its difference is ${messageNumber(p.actual)}, where the formula gives ${messageNumber(p.expected)}, above the threshold ${messageNumber(p.threshold)}`,
  "checker.false-alarm": (p: {
    actual: number;
    expected: number;
    tolerance: number;
    threshold: number;
  }) =>
    `says the gradient is wrong, but it is the reference's, right: its difference is ${messageNumber(p.actual)}, where the formula gives ${messageNumber(p.expected)}, below the threshold ${messageNumber(p.threshold)}`,
  "checker.figure": (p: {
    actual: number;
    expected: number;
    tolerance: number;
    threshold: number;
  }) =>
    `its difference is ${messageNumber(p.actual)}, where the formula gives ${messageNumber(p.expected)} (± ${messageNumber(p.tolerance)}, its rounding on these inputs)`,
  /** `grew`: the learner's code left its inputs holding that many values, rather than returned them. */
  refused: (p: { grew: boolean; returned: number; held: number; limit: number }) =>
    `${p.grew ? "left its inputs holding" : "returned"} ${p.returned} values, far more than this test's inputs and answer hold (${p.held}; at most ${p.limit} are accepted): refused before judging`,
  /** `message`: as thrown, or the phrase of the grader's own refusal that was thrown. */
  "call.threw": (p: { fn: string; name: string; message: string | Phrase }, say: Say) =>
    `${p.fn} threw ${p.name}: ${sayParam(p.message, say)}`,
  "call.timeout": (p: { fn: string; limitMs: number }) =>
    `${p.fn} did not return within ${p.limitMs} ms`,
  "call.crashed": (p: { fn: string; reason: CrashReason }) =>
    `the process running ${p.fn} ${wordCrash(p.reason)}`,
  "call.missing": (p: { fn: string }) => `the submission does not export a function named ${p.fn}`,
  "call.import-failed": (p: { failure: ImportFailure }) =>
    `the submission could not be loaded: ${importMessage(p.failure)}`,
  "call.refused": (p: { fn: string; returned: number; limit: number }) =>
    `${p.fn} returned ${p.returned} values, far more than its inputs hold (at most ${p.limit} are accepted): refused before judging`,
  "call.failed": (p: { fn: string }) => `${p.fn} failed`,
  "build.cannot-import": (p: { path: string; why: ImportRefusal }) =>
    `cannot import "${p.path}": ${IMPORT_REFUSALS[p.why]}; ${ALLOWED_IMPORTS}`,
  "build.reaches-outside": () =>
    `an import reaches a file outside the submission (one whose path is built with \`\${…}\`?); ${ALLOWED_IMPORTS}`,
  /** A build error of the grader's own, where in the learner's file, and that file's lines there. */
  "build.at": (p: { where: string; error: Phrase; frame: string }, say: Say) =>
    `${p.where}: ${say(p.error)}\n${p.frame}`,
  // A stand-in's request the grader refuses (pipeline/oracle.ts), thrown as it is in the learner's
  // code: the learner's function judged alone asked for the reference's `fn`.
  "standIn.not-served": (p: { fn: string }) =>
    `gradecheck: ${p.fn} is not a function the grader stands in for`,
  "standIn.not-called": (p: { fn: string; judged: string }) =>
    `gradecheck: ${p.judged} asked for the reference's ${p.fn}, which it does not call: the grader stands in only for the functions each function calls`,
  "standIn.time-up": (p: { fn: string }) =>
    `gradecheck: the time of this test was used up by the reference's ${p.fn}, which stands in for yours`,
  "standIn.too-many": (p: { fn: string; entries: number; limit: number }) =>
    `gradecheck: ${p.fn} was called with ${p.entries} values, more than the grader computes for a stand-in (${p.limit})`,
  "standIn.unreadable-generator": (p: { fn: string; why: string }) =>
    `gradecheck: ${p.fn}'s random generator could not be read: ${p.why}`,
  /** `inputs`: what was passed, as the "called with" line shows a case; `reason`: the reference's error. */
  "standIn.reference-failed": (p: { fn: string; inputs: string; reason: string }) =>
    `gradecheck: the reference's ${p.fn}, which stands in for yours while this function is judged alone, could not run on the inputs your code gave it (${p.inputs}): ${p.reason}`,
};

/** The grader's English phrases, worded as they are made. */
export const said = phrasebook(phrases);
