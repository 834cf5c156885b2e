/**
 * What gradient checking needs of the array module: parameters flattened into one column and back
 * (reshape with −1, concatenate, slice), one entry nudged in place (set), and the norm of a
 * difference. Each against what numpy gives.
 */
import { describe, expect, it } from "vitest";
import { np, ShapeError } from "../../assignments/lib/np.ts";
import { expectArray, thrown } from "../helpers.ts";

const W = np.array([
  [1, 2, 3],
  [4, 5, 6],
]);

describe("reshape with −1", () => {
  it("works out the other size, row-major like numpy", () => {
    expectArray(np.reshape(W, [-1, 1]), [[1], [2], [3], [4], [5], [6]]);
    expectArray(W.reshape(1, -1), [[1, 2, 3, 4, 5, 6]]);
    expectArray(np.reshape(W, [3, -1]), [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });
  it("refuses a size that does not divide, and two −1", () => {
    expect(thrown(() => np.reshape(W, [-1, 4]))).toBeInstanceOf(ShapeError);
    expect(thrown(() => np.reshape(W, [-1, -1]))).toBeInstanceOf(ShapeError);
    expect(thrown(() => np.reshape(W, [-2, 3]))).toBeInstanceOf(ShapeError);
  });
});

describe("concatenate", () => {
  it("stacks down by default and across with axis 1", () => {
    const b = np.array([[7, 8, 9]]);
    expectArray(np.concatenate([W, b]), [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expectArray(np.concatenate([W, np.array([[0], [1]])], 1), [
      [1, 2, 3, 0],
      [4, 5, 6, 1],
    ]);
  });
  it("says which array does not fit, and refuses an empty list", () => {
    const error = thrown(() => np.concatenate([W, np.array([[1, 2]])]));
    expect(error).toBeInstanceOf(ShapeError);
    expect(String(error)).toMatch(/arrays\[1\] has shape \(1, ?2\)/);
    expect(thrown(() => np.concatenate([]))).toBeInstanceOf(TypeError);
    expect(thrown(() => np.concatenate([W], 2 as 0))).toBeInstanceOf(ShapeError);
  });
  it("copies: changing the result leaves the parts alone", () => {
    const joined = np.concatenate([W, W]);
    joined.set(0, 0, 100);
    expect(W.get(0, 0)).toBe(1);
  });
});

describe("slice", () => {
  const theta = np.reshape(np.array([[0, 1, 2, 3, 4, 5]]), [-1, 1]);
  it("takes rows start to stop − 1, like numpy's x[start:stop]", () => {
    expectArray(theta.slice(2, 4), [[2], [3]]);
    expectArray(theta.slice(4), [[4], [5]]);
    expectArray(theta.slice(-2), [[4], [5]]);
    expect(theta.slice(5, 2).shape).toEqual([0, 1]);
    expect(theta.slice(3, 100).shape).toEqual([3, 1]);
  });
  it("copies", () => {
    const part = theta.slice(0, 2);
    part.set(0, 0, 9);
    expect(theta.get(0, 0)).toBe(0);
  });
});

describe("set", () => {
  it("changes one entry in place, and the transpose follows", () => {
    const x = W.copy();
    expect(x.T.get(0, 1)).toBe(4);
    x.set(1, 0, -4);
    expect(x.get(1, 0)).toBe(-4);
    expect(x.T.get(0, 1)).toBe(-4);
    x.set(-1, -1, 60);
    expect(x.get(1, 2)).toBe(60);
  });
  it("refuses an index out of bounds or a value that is not a number", () => {
    expect(thrown(() => W.copy().set(2, 0, 1))).toBeInstanceOf(ShapeError);
    expect(thrown(() => W.copy().set(0, 0, "1" as unknown as number))).toBeInstanceOf(TypeError);
  });
});

describe("linalg.norm", () => {
  it("is the square root of the sum of squares of every entry", () => {
    expect(np.linalg.norm(np.array([[3], [4]]))).toBe(5);
    expect(np.linalg.norm(W)).toBeCloseTo(Math.sqrt(91), 14);
    expect(np.linalg.norm(-2)).toBe(2);
    expect(np.linalg.norm(np.zeros([0, 1]))).toBe(0);
  });
});
