import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";

describe("toEqual on arrays (test/setup/ndarray-equality.ts)", () => {
  it("tells arrays of one shape apart by their entries, computed or not", () => {
    const z = np.random.seed(3).randn(1, 400);
    expect(np.exp(z)).not.toEqual(np.exp(np.add(z, 1)));
    expect(np.exp(z)).toEqual(np.exp(z));
    expect({ A: np.tanh(z) }).not.toEqual({ A: np.tanh(np.negative(z)) });
  });

  it("tells arrays of different shapes apart, and an array from anything else", () => {
    expect(np.zeros([2, 3])).not.toEqual(np.zeros([3, 2]));
    expect(np.zeros([1, 2])).not.toEqual({ shape: [1, 2], data: new Float64Array(2) });
  });
});
