/**
 * A learner's error of the array module is named by the mistake of the library that throws the
 * very same error on the test's inputs (checks/mistakes.ts, nameArrayError): by that one mistake
 * only, by the array module's errors only (another error's words may name what a build renamed),
 * and never by a mistake that returns a value.
 */
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../assignments/lib/shape.ts";
import { arrayError, nameArrayError } from "../../grader/checks/mistakes.ts";
import type { Mistake } from "../../grader/core/assignment.ts";

const NOT_ALIGNED = "np.dot: shapes (1,3) and (1,4) not aligned: 3 (dim 1) != 1 (dim 0)";
const EMPTY = "np.concatenate: expected a non-empty list of arrays, got []";

const throwing = (name: string, error: Error): Mistake => ({
  name,
  hint: `what to change for ${name}`,
  output: () => {
    throw error;
  },
});
const returning: Mistake = { name: "returns", hint: "what to change", output: () => 1 };

/** The names the learner's error is given, if any. */
function named(mistakes: Mistake[], thrown = NOT_ALIGNED) {
  const hint = nameArrayError({ args: [], fn: { mistakes }, reference: {}, arrayError: thrown });
  return hint?.mistakes.map((m) => m.name);
}

describe("an error of the array module named by the mistake that throws it", () => {
  it("names the one mistake that throws the same error, with its sentence", () => {
    const mistakes = [returning, throwing("loop one too far", new ShapeError(NOT_ALIGNED))];
    expect(named(mistakes)).toEqual(["loop one too far"]);
    const hint = nameArrayError({
      args: [],
      fn: { mistakes },
      reference: {},
      arrayError: NOT_ALIGNED,
    });
    expect(hint?.mistakes[0]?.sentence).toBe("what to change for loop one too far");
  });

  it("names an argument the module refused as well as a shape error", () => {
    expect(named([throwing("no prefix", new TypeError(EMPTY))], EMPTY)).toEqual(["no prefix"]);
  });

  it("names nothing where the mistake's error differs, even in its shapes", () => {
    const other = NOT_ALIGNED.replace("(1,4)", "(1,5)");
    expect(named([throwing("other shapes", new ShapeError(other))])).toBeUndefined();
  });

  it("names nothing where two mistakes throw it: the error does not say which", () => {
    const mistakes = [
      throwing("first", new ShapeError(NOT_ALIGNED)),
      throwing("second", new ShapeError(NOT_ALIGNED)),
    ];
    expect(named(mistakes)).toBeUndefined();
  });

  it("counts the array module's errors only", () => {
    const undefinedShape = "Cannot read properties of undefined (reading 'shape')";
    // V8's words, the same here by chance, may name what a build renamed: never compared.
    expect(
      named([throwing("reads undefined", new TypeError(undefinedShape))], undefinedShape),
    ).toBeUndefined();
    // Another kind of error with the module's words is not the module's: neither named nor counted.
    const mistakes = [
      throwing("an error", new Error(NOT_ALIGNED)),
      throwing("the shape error", new ShapeError(NOT_ALIGNED)),
    ];
    expect(named(mistakes)).toEqual(["the shape error"]);
  });
});

describe("arrayError", () => {
  it("is the message of the module's shape errors and refused arguments", () => {
    expect(arrayError(new ShapeError(NOT_ALIGNED))).toBe(NOT_ALIGNED);
    expect(arrayError(new TypeError(EMPTY))).toBe(EMPTY);
    // A stand-in's refusal quotes the words alone.
    expect(arrayError({ message: NOT_ALIGNED })).toBe(NOT_ALIGNED);
  });

  it("is undefined for V8's errors and other kinds", () => {
    expect(arrayError(new TypeError("np.dot is not a function"))).toBeUndefined();
    expect(
      arrayError(new TypeError("Cannot read properties of undefined (reading 'T')")),
    ).toBeUndefined();
    expect(arrayError(new Error(NOT_ALIGNED))).toBeUndefined();
    expect(arrayError({ message: "Cannot destructure property 'A1' of 'cache2'" })).toBeUndefined();
  });
});
