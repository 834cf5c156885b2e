/**
 * A learner's shape error is named by the mistake of the library that throws the very same error
 * on the test's inputs (checks/mistakes.ts, nameShapeError): by that one mistake only, by the array
 * module's error only (another error's words may depend on the build), and never by a mistake that
 * returns a value.
 */
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../assignments/lib/shape.ts";
import { nameShapeError } from "../../grader/checks/mistakes.ts";
import type { Mistake } from "../../grader/core/assignment.ts";

const NOT_ALIGNED = "np.dot: shapes (1,3) and (1,4) not aligned: 3 (dim 1) != 1 (dim 0)";

const throwing = (name: string, error: Error): Mistake => ({
  name,
  hint: `what to change for ${name}`,
  output: () => {
    throw error;
  },
});
const returning: Mistake = { name: "returns", hint: "what to change", output: () => 1 };

/** The names the learner's error is given, if any. */
function named(mistakes: Mistake[], shapeError = NOT_ALIGNED) {
  const hint = nameShapeError({ args: [], fn: { mistakes }, reference: {}, shapeError });
  return hint?.mistakes.map((m) => m.name);
}

describe("a shape error named by the mistake that throws it", () => {
  it("names the one mistake that throws the same error, with its sentence", () => {
    const mistakes = [returning, throwing("loop one too far", new ShapeError(NOT_ALIGNED))];
    expect(named(mistakes)).toEqual(["loop one too far"]);
    const hint = nameShapeError({
      args: [],
      fn: { mistakes },
      reference: {},
      shapeError: NOT_ALIGNED,
    });
    expect(hint?.mistakes[0]?.sentence).toBe("what to change for loop one too far");
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

  it("counts the array module's shape errors only", () => {
    // Any other error of the same words is not the array module's: neither named nor counted.
    const mistakes = [
      throwing("a type error", new TypeError(NOT_ALIGNED)),
      throwing("the shape error", new ShapeError(NOT_ALIGNED)),
    ];
    expect(named(mistakes)).toEqual(["the shape error"]);
    expect(named([throwing("a type error", new TypeError(NOT_ALIGNED))])).toBeUndefined();
  });
});
