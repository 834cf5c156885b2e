/**
 * A mistake followed by a generic pattern (checks/mistakes.ts, step 3) is named only where the
 * pattern takes the mistake further: one that merely gives back the right value where the mistake
 * changed it would tell the learner of a mistake they made only in part.
 */
import { describe, expect, it } from "vitest";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { nameMistake } from "../../grader/checks/mistakes.ts";
import { encode, type Wire } from "../../grader/core/values.ts";

const a = np.array([[1, 2, 3]]);
const b = np.array([[4], [5], [6]]);
const right = encode({ a, b });
type Pair = { a: NDArray; b: NDArray };

/** The name of what `actual` is said to be, with the pattern after it, if any. */
function said(actual: Wire, output: (x: Pair) => unknown) {
  const hint = nameMistake({
    args: [],
    expected: right,
    actual,
    tolerance: { rtol: 1e-9, atol: 1e-12 },
    fn: { mistakes: [{ name: "the mistake", hint: "", output: () => output({ a, b }) }] },
    reference: {},
    context: { examples: [] },
  });
  return hint?.code === "mistake"
    ? [hint.mistakes.map((m) => m.name).join(" + "), hint.then?.code]
    : undefined;
}

describe("a mistake and then a pattern", () => {
  it("is not named where the pattern undoes the mistake: the learner made only part of it", () => {
    // The mistake transposes both; the learner transposed a only.
    const both = ({ a, b }: Pair) => ({ a: a.T, b: b.T });
    expect(said(encode({ a: a.T, b }), both)).toBeUndefined();
    // Both transposed: the mistake itself.
    expect(said(encode({ a: a.T, b: b.T }), both)).toEqual(["the mistake", undefined]);
  });

  it("is named where the pattern takes the mistake further", () => {
    // The mistake doubles a; the learner doubled it and flipped its sign.
    const doubled = ({ a, b }: Pair) => ({ a: np.multiply(a, 2), b });
    expect(said(encode({ a: np.multiply(a, -2), b }), doubled)).toEqual(["the mistake", "sign"]);
  });
});
