import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { expectArray } from "./helpers.ts";

const fixture = JSON.parse(
  readFileSync(new URL("fixtures/planar-dataset.json", import.meta.url), "utf8"),
) as { X: number[][]; Y: number[][] };

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
    expectArray(X, fixture.X, 1e-12);
  });

  it("Y matches numpy exactly", () => {
    expectArray(Y, fixture.Y, 0);
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
