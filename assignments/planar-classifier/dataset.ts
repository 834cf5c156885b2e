/**
 * The course's "flower" dataset: two classes of 200 points each on the petals of a rose curve
 * r = 4·sin(4t), with noise. Reproduces numpy's `load_planar_dataset()` draw for draw.
 */
import { NDArray, np } from "gradecheck/np";

export interface Dataset {
  /** Features, shape (2, m): row 0 is x, row 1 is y. */
  X: NDArray;
  /** Labels 0 or 1, shape (1, m). */
  Y: NDArray;
}

/** X with shape (2, 400) and Y with shape (1, 400), from seed 1 as in the course. */
export function loadPlanarDataset(): Dataset {
  const rng = np.random.seed(1);
  const perClass = 200;
  const petals = 4;
  const m = 2 * perClass;
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  for (let j = 0; j < 2; j++) {
    // Draw order matters for reproducing numpy: t-noise, then r-noise, class by class.
    const t = np.add(
      np.linspace(j * 3.12, (j + 1) * 3.12, perClass),
      np.multiply(rng.randn(1, perClass), 0.2),
    );
    const r = np.add(
      np.multiply(np.sin(np.multiply(t, 4)), petals),
      np.multiply(rng.randn(1, perClass), 0.2),
    );
    for (let i = 0; i < perClass; i++) {
      const ti = t.data[i] as number;
      const ri = r.data[i] as number;
      const col = j * perClass + i;
      X[col] = ri * Math.sin(ti);
      X[m + col] = ri * Math.cos(ti);
      Y[col] = j;
    }
  }
  // Copies with storage of their own: an array over a caller's Float64Array is copied again each
  // time an expression reads it (the caller might write to it), every iteration of a training.
  return { X: new NDArray(X, [2, m]).copy(), Y: new NDArray(Y, [1, m]).copy() };
}
