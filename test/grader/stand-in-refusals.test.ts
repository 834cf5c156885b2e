/**
 * The grader's refusal of a stand-in's request (pipeline/oracle.ts), thrown in the learner's code
 * as the grader worded it: the report keeps its phrase, so that a report in Korean words it again
 * rather than quoting the grader's English; what the learner's code changed is quoted as it is.
 */
import { describe, expect, it } from "vitest";
import type { TestReport } from "../../grader/core/report.ts";
import { localize } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { assignmentParts, gradeFiles } from "../helpers.ts";
import { englishProse, hasHangul, verbatimOf } from "../words-prose.ts";

const reference = referenceSource();

/** The reference with `from` replaced by `to`, which must be there. */
function changed(from: string, to: string): string {
  expect(reference).toContain(from);
  return reference.replace(from, to);
}

/** `fn`'s tests of a grade of `source`, and the same tests worded in Korean. */
async function graded(source: string, fn: string) {
  const select = (test: { id: string }) => test.id.startsWith(`${fn}.`);
  const report = await gradeFiles({ "model.ts": source }, { select });
  const parts = await assignmentParts("planar-classifier");
  const korean = localize(report, { words: ko, assignment: parts.cases.words?.ko });
  const failing = (tests: TestReport[]) => tests.filter((t) => t.status !== "passed");
  return { english: failing(report.tests), korean: failing(korean.tests) };
}

/** Every Korean message has Hangul and no English sentence but what it quotes. */
function expectKorean(tests: TestReport[]): void {
  expect(tests.length).toBeGreaterThan(0);
  for (const test of tests) {
    expect(hasHangul(test.message), test.message).toBe(true);
    expect(englishProse(test.message, verbatimOf(test)), test.message).toEqual([]);
  }
}

const NO_CACHE = [
  "backwardPropagation(parameters, cache, X, Y)",
  "backwardPropagation(parameters, undefined as never, X, Y)",
] as const;

describe("a stand-in's request the grader refuses", () => {
  it("keeps its phrase where the learner's code let the error through: Korean words it again", async () => {
    const { english, korean } = await graded(changed(...NO_CACHE), "nnModel");
    for (const test of english) {
      expect(test.details).toMatchObject({
        type: "error",
        phrase: { code: "standIn.reference-failed" },
      });
      expect(test.message).toContain(
        "gradecheck: the reference's backwardPropagation, which stands in for yours",
      );
      expect(test.message).toContain("cache undefined");
    }
    expectKorean(korean);
    for (const test of korean) {
      expect(test.message).toContain("참조 구현");
      expect(test.message).not.toContain("which stands in for yours");
      // The reference's own error is quoted as it is.
      expect(test.message).toContain("Cannot destructure property 'A1' of 'cache'");
    }
  }, 60_000);

  it("is quoted as it is where the learner's code changed the error", async () => {
    const [from, to] = NO_CACHE;
    const caught = changed(
      from,
      `(() => { try { return ${to}; } catch (e) { throw new Error(\`mine: \${(e as Error).message}\`); } })()`,
    );
    const { english, korean } = await graded(caught, "nnModel");
    for (const test of [...english, ...korean]) {
      expect(test.details.type).toBe("error");
      expect(test.details).not.toHaveProperty("phrase");
      expect(test.message).toContain("mine: gradecheck: the reference's backwardPropagation");
    }
  }, 60_000);

  it("names a random generator it was passed as such", async () => {
    // nnModel passes X where initializeParameters takes the number of its rows.
    const source = changed(
      "initializeParameters(nX, nH, nY, np.random.seed(seed))",
      "initializeParameters(X as never, nH, nY, np.random.seed(seed))",
    );
    const { english } = await graded(source, "nnModel");
    expect(english.length).toBeGreaterThan(0);
    for (const test of english)
      expect(test.message).toMatch(
        /could not run on the inputs your code gave it \(nX \(\d+,\d+\), nH \d+, nY \d+, rng RandomState\)/,
      );
  }, 60_000);

  it("keeps its phrase in a property's counterexample too", async () => {
    // predict passes forwardPropagation its arguments the wrong way round.
    const swapped = changed(
      "const { A2 } = forwardPropagation(X, parameters);",
      "const { A2 } = forwardPropagation(parameters as never, X as never);",
    );
    const { english, korean } = await graded(swapped, "predict");
    const thrown = english.flatMap((t) => (t.details.type === "property" ? [t.details] : []));
    expect(thrown.length).toBeGreaterThan(0);
    for (const details of thrown)
      expect(details.thrown?.phrase?.code).toBe("standIn.reference-failed");
    expectKorean(korean);
  }, 60_000);
});
