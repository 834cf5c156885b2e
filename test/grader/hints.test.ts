import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { compare } from "../../grader/checks/compare.ts";
import { patternHint } from "../../grader/checks/hints.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import { wordHint } from "../../grader/words/hints.ts";

const tol = { rtol: 1e-6, atol: 1e-9 };
const expected = np.array([
  [0.1, -0.2, 0.3],
  [0.05, 0.4, -0.6],
]);

function hintFor(actual: Wire, exp: Wire = encode(expected), examples = [5]): string | undefined {
  const mismatch = compare(exp, actual, tol);
  if (!mismatch) throw new Error("expected a mismatch");
  const hint = patternHint(mismatch, exp, actual, { examples });
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
    ["all zeros", np.zeros([2, 3]), "all zeros"],
    ["transposed", expected.T, "transposed: (3,2) instead of (2,3)"],
  ])("%s", (_, actual, hint) => {
    expect(hintFor(encode(actual))).toContain(hint);
  });

  it("a (1, n) row where a column was expected: keepdims", () => {
    const column = encode(np.array([[1], [2], [3]]));
    expect(hintFor(encode(np.array([[1, 2, 3]])), column)).toContain("np.sum(x, 1, true)");
  });

  it("an (n, n) matrix where a column was expected: broadcasting a row and a column", () => {
    const column = encode(np.array([[1], [2], [3]]));
    expect(hintFor(encode(np.ones([3, 3])), column)).toContain("(n, n)");
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
