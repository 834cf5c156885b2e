/**
 * A failing end-to-end test names the functions of its pipeline that fail their own tests
 * (pipeline/annotate.ts); the check's own hint, a guess at the cause from the result alone ("does
 * nnModel use the learning rate it is given?"), is left out then, in every language, and kept
 * where every function passes its own tests.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { TestReport } from "../../grader/core/report.ts";
import { nameFailingFunctions } from "../../grader/pipeline/annotate.ts";
import { type AssignmentParts, loadAssignment } from "../../grader/pipeline/load.ts";
import { speaker } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";

let parts: AssignmentParts;
beforeAll(async () => {
  parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
});

const GUESS = "the network learned, but not enough";

const base = {
  kind: "integration",
  visibility: "visible",
  seed: null,
  timeLimitMs: null,
  durationMs: 0,
  output: "",
} as const;

/** The end-to-end test failed as a training that learned too little, with its hint. */
const endToEnd: TestReport = {
  ...base,
  id: "end-to-end.accuracy",
  function: "end-to-end",
  about: "nnModel",
  name: "full training",
  status: "failed",
  score: 0,
  maxScore: 1.5,
  message: `nnModel: training accuracy 61.25% is below 90%. Hint: ${GUESS}.`,
  details: {
    type: "check",
    message: "training accuracy 61.25% is below 90%",
    hint: GUESS,
    phrases: {
      message: { code: "training.below", params: { percent: "61.25", minimum: "90" } },
      hint: { code: "training.not-enough" },
    },
    values: { accuracy: 0.6125 },
  },
};

const backward = (passed: boolean): TestReport => ({
  ...base,
  kind: "compare",
  id: "backwardPropagation.planar",
  function: "backwardPropagation",
  name: "backward",
  status: passed ? "passed" : "failed",
  score: passed ? 1 : 0,
  maxScore: 1,
  message: passed ? "passed" : "backwardPropagation: off.",
  details: passed
    ? { type: "passed" }
    : { type: "mismatch", problem: "shape", path: "dW1", expected: [4, 2], actual: [2, 4] },
});

describe("a failing end-to-end test", () => {
  it("leaves its guess out where a function of the pipeline fails its own tests", () => {
    const [, annotated] = nameFailingFunctions(
      [backward(false), endToEnd],
      parts.manifest,
      parts.cases,
    );
    expect(annotated?.message).toBe(
      "nnModel: training accuracy 61.25% is below 90%. Your backwardPropagation fails its own tests: fix that first.",
    );
    expect(annotated?.details).not.toHaveProperty("hint");
    // In Korean, worded again from the data as the report's localization does.
    const test = annotated as TestReport;
    const speak = speaker({ words: ko, assignment: parts.cases.words.ko });
    const korean = (test.notes ?? []).reduce(
      (text, note) => ko.note(note, text, test.function, speak),
      ko.message(test.function, test.details, speak),
    );
    expect(korean).toContain("backwardPropagation");
    expect(korean).toContain("90%보다 낮습니다");
    expect(korean).not.toContain("충분하지 않습니다");
  });

  it("keeps its guess where every function passes its own tests", () => {
    const [, annotated] = nameFailingFunctions(
      [backward(true), endToEnd],
      parts.manifest,
      parts.cases,
    );
    expect(annotated?.message).toContain(`Hint: ${GUESS}.`);
    expect(annotated?.message).toContain("the problem is in how they work together");
  });
});
