/**
 * `gradecheck train` for this assignment (the manifest's `train`): trains a model's nnModel on the
 * flower dataset and prints the cost and the training accuracy. Settings not given on the command
 * line come from the manifest's hyperparameters; the seed is the course's, 2.
 */
import {
  type Boundary,
  param,
  type Trainer,
  type TrainSettings,
} from "../../grader/core/assignment.ts";
import type { Said } from "../../grader/core/phrase.ts";
import { type NDArray, np } from "../lib/np.ts";
import { loadPlanarDataset } from "./dataset.ts";
import type * as Model from "./model.ts";
import { said } from "./words.ts";

type Trained = Pick<typeof Model, "nnModel" | "predict">;

export const trainer: Trainer = {
  uses: ["nnModel", "predict"],
  train(module, settings: TrainSettings, hyperparameters, print) {
    const { nnModel, predict } = module as unknown as Trained;
    const hiddenSize = settings.hiddenSize ?? param(hyperparameters, "nH");
    const iterations = settings.iterations ?? param(hyperparameters, "numIterations");
    const learningRate = settings.learningRate ?? param(hyperparameters, "learningRate");
    const seed = settings.seed ?? 2;
    const { X, Y } = loadPlanarDataset();
    if (settings.quiet !== true)
      print(
        said("train.start", {
          model: settings.modelName,
          nH: hiddenSize,
          iterations,
          rate: learningRate,
          seed,
        }),
      );
    const start = performance.now();
    const { parameters, costs } = nnModel(X, Y, hiddenSize, {
      numIterations: iterations,
      learningRate,
      seed,
      printCost: settings.quiet !== true,
    });
    const predictions = predict(parameters, X);
    const seconds = (performance.now() - start) / 1000;
    const correct = np.sum(np.equal(predictions, Y));
    const result = {
      accuracy: correct / Y.size,
      correct,
      examples: Y.size,
      finalCost: costs.at(-1) ?? Number.NaN,
      seconds,
      costs,
      ...withBoundary(() => boundary(X, Y, (grid) => predict(parameters, grid)), print),
    };
    print(
      said("train.accuracy", {
        percent: (100 * result.accuracy).toFixed(2),
        correct,
        examples: Y.size,
        cost: result.finalCost.toFixed(6),
        seconds: seconds.toFixed(2),
      }),
    );
    return result;
  },
};

/** Cells of the grid along each axis: fine enough to show the boundary, small enough to draw. */
const GRID_CELLS = 60;

/** The examples, and the model's prediction over a grid that covers them with a margin. */
function boundary(X: NDArray, Y: NDArray, predict: (grid: NDArray) => NDArray): Boundary {
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
  const grid = np.array([centres.map(([x]) => x), centres.map(([, y]) => y)]);
  const predicted = (predict(grid).tolist() as number[][])[0] ?? [];
  return {
    points: first.map((x, i) => ({ x, y: second[i] as number, label: labels[i] as number })),
    grid: centres.map(([x, y], i) => ({ x, y, prediction: predicted[i] as number })),
    step,
  };
}

/** The boundary, or none when the model's predict fails on the grid (said, not thrown). */
function withBoundary(make: () => Boundary, print: (line: Said) => void): { boundary?: Boundary } {
  try {
    return { boundary: make() };
  } catch (error) {
    print(said("train.no-boundary", { error: (error as Error).message }));
    return {};
  }
}
