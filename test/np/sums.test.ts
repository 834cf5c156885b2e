/**
 * np.sum and np.mean add up as numpy 2 does, to the last bit: pairwise along a row and over every
 * entry, in order down the columns. The arrays are made here and in test/fixtures/make_sums.py
 * from the same integer generator; the fixture holds numpy's sums of them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NDArray, np } from "../../assignments/lib/np.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { expectArray } from "../helpers.ts";

interface SumCase {
  rows: number;
  cols: number;
  seed: number;
  all: number;
  axis0: number[] | null;
  axis1: number[];
}

const fixture = JSON.parse(readFileSync(join(PACKAGE_ROOT, "test/fixtures/sums.json"), "utf8")) as {
  scales: number[];
  cases: SumCase[];
};

/** make_sums.py's xorshift32 and entries, step for step. */
function entries(seed: number, count: number): Float64Array {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return Float64Array.from({ length: count }, () => {
    const high = next() >>> 5;
    const low = next() >>> 6;
    const fraction = (high * 67108864 + low) / 9007199254740992;
    return (fraction - 0.5) * (fixture.scales[next() % 7] as number);
  });
}

describe("np.sum against numpy's own sums (test/fixtures/sums.json)", () => {
  it("covers the lengths where numpy's pairwise summation changes course", () => {
    const lengths = new Set(fixture.cases.map((c) => c.cols));
    for (const n of [1, 7, 8, 9, 16, 127, 128, 129, 256, 257, 400, 5000])
      expect(lengths.has(n), `a row of ${n}`).toBe(true);
  });

  it.each(fixture.cases.map((c) => [`(${c.rows},${c.cols})`, c] as const))(
    "%s: every entry, each column and each row, to the bit",
    (_, { rows, cols, seed, all, axis0, axis1 }) => {
      const data = entries(seed, rows * cols);
      const x = new NDArray(data, [rows, cols]);
      expect(np.sum(x)).toBe(all);
      expectArray(
        np.sum(x, 1, true),
        axis1.map((v) => [v]),
      );
      expectArray(np.sum(x, 0), [axis0 ?? Array.from(data)]);
      expect(np.mean(x)).toBe(all / (rows * cols));
    },
  );

  it("a sum that is zero is +0, as numpy's, whatever the signs of the zeros", () => {
    for (const n of [1, 9, 200]) {
      const zeros = np.multiply(np.ones([1, n]), -0);
      expect(Object.is(np.sum(zeros), 0), `${n} negative zeros`).toBe(true);
      expect(Object.is(np.sum(zeros, 1).item(), 0)).toBe(true);
      expect(Object.is(np.sum(np.multiply(np.ones([n, 1]), -0), 0).item(), 0)).toBe(true);
    }
  });
});
