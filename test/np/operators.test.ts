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
    ["Math.log(A)", () => Math.log(loose(A))],
    ["Math.exp(-A)", () => Math.exp(-loose(A))],
  ])("%s throws at once, naming np's functions and x.item()", (_, f) => {
    expect(f).toThrow(TypeError);
    expect(f).toThrow(/use np\.subtract, np\.multiply, np\.divide, np\.power, np\.greater/);
    expect(f).toThrow(/x\.item\(\)/);
    expect(f).toThrow(/Math's functions \(Math\.log, Math\.exp…\).*np\.log, np\.exp/);
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

describe("numpy's indexing of an array, x[i] and x[i] = v", () => {
  /** The array as a learner who writes numpy's indexing in TypeScript uses it. */
  const indexed = (a: NDArray) => a as unknown as Record<string | number, unknown>;

  it.each([
    ["x[0]", (x: NDArray) => indexed(x)[0]],
    ["x[i][0]", (x: NDArray) => (indexed(x)[1] as number[])[0]],
    ["x[-1]", (x: NDArray) => indexed(x)[-1]],
  ])("%s throws at once, naming get and set", (_, read) => {
    const x = np.zeros([3, 1]);
    expect(() => read(x)).toThrow(TypeError);
    expect(() => read(x)).toThrow(
      /reads no entry: .*x\.get\(row, col\).*x\.set\(row, col, value\)/,
    );
  });

  it.each([
    [
      "x[i] = v",
      (x: NDArray) => {
        indexed(x)[2] = 1;
      },
      /x\[2\] = … sets no entry/,
    ],
    [
      "x[mask] = 0",
      (x: NDArray) => {
        indexed(x)[String(np.greater(x, 0))] = 0;
      },
      /x\[…\] = … sets no entry: .*np\.where\(mask, value, x\)/,
    ],
    [
      "x.name = v",
      (x: NDArray) => {
        indexed(x).cache = 1;
      },
      /x\["cache"\] = … sets no entry/,
    ],
  ])("%s throws at once, and leaves the array as it was", (_, write, message) => {
    const x = np.array([[1], [2], [3]]);
    expect(() => write(x)).toThrow(message);
    expect(x.tolist()).toEqual([[1], [2], [3]]);
    expect(Object.keys(x)).toEqual(["shape", "size", "ndim"]);
  });

  it("x.length, Python's len(x), throws at once, naming shape and size", () => {
    const x = np.zeros([3, 2]);
    expect(() => indexed(x).length).toThrow(/x\.shape\[0\] \(Python's len\(x\)\).*x\.size/);
    expect(() => Array.from(x as unknown as ArrayLike<number>)).toThrow(/has no length/);
  });

  it("leaves everything else an object does: its names, its methods, printing, instanceof", () => {
    const x = np.array([[1, 2]]);
    expect(indexed(x).nothing).toBeUndefined();
    expect(x instanceof Object).toBe(true);
    expect(Object.hasOwn(x, "shape")).toBe(true);
    expect(JSON.stringify(x)).toBe("[[1,2]]");
    expect(x.copy().get(0, 1)).toBe(2);
  });
});
