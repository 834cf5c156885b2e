/**
 * `gradecheck train`: trains a planar-classifier model (by default the reference where there is
 * one, else the learner's working copy) on the flower dataset and prints the cost and the training
 * accuracy. It runs the model in this process: a learner's tool for their own code, not grading.
 */
import { pathToFileURL } from "node:url";
import { NotImplementedError, np } from "../../assignments/lib/np.ts";
import { loadPlanarDataset } from "../../assignments/planar-classifier/dataset.ts";
// The learner's stub declares the same types as the reference, and ships with the release.
import type * as Model from "../../assignments/planar-classifier/model.ts";
import { ExitError } from "./errors.ts";

export interface TrainOptions {
  /** Absolute path of the model.ts to train. */
  model: string;
  /** How the model is named in messages (a path relative to where the user is). */
  modelName: string;
  hiddenSize: number;
  iterations: number;
  learningRate: number;
  seed: number;
}

export interface TrainResult {
  accuracy: number;
  correct: number;
  examples: number;
  finalCost: number;
  seconds: number;
}

type PlanarModel = Pick<typeof Model, "nnModel" | "predict">;

async function loadModel(path: string, name: string): Promise<PlanarModel> {
  let module: Partial<PlanarModel>;
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ExitError(2, `could not load ${name}: ${(error as Error).message}`);
  }
  for (const fn of ["nnModel", "predict"] as const) {
    if (typeof module[fn] !== "function") {
      throw new ExitError(2, `${name} does not export a function named ${fn}`);
    }
  }
  return module as PlanarModel;
}

export async function runTrain(
  options: TrainOptions,
  print: (line: string) => void,
): Promise<TrainResult> {
  const { nnModel, predict } = await loadModel(options.model, options.modelName);
  const { X, Y } = loadPlanarDataset();
  print(
    `Training ${options.modelName}: nH = ${options.hiddenSize}, ${options.iterations} iterations, ` +
      `learning rate ${options.learningRate}, seed ${options.seed}`,
  );
  try {
    const start = performance.now();
    const { parameters, costs } = nnModel(X, Y, options.hiddenSize, {
      numIterations: options.iterations,
      learningRate: options.learningRate,
      seed: options.seed,
      printCost: true,
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
    };
    print(
      `Training accuracy: ${(100 * result.accuracy).toFixed(2)}% (${correct} of ${Y.size}), ` +
        `final cost ${result.finalCost.toFixed(6)}, ${seconds.toFixed(2)} s`,
    );
    return result;
  } catch (error) {
    if (error instanceof NotImplementedError) {
      throw new ExitError(1, `${options.modelName}: ${error.message}`);
    }
    throw new ExitError(1, `${options.modelName} failed: ${(error as Error).stack ?? error}`);
  }
}
