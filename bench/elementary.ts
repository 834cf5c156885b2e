/**
 * The array module's exp and tanh (lib/elementary.ts) against JavaScript's Math.exp and
 * Math.tanh, each over the 1600 entries of a hidden layer's Z1 (planar network, 4 hidden units,
 * trained 1000 iterations: the values a training step sees), in the loop np.exp and np.tanh run,
 * each loop writing a new array as np's do.
 * Alternating rounds, medians, in nanoseconds an entry. Figures only.
 */

import { map } from "../assignments/lib/kernels.ts";
import { allocate } from "../assignments/lib/storage.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { median } from "../grader/core/stats.ts";
import { forwardPropagation, nnModel } from "../reference/planar-classifier/model.ts";

const ROUNDS = 15;
const REPEATS = 2000;

export function benchElementary(): void {
  const { X, Y } = loadPlanarDataset();
  const { parameters } = nnModel(X, Y, 4, { numIterations: 1000 });
  const z = forwardPropagation(X, parameters).cache.Z1.data;
  const loops: Record<string, () => void> = {
    "np.exp": () => map(z, "exp"),
    "Math.exp": () => {
      const out = allocate(z.length);
      for (let i = 0; i < z.length; i++) out[i] = Math.exp(z[i] as number);
    },
    "np.tanh": () => map(z, "tanh"),
    "Math.tanh": () => {
      const out = allocate(z.length);
      for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i] as number);
    },
  };
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(loops).map((name) => [name, []]),
  );
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, loop] of Object.entries(loops)) {
      const start = performance.now();
      for (let r = 0; r < REPEATS; r++) loop();
      const ns = ((performance.now() - start) * 1e6) / (REPEATS * z.length);
      // The first round only warms the loops up.
      if (round > 0) times[name]?.push(ns);
    }
  }
  const at = (name: string) => median(times[name] ?? []);
  console.log(
    `\nexp and tanh over a hidden layer's ${z.length} entries, ${ROUNDS} rounds alternating (median, ns an entry)`,
  );
  for (const fn of ["exp", "tanh"]) {
    const [ours, js] = [at(`np.${fn}`), at(`Math.${fn}`)];
    console.log(
      `  np.${fn.padEnd(5)} ${ours.toFixed(2)}  Math.${fn.padEnd(5)} ${js.toFixed(2)}  ratio Math / np ${(js / ours).toFixed(2)}`,
    );
  }
}
