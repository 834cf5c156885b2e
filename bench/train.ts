/**
 * Times a reference training the way bench/numpy_train.py times numpy's: warm, in one process,
 * after a run that is not timed. `planar` is nnModel on the planar dataset (nH = 4), `deep` the
 * deep assignment's end-to-end training: lLayerModel, layers [2, 20, 7, 5, 1], rate 0.3, on the
 * moons, `logistic` the logistic assignment's: model on its pictures (768 features, 209 training
 * pictures), rate 0.005. Prints one JSON line: {"seconds": [...], "finalCost": c}. Used by
 * bench/run.ts, which starts it in a process of its own with the sandboxed child's environment,
 * where learners' trainings run.
 *
 *     npx tsx bench/train.ts planar|deep|logistic [runs=1] [iterations=10000 (planar), 3000 (deep), 2000 (logistic)]
 */
import { loadMoons } from "../assignments/deep-neural-network/dataset.ts";
import { loadPictureDataset } from "../assignments/logistic-regression/dataset.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { lLayerModel } from "../reference/deep-neural-network/model.ts";
import { model as logisticModel } from "../reference/logistic-regression/model.ts";
import { nnModel } from "../reference/planar-classifier/model.ts";

/** Each training's iterations by default, and the training itself on its data, loaded once. */
const trainings: Record<string, () => [number, (iterations: number) => number[]]> = {
  planar: () => {
    const { X, Y } = loadPlanarDataset();
    return [10000, (numIterations) => nnModel(X, Y, 4, { numIterations }).costs];
  },
  deep: () => {
    const { X, Y } = loadMoons();
    const layers = [2, 20, 7, 5, 1];
    return [
      3000,
      (numIterations) =>
        lLayerModel(X, Y, layers, { numIterations, learningRate: 0.3, seed: 1, printCost: false })
          .costs,
    ];
  },
  logistic: () => {
    const { trainX, trainY, testX, testY } = loadPictureDataset();
    return [
      2000,
      (numIterations) =>
        logisticModel(trainX, trainY, testX, testY, { numIterations, learningRate: 0.005 }).costs,
    ];
  },
};

const [model = "planar", runs = "1", given] = process.argv.slice(2);
const setUp = trainings[model];
if (!setUp)
  throw new Error(
    `bench/train.ts: no training named ${model} (${Object.keys(trainings).join(", ")})`,
  );
const [byDefault, train] = setUp();
const iterations = Number(given ?? byDefault);
train(iterations); // warm: V8 optimises the kernels first
const seconds: number[] = [];
let finalCost = Number.NaN;
for (let r = 0; r < Number(runs); r++) {
  const start = performance.now();
  const costs = train(iterations);
  seconds.push((performance.now() - start) / 1000);
  finalCost = costs.at(-1) as number;
}
console.log(JSON.stringify({ seconds, finalCost }));
