// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source, template literals included
import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { compare } from "../../grader/checks/compare.ts";
import {
  computedReadHint,
  errorHint,
  floorDivisionHint,
  nearKeyHint,
} from "../../grader/checks/error-hints.ts";
import { misnamedHint } from "../../grader/checks/form-hints.ts";
import { type HintContext, patternHint } from "../../grader/checks/hints.ts";
import {
  type ErrorHint,
  type Hint,
  LIST_METHODS,
  NUMPY_METHODS,
  NUMPY_RANDOM,
  PYTHON_METHODS,
  PYTHON_NAMES,
} from "../../grader/core/report.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import reportSchema from "../../grader/schemas/report.schema.json" with { type: "json" };
import { wordErrorHint, wordHint } from "../../grader/words/en/hints.ts";

const tol = { rtol: 1e-6, atol: 1e-9 };
const expected = np.array([
  [0.1, -0.2, 0.3],
  [0.05, 0.4, -0.6],
]);

/** The pattern hint (as data) of `actual` against `exp`, in a context of five examples. */
function hintOf(actual: Wire, exp: Wire = encode(expected), context: Partial<HintContext> = {}) {
  const mismatch = compare(exp, actual, tol);
  if (!mismatch) throw new Error("expected a mismatch");
  return patternHint(mismatch, exp, actual, { examples: [5], tolerance: tol, ...context });
}

/** The same hint, in words. */
function hintFor(
  actual: Wire,
  exp: Wire = encode(expected),
  examples = [5],
  sums?: boolean,
): string | undefined {
  const hint = hintOf(actual, exp, { examples, sums });
  return hint && wordHint(hint);
}

describe("patternHint names the classic patterns", () => {
  it.each([
    ["missing 1/m", np.multiply(expected, 5), "m = 5 times too large: the 1/m is missing"],
    ["1/m twice", np.divide(expected, 5), "m = 5 times too small"],
    ["sign flipped", np.negative(expected), "the sign is flipped"],
    ["doubled", np.multiply(expected, 2), "exactly twice"],
    ["halved", np.multiply(expected, 0.5), "exactly half"],
    ["another factor", np.multiply(expected, 3.7), "times 3.700"],
    ["np.divide's operands swapped", np.divide(1, expected), "exactly 1 over the expected value"],
    ["all zeros", np.zeros([2, 3]), "all zeros"],
    ["transposed", expected.T, "transposed: (3,2) instead of (2,3)"],
  ])("%s", (_, actual, hint) => {
    expect(hintFor(encode(actual))).toContain(hint);
  });

  it("a ratio of an input's columns to its rows: shape[0] read for shape[1]", () => {
    const off = encode(np.multiply(expected, 5 / 2));
    expect(
      hintOf(off, undefined, {
        examples: [5, 1],
        shapes: [
          [2, 5],
          [4, 1],
        ],
      }),
    ).toEqual({
      code: "rows-for-columns",
      rows: 2,
      cols: 5,
    });
    expect(wordHint({ code: "rows-for-columns", rows: 2, cols: 5 })).toBe(
      "it is the expected value times 5/2: divided by 2 where 5 was meant, as when the rows of a (2,5) input, shape[0], are read for its columns, shape[1] (m, the number of examples, is X.shape[1])",
    );
    // Two inputs whose sizes give the ratio: which was read is not known.
    expect(
      hintOf(off, undefined, {
        examples: [5, 10],
        shapes: [
          [2, 5],
          [4, 10],
        ],
      }),
    ).toMatchObject({
      code: "factor",
    });
    // No input of those sizes: a factor, no more.
    expect(hintOf(off, undefined, { examples: [5], shapes: [[3, 5]] })).toMatchObject({
      code: "factor",
    });
  });

  it("a (1, n) row where a column was expected: keepdims, where the function sums", () => {
    const column = encode(np.array([[1], [2], [3]]));
    const row = encode(np.array([[1, 2, 3]]));
    expect(hintFor(row, column, [5], true)).toContain("a sum along axis 1 needs keepdims");
    // Not known whether it sums (no reference here): keepdims only as a condition.
    expect(hintFor(row, column)).toContain("if it comes from a sum along axis 1");
    // A function without a sum: no keepdims; the row is the column transposed.
    expect(hintFor(row, column, [5], false)).toBe(
      "the result is transposed: (1,3) instead of (3,1)",
    );
  });

  it("1 − x, for arrays and numbers", () => {
    expect(hintFor(encode(np.subtract(1, expected)))).toContain(
      "exactly 1 minus the expected value",
    );
    expect(hintFor(1 - 0.3, 0.3)).toContain("exactly 1 minus the expected value");
  });

  it.each([
    ["missing 1/m", 11.0764, 1.38455, [8], "m = 8 times too large"],
    ["1/m twice", 1.38455 / 8, 1.38455, [8], "m = 8 times too small"],
    ["sign", -1.38455, 1.38455, [8], "the sign is flipped"],
    ["doubled", 2 * 1.38455, 1.38455, [8], "exactly twice"],
  ])("a number: %s", (_, actual, exp, examples, hint) => {
    expect(hintFor(actual, exp, examples)).toContain(hint);
  });

  it("no hint for a number with a ratio that means nothing", () => {
    expect(hintFor(3.1, 1.38455, [8])).toBeUndefined();
  });

  it("a NaN is no 1 − x, no ratio, no transpose: it is said where it comes from", () => {
    // computeCost with m = Y.shape[2], undefined: the cost is NaN.
    const nan = "NaN: where Python raises an error, TypeScript computes with undefined";
    expect(hintFor(Number.NaN, 1.38455, [8])).toContain(nan);
    // The cost of np.subtract(A2, 1) where 1 − A2 was meant: the log of a negative number.
    expect(hintFor(Number.NaN, 1.38455, [8])).toContain(
      "the log of a negative number (np.subtract(a, b) is a − b: np.subtract(A, 1) is negative where 1 − A was meant)",
    );
    expect(hintFor(encode(np.full([2, 3], Number.NaN)))).toContain(nan);
    const square = encode(
      np.array([
        [1, 2],
        [3, 4],
      ]),
    );
    const nanDiagonal = encode(
      np.array([
        [1, Number.NaN],
        [Number.NaN, 4],
      ]),
    );
    expect(hintFor(nanDiagonal, square)).toContain(nan);
    // An infinity is no 1 − x or transpose either, which |∞ − x| ≤ rtol·∞ made it.
    const infinite = "an infinity where a finite value was expected";
    expect(hintFor(Number.POSITIVE_INFINITY, 1.38455, [8])).toContain(infinite);
    expect(hintFor(Number.NEGATIVE_INFINITY, -0.5, [8])).toContain(infinite);
    const infiniteCorners = encode(
      np.array([
        [Number.POSITIVE_INFINITY, 3],
        [2, Number.POSITIVE_INFINITY],
      ]),
    );
    expect(hintFor(infiniteCorners, square)).toContain(infinite);
    // Of the wrong shape, an array of infinities is not the expected one transposed.
    expect(hintFor(encode(np.full([3, 2], Number.POSITIVE_INFINITY)))).toBeUndefined();
    // A wrong number is not a NaN's pattern.
    expect(
      hintFor(
        encode(
          np.array([
            [1, 2],
            [3, 5],
          ]),
        ),
        square,
      ),
    ).toBeUndefined();
  });

  it("an (n, n) matrix where a column was expected: broadcasting a row and a column", () => {
    const column = encode(np.array([[1], [2], [3]]));
    expect(hintFor(encode(np.ones([3, 3])), column)).toContain("(n, n)");
    expect(hintFor(encode(np.ones([3, 3])), column, [5], true)).toContain(
      "a sum without keepdims?",
    );
    // No sum in the function: keepdims cannot be the cause.
    expect(hintFor(encode(np.ones([3, 3])), column, [5], false)).toBe(
      "an (n, n) result where an (n, 1) column was expected: a row and a column broadcast together",
    );
  });

  it("a (1,1) array where a number was expected", () => {
    expect(hintFor(encode(np.array([[0.7]])), 0.69)).toContain("plain number");
  });

  it("no hint for an unrelated error", () => {
    expect(
      hintFor(
        encode(
          np.array([
            [0.1, -0.2, 0.3],
            [0.05, 0.4, 0.6],
          ]),
        ),
      ),
    ).toBeUndefined();
  });
});

describe("patternHint reads a result of the wrong form", () => {
  const A2 = encode(np.array([[0.2, 0.7, 0.4]]));
  const cache = { Z1: encode(expected), A1: encode(np.tanh(expected)) };
  const whole = { A2, cache } as Wire;
  it("a list for an object, Python's tuple: whether it holds the object's values in order", () => {
    expect(hintOf([A2, cache], whole)).toEqual({
      code: "tuple-for-object",
      keys: ["A2", "cache"],
      inOrder: true,
    });
    expect(hintOf([cache, A2], whole)).toMatchObject({ inOrder: false });
    expect(hintOf([A2], whole)).toMatchObject({ inOrder: false });
    // Values a hair off, or no tolerance to judge them by: not claimed to be right.
    const off = encode(np.array([[0.2, 0.7, 0.41]]));
    expect(hintOf([off, cache], whole)).toMatchObject({ inOrder: false });
    expect(hintOf([A2, cache], whole, { tolerance: undefined })).toMatchObject({ inOrder: false });
    expect(wordHint({ code: "tuple-for-object", keys: ["A2", "cache"], inOrder: true })).toBe(
      "where Python returns a tuple, return an object whose keys name its values, { A2, cache }. Your list holds the right values, in that order",
    );
  });

  it("an array's entries for the array: a typed array, a list, a list of rows", () => {
    const typed = { $unsupported: "an object of class Float64Array" };
    expect(hintOf(typed, A2)).toEqual({ code: "entries-for-array", shape: [1, 3], from: "typed" });
    expect(hintOf({ $unsupported: "an object of class Map" }, A2)).toBeUndefined();
    expect(hintOf([0.2, 0.7, 0.4], A2)).toMatchObject({ from: "list", same: true });
    expect(hintOf([0.2, 0.4, 0.7], A2)).toMatchObject({ from: "list", same: false });
    expect(hintOf([0.2, 0.7], A2)).not.toHaveProperty("same");
    expect(hintOf([[0.2, 0.7, 0.4]], A2)).toMatchObject({ from: "rows", same: true });
    // Rows of another layout are no array of this shape, whatever their entries.
    expect(hintOf([[0.2], [0.7], [0.4]], A2)).not.toHaveProperty("same");
    expect(hintOf(["0.2", "0.7", "0.4"], A2)).toBeUndefined();
  });

  it("no value at all: a return statement missing, said of the whole result only", () => {
    expect(hintOf({ $undefined: true }, A2)).toEqual({ code: "no-return" });
    expect(hintOf({ $undefined: true }, 1.5)).toEqual({ code: "no-return" });
    // A part of the result that is undefined is not the function's missing return.
    expect(hintOf({ A2: { $undefined: true }, cache } as Wire, whole)).toBeUndefined();
  });

  it("a number's text for the number: whether its value is right", () => {
    expect(hintOf("1.384554", 1.3845543106710974)).toEqual({ code: "text-for-number", same: true });
    expect(hintOf("1.5", 1.3845543106710974)).toEqual({ code: "text-for-number", same: false });
    expect(hintOf("", 0)).toBeUndefined();
    expect(hintOf("cost", 1.38)).toBeUndefined();
  });

  it("one value of the object for the whole: the part whose form it has, if only one has it", () => {
    const model = {
      parameters: { W1: encode(expected), b1: encode(np.zeros([2, 1])) },
      costs: [0.69],
    };
    expect(hintOf(model.parameters, model as Wire)).toEqual({
      code: "part-for-whole",
      part: "parameters",
      keys: ["parameters", "costs"],
    });
    expect(hintOf(A2, whole)).toMatchObject({ code: "part-for-whole", part: "A2" });
    // Two values of one form: which was meant is not known.
    const twins = { dW1: encode(expected), dW2: encode(np.ones([2, 3])) } as Wire;
    expect(hintOf(encode(expected), twins)).toBeUndefined();
    // An inner object's values beside its siblings: { dw, db, cost } for { grads: { dw, db }, cost }.
    const propagate = { grads: { dw: encode(expected), db: 0.5 }, cost: 0.7 } as Wire;
    const flat = { dw: encode(expected), db: 0.5, cost: 0.7 } as Wire;
    expect(hintOf(flat, propagate)).toEqual({
      code: "flattened",
      key: "grads",
      keys: ["dw", "db"],
    });
    expect(hintOf({ dw: encode(expected), cost: 0.7 } as Wire, propagate)).toBeUndefined();
    // A key that differs only in case says more: the comparator's message names it.
    expect(hintOf({ a2: A2, cache } as Wire, whole)).toBeUndefined();
  });
});

/** Python's tuple (a, b) as TypeScript reads it, the comma operator: its last item. */
const comma = (_first: number, last: number) => last;

/** What the array module throws for `f`, as the hint for it would word it. */
function errorHintFor(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    const hint = errorHint(error as Error);
    return hint && wordErrorHint(hint);
  }
  throw new Error("expected an error");
}

describe("errorHint reads what the array module threw", () => {
  const ones = (rows: number, cols: number) => np.ones([rows, cols]);
  it.each([
    [
      "W1 ∗ X: the product itself",
      () => np.multiply(ones(4, 2), ones(2, 400)),
      "this multiplies entry by entry ((4,2) ∗ (2,400)) where a matrix product is needed: np.dot(first, second), a (4,2)·(2,400) product",
    ],
    [
      "dZ2 ∗ A1: the product with A1 transposed",
      () => np.multiply(ones(3, 7), ones(5, 7)),
      "np.dot(first, second.T), a (3,7)·(7,5) product",
    ],
    [
      "dZ1·X: X to transpose, or the product the other way round",
      () => np.dot(ones(5, 7), ones(3, 7)),
      "the inner sizes of (5,7)·(3,7) differ; with these shapes, np.dot(first, second.T), a (5,7)·(7,3) product, or np.dot(second, first.T), a (3,7)·(7,5) product, is defined (whichever gives the shape wanted)",
    ],
    [
      "A_prev ∗ dZ for dW = dZ·A_prevᵀ: the operands' order does not say which product was meant",
      () => np.multiply(ones(5, 4), ones(3, 4)),
      "np.dot(first, second.T), a (5,4)·(4,3) product, or np.dot(second, first.T), a (3,4)·(4,5) product (whichever gives the shape wanted)",
    ],
    [
      "the first operand to transpose, or the second and the order",
      () => np.dot(ones(4, 2), ones(4, 400)),
      "np.dot(first.T, second), a (2,4)·(4,400) product, or np.dot(second.T, first), a (400,4)·(4,2) product",
    ],
    [
      "dZ1 · (1 − A1²): two arrays of one shape, which np.multiply takes entry by entry",
      () => np.dot(ones(4, 5), ones(4, 5)),
      "is one of them transposed, or of the wrong shape? Both are (4,5): an entry-by-entry product is np.multiply(first, second).",
    ],
    [
      "randn given a shape",
      () => (np.random.seed(1) as unknown as { randn(s: unknown): unknown }).randn([4, 2]),
      "rng.randn takes the two sizes as two numbers: rng.randn(rows, cols)",
    ],
    [
      "randn given one size",
      () => (np.random.seed(1) as unknown as { randn(s: unknown): unknown }).randn(4),
      "rng.randn takes the two sizes as two numbers",
    ],
    [
      "numpy's global generator, np.random.randn, which the array module has not",
      () => (np.random as unknown as { randn(r: number, c: number): unknown }).randn(4, 2),
      "np.random.randn is numpy's global generator, which this array module has not: draw from the generator your function is given, such as rng.randn(rows, cols)",
    ],
    [
      "numpy's np.random.permutation",
      () => (np.random as unknown as { permutation(n: number): unknown }).permutation(4),
      "np.random.permutation is numpy's global generator",
    ],
    [
      "Z1 + b1 with b1 a row: the bias transposed would broadcast",
      () => np.add(ones(4, 400), ones(1, 4)),
      "np.add's second operand (1,4), transposed to (4,1), would broadcast with (4,400): is it a row where a column was meant",
    ],
    [
      "b1 + Z1 with b1 a row, the other way round",
      () => np.subtract(ones(1, 4), ones(4, 400)),
      "np.subtract's first operand (1,4), transposed to (4,1), would broadcast with (4,400)",
    ],
    [
      "zeros given one size",
      () => (np as unknown as { zeros(s: unknown): unknown }).zeros(4),
      "np.zeros takes the shape as one list of two sizes, [rows, cols]: a column is np.zeros([n, 1])",
    ],
    [
      "zeros given Python's tuple, (n, 1), which TypeScript reads as 1",
      () => (np as unknown as { zeros(s: unknown): unknown }).zeros(comma(4, 1)),
      "nor np.zeros((n, 1)): Python's tuple is TypeScript's comma operator, whose value is its last item",
    ],
    [
      "reshape given Python's tuple",
      () => np.reshape(ones(1, 4), comma(1, 4) as unknown as [number, number]),
      "np.reshape takes the shape as one list of two sizes, np.reshape(x, [rows, cols])",
    ],
  ])("%s", (_, f, hint) => {
    expect(errorHintFor(f)).toContain(hint);
  });

  it("reads a function's value taken apart as a list: an object, whose parts are taken by name", () => {
    // A2, cache = forward_propagation(X, parameters), written in TypeScript as a list pattern.
    const forward = (() => ({ A2: 1, cache: 2 })) as unknown as () => number[];
    expect(
      errorHintFor(() => {
        const [A2] = forward();
        return A2;
      }),
    ).toContain(
      "the functions here return an object: take its parts by name, const { a, b } = f(…)",
    );
    // A value that is not a function's (undefined, a missing return) is not said to be an object.
    const nothing = undefined as unknown as number[];
    expect(
      errorHintFor(() => {
        const [first] = nothing;
        return first;
      }),
    ).toBeUndefined();
  });

  it("reads Python's keyword arguments and names, which TypeScript has not", () => {
    // Strict code, as a module is: np.sum(x, axis=1, keepdims=True) assigns to undeclared names.
    const run = (code: string) => () => new Function(`"use strict"; ${code}`)();
    expect(errorHintFor(run("return Math.max(1, axis=1, keepdims=True);"))).toContain(
      "axis=… is Python's keyword argument; TypeScript has none",
    );
    expect(errorHintFor(run("var axis; return Math.max(1, axis=1, keepdims=true);"))).toContain(
      "pass the arguments in order, np.sum(x, 1, true)",
    );
    expect(errorHintFor(run("var axis; return Math.max(1, axis=1, keepdims=True);"))).toBe(
      "True is Python's; TypeScript writes true",
    );
    expect(errorHintFor(run("return None;"))).toBe("None is Python's; TypeScript writes null");
    expect(errorHintFor(run("return len([1, 2]);"))).toBe(
      "len is Python's; TypeScript writes list.length, Object.keys(o).length, A.shape",
    );
    expect(errorHintFor(run('print("cost", 1);'))).toContain("console.log(x)");
    expect(errorHintFor(run("return range(3);"))).toContain("for (let i = a; i < b; i++)");
    // The course's assert of a shape, and its builtins.
    expect(errorHintFor(run("assert(1 === 1);"))).toBe(
      "assert is Python's; TypeScript writes if (!(condition)) throw new Error(message)",
    );
    expect(errorHintFor(run("return sum([1, 2]);"))).toContain("np.sum(A)");
    // Another name not defined is not said to be Python's.
    expect(errorHintFor(run("return learningRateTypo;"))).toBeUndefined();
  });

  it("gives the report's schema every name of Python's and numpy's it reads", () => {
    const { name, method } = reportSchema.$defs.errorHint.properties;
    expect(name.enum).toEqual(expect.arrayContaining([...PYTHON_NAMES, "axis", "keepdims"]));
    expect(method.enum).toEqual(
      expect.arrayContaining([
        ...NUMPY_RANDOM,
        ...LIST_METHODS,
        ...NUMPY_METHODS,
        ...PYTHON_METHODS,
      ]),
    );
  });

  it("offers np.multiply only where both operands have one shape", () => {
    expect(errorHintFor(() => np.dot(ones(5, 7), ones(3, 7)))).not.toContain("np.multiply");
  });

  it("offers one product where the other way round reads the same, or none is the other's transpose", () => {
    // Two (4,5) operands: np.dot(second, first.T) would be worded as np.dot(first, second.T) is.
    const same = errorHintFor(() => np.dot(ones(4, 5), ones(4, 5)));
    expect(same).toContain("np.dot(first, second.T), a (4,5)·(5,4) product, is defined:");
    expect(same).not.toContain("np.dot(second, first.T)");
    const natural = errorHintFor(() => np.multiply(ones(4, 2), ones(2, 400)));
    expect(natural).not.toContain(" or ");
  });

  it("reads a list's method or numpy's called on an array of the array module", () => {
    const A2 = np.ones([1, 3]) as unknown as {
      map(f: (v: number) => boolean): unknown;
      astype(type: string): unknown;
      flatten(): unknown;
    };
    expect(errorHintFor(() => A2.map((v) => v > 0.5))).toContain(
      "map is a method of JavaScript's lists, and the array module's arrays are no lists",
    );
    expect(errorHintFor(() => A2.astype("int"))).toContain(
      "astype is numpy's: the array module's arrays hold float64 numbers only",
    );
    expect(errorHintFor(() => A2.flatten())).toContain("np.reshape(x, [1, -1])");
    // Python's list and dict methods, which TypeScript's lists and objects have not.
    const caches: unknown[] = [];
    expect(errorHintFor(() => (caches as unknown as { append(c: unknown): void }).append(1))).toBe(
      "append is a method of Python's lists or dicts; TypeScript writes list.push(x)",
    );
    const parameters = { W1: 1 } as unknown as { items(): unknown };
    expect(errorHintFor(() => parameters.items())).toContain("Object.entries(o)");
    // A method that neither lists nor numpy's arrays have: no guess.
    expect(errorHint({ name: "TypeError", message: "A2.mapp is not a function" })).toBeUndefined();
  });

  it("no global generator's hint for a name numpy's np.random has not, or an error of another kind", () => {
    expect(
      errorHint({ name: "TypeError", message: "np.random.shuffled is not a function" }),
    ).toBeUndefined();
    expect(
      errorHint({ name: "TypeError", message: "rng.randn is not a function" }),
    ).toBeUndefined();
    expect(
      errorHint({ name: "ReferenceError", message: "np.random.randn is not a function" }),
    ).toBeUndefined();
  });

  it("suggests no transpose where none, or either, would broadcast", () => {
    // (4,4) with (4,400): no transpose helps.
    expect(errorHintFor(() => np.add(ones(4, 400), ones(4, 4)))).toBeUndefined();
    // (2,3) and (3,2): either one transposed would do, and neither is a row or a column.
    expect(errorHintFor(() => np.add(ones(2, 3), ones(3, 2)))).toBeUndefined();
  });

  it("reads no shape from a message the learner made with sizes the array module never has", () => {
    const huge = "9".repeat(400);
    for (const message of [
      `np.multiply: operands could not be broadcast together with shapes (1,2) (2,${huge})`,
      `np.add: operands could not be broadcast together with shapes (4,${huge}) (1,4)`,
      `np.dot: shapes (4,2) and (${huge},400) not aligned`,
    ])
      expect(errorHint({ name: "ShapeError", message })).toBeUndefined();
  });

  it("no hint for shapes no product fits, or an error of another kind", () => {
    expect(errorHintFor(() => np.multiply(ones(4, 3), ones(2, 5)))).toBeUndefined();
    expect(errorHintFor(() => np.add(ones(4, 2), ones(2, 400)))).toBeUndefined();
    expect(
      errorHintFor(() => {
        throw new TypeError(
          "np.multiply: operands could not be broadcast together with shapes (4,2) (2,400)",
        );
      }),
    ).toBeUndefined();
  });
});

describe("patternHint reads a list that holds every k-th entry of the other", () => {
  const costs = Array.from({ length: 300 }, (_, i) => 0.69 / (1 + i / 50));
  const every = (list: number[], k: number) => list.filter((_, i) => i % k === 0);

  it("the learner's list samples the expected one, or the expected one samples theirs", () => {
    expect(hintOf(every(costs, 100), costs)).toEqual({ code: "every-kth", k: 100, of: "expected" });
    expect(hintOf(every(costs, 7), costs)).toEqual({ code: "every-kth", k: 7, of: "expected" });
    expect(hintOf(costs, every(costs, 100))).toEqual({ code: "every-kth", k: 100, of: "yours" });
    // One entry: the first alone, whatever the step was.
    expect(hintOf(every(costs, 1000), costs)).toEqual({
      code: "every-kth",
      k: null,
      of: "expected",
    });
    expect(wordHint({ code: "every-kth", k: 2, of: "expected" })).toContain(
      "every 2nd of the expected",
    );
    expect(wordHint({ code: "every-kth", k: 1000, of: "yours" })).toBe(
      "the expected list holds every 1000th of your values (entries 0, 1000, 2000, …), not each one",
    );
  });

  it("says nothing of lists whose entries are not the other's, in that order", () => {
    expect(hintOf(every(costs, 100).reverse(), costs)).toBeUndefined();
    expect(hintOf(costs.slice(0, 3), costs)).toBeUndefined();
    expect(hintOf([0.5], costs)).toBeUndefined();
    expect(hintOf(every(costs, 100).map(String), costs)).toBeUndefined();
  });
});

describe("nearKeyHint names the key an input was read by, where the error says undefined", () => {
  const undefinedArgument = {
    message: "np.dot: argument 'a' must be an NDArray or a number, got undefined",
  };
  const inputs = [
    { name: "X", value: encode(expected) },
    { name: "parameters", value: { W1: encode(expected), b1: encode(expected) } as Wire },
    { name: "cache", value: { A1: encode(expected), A2: encode(expected) } as Wire },
  ];
  const hint = (lines: string[], error = undefinedArgument) => nearKeyHint(error, lines, inputs);

  it.each([
    ["a property", ["  const Z1 = np.dot(parameters.w1, X);"], "parameters", "w1", "W1"],
    ["an index", ['  const A2 = cache["a_2"];', "  np.subtract(A2, Y);"], "cache", "a_2", "A2"],
    ["a destructuring", ["  const { a1, A2 } = cache;", "  np.dot(a1.T, X);"], "cache", "a1", "A1"],
    [
      "a renaming destructuring",
      ["  const { W1: w, B1: b } = parameters;"],
      "parameters",
      "B1",
      "b1",
    ],
    ["an optional chain", ["  np.dot(parameters?.w1, X);"], "parameters", "w1", "W1"],
  ])("%s", (_, lines, input, wrote, key) => {
    expect(hint(lines)).toEqual({ code: "near-key", input, wrote, key });
  });

  it("names the length of an input that is an object, Python's len of a dict", () => {
    expect(hint(["  const L = parameters.length / 2;", "  np.dot(W, A);"])).toEqual({
      code: "object-length",
      input: "parameters",
    });
    // The length of an array input is no object's.
    expect(hint(["  const n = X.length;"])).toBeUndefined();
    expect(wordErrorHint({ code: "object-length", input: "parameters" })).toContain(
      "Object.keys(parameters).length",
    );
  });

  it("says nothing where the keys read are the input's, or read from something else", () => {
    expect(hint(["  const { W1, b1 } = parameters;", "  np.dot(w1, X);"])).toBeUndefined();
    expect(
      hint(["  np.dot(myparameters.w1, X);", "  np.dot(other.parameters.w1, X);"]),
    ).toBeUndefined();
    // A key nothing like the input's is no near miss.
    expect(hint(["  np.dot(parameters.weights, X);"])).toBeUndefined();
  });

  it("says nothing of an error that is not about undefined", () => {
    const shape = { message: "np.dot: shapes (4,2) and (3,7) not aligned" };
    expect(hint(["  np.dot(parameters.w1, X);"], shape)).toBeUndefined();
  });

  it("words the rule the key broke", () => {
    expect(wordErrorHint({ code: "near-key", input: "parameters", wrote: "w1", key: "W1" })).toBe(
      'parameters has no key "w1", which reads as undefined, but "W1": names are case-sensitive',
    );
    expect(
      wordErrorHint({ code: "near-key", input: "grads", wrote: "d_w1", key: "dW1" }),
    ).toContain("camelCase, not Python's snake_case");
  });
});

describe("computedReadHint says which keys or indices an input read by a computed one has", () => {
  const undefinedArgument = {
    message: "np.multiply: argument 'b' must be an NDArray or a number, got undefined",
  };
  const grads = { dW1: encode(expected), db1: 0, dW2: encode(expected), db2: 0, dA0: 0 } as Wire;
  const inputs = [
    { name: "grads", value: grads },
    { name: "caches", value: [{ A: 1 }, { A: 2 }] as Wire },
    { name: "X", value: encode(expected) },
  ];
  const hint = (lines: string[], error = undefinedArgument) =>
    computedReadHint(error, lines, inputs);

  it.each([
    ["a template literal", "  const dW = grads[`dW${l}`];", "grads[`dW${l}`]"],
    ["a joined text", '  const dW = grads["dW" + (l + 1)];', 'grads["dW" + (l + 1)]'],
    ["an optional chain", "  np.multiply(lr, grads?.[`dW${l}`]);", "grads?.[`dW${l}`]"],
  ])("a numbered key in %s", (_, line, read) => {
    expect(hint([line])).toEqual({
      code: "numbered-key",
      input: "grads",
      read,
      prefix: "dW",
      first: 1,
      last: 2,
    });
  });

  it("words the keys next to the range, none below 0", () => {
    const hint = computedReadHint(undefinedArgument, ['  grads["dA" + l];'], inputs);
    expect(hint).toMatchObject({ code: "numbered-key", prefix: "dA", first: 0, last: 0 });
    expect(wordErrorHint(hint as ErrorHint)).toContain(
      'grads has dA0 to dA0: grads["dA" + l] reads undefined for any number outside them (dA1);',
    );
    expect(
      wordErrorHint({
        code: "numbered-key",
        input: "p",
        read: "p[`W${l}`]",
        prefix: "W",
        first: 1,
        last: 2,
      }),
    ).toContain("outside them (W0, or W3)");
  });

  it("an index of a list, and the statement that threw before the lines above it", () => {
    expect(hint(["    caches[l] as LayerCache,"])).toEqual({
      code: "list-index",
      input: "caches",
      read: "caches[l]",
      length: 2,
    });
    expect(hint(["  f(caches[l]);", "  const dW = grads[`dW${l}`];"])).toMatchObject({
      code: "list-index",
    });
    expect(
      wordErrorHint({ code: "list-index", input: "caches", read: "caches[l]", length: 2 }),
    ).toBe(
      "caches has 2 entries, caches[0] to caches[1]: caches[l] reads undefined for any index outside them (−1, or 2); is the index one off?",
    );
  });

  it("says nothing of a literal index, a key the input has no number of, or an input not read", () => {
    expect(hint(["  const c = caches[0];", "  f(caches [ 1 ]);"])).toBeUndefined();
    expect(hint(["  const w = grads[`W${l}`];"])).toBeUndefined();
    expect(hint(["  const dW = mygrads[`dW${l}`];", "  X[i];"])).toBeUndefined();
    // An error that is not about undefined.
    expect(
      hint(["  const dW = grads[`dW${l}`];"], {
        message: "np.dot: shapes (4,2) and (3,7) not aligned",
      }),
    ).toBeUndefined();
  });
});

describe("floorDivisionHint reads Python's a // b, a comment in TypeScript", () => {
  it.each([
    "  const L = Object.keys(parameters).length // 2;",
    "  L = len // 2",
    "  let half = parameters.W1.shape[0] // 2",
    "  const n = (m + 1) // 2;",
  ])("%s", (line) => {
    expect(floorDivisionHint(["export function f() {", line, "  return g(L);"])).toEqual({
      code: "floor-division",
      written: line.trim(),
    });
  });

  it("reads no comment of words, no line that is a comment, and no division before a comment", () => {
    for (const line of [
      "  const m = X.shape[1] // 400 examples",
      "  // 2 layers",
      "  x = a / b; // 2",
      "  x = a; // 2",
      "  if (a == b) // 2",
    ])
      expect(floorDivisionHint([line]), line).toBeUndefined();
  });

  it("words the line", () => {
    expect(wordErrorHint({ code: "floor-division", written: "const L = keys.length // 2;" })).toBe(
      "in `const L = keys.length // 2;`, // starts a comment in TypeScript, so the division after it is never made: Python's floor division a // b is Math.floor(a / b)",
    );
  });
});

describe("the right values under other names", () => {
  const W1 = encode(expected);
  const W2 = encode(np.array([[0.7, -0.1]]));
  const zeros = encode(np.zeros([2, 1]));
  const b2 = encode(np.zeros([1, 1]));
  const params = { W1, b1: zeros, W2, b2 } as Wire;

  /** misnamedHint of `actual` against `exp`, through the comparator's mismatch. */
  function misnamedOf(actual: Wire, exp: Wire = params) {
    const mismatch = compare(exp, actual, tol);
    if (!mismatch) throw new Error("expected a mismatch");
    return misnamedHint(mismatch, exp, actual, { tolerance: tol });
  }

  it("finds layers numbered from 0, and says by how much the numbers moved", () => {
    const fromZero = { W0: W1, b0: zeros, W1: W2, b1: b2 } as Wire;
    expect(misnamedOf(fromZero)).toEqual({
      code: "misnamed",
      pairs: [
        { yours: "W0", expected: "W1" },
        { yours: "W1", expected: "W2" },
      ],
      shift: -1,
    });
  });

  it("finds two values swapped, a key renamed, and values inside an object by their paths", () => {
    expect(misnamedOf({ W1: W2, b1: zeros, W2: W1, b2 } as Wire)).toEqual({
      code: "misnamed",
      pairs: [
        { yours: "W2", expected: "W1" },
        { yours: "W1", expected: "W2" },
      ],
    });
    const whole = { A2: W2, cache: { Z1: W1, A1: encode(np.tanh(expected)) } } as Wire;
    expect(
      misnamedOf({ A: W2, cache: { Z1: W1, A1: encode(np.tanh(expected)) } } as Wire, whole),
    ).toEqual({ code: "misnamed", pairs: [{ yours: "A", expected: "A2" }] });
    const swapped = { A2: W2, cache: { Z1: encode(np.tanh(expected)), A1: W1 } } as Wire;
    expect(misnamedOf(swapped, whole)).toEqual({
      code: "misnamed",
      pairs: [
        { yours: "cache.A1", expected: "cache.Z1" },
        { yours: "cache.Z1", expected: "cache.A1" },
      ],
    });
    expect(wordHint(misnamedOf(swapped, whole) as Hint)).toBe(
      "the right values are there under other names (your cache.A1 is the expected cache.Z1, your cache.Z1 is the expected cache.A1)",
    );
  });

  it("shows four pairs of names, and how many more the report has", () => {
    const pairs = Array.from({ length: 6 }, (_, l) => ({ yours: `W${l}`, expected: `W${l + 1}` }));
    const words = wordHint({ code: "misnamed", pairs, shift: -1 });
    expect(words).toContain("your W3 is the expected W4, 2 more)");
    expect(words).not.toContain("W5");
  });

  it("claims nothing that a name could hold by chance", () => {
    // Zeros under another name: any bias of that shape holds them.
    expect(misnamedOf({ W1, b0: zeros, W2, b2 } as Wire)).toBeUndefined();
    // Numbers: 4 hidden units and 4 features are one number.
    expect(
      misnamedOf({ nX: 4, nH: 2, nY: 1 } as Wire, { nX: 2, nH: 4, nY: 1 } as Wire),
    ).toBeUndefined();
    // W1's value under two names: which one was meant is not known, though W2's is.
    expect(misnamedOf({ W1: W2, b1: zeros, W2: W1, W3: W1, b2 } as Wire)).toBeUndefined();
    // A value found elsewhere that is not the one the mismatch is about says nothing of it.
    expect(misnamedOf({ W1: W2, b1: zeros, W2, b2, X: W1 } as Wire)).toEqual({
      code: "misnamed",
      pairs: [{ yours: "X", expected: "W1" }],
    });
    expect(
      misnamedOf({ W1: W1, b1: encode(np.ones([2, 1])), W2, b2, X: W1 } as Wire),
    ).toBeUndefined();
    // A name of a length no assignment's has.
    expect(misnamedOf({ W1: W2, b1: zeros, ["W".repeat(65)]: W1, b2 } as Wire)).toBeUndefined();
    // A key in another case is named by the mismatch itself.
    expect(misnamedOf({ w1: W1, b1: zeros, W2, b2 } as Wire)).toBeUndefined();
  });
});
