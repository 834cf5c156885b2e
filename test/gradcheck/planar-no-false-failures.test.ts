import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NDArray, np } from "../../assignments/lib/np.ts";
import {
  checkGradients,
  fromFunction,
  type Params,
  type Tensor,
} from "../../grader/checks/gradient/check.ts";
import type { Reference } from "../../grader/core/assignment.ts";
import { gradientCheckPoint } from "../../reference/planar-classifier/cases.ts";
import * as ref from "../../reference/planar-classifier/model.ts";

const tensor = (x: NDArray): Tensor => ({ shape: x.shape, data: x.data.slice() });
const array = (t: Tensor) => new NDArray(t.data.slice(), t.shape);

/** The reference's cost as a function of the parameters, at fixed data. */
function cost(X: NDArray, Y: NDArray) {
  return fromFunction((p: Params) => {
    const parameters = {
      W1: array(p.W1 as Tensor),
      b1: array(p.b1 as Tensor),
      W2: array(p.W2 as Tensor),
      b2: array(p.b2 as Tensor),
    };
    return ref.computeCost(ref.forwardPropagation(X, parameters).A2, Y);
  });
}

describe("the gradient checker never fails the reference's backward pass", () => {
  it("at unsaturated check points over random shapes, weights of order 1/√fan_in up to 2×, and data", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          nX: fc.integer({ min: 1, max: 4 }),
          nH: fc.integer({ min: 1, max: 6 }),
          nY: fc.integer({ min: 1, max: 3 }),
          m: fc.integer({ min: 1, max: 20 }),
          weightScale: fc.double({ min: 0.05, max: 2, noNaN: true }),
          seed: fc.integer({ min: 0, max: 2 ** 31 }),
          fast: fc.boolean(),
        }),
        async ({ nX, nH, nY, m, weightScale, seed, fast }) => {
          const { parameters, X, Y, cache } = gradientCheckPoint({
            params: { nX, nH, nY, m, weightScale },
            rng: np.random.seed(seed),
            seed,
            hyperparameters: { initScale: 0.001, learningRate: 1.2, numIterations: 10000, nH },
            reference: ref as unknown as Reference,
          });
          const grads = ref.backwardPropagation(parameters, cache, X, Y);
          const params = {
            W1: tensor(parameters.W1),
            b1: tensor(parameters.b1),
            W2: tensor(parameters.W2),
            b2: tensor(parameters.b2),
          };
          const claimed = {
            W1: tensor(grads.dW1),
            b1: tensor(grads.db1),
            W2: tensor(grads.dW2),
            b2: tensor(grads.db2),
          };
          const results = await checkGradients(cost(X, Y), params, claimed, {
            mode: fast ? "fast" : "full",
            directions: 3,
            seed,
          });
          const failed = results.filter((r) => r.verdict !== "passed");
          expect(failed, JSON.stringify(failed)).toEqual([]);
        },
      ),
      { seed: 20261128, numRuns: 300 },
    );
  }, 60_000);
});
