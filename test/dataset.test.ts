import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NDArray } from "../assignments/lib/np.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";

const fixture = JSON.parse(
  readFileSync(new URL("fixtures/planar-dataset.json", import.meta.url), "utf8"),
) as { X: number[][]; Y: number[][] };

/** Type, then shape, then every entry within `tolerance`, the worst entry in the message. */
function expectClose(actual: unknown, expected: number[][], tolerance: number): void {
  expect(actual).toBeInstanceOf(NDArray);
  const a = actual as NDArray;
  expect(a.shape, "shape").toEqual([expected.length, expected[0]?.length ?? 0]);
  let worst = { error: 0, at: "" };
  expected.forEach((row, i) => {
    row.forEach((e, j) => {
      const v = a.get(i, j);
      const error = Number.isNaN(v - e) ? Infinity : Math.abs(v - e);
      if (error > worst.error) worst = { error, at: `[${i}, ${j}]: expected ${e}, got ${v}` };
    });
  });
  expect(worst.error, `worst entry ${worst.at}`).toBeLessThanOrEqual(tolerance);
}

describe("loadPlanarDataset reproduces numpy's load_planar_dataset", () => {
  const { X, Y } = loadPlanarDataset();

  it("the fixture is the course's (2,400) and (1,400)", () => {
    expect(fixture.X).toHaveLength(2);
    expect(fixture.X.every((row) => row.length === 400)).toBe(true);
    expect(fixture.Y).toHaveLength(1);
    expect(fixture.Y[0]).toHaveLength(400);
  });

  it("shapes are (2,400) and (1,400)", () => {
    expect(X.shape).toEqual([2, 400]);
    expect(Y.shape).toEqual([1, 400]);
  });

  it("X matches numpy within 1e-12 per entry", () => {
    expectClose(X, fixture.X, 1e-12);
  });

  it("Y matches numpy exactly", () => {
    expectClose(Y, fixture.Y, 0);
  });

  it("labels are exactly 0 or 1: 0 in the first 200 columns, 1 in the last 200", () => {
    const labels = Array.from(Y.data);
    expect(labels.every((v) => v === 0 || v === 1)).toBe(true);
    expect(labels.filter((v) => v === 0)).toHaveLength(200);
    expect(labels.filter((v) => v === 1)).toHaveLength(200);
    expect(labels.slice(0, 200).every((v) => v === 0)).toBe(true);
    expect(labels.slice(200).every((v) => v === 1)).toBe(true);
  });

  it("points lie on the rose's petals: |r| at most about 4 plus noise", () => {
    for (let j = 0; j < 400; j++) {
      const r = Math.hypot(X.get(0, j), X.get(1, j));
      expect(Number.isFinite(r)).toBe(true);
      expect(r).toBeLessThan(6);
    }
  });

  it("is deterministic: a second load gives identical arrays", () => {
    const again = loadPlanarDataset();
    expect(again.X.tolist()).toEqual(X.tolist());
    expect(again.Y.tolist()).toEqual(Y.tolist());
    expect(again.X).not.toBe(X);
  });
});
