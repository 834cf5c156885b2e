/**
 * The two moons: 300 points in the plane, two interleaving half circles with noise, 150 of each
 * class (scikit-learn's `make_moons(300, noise=0.2)` without its shuffle, drawn with numpy's
 * generator from seed 0). Shipped as data in moons.json, written by
 * test/fixtures/make_deep_fixtures.py: they go through cos and sin, which V8 and numpy's C library
 * may round differently in the last bit, and the data must be numpy's exactly.
 */
import { type NDArray, np } from "gradecheck/np";
import moons from "./moons.json" with { type: "json" };

export interface MoonsDataset {
  /** Features, (2, 300): row 0 is x, row 1 is y. */
  X: NDArray;
  /** Labels 0 or 1, (1, 300). */
  Y: NDArray;
}

export function loadMoons(): MoonsDataset {
  return { X: np.array(moons.X), Y: np.array(moons.Y) };
}
