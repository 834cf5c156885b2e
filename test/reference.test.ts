import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { np } from "../assignments/lib/np.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import * as ref from "../reference/planar-classifier/model.ts";
import { expectArray } from "./helpers.ts";

const training = JSON.parse(
  readFileSync(new URL("fixtures/planar-training.json", import.meta.url), "utf8"),
) as {
  runs: {
    nH: number;
    numIterations: number;
    learningRate: number;
    seed: number;
    costs: Record<string, number>;
    parameters: Record<"W1" | "b1" | "W2" | "b2", number[][]>;
    accuracy: number;
  }[];
};

/** A small network with weights of order 1 (tanh not linear) and non-zero biases. */
function smallNetwork(nX: number, nH: number, nY: number, m: number, seed: number) {
  const rng = np.random.seed(seed);
  const parameters: ref.Parameters = {
    W1: rng.randn(nH, nX),
    b1: np.multiply(rng.randn(nH, 1), 0.5),
    W2: rng.randn(nY, nH),
    b2: np.multiply(rng.randn(nY, 1), 0.5),
  };
  const X = rng.randn(nX, m);
  const Y = np.greater(rng.rand(nY, m), 0.5);
  return { parameters, X, Y };
}

describe("reference: each function on hand-checked inputs", () => {
  it("sigmoid", () => {
    expectArray(ref.sigmoid(np.array([[0, 2, -2]])), [
      [0.5, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(2))],
    ]);
    // No overflow to NaN far out in the tails.
    expect(ref.sigmoid(np.array([[-800, 800]])).tolist()).toEqual([[0, 1]]);
  });

  it("layerSizes reads nX and nY from the rows and fixes nH at 4", () => {
    expect(ref.layerSizes(np.zeros([2, 3]), np.zeros([1, 3]))).toEqual({ nX: 2, nH: 4, nY: 1 });
    expect(ref.layerSizes(np.zeros([5, 7]), np.zeros([3, 7]))).toEqual({ nX: 5, nH: 4, nY: 3 });
  });

  it("initializeParameters draws W1 then W2 like numpy with seed 2", () => {
    const p = ref.initializeParameters(2, 4, 1, np.random.seed(2));
    // numpy: np.random.seed(2); np.random.randn(4, 2) * 0.001; np.random.randn(1, 4) * 0.001
    const w1 = [
      [-0.4167578474054706, -0.056266827226329474],
      [-2.136196095668454, 1.6402708084049886],
      [-1.7934355851948631, -0.841747365656204],
      [0.5028814171580428, -1.2452880866072316],
    ];
    const w2 = [[-1.057952218862339, -0.9090076149268493, 0.5514540445464243, 2.2922080128149576]];
    expectArray(
      p.W1,
      w1.map((r) => r.map((v) => v * 0.001)),
      1e-15,
    );
    expectArray(
      p.W2,
      w2.map((r) => r.map((v) => v * 0.001)),
      1e-15,
    );
    expect(p.b1.tolist()).toEqual([[0], [0], [0], [0]]);
    expect(p.b2.tolist()).toEqual([[0]]);
    const scaled = ref.initializeParameters(2, 4, 1, np.random.seed(2), 0.01);
    expectArray(
      scaled.W1,
      w1.map((r) => r.map((v) => v * 0.01)),
      1e-15,
    );
  });

  it("forwardPropagation on a 2-3-1 network, checked by scalar arithmetic", () => {
    const parameters = {
      W1: np.array([
        [0.5, -1],
        [1, 2],
        [-0.3, 0.1],
      ]),
      b1: np.array([[0.1], [-0.2], [0]]),
      W2: np.array([[1, -2, 0.5]]),
      b2: np.array([[0.3]]),
    };
    const X = np.array([
      [1, -1],
      [2, 0.5],
    ]);
    const { A2, cache } = ref.forwardPropagation(X, parameters);
    // Column 0: x = (1, 2). Z1 = (0.5 - 2 + 0.1, 1 + 4 - 0.2, -0.3 + 0.2) = (-1.4, 4.8, -0.1)
    // Column 1: x = (-1, 0.5). Z1 = (-0.5 - 0.5 + 0.1, -1 + 1 - 0.2, 0.3 + 0.05) = (-0.9, -0.2, 0.35)
    const z1 = [
      [-1.4, -0.9],
      [4.8, -0.2],
      [-0.1, 0.35],
    ];
    expectArray(cache.Z1, z1, 1e-15, { relative: true });
    const a1 = z1.map((r) => r.map(Math.tanh));
    expectArray(cache.A1, a1, 1e-15, { relative: true });
    const [h0 = [], h1 = [], h2 = []] = a1;
    const z2 = [0, 1].map(
      (j) => 0.3 + 1 * (h0[j] as number) - 2 * (h1[j] as number) + 0.5 * (h2[j] as number),
    );
    expectArray(cache.Z2, [z2], 1e-15, { relative: true });
    expectArray(A2, [z2.map((z) => 1 / (1 + Math.exp(-z)))], 1e-15);
    expect(cache.A2).toBe(A2);
  });

  it("computeCost is the mean cross-entropy, a number", () => {
    expect(ref.computeCost(np.array([[0.5, 0.5]]), np.array([[1, 0]]))).toBeCloseTo(Math.LN2, 15);
    const cost = ref.computeCost(np.array([[0.9, 0.2, 0.6]]), np.array([[1, 0, 1]]));
    expect(cost).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3, 14);
    // Several outputs: summed over every entry, divided by m (the columns).
    const multi = ref.computeCost(
      np.array([
        [0.9, 0.2],
        [0.3, 0.6],
      ]),
      np.array([
        [1, 0],
        [0, 1],
      ]),
    );
    expect(multi).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.8) + Math.log(0.7) + Math.log(0.6)) / 2,
      14,
    );
  });

  it.each([
    [2, 4, 1, 5],
    [3, 5, 2, 1],
    [2, 3, 3, 7],
  ])(
    "backwardPropagation matches central differences of the cost (nX=%i, nH=%i, nY=%i, m=%i)",
    (nX, nH, nY, m) => {
      const { parameters, X, Y } = smallNetwork(nX, nH, nY, m, 10 * nX + nH);
      const { cache } = ref.forwardPropagation(X, parameters);
      const grads = ref.backwardPropagation(parameters, cache, X, Y);
      const cost = (p: ref.Parameters) => ref.computeCost(ref.forwardPropagation(X, p).A2, Y);
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        const theta = parameters[name];
        const analytic = grads[`d${name}`];
        expect(analytic.shape).toEqual(theta.shape);
        const [rows, cols] = theta.shape;
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            const h = 1e-5;
            const shifted = (delta: number) => {
              const values = theta.tolist();
              (values[i] as number[])[j] = (values[i]?.[j] as number) + delta;
              return cost({ ...parameters, [name]: np.array(values) });
            };
            const numeric = (shifted(h) - shifted(-h)) / (2 * h);
            expect(analytic.get(i, j), `d${name}[${i}, ${j}]`).toBeCloseTo(numeric, 8);
          }
        }
      }
    },
  );

  it("updateParameters takes one step against the gradient and leaves its inputs alone", () => {
    const parameters = {
      W1: np.array([[1, 2]]),
      b1: np.array([[3]]),
      W2: np.array([[4]]),
      b2: np.array([[5]]),
    };
    const grads = {
      dW1: np.array([[0.5, -1]]),
      db1: np.array([[1]]),
      dW2: np.array([[-2]]),
      db2: np.array([[0]]),
    };
    const next = ref.updateParameters(parameters, grads, 0.5);
    expect(next.W1.tolist()).toEqual([[0.75, 2.5]]);
    expect(next.b1.tolist()).toEqual([[2.5]]);
    expect(next.W2.tolist()).toEqual([[5]]);
    expect(next.b2.tolist()).toEqual([[5]]);
    expect(parameters.W1.tolist()).toEqual([[1, 2]]);
    expect(ref.updateParameters(parameters, grads).W2.tolist()).toEqual([[4 + 1.2 * 2]]);
  });

  it("predict thresholds A2 above 0.5", () => {
    // One hidden unit passing x through almost linearly: A2 = sigmoid(w2·tanh(x) + b2).
    const parameters = {
      W1: np.array([[1]]),
      b1: np.array([[0]]),
      W2: np.array([[10]]),
      b2: np.array([[0]]),
    };
    const predictions = ref.predict(parameters, np.array([[-2, -0.1, 0.1, 3]]));
    expect(predictions.tolist()).toEqual([[0, 0, 1, 1]]);
  });
});

describe("reference: training on the planar dataset", () => {
  const { X, Y } = loadPlanarDataset();
  const accuracy = (p: ref.Parameters) => np.mean(np.equal(ref.predict(p, X), Y));

  it.each(training.runs)(
    "matches numpy's training run (nH = $nH, $numIterations iterations)",
    (run) => {
      const { parameters, costs } = ref.nnModel(X, Y, run.nH, {
        numIterations: run.numIterations,
        learningRate: run.learningRate,
        seed: run.seed,
      });
      expect(costs).toHaveLength(run.numIterations);
      for (const [i, cost] of Object.entries(run.costs)) {
        expect(costs[Number(i)], `cost at iteration ${i}`).toBeCloseTo(cost, 9);
      }
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        expectArray(parameters[name], run.parameters[name], 1e-7, { relative: true });
      }
      expect(accuracy(parameters)).toBe(run.accuracy);
    },
  );

  it("nH = 4 reaches at least 90% training accuracy; nH = 1 and 2 stay below 70%", () => {
    const result = Object.fromEntries(
      [1, 2, 4].map((nH) => [nH, accuracy(ref.nnModel(X, Y, nH).parameters)]),
    );
    expect(result[4]).toBeGreaterThanOrEqual(0.9);
    expect(result[1]).toBeLessThan(0.7);
    expect(result[2]).toBeLessThan(0.7);
  });

  it("printCost prints every 1000 iterations", () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      ref.nnModel(X, Y, 4, { numIterations: 2001, printCost: true });
    } finally {
      console.log = log;
    }
    expect(lines.map((l) => l.replace(/: .*/, ""))).toEqual([
      "Cost after iteration 0",
      "Cost after iteration 1000",
      "Cost after iteration 2000",
    ]);
    // The first cost is numpy's to the last digit (its sums are numpy's: test/np/sums.test.ts).
    const first = training.runs.find((run) => run.nH === 4 && run.seed === 2)?.costs["0"];
    expect(first).toBeTypeOf("number");
    expect(lines[0]).toBe(`Cost after iteration 0: ${first}`);
  });
});
