/**
 * `gradecheck train` for this assignment (the manifest's `train`): trains a model's nnModel on the
 * flower dataset and prints the cost and the training accuracy. Settings not given on the command
 * line come from the manifest's hyperparameters; the seed is the course's, 2.
 */
import { param, type Trainer, type TrainSettings } from "../../grader/core/assignment.ts";
import { planeBoundary } from "../../grader/core/boundary.ts";
import { np } from "../lib/np.ts";
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
      ...planeBoundary(
        X,
        Y,
        (grid) => predict(parameters, grid),
        (error) => print(said("train.no-boundary", { error: error.message })),
      ),
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
