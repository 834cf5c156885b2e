/**
 * Element-wise chains computed in one pass (lib/fusion.ts) against the same operations computed
 * one at a time, for the three chains of a planar training step: the sigmoid of Z2, the cost's
 * terms and backward's dZ1, on a trained planar network's values; and the deep network's first
 * ReLU, 6000 entries of mixed signs, and its backward pass written with np.where. "One at a time"
 * reads each result (with `get`, which leaves it the module's) before the next operation runs, so
 * each is a loop and a new array of its own, as before fusion. "Fused" chains run in WebAssembly SIMD (lib/simd-chains.ts), the cost's logs
 * too; "in JavaScript" with SIMD off. Alternating rounds, medians, in microseconds a chain. Then
 * a product read by a chain, computed inside it and as an array first.
 */

import { loadMoons } from "../assignments/deep-neural-network/dataset.ts";
import { NDArray, np } from "../assignments/lib/np.ts";
import { useSimd } from "../assignments/lib/simd.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { forwardPropagation, nnModel } from "../reference/planar-classifier/model.ts";
import { alternatingMedians } from "./rounds.ts";

const ROUNDS = 15;
const REPEATS = 2000;

/** Each step's result is computed before the next step runs. */
const now = <T>(x: T): T => {
  if (x instanceof NDArray) x.get(0, 0);
  return x;
};
const chained = <T>(x: T): T => x;
type Chain = (step: typeof now) => NDArray;

export function benchFusion(): void {
  const { X, Y } = loadPlanarDataset();
  const { parameters } = nnModel(X, Y, 4, { numIterations: 1000 });
  const { Z2, A1, A2 } = forwardPropagation(X, parameters).cache;
  const backFactor = np.dot(parameters.W2.T, np.subtract(A2, Y));
  // The deep assignment's first layer, [2, 20, ...], on the moons: W1·X is (20, 300).
  const rng = np.random.seed(1);
  const moons = loadMoons().X;
  const W1X = np.dot(np.multiply(rng.randn(20, 2), 0.5), moons);
  const b1 = np.multiply(rng.randn(20, 1), 0.1);
  const dA1 = rng.randn(20, moons.shape[1]);
  const chains: Record<string, Chain> = {
    "sigmoid(Z2), 400 entries": (s) => s(np.divide(1, s(np.add(1, s(np.exp(s(np.negative(Z2)))))))),
    "cost terms, 400 entries": (s) =>
      s(
        np.add(
          s(np.multiply(s(np.log(A2)), Y)),
          s(np.multiply(s(np.log(s(np.subtract(1, A2)))), s(np.subtract(1, Y)))),
        ),
      ),
    "dZ1, 1600 entries": (s) => s(np.multiply(backFactor, s(np.subtract(1, s(np.power(A1, 2)))))),
    "first ReLU, 6000 entries": (s) => s(np.maximum(s(np.add(W1X, b1)), 0)),
    // Its backward pass as numpy's dZ[Z <= 0] = 0 is written in TypeScript.
    "its backward by np.where": (s) => s(np.where(s(np.lessEqual(W1X, 0)), 0, dA1)),
  };
  const names = Object.keys(chains);
  const ways = {
    fused: { step: chained, simd: true },
    "in JavaScript": { step: chained, simd: false },
    "one at a time": { step: now, simd: true },
  };
  const at = microseconds(chains, ways, (chain, { step, simd }) => {
    const was = useSimd(simd);
    chain(step).get(0, 0);
    useSimd(was);
  });
  console.log(
    `\nelement-wise chains of a training step, fused (in WebAssembly SIMD), fused in JavaScript, and one at a time, ${ROUNDS} rounds alternating (median, µs a chain)`,
  );
  for (const name of names) {
    const fused = at(name, "fused");
    const javascript = at(name, "in JavaScript");
    const separate = at(name, "one at a time");
    console.log(
      `  ${name.padEnd(26)} fused ${fused.toFixed(2)}  in JavaScript ${javascript.toFixed(2)}  one at a time ${separate.toFixed(2)}  ratio one at a time / fused ${(separate / fused).toFixed(2)}`,
    );
  }
  benchProductsInChains(X, parameters.W1, parameters.b1);
}

/** Each of `chains` run each of `ways` by `run`, in alternating rounds: the median of each pair, in µs. */
function microseconds<Chain, Way>(
  chains: Record<string, Chain>,
  ways: Record<string, Way>,
  run: (chain: Chain, way: Way) => void,
): (chain: string, way: string) => number {
  const loops = Object.entries(chains).flatMap(([name, chain]) =>
    Object.entries(ways).map(([how, way]): [string, { repeats: number; run: () => void }] => [
      `${name}|${how}`,
      { repeats: REPEATS, run: () => run(chain, way) },
    ]),
  );
  const medians = alternatingMedians(ROUNDS, new Map(loops));
  return (chain, way) => (medians.get(`${chain}|${way}`) ?? Number.NaN) * 1e3;
}

/**
 * A product read by a chain, computed inside it (fusion.ts's Product), against the same product
 * read first, as an array of its own, then the chain: the planar tanh layer, tanh(W1·X + b1), and
 * a deep ReLU's backward pass, (W2ᵀ·dZ2)·(Z1 > 0) over (20, 300) with k = 7.
 */
function benchProductsInChains(X: NDArray, W1: NDArray, b1: NDArray): void {
  const rng = np.random.seed(2);
  const [W2T, dZ2, Z1] = [rng.randn(20, 7), rng.randn(7, 300), rng.randn(20, 300)];
  const chains: Record<string, (product: (x: NDArray) => NDArray) => NDArray> = {
    "tanh(W1·X + b1), (4,2)·(2,400)": (p) => np.tanh(np.add(p(np.dot(W1, X)), b1)),
    "ReLU backward, (20,7)·(7,300)": (p) => np.multiply(p(np.dot(W2T, dZ2)), np.greater(Z1, 0)),
  };
  const ways: Record<string, (x: NDArray) => NDArray> = {
    "inside the chain": chained,
    "as an array": now,
  };
  const at = microseconds(chains, ways, (chain, product) => chain(product).get(0, 0));
  console.log(
    `\na product read by a chain, computed inside it and as an array first, ${ROUNDS} rounds alternating (median, µs a chain)`,
  );
  for (const name of Object.keys(chains)) {
    const inside = at(name, "inside the chain");
    const array = at(name, "as an array");
    console.log(
      `  ${name.padEnd(31)} inside ${inside.toFixed(2)}  as an array ${array.toFixed(2)}  ratio array / inside ${(array / inside).toFixed(2)}`,
    );
  }
}
