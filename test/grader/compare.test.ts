import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { at, compare, identical } from "../../grader/checks/compare.ts";
import { encode, isWireArray, type Wire } from "../../grader/core/values.ts";

const tol = { rtol: 1e-6, atol: 1e-9 };
const w = (rows: number[][]) => encode(np.array(rows));

describe("compare: type, then shape, then values", () => {
  it.each([
    ["same arrays", w([[1, 2]]), w([[1, 2]]), null],
    ["within rtol", w([[1e6]]), w([[1e6 + 0.5]]), null],
    ["NaN matches NaN", w([[Number.NaN]]), w([[Number.NaN]]), null],
    ["Infinity matches Infinity", w([[Infinity]]), w([[Infinity]]), null],
  ])("%s: no mismatch", (_, expected, actual, result) => {
    expect(compare(expected as Wire, actual as Wire, tol)).toBe(result);
  });

  it("reports a number where an array was expected as a type problem", () => {
    expect(compare(w([[1]]), 1, tol)).toEqual({
      problem: "type",
      path: "",
      expected: "an array (1,1)",
      actual: "a number",
    });
    expect(compare(1, w([[1]]), tol)).toEqual({
      problem: "type",
      path: "",
      expected: "a number",
      actual: "an array (1,1)",
    });
  });

  it("reports shapes before values", () => {
    expect(compare(w([[1], [2]]), w([[1, 2]]), tol)).toEqual({
      problem: "shape",
      path: "",
      expected: [2, 1],
      actual: [1, 2],
    });
  });

  it("reports the worst entry with its index, and how many are off", () => {
    const found = compare(
      w([
        [1, 2],
        [3, 4],
      ]),
      w([
        [1, 2.5],
        [3, 40],
      ]),
      tol,
    );
    expect(found).toMatchObject({
      problem: "value",
      path: "",
      index: [1, 1],
      expected: 4,
      actual: 40,
      error: 36,
      wrong: 2,
      total: 4,
    });
  });

  it("never equates NaN with Infinity, and names a non-finite value where a finite one was expected", () => {
    expect(compare(w([[Infinity]]), w([[Number.NaN]]), tol)).toMatchObject({
      problem: "value",
      actual: Number.NaN,
      error: Infinity,
    });
    expect(compare(w([[1]]), w([[Infinity]]), tol)).toMatchObject({
      problem: "value",
      actual: Infinity,
      expected: 1,
    });
  });

  it("walks objects in the expected key order and names the path", () => {
    const expected = { A2: w([[0.5]]), cache: { Z1: w([[1]]), A1: w([[2]]) } };
    expect(
      compare(expected, { A2: w([[0.5]]), cache: { Z1: w([[1]]), A1: w([[3]]) } }, tol),
    ).toMatchObject({ path: "cache.A1", index: [0, 0] });
    expect(compare(expected, { A2: w([[0.5]]), cache: { Z1: w([[1]]) } }, tol)).toEqual({
      problem: "missing-key",
      path: "cache",
      key: "A1",
    });
    // A key of the same letters in another case is named: names are case-sensitive.
    const lowerCase = { A2: w([[0.5]]), cache: { z1: w([[1]]), a1: w([[2]]), Z1a: w([[1]]) } };
    expect(compare(expected, lowerCase, tol)).toEqual({
      problem: "missing-key",
      path: "cache",
      key: "Z1",
      other: "z1",
    });
    // Python's snake_case for the assignment's camelCase is named too.
    const model = { yPredictionTest: w([[1]]), learningRate: 0.5 };
    const snake = { Y_prediction_test: w([[1]]), learning_rate: 0.5 };
    expect(compare(model, snake, tol)).toEqual({
      problem: "missing-key",
      path: "",
      key: "yPredictionTest",
      other: "Y_prediction_test",
    });
    expect(compare(model, { yPredictionTest: w([[1]]), learning_rat: 0.5 }, tol)).toEqual({
      problem: "missing-key",
      path: "",
      key: "learningRate",
    });
    expect(compare(expected, { $unsupported: "an object of class Map" }, tol)).toEqual({
      problem: "type",
      path: "",
      expected: "an object",
      actual: "an object of class Map",
    });
  });

  it("compares lists of numbers entry by entry, and their lengths", () => {
    expect(compare([1, 2, 3], [1, 2], tol)).toEqual({
      problem: "length",
      path: "",
      expected: 3,
      actual: 2,
    });
    expect(compare({ costs: [1, 2, 3] }, { costs: [1, 2, 4] }, tol)).toMatchObject({
      path: "costs",
      index: [2],
      actual: 4,
    });
  });

  it("identical is bit-exact and symmetric; at follows paths", () => {
    expect(identical(w([[1, Number.NaN]]), w([[1, Number.NaN]]))).toBe(true);
    expect(identical(w([[1]]), w([[1 + 1e-15]]))).toBe(false);
    expect(identical({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    const value = { cache: { A1: w([[7]]) }, costs: [1, 2] };
    expect(at(value, "cache.A1")).toEqual(w([[7]]));
    expect(at(value, "costs[1]")).toBe(2);
    expect(at(value, "nope.x")).toBeUndefined();
  });

  it("takes undefined, and what the wire does not carry, as the same only as itself", () => {
    // Two calls that returned nothing, or a Promise each time, did not return different results.
    const nothing = encode(undefined);
    const promise = encode(Promise.resolve(1));
    expect(identical(nothing, encode(undefined))).toBe(true);
    expect(identical(promise, encode(Promise.resolve(2)))).toBe(true);
    expect(
      identical(
        encode(() => 1),
        encode(Symbol("s")),
      ),
    ).toBe(false);
    expect(identical(nothing, promise)).toBe(false);
    expect(identical(nothing, null)).toBe(false);
    expect(identical({ a: nothing }, { a: 1 })).toBe(false);
    expect(compare(w([[1]]), nothing, tol)).toMatchObject({ problem: "type", actual: "undefined" });
    expect(compare(nothing, { $undefined: 1 } as never, tol)).toBeNull();
    expect(compare(nothing, w([[1]]), tol)).toMatchObject({
      problem: "type",
      expected: "undefined",
      actual: "an array (1,1)",
    });
  });

  it("reads arrays whose bits differ only in a zero's sign or a NaN's payload as equal", () => {
    const zeros = w([[0, 1, Number.NaN]]);
    const other = w([[-0, 1, Number.NaN]]);
    if (!isWireArray(other)) throw new Error("not an array");
    new BigUint64Array(other.data.buffer, other.data.byteOffset, 3)[2] = 0x7ff8000000000001n;
    expect(identical(zeros, other)).toBe(true);
    expect(compare(zeros, other, { rtol: 0, atol: 0 })).toBeNull();
  });

  it("finds the one entry changed in an array, whatever the rest holds", () => {
    const exact = { rtol: 0, atol: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.double(), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.double(),
        (entries, at, replacement) => {
          const k = at % entries.length;
          const changed = entries.with(k, replacement);
          const found = compare(w([entries]), w([changed]), exact);
          const before = entries[k] as number;
          const same =
            before === replacement || (Number.isNaN(before) && Number.isNaN(replacement));
          expect(found === null).toBe(same);
          if (found) expect(found).toMatchObject({ problem: "value", index: [0, k], wrong: 1 });
          expect(identical(w([entries]), w([entries]))).toBe(true);
        },
      ),
      { seed: 18 },
    );
  });
});
