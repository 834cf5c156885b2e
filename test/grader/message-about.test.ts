/**
 * A test's message names the function it is about, where that is another than the test's own (the
 * end-to-end test runs nnModel): in the report's data (`about`), so that every language names the
 * same function as the English does.
 */
import { describe, expect, it } from "vitest";
import { localize } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";
import { applyBug, bugNamed, referenceSource } from "../corpus/bugs.ts";
import { assignmentParts, gradeFiles } from "../helpers.ts";

describe("the function a message is about", () => {
  it("is nnModel for the end-to-end test, in English and in Korean, and left out where it is the test's own", async () => {
    const report = await gradeFiles(
      { "model.ts": applyBug(referenceSource(), bugNamed("dW1 without 1/m")) },
      {
        select: (test) =>
          test.id === "end-to-end.accuracy" || test.id.startsWith("backwardPropagation."),
      },
    );
    const english = report.tests.find((t) => t.id === "end-to-end.accuracy");
    expect(english?.status).toBe("failed");
    expect(english?.about).toBe("nnModel");
    expect(english?.message).toMatch(/^nnModel: /);
    const parts = await assignmentParts("planar-classifier");
    const korean = localize(report, { words: ko, assignment: parts.cases.words.ko }).tests.find(
      (t) => t.id === "end-to-end.accuracy",
    );
    expect(korean?.message).toMatch(/^nnModel: 훈련 정확도/);
    const own = report.tests.filter((t) => t.function === "backwardPropagation");
    expect(own.length).toBeGreaterThan(0);
    for (const test of own) expect(test).not.toHaveProperty("about");
  }, 60_000);
});
