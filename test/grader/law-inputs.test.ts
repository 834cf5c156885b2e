/**
 * The doubles the laws draw (grader/checks/law-inputs.ts): thousandths within their range, an end
 * now and then, nothing a learner cannot read in a counterexample, and shrinking toward 0 or the
 * end nearest it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { double } from "../../grader/checks/law-inputs.ts";

/** The ranges the assignments' laws draw from. */
const RANGES: [number, number][] = [
  [-1, 1],
  [-5, 5],
  [-800, 800],
  [0.001, 2],
  [0.5, 5],
  [1e-6, 1 - 1e-6],
];

describe("the doubles the laws draw", () => {
  it.each(RANGES)(
    "in [%d, %d] are thousandths or an end, a tenth to a quarter of them an end",
    (min, max) => {
      const draws = fc.sample(double(min, max), { numRuns: 5000, seed: 7 });
      for (const x of draws) {
        expect(x >= min && x <= max, `${x}`).toBe(true);
        const thousandth = Math.round(x * 1000) / 1000 === x;
        expect(x === min || x === max || thousandth, `${x}`).toBe(true);
      }
      const ends = draws.filter((x) => x === min || x === max).length / draws.length;
      expect(ends).toBeGreaterThan(0.08);
      expect(ends).toBeLessThan(0.3);
      // Both ends come, and thousandths across the range.
      expect(draws).toContain(min);
      expect(draws).toContain(max);
      expect(Math.min(...draws.filter((x) => x !== min))).toBeLessThan(min + (max - min) / 10);
      expect(Math.max(...draws.filter((x) => x !== max))).toBeGreaterThan(max - (max - min) / 10);
    },
  );

  /** The counterexample fast-check shrinks to for a law that fails wherever `fails` holds. */
  const shrunk = (min: number, max: number, fails: (x: number) => boolean) => {
    const details = fc.check(
      fc.property(double(min, max), (x) => !fails(x)),
      { seed: 11, numRuns: 1000 },
    );
    return details.counterexample?.[0];
  };

  it("shrink toward 0, or the end nearest it when 0 is out of range", () => {
    expect(shrunk(-5, 5, () => true)).toBe(0);
    expect(shrunk(-800, 800, () => true)).toBe(0);
    expect(shrunk(0.5, 5, () => true)).toBe(0.5);
    expect(shrunk(0.001, 2, () => true)).toBe(0.001);
    expect(shrunk(1e-6, 1 - 1e-6, () => true)).toBe(1e-6);
  });

  it("shrink to the smallest failing thousandth, never to a denormal", () => {
    expect(shrunk(-5, 5, (x) => x >= 1.25)).toBe(1.25);
    expect(shrunk(-5, 5, (x) => x > 0)).toBe(0.001);
    expect(shrunk(-5, 5, (x) => x <= -2)).toBe(-2);
    expect(shrunk(0.5, 5, (x) => x > 4.5)).toBe(4.501);
  });
});
