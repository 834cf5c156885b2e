/**
 * The judgement of a learner's checker (grader/checks/checker.ts): its verdict as it printed it,
 * against the formula's on inputs whose answer is known, and its figure within the formula's own
 * rounding.
 */
import { describe, expect, it } from "vitest";
import { judgeChecker, type KnownCase, verdictOf } from "../../grader/checks/checker.ts";
import { textOf } from "../../grader/core/phrase.ts";

const buggy: KnownCase = {
  bug: "dW2 doubled",
  figure: 0.2850931567761623,
  tolerance: 1e-9,
  threshold: 2e-7,
};
const right: KnownCase = { figure: 1.2e-8, tolerance: 2e-9, threshold: 2e-7 };
const MISTAKE = "There is a mistake in the backward propagation! difference = 0.285";
const FINE = "Your backward propagation works perfectly fine! difference = 1.2e-08";

describe("verdictOf", () => {
  it.each([
    [FINE, "right"],
    [MISTAKE, "wrong"],
    ["The gradient is correct!", "right"],
    ["The gradient is wrong!", "wrong"],
    ["The gradient is incorrect", "wrong"],
    ["\u001b[92mYour backward propagation works perfectly fine!\u001b[0m", "right"],
    [`debug: theta = 3\n${MISTAKE}`, "wrong"],
    [`${MISTAKE}\n${FINE}\n`, "right"],
    ["difference = 0.285", undefined],
    ["", undefined],
  ])("%j is %s", (printed, verdict) => {
    expect(verdictOf(printed)).toBe(verdict);
  });
});

describe("judgeChecker", () => {
  it("passes the formula's figure with the formula's verdict", () => {
    expect(judgeChecker({ figure: 0.2850931567761623, printed: MISTAKE }, buggy)).toBeNull();
    expect(judgeChecker({ figure: 1.2e-8 + 1e-9, printed: FINE }, right)).toBeNull();
    expect(judgeChecker({ figure: 0.2850931567761623 }, buggy)).toBeNull();
  });

  it("fails a checker that calls a known bug right, naming the bug and both figures", () => {
    const failure = judgeChecker({ figure: 0.2850931567761623, printed: FINE }, buggy);
    expect(failure).not.toBeNull();
    const message = textOf(failure?.message ?? "");
    expect(message).toContain("dW2 doubled");
    expect(message).toContain("0.285093");
    expect(message).toContain("2.000e-7");
  });

  it("fails a checker that calls the right gradient wrong", () => {
    const failure = judgeChecker({ figure: 1.2e-8, printed: MISTAKE }, right);
    expect(textOf(failure?.message ?? "")).toMatch(
      /says the gradient is wrong, but it is the reference's/,
    );
  });

  it("fails a figure outside the formula's rounding, even with the right verdict", () => {
    const failure = judgeChecker({ figure: 2.4e-8, printed: FINE }, right);
    expect(textOf(failure?.message ?? "")).toMatch(
      /its difference is 2\.400e-8, where the formula gives 1\.200e-8/,
    );
    expect(failure?.details).toMatchObject({ figure: 2.4e-8, expected: 1.2e-8 });
  });

  it("accepts either verdict where the formula's figure is within its rounding of the threshold", () => {
    const edge: KnownCase = { figure: 1.99e-7, tolerance: 2e-9, threshold: 2e-7 };
    expect(judgeChecker({ figure: 2.005e-7, printed: MISTAKE }, edge)).toBeNull();
    expect(judgeChecker({ figure: 1.985e-7, printed: FINE }, edge)).toBeNull();
  });

  it.each([
    [[0.28], /returned a list, not a number/],
    [Number.NaN, /returned NaN, not a number/],
    [undefined, /returned undefined, not a number/],
    [{ difference: 0.28 }, /returned an object/],
  ])("fails %j as no figure", (figure, message) => {
    expect(textOf(judgeChecker({ figure, printed: MISTAKE }, buggy)?.message ?? "")).toMatch(
      message,
    );
  });

  it("fails a checker asked to print its verdict that prints none", () => {
    const failure = judgeChecker({ figure: 0.2850931567761623, printed: "0.285\n" }, buggy);
    expect(textOf(failure?.message ?? "")).toMatch(/printed none/);
  });
});
