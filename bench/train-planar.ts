/**
 * Times the reference nnModel (planar dataset, nH = 4) the way bench/numpy_planar.py times numpy's:
 * warm, in one process, after a run that is not timed. Prints one JSON line:
 * {"seconds": [...], "finalCost": c}. Used by bench/run.ts, which starts it in a process of its own
 * with the sandboxed child's environment, where learners' trainings run.
 *
 *     npx tsx bench/train-planar.ts [runs=1] [iterations=10000]
 */
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { nnModel } from "../reference/planar-classifier/model.ts";

const runs = Number(process.argv[2] ?? 1);
const iterations = Number(process.argv[3] ?? 10000);
const { X, Y } = loadPlanarDataset();
nnModel(X, Y, 4, { numIterations: iterations }); // warm: V8 optimises the kernels first
const seconds: number[] = [];
let finalCost = Number.NaN;
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  const { costs } = nnModel(X, Y, 4, { numIterations: iterations });
  seconds.push((performance.now() - start) / 1000);
  finalCost = costs.at(-1) as number;
}
console.log(JSON.stringify({ seconds, finalCost }));
