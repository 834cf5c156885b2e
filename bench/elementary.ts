/**
 * The array module's exp and tanh (lib/elementary.ts) against JavaScript's Math.exp and
 * Math.tanh, each over the 1600 entries of a hidden layer's Z1 (planar network, 4 hidden units,
 * trained 1000 iterations: the values a training step sees), in the loop np.exp and np.tanh run
 * on small arrays, each loop writing a new array as np's do; and tanh in WebAssembly SIMD
 * (lib/simd.ts), as np.tanh computes an array of 256 entries or more, its entries copied in and out.
 * Alternating rounds, medians, in nanoseconds an entry. Figures only.
 */

import { map } from "../assignments/lib/kernels.ts";
import { simdTanh } from "../assignments/lib/simd.ts";
import { allocate } from "../assignments/lib/storage.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { forwardPropagation, nnModel } from "../reference/planar-classifier/model.ts";
import { alternatingMedians } from "./rounds.ts";

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
    "SIMD tanh": () => {
      if (!simdTanh(z.length, (into) => into.set(z), allocate(z.length)))
        throw new Error("bench/elementary.ts: the SIMD tanh declined (no WebAssembly SIMD here?)");
    },
  };
  const medians = alternatingMedians(
    ROUNDS,
    new Map(Object.entries(loops).map(([name, run]) => [name, { repeats: REPEATS, run }])),
  );
  const at = (name: string) => ((medians.get(name) ?? Number.NaN) * 1e6) / z.length;
  console.log(
    `\nexp and tanh over a hidden layer's ${z.length} entries, ${ROUNDS} rounds alternating (median, ns an entry)`,
  );
  for (const fn of ["exp", "tanh"]) {
    const [ours, js] = [at(`np.${fn}`), at(`Math.${fn}`)];
    console.log(
      `  np.${fn.padEnd(5)} ${ours.toFixed(2)}  Math.${fn.padEnd(5)} ${js.toFixed(2)}  ratio Math / np ${(js / ours).toFixed(2)}`,
    );
  }
  const [scalar, simd] = [at("np.tanh"), at("SIMD tanh")];
  console.log(
    `  tanh in WebAssembly SIMD ${simd.toFixed(2)}  (the same bits; ratio scalar np.tanh / SIMD ${(scalar / simd).toFixed(2)})`,
  );
}
