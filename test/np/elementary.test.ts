/**
 * The array module's own exp and tanh (assignments/lib/elementary.ts): within one unit in the last
 * place of the correctly rounded value at every point of test/fixtures/elementary.json (made with
 * 60-digit arithmetic, which also shows numpy's own results are no closer), increasing wherever a
 * learner's law may compare neighbours, exact where the value is known (zeros, infinities, NaN,
 * overflow), odd where tanh is; and what np.exp and np.tanh compute, for arrays and numbers alike.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exp, tanh } from "../../assignments/lib/elementary.ts";
import { np } from "../../assignments/lib/np.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { around, handovers, ulps } from "./handovers.ts";

const fixture = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "test/fixtures/elementary.json"), "utf8"),
) as Record<"exp" | "tanh", [x: number, exact: number, numpy: number][]>;

const functions = { exp, tanh } as const;

describe.each(["exp", "tanh"] as const)("%s", (name) => {
  const fn = functions[name];
  const points = fixture[name];

  it("is within one unit in the last place of the correctly rounded value, at every point", () => {
    expect(points.length).toBeGreaterThan(1000);
    const off = points.filter(([x, exact]) => ulps(fn(x), exact) > 1);
    expect(off, "points further than 1 ulp").toEqual([]);
    // The correctly rounded value itself at least as often as numpy's and V8's Math are.
    const exactly = (f: (x: number) => number) =>
      points.filter(([x, exact]) => Object.is(f(x), exact)).length;
    const numpys = points.filter(([, exact, numpy]) => Object.is(numpy, exact)).length;
    expect(exactly(fn)).toBeGreaterThanOrEqual(numpys);
    expect(exactly(fn)).toBeGreaterThanOrEqual(exactly(Math[name]));
  });

  it("never decreases from one double to the next, where its formula or table hands over", () => {
    const centres = handovers(name);
    const decreasing: number[] = [];
    for (const centre of centres) {
      const xs = around(centre);
      for (let k = 1; k < xs.length; k++)
        if (fn(xs[k] as number) < fn(xs[k - 1] as number)) decreasing.push(xs[k] as number);
    }
    expect(centres.length).toBeGreaterThan(20_000);
    expect(decreasing, `${name} is smaller here than one double before`).toEqual([]);
  });
});

describe("where the value is known", () => {
  it("exp", () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(exp(710)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(-746)).toBe(0);
    // Subnormal results, left to Math.exp.
    expect(exp(-720)).toBe(Math.exp(-720));
    expect(exp(-720)).toBeGreaterThan(0);
    expect(exp(1)).toBe(Math.E);
  });

  it("tanh", () => {
    expect(Object.is(tanh(0), 0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Number.NaN)).toBeNaN();
    expect(tanh(Number.POSITIVE_INFINITY)).toBe(1);
    expect(tanh(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(tanh(30)).toBe(1);
    expect(tanh(1e-300)).toBe(1e-300);
    for (const [x] of fixture.tanh) expect(Object.is(tanh(-x), -tanh(x)), `tanh(-${x})`).toBe(true);
  });
});

describe("np.exp and np.tanh", () => {
  const xs = fixture.exp.map(([x]) => x).filter((x) => Math.abs(x) < 50);

  it("compute these, entry by entry, for arrays and for numbers alike", () => {
    const array = np.array([xs]);
    const e = np.exp(array);
    const t = np.tanh(array);
    xs.forEach((x, i) => {
      expect(Object.is(e.get(0, i), exp(x)), `exp(${x})`).toBe(true);
      expect(Object.is(np.exp(x), exp(x)), `np.exp(${x}) of a number`).toBe(true);
      expect(Object.is(t.get(0, i), tanh(x)), `tanh(${x})`).toBe(true);
      expect(Object.is(np.tanh(x), tanh(x)), `np.tanh(${x}) of a number`).toBe(true);
    });
  });
});
