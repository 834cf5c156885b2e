/**
 * `gradecheck train` for this assignment (the manifest's `train`): trains a model's lLayerModel on
 * the two moons and prints the cost and the training accuracy, with the decision boundary its
 * lModelForward draws. Settings not given on the command line come from the manifest's
 * hyperparameters; the layers are the course's [·, 20, 7, 5, 1], the seed 1.
 */

import { param, type Trainer, type TrainSettings } from "../../grader/core/assignment.ts";
import { planeBoundary } from "../../grader/core/boundary.ts";
import { type NDArray, np } from "../lib/np.ts";
import { loadMoons } from "./dataset.ts";
import type * as Model from "./model.ts";
import { said } from "./words.ts";

type Trained = Pick<typeof Model, "lLayerModel" | "lModelForward">;

/** The layers `train` builds: the course's four-layer model on two features. */
export const LAYERS = [2, 20, 7, 5, 1];

export const trainer: Trainer = {
  uses: ["lLayerModel", "lModelForward"],
  takes: ["iterations", "learningRate", "seed"],
  train(module, settings: TrainSettings, hyperparameters, print) {
    const { lLayerModel, lModelForward } = module as unknown as Trained;
    const iterations = settings.iterations ?? param(hyperparameters, "numIterations");
    const learningRate = settings.learningRate ?? param(hyperparameters, "learningRate");
    const seed = settings.seed ?? 1;
    const { X, Y } = loadMoons();
    if (settings.quiet !== true)
      print(
        said("train.start", {
          model: settings.modelName,
          dims: `[${LAYERS.join(", ")}]`,
          iterations,
          rate: learningRate,
          seed,
        }),
      );
    const start = performance.now();
    const { parameters, costs } = lLayerModel(X, Y, LAYERS, {
      numIterations: iterations,
      learningRate,
      seed,
      printCost: settings.quiet !== true,
    });
    const predict = (points: NDArray) =>
      np.where(np.greater(lModelForward(points, parameters).AL, 0.5), 1, 0);
    const predictions = predict(X);
    const seconds = (performance.now() - start) / 1000;
    const correct = np.sum(np.equal(predictions, Y));
    const result = {
      accuracy: correct / Y.size,
      correct,
      examples: Y.size,
      finalCost: costs.at(-1) ?? Number.NaN,
      seconds,
      costs,
      costEvery: 100,
      ...planeBoundary(X, Y, predict, (error) =>
        print(said("train.no-boundary", { error: error.message })),
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
