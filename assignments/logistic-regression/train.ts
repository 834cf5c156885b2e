/**
 * `gradecheck train` for this assignment (the manifest's `train`): trains a model's `model` on the
 * pictures and prints the cost as it goes and the training and test accuracy. Settings not given
 * on the command line come from the manifest's hyperparameters (the course's 2000 iterations at
 * 0.005).
 */
import { param, type Trainer, type TrainSettings } from "../../grader/core/assignment.ts";
import { np } from "../lib/np.ts";
import { loadPictureDataset } from "./dataset.ts";
import type * as Model from "./model.ts";
import { said } from "./words.ts";

type Trained = Pick<typeof Model, "model">;

export const trainer: Trainer = {
  uses: ["model"],
  takes: ["iterations", "learningRate"],
  train(module, settings: TrainSettings, hyperparameters, print) {
    const { model } = module as unknown as Trained;
    const iterations = settings.iterations ?? param(hyperparameters, "numIterations");
    const learningRate = settings.learningRate ?? param(hyperparameters, "learningRate");
    const { trainX, trainY, testX, testY } = loadPictureDataset();
    if (settings.quiet !== true)
      print(said("train.start", { model: settings.modelName, iterations, rate: learningRate }));
    const start = performance.now();
    const result = model(trainX, trainY, testX, testY, {
      numIterations: iterations,
      learningRate,
      printCost: settings.quiet !== true,
    });
    const seconds = (performance.now() - start) / 1000;
    const correct = np.sum(np.equal(result.yPredictionTrain, trainY));
    const testAccuracy = np.mean(np.equal(result.yPredictionTest, testY));
    const outcome = {
      accuracy: correct / trainY.size,
      correct,
      examples: trainY.size,
      finalCost: result.costs.at(-1) ?? Number.NaN,
      seconds,
      costs: result.costs,
      costEvery: 100,
    };
    print(
      said("train.accuracy", {
        train: (100 * outcome.accuracy).toFixed(2),
        test: (100 * testAccuracy).toFixed(2),
        cost: outcome.finalCost.toFixed(6),
        seconds: seconds.toFixed(2),
      }),
    );
    return outcome;
  },
};
