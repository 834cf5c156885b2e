/**
 * The two moons: 300 points in the plane, two interleaving half circles with noise, 150 of each
 * class (scikit-learn's `make_moons(300, noise=0.2)` without its shuffle, drawn with numpy's
 * generator from seed 0). Shipped as data in moons.json, written by
 * test/fixtures/make_deep_fixtures.py: they go through cos and sin, which V8 and numpy's C library
 * may round differently in the last bit, and the data must be numpy's exactly.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type NDArray, np } from "gradecheck/np";

export interface MoonsDataset {
  /** Features, (2, 300): row 0 is x, row 1 is y. */
  X: NDArray;
  /** Labels 0 or 1, (1, 300). */
  Y: NDArray;
}

export function loadMoons(): MoonsDataset {
  const { X, Y } = JSON.parse(readFileSync(join(import.meta.dirname, "moons.json"), "utf8")) as {
    X: number[][];
    Y: number[][];
  };
  return { X: np.array(X), Y: np.array(Y) };
}
