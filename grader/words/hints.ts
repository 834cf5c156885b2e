/** A wrong answer's hint, in words. */
import type { Hint } from "../core/report.ts";

export function wordHint(hint: Hint): string {
  switch (hint.code) {
    case "array-for-number":
      return "return a plain number, not a (1,1) array: np.sum(x) without an axis gives a number, or use .item()";
    case "row-for-column":
      return "a (1, n) row where an (n, 1) column was expected: a sum along axis 1 needs keepdims, np.sum(x, 1, true)";
    case "transposed-shape":
      return `the result is transposed: (${hint.actual.join(",")}) instead of (${hint.expected.join(",")})`;
    case "square-for-column":
      return "an (n, n) result where an (n, 1) column was expected: a row and a column broadcast together; a sum without keepdims?";
    case "all-zeros":
      return "the result is all zeros";
    case "transposed":
      return "the result is transposed";
    case "sign":
      return "the sign is flipped";
    case "m-times":
      return `it is m = ${hint.m} times too large: the 1/m is missing`;
    case "m-times-smaller":
      return `it is m = ${hint.m} times too small: divided by m twice?`;
    case "twice":
      return "it is exactly twice the expected value: an extra factor of 2";
    case "half":
      return "it is exactly half the expected value: a missing factor of 2";
    case "factor":
      return `it is the expected value times ${hint.factor.toPrecision(4)}: a constant factor is wrong`;
    case "varies":
      return "called twice with the same inputs, it returned different results (does it use Math.random, or anything but its arguments)";
    case "mistake":
      return hint.sentence;
  }
}
