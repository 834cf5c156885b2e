/**
 * `gradecheck train` for this assignment (the manifest's `train`): trains a model's nnModel on the
 * flower dataset and prints the cost and the training accuracy. Settings not given on the command
 * line come from the manifest's hyperparameters; the seed is the course's, 2.
 */
import { param, type Trainer, type TrainSettings } from "../../grader/core/assignment.ts";
import { np } from "../lib/np.ts";
import { loadPlanarDataset } from "./dataset.ts";
import type * as Model from "./model.ts";

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
    print(
      `Training ${settings.modelName}: nH = ${hiddenSize}, ${iterations} iterations, ` +
        `learning rate ${learningRate}, seed ${seed}`,
    );
    const start = performance.now();
    const { parameters, costs } = nnModel(X, Y, hiddenSize, {
      numIterations: iterations,
      learningRate,
      seed,
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
  },
};
