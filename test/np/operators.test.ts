/**
 * numpy's operators written with TypeScript's (A - B, A * 2, A > 0.5, A + B): an array where
 * JavaScript wants a number is an error at that line, naming the functions to use; where it wants
 * text (printing), the array's text; and the text A + B makes is recognised where an operation
 * refuses it (checks/error-hints.ts).
 */
import { describe, expect, it } from "vitest";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { errorHint } from "../../grader/checks/error-hints.ts";

/** JavaScript's operators on arrays, as a learner who writes numpy in TypeScript uses them. */
const loose = (a: NDArray) => a as unknown as number;
const A = np.array([[1, 2]]);
const B = np.array([[3, 4]]);

describe("an array under TypeScript's operators", () => {
  it.each([
    ["A - B", () => loose(A) - loose(B)],
    ["A * 2", () => loose(A) * 2],
    ["A / m", () => loose(A) / 5],
    ["A ** 2", () => loose(A) ** 2],
    ["1 - A", () => 1 - loose(A)],
    ["A > 0.5", () => loose(A) > 0.5],
    ["unary +", () => +loose(A)],
  ])("%s throws at once, naming np's functions and x.item()", (_, f) => {
    expect(f).toThrow(TypeError);
    expect(f).toThrow(/use np\.subtract, np\.multiply, np\.divide, np\.power, np\.greater/);
    expect(f).toThrow(/x\.item\(\)/);
  });

  it("gives its text where text is wanted, as printing does", () => {
    expect(`${A}`).toBe(A.toString());
    expect(`A = ${A}`).toBe(`A = ${A.toString()}`);
    expect(String(A)).toBe(A.toString());
    expect(`A = ${A}`).toContain("array(");
  });

  it("makes text of A + B, which the next operation refuses with a hint to use np.add", () => {
    const sum = (loose(A) + loose(B)) as unknown as NDArray;
    expect(typeof sum).toBe("string");
    let thrown: Error | undefined;
    try {
      np.tanh(sum);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.name).toBe("TypeError");
    expect(errorHint(thrown as Error)).toEqual({ code: "text-for-array" });
    // Other text is not said to be an array's.
    expect(
      errorHint({
        name: "TypeError",
        message: `np.tanh: argument 'x' must be an NDArray or a number, got "hello"`,
      }),
    ).toBeUndefined();
  });
});
