/**
 * No points for doing nothing: a submission whose functions return constants of the right shapes
 * satisfies many laws (sigma in (0, 1), a non-negative cost, an update unchanged by zero
 * gradients) and is consistent with itself. Gated tests (every property, and the self-consistency
 * gradient check) pay nothing unless their function's comparison tests pass.
 */
import { describe, expect, it } from "vitest";
import { gradeSource } from "../helpers.ts";

/** Every function returns a constant, shaped from its arguments; layerSizes alone is real. */
const CONSTANTS = `import { type NDArray, np, type RandomState } from "gradecheck/np";
const fill = (rows: number, cols: number, value: number): NDArray => np.add(np.zeros([rows, cols]), value);
export function sigmoid(z: NDArray): NDArray { return fill(z.shape[0], z.shape[1], 0.5); }
export function layerSizes(X: NDArray, Y: NDArray) { return { nX: X.shape[0], nH: 4, nY: Y.shape[0] }; }
export function initializeParameters(nX: number, nH: number, nY: number, _rng: RandomState, scale = 0.001) {
  return { W1: fill(nH, nX, scale), b1: np.zeros([nH, 1]), W2: fill(nY, nH, -scale), b2: np.zeros([nY, 1]) };
}
export function forwardPropagation(X: NDArray, p: { W1: NDArray; W2: NDArray }) {
  const m = X.shape[1];
  const [nH] = p.W1.shape;
  const [nY] = p.W2.shape;
  const A2 = fill(nY, m, 0.5);
  return { A2, cache: { Z1: fill(nH, m, 0), A1: fill(nH, m, 0), Z2: fill(nY, m, 0), A2 } };
}
export function computeCost(_A2: NDArray, _Y: NDArray): number { return 0.6931471805599453; }
export function backwardPropagation(p: { W1: NDArray; b1: NDArray; W2: NDArray; b2: NDArray }) {
  const zero = (a: NDArray) => np.zeros([a.shape[0], a.shape[1]]);
  return { dW1: zero(p.W1), db1: zero(p.b1), dW2: zero(p.W2), db2: zero(p.b2) };
}
export function updateParameters<P>(parameters: P): P { return parameters; }
export function nnModel(X: NDArray, Y: NDArray, nH: number) {
  const p = initializeParameters(X.shape[0], nH, Y.shape[0], undefined as unknown as RandomState);
  return { parameters: p, costs: [0.6931471805599453] };
}
export function predict(_p: unknown, X: NDArray): NDArray { return np.zeros([1, X.shape[1]]); }
`;

describe("a submission of constants", () => {
  it("earns no point from a law or a self-consistency check of a function that fails its comparisons", async () => {
    const report = await gradeSource(CONSTANTS, { hidden: false });
    const gated = report.tests.filter(
      (t) => t.kind === "property" || t.id === "backwardPropagation.consistency",
    );
    // The constants do satisfy laws: the gate is what keeps their points away.
    const satisfied = gated.filter((t) => t.status === "passed");
    expect(satisfied.map((t) => t.id)).toEqual(
      expect.arrayContaining(["sigmoid.symmetry.property", "backwardPropagation.consistency"]),
    );
    const failedCompare = new Set(
      report.tests
        .filter((t) => t.kind === "compare" && t.status !== "passed")
        .map((t) => t.function),
    );
    for (const t of satisfied) {
      if (!failedCompare.has(t.function)) continue;
      expect(t.score, t.id).toBe(0);
      expect(t.message, t.id).toContain(`paid once ${t.function}'s comparison tests pass`);
    }
    // layerSizes is real: its comparisons pass, so its law pays.
    expect(report.tests.find((t) => t.id === "layerSizes.rows.property")?.score).toBe(0.25);
    const layerSizes = report.functions.find((f) => f.name === "layerSizes");
    expect(report.score).toBe(layerSizes?.score);
  }, 120_000);
});
