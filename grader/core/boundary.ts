/**
 * A trained model's decision boundary in the plane, for `gradecheck train`'s picture: the examples
 * with their labels, and the model's prediction at the centre of each cell of a grid that covers
 * them with a margin. Any assignment whose data are points in the plane uses it.
 */
import { type NDArray, np } from "../../assignments/lib/np.ts";
import type { Boundary } from "./assignment.ts";

/** Cells of the grid along each axis: fine enough to show the boundary, small enough to draw. */
const GRID_CELLS = 60;

/**
 * The boundary of `predict` (a (1, n) array of 0 and 1 for a (2, n) array of points), or none
 * when it fails on the grid: `failed` is told why, and the picture is left out.
 */
export function planeBoundary(
  X: NDArray,
  Y: NDArray,
  predict: (grid: NDArray) => NDArray,
  failed: (error: Error) => void,
): { boundary?: Boundary } {
  const xs = X.tolist() as number[][];
  const [first = [], second = []] = xs;
  const labels = (Y.tolist() as number[][])[0] ?? [];
  const range = (values: number[]) => [Math.min(...values) - 1, Math.max(...values) + 1] as const;
  const [x0, x1] = range(first);
  const [y0, y1] = range(second);
  const step = Math.max(x1 - x0, y1 - y0) / GRID_CELLS;
  const centres: [number, number][] = [];
  for (let x = x0 + step / 2; x < x1; x += step)
    for (let y = y0 + step / 2; y < y1; y += step) centres.push([x, y]);
  let predicted: number[];
  try {
    const grid = np.array([centres.map(([x]) => x), centres.map(([, y]) => y)]);
    predicted = (predict(grid).tolist() as number[][])[0] ?? [];
  } catch (error) {
    failed(error instanceof Error ? error : new Error(String(error)));
    return {};
  }
  return {
    boundary: {
      points: first.map((x, i) => ({ x, y: second[i] as number, label: labels[i] as number })),
      grid: centres.map(([x, y], i) => ({ x, y, prediction: predicted[i] as number })),
      step,
    },
  };
}
