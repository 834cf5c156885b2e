/**
 * What a learner whose submission makes known mistakes must be told, for any assignment: some
 * failing test names exactly those mistakes (and the pattern after them), in its message; no test
 * names a mistake the submission does not make; and in Korean every failing message is worded
 * again, the mistakes by their Korean names.
 */
import type { ExpectStatic } from "vitest";
import type { AssignmentLocale } from "../../grader/core/assignment.ts";
import {
  type Hint,
  namedMistakes,
  type Report,
  type TestReport,
} from "../../grader/core/report.ts";
import { localize } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";
import { englishProse, hasHangul, verbatimOf } from "../words-prose.ts";

export interface Told {
  /** The mistakes the feedback must name, in the library's order. */
  names: string[];
  /** The generic pattern that follows the mistake, if any. */
  then?: string;
  /** Other mistakes that give exactly the same output on some test's inputs, so may be named there. */
  alsoNamed?: string[];
  /** Some test's inputs make the mistake throw a shape error, which must be named by it there. */
  throwsOn?: string;
}

type MistakeHint = Extract<Hint, { code: "mistake" }>;

/** The mistakes a failing test names: by its wrong value, or by the error it threw. */
export function mistakeHint(test: TestReport): MistakeHint | undefined {
  const { details } = test;
  return namedMistakes(details) && "hint" in details ? (details.hint as MistakeHint) : undefined;
}

export function expectTold(
  expect: ExpectStatic,
  report: Report,
  submission: Told,
  korean: AssignmentLocale | undefined,
): void {
  const failing = report.tests.filter((t) => t.status !== "passed");
  expect(failing.length, "some test fails").toBeGreaterThan(0);
  const named = failing.flatMap((t) => {
    const hint = mistakeHint(t);
    return hint ? [{ test: t, hint }] : [];
  });
  const joined = (hint: MistakeHint) => hint.mistakes.map((m) => m.name).join(" + ");
  // Told: some test names exactly these mistakes (and the pattern after them).
  expect(
    named.some(
      ({ hint }) =>
        joined(hint) === submission.names.join(" + ") && hint.then?.code === submission.then,
    ),
    named.map(({ test }) => test.message).join("\n") || failing.map((t) => t.message).join("\n"),
  ).toBe(true);
  if (submission.throwsOn) {
    const thrown = named.find(({ test }) => test.id === submission.throwsOn);
    expect(thrown?.test.details.type, `${submission.throwsOn} throws, named`).toBe("error");
    expect(thrown && joined(thrown.hint)).toBe(submission.names.join(" + "));
  }
  // Never misled: no test names a mistake the submission does not make.
  const namable = [...submission.names, ...(submission.alsoNamed ?? [])];
  for (const { test, hint } of named)
    for (const { name } of hint.mistakes) expect(namable, test.message).toContain(name);
  // The name is in the message the learner reads.
  const told = named.find(({ hint }) => joined(hint) === submission.names.join(" + "));
  for (const name of submission.names) expect(told?.test.message).toContain(`"${name}"`);
  // And in Korean: every message worded again, the mistakes by their Korean names.
  const inKorean = localize(report, { words: ko, assignment: korean });
  for (const test of inKorean.tests.filter((t) => t.status !== "passed")) {
    expect(hasHangul(test.message), test.message).toBe(true);
    expect(englishProse(test.message, verbatimOf(test)), test.message).toEqual([]);
  }
  const koTold = inKorean.tests.find((t) => t.id === told?.test.id);
  for (const name of submission.names)
    expect(koTold?.message).toContain(`“${korean?.mistakes?.[name]?.name}”`);
}
