import { describe, expect, it } from "vitest";
import { activeTracer } from "../../assignments/lib/ndarray.ts";
import { NDArray, np } from "../../assignments/lib/np.ts";
import {
  checkGradients,
  type Evaluation,
  fromFunction,
  numericGradient,
  type Params,
  type Tensor,
} from "../../grader/checks/gradient/check.ts";
import { fromArrays } from "../../grader/checks/gradient/forward-objective.ts";
import { tensorOf } from "../../grader/checks/gradient/tensors.ts";
import { describeTensor } from "../../grader/checks/gradient/wording.ts";

const t = (rows: number[][]): Tensor => ({
  shape: [rows.length, rows[0]?.length ?? 0],
  data: Float64Array.from(rows.flat()),
});
const map = (x: Tensor, f: (v: number) => number): Tensor => ({
  shape: x.shape,
  data: x.data.map(f),
});
const sum = (x: Tensor, f: (v: number) => number) => x.data.reduce((acc, v) => acc + f(v), 0);

const full = { mode: "full", directions: 4, seed: 1 } as const;
const fast = { mode: "fast", directions: 4, seed: 1 } as const;
const context = { examples: [] };

const W = t([
  [0.5, -1.5, 2],
  [3, -0.25, 1e-3],
]);
const quadratic = fromFunction((p) => sum(p.W as Tensor, (v) => 3 * v * v));
const exp = fromFunction((p) => sum(p.W as Tensor, Math.exp));
const logSumExp = fromFunction((p) => Math.log(sum(p.W as Tensor, Math.exp)));
const lse = sum(W, Math.exp);

describe("checkGradients on functions with known gradients", () => {
  it.each([
    ["a quadratic", quadratic, map(W, (v) => 6 * v)],
    ["exp", exp, map(W, Math.exp)],
    ["log-sum-exp", logSumExp, map(W, (v) => Math.exp(v) / lse)],
  ])("passes the right gradient of %s, in full and fast mode", async (_, objective, gradient) => {
    for (const options of [full, fast]) {
      const [result] = await checkGradients(objective, { W }, { W: gradient }, options);
      expect(result?.verdict, JSON.stringify(result)).toBe("passed");
    }
  });

  it("fails a wrong gradient in both modes, entry by entry before reporting", async () => {
    for (const options of [full, fast]) {
      const [result] = await checkGradients(
        quadratic,
        { W },
        { W: map(W, (v) => 12 * v) },
        options,
      );
      expect(result).toMatchObject({ verdict: "failed", fast: false, checked: 6 });
      if (result?.verdict !== "failed") throw new Error("unreachable");
      expect(result.alpha).toBeCloseTo(2, 6);
      expect(result.cosine).toBeCloseTo(1, 9);
    }
  });

  it.each([
    [(v: number) => -6 * v, "the sign is flipped"],
    [(v: number) => 12 * v, "an extra factor of 2"],
    [(v: number) => 3 * v, "a missing factor of 2"],
    [(v: number) => 6 * v * 7, "it is m = 7 times too large: the 1/m is missing"],
    [(v: number) => 6 * v + v * v, "not a constant factor"],
  ])("names the pattern of a wrong gradient (%s)", async (wrong, hint) => {
    const [result] = await checkGradients(quadratic, { W }, { W: map(W, wrong) }, full);
    if (!result) throw new Error("no result");
    expect(describeTensor(result, { examples: [7] })).toContain(hint);
  });

  it("words a failure with the ratio, cosine and worst entry", async () => {
    const [result] = await checkGradients(quadratic, { W }, { W: map(W, (v) => 12 * v) }, full);
    if (!result) throw new Error("no result");
    expect(describeTensor(result, context)).toBe(
      "dW: wrong. Your gradient is 2.00× the numeric one (cosine 1.000): it is exactly twice the expected value: an extra factor of 2. Worst entry W[1,0]: yours 36, numeric 18.",
    );
  });

  it("reports a gradient of the wrong shape, and a transposed one as such", async () => {
    const [result] = await checkGradients(
      quadratic,
      { W },
      {
        W: t([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      },
      full,
    );
    expect(result).toEqual({ name: "W", verdict: "wrong-shape", expected: [2, 3], actual: [3, 2] });
    if (!result) throw new Error("no result");
    expect(describeTensor(result, context)).toBe(
      "dW: wrong shape (3,2), the parameter W is (2,3): it is transposed.",
    );
  });

  it("reports a gradient that is not there as missing, not as one of shape (0,0)", async () => {
    const [result] = await checkGradients(quadratic, { W }, { W: undefined }, full);
    expect(result).toEqual({ name: "W", verdict: "missing", expected: [2, 3] });
    if (!result) throw new Error("no result");
    expect(describeTensor(result, context)).toBe(
      "dW: missing: your gradients have no array dW, for the parameter W (2,3).",
    );
  });

  it("an entry whose perturbation crosses a ReLU kink is not checked, never failed", async () => {
    // f(W) = Σ relu(w): the gradient is 1 for w > 0 and 0 for w < 0; at w = 0 there is no derivative.
    const relu = (p: Params): Evaluation => ({
      value: sum(p.W as Tensor, (v) => Math.max(0, v)),
      kinks: (p.W as Tensor).data,
    });
    const atKink = t([[0, 2, -3]]);
    const claimed = t([[0.123, 1, 0]]); // any value at the kink must be accepted
    for (const options of [full, fast]) {
      const [result] = await checkGradients(
        fromFunction(relu),
        { W: atKink },
        { W: claimed },
        options,
      );
      expect(result).toMatchObject({ verdict: "passed", kinks: [[0, 0]], checked: 2 });
    }
    // Away from the kink a wrong value still fails.
    const [wrong] = await checkGradients(
      fromFunction(relu),
      { W: atKink },
      { W: t([[0, 1, 1]]) },
      full,
    );
    expect(wrong).toMatchObject({ verdict: "failed", kinks: [[0, 0]] });
  });

  it("a gradient of exactly zero passes where the function is flat", async () => {
    const flat = fromFunction(() => 42);
    const [result] = await checkGradients(flat, { W }, { W: map(W, () => 0) }, full);
    expect(result?.verdict).toBe("passed");
  });

  it("fast mode costs 4 evaluations per direction, whatever the size of the tensor", async () => {
    let calls = 0;
    const counting = fromFunction((p) => {
      calls++;
      return sum(p.W as Tensor, (v) => v * v);
    });
    const big = {
      shape: [100, 100] as const,
      data: Float64Array.from({ length: 10_000 }, (_, k) => Math.sin(k)),
    };
    const [result] = await checkGradients(
      counting,
      { W: big },
      { W: map(big, (v) => 2 * v) },
      fast,
    );
    expect(result).toMatchObject({ verdict: "passed", fast: true, evaluations: 16 });
    expect(calls).toBe(1 + 16);
  });
});

describe("full mode on several tensors", () => {
  // f = ΣW³ + Σb²: the gradients 3W² and 2b.
  const b = t([[0.5], [-2]]);
  const cubic = (p: Params) => sum(p.W as Tensor, (v) => v ** 3) + sum(p.b as Tensor, (v) => v * v);
  const gradients = { W: map(W, (v) => 3 * v * v), b: map(b, (v) => 2 * v) };

  it("takes every tensor's differences in one batch, with the value at the parameters first", async () => {
    const batches: number[] = [];
    const counting = (points: Params[]) => {
      batches.push(points.length);
      return fromFunction(cubic)(points);
    };
    const results = await checkGradients(counting, { W, b }, gradients, full);
    expect(results).toMatchObject([
      { name: "W", verdict: "passed", evaluations: 24, method: "central-differences" },
      { name: "b", verdict: "passed", evaluations: 8, method: "central-differences" },
    ]);
    // One evaluation of the value at the parameters (for its kinks), then four per entry.
    expect(batches).toEqual([1 + 4 * 6 + 4 * 2]);
  });

  it("takes each entry's derivative as a batch of its tensor alone does, and names the wrong tensor", async () => {
    const wrong = { ...gradients, b: map(gradients.b, (v) => 1.5 * v) };
    const objective = fromFunction(cubic);
    const [resultW, resultB] = await checkGradients(objective, { W, b }, wrong, full);
    expect([resultW?.verdict, resultB?.verdict]).toEqual(["passed", "failed"]);
    if (resultB?.verdict !== "failed") throw new Error("b should fail");
    expect(resultB.alpha).toBeCloseTo(1.5, 6);
    const [base] = await objective([{ W, b }]);
    const alone = await numericGradient(objective, { W, b }, "b", base as Evaluation);
    for (const entry of resultB.worst) {
      const [i] = entry.index;
      expect(entry.numeric).toBe(alone[i]?.numeric);
    }
  });
});

describe("fast mode on several tensors", () => {
  // f = 50·ΣW² + 0.0005·b²: W's gradient is about 100 an entry, b's 0.001.
  const large = {
    shape: [50, 50] as const,
    data: Float64Array.from({ length: 2500 }, (_, k) => Math.cos(k)),
  };
  const small = t([[1]]);
  let calls = 0;
  const objective = fromFunction((p) => {
    calls++;
    return 50 * sum(p.W as Tensor, (v) => v * v) + 0.0005 * sum(p.b as Tensor, (v) => v * v);
  });
  const right = { W: map(large, (v) => 100 * v), b: t([[0.001]]) };

  it("checks them all at once: 4 evaluations per direction in all, when every one is right", async () => {
    calls = 0;
    const results = await checkGradients(objective, { W: large, b: small }, right, fast);
    expect(results).toMatchObject([
      { name: "W", verdict: "passed", fast: true, evaluations: 16 },
      { name: "b", verdict: "passed", fast: true, evaluations: 16 },
    ]);
    expect(calls).toBe(1 + 16);
  });

  it("catches a factor of 2 in a tensor of one entry beside one of 2500, and names it alone", async () => {
    const results = await checkGradients(
      objective,
      { W: large, b: small },
      { ...right, b: t([[0.002]]) },
      fast,
    );
    expect(results).toMatchObject([
      { name: "W", verdict: "passed" },
      { name: "b", verdict: "failed", fast: false },
    ]);
  });

  it("reports a tensor of the wrong shape beside the others, which pass together", async () => {
    const results = await checkGradients(
      objective,
      { W: large, b: small, c: small },
      { ...right, c: t([[1, 2]]) },
      fast,
    );
    expect(results).toMatchObject([
      { name: "W", verdict: "passed", fast: true },
      { name: "b", verdict: "passed", fast: true },
      { name: "c", verdict: "wrong-shape" },
    ]);
  });
});

describe("wording when the numeric gradient is zero", () => {
  it("says the cost does not depend on the parameter instead of an infinite ratio", async () => {
    const ignoresW = fromFunction(() => 1.5);
    const [result] = await checkGradients(ignoresW, { W }, { W: map(W, (v) => v) }, full);
    if (!result) throw new Error("no result");
    const text = describeTensor(result, context);
    expect(text).toContain(
      "The numeric gradient is zero: the cost does not change with W (is it used?)",
    );
    expect(text).not.toContain("Infinity");
  });
});

describe("fast mode by forward mode (fromArrays)", () => {
  // f(W, b) = Σ tanh(W·X + b)² over a fixed X: the head is the array tanh(W·X + b), the tail
  // its sum of squares; or the whole as a (1, 1) array, with no tail.
  const X = np.array([
    [0.3, -1.2, 0.8, 2],
    [1.1, 0.4, -0.6, -0.2],
  ]);
  const Wa = np.array([
    [0.5, -0.7],
    [0.2, 0.9],
    [-1.1, 0.3],
  ]);
  const ba = np.array([[0.1], [-0.4], [0.25]]);
  const params = { W: tensorOf(Wa) as Tensor, b: tensorOf(ba) as Tensor };
  const Z = np.add(np.dot(Wa, X), ba);
  const A = np.tanh(Z);
  // d/dZ Σ A² = 2A(1 − A²)
  const dZ = np.multiply(np.multiply(A, 2), np.subtract(1, np.square(A)));
  const right = {
    W: tensorOf(np.dot(dZ, X.T)) as Tensor,
    b: tensorOf(np.sum(dZ, 1, true)) as Tensor,
  };
  const head = (p: Record<string, NDArray>) =>
    np.tanh(np.add(np.dot(p.W as NDArray, X), p.b as NDArray));
  const squares = (out: NDArray) => np.sum(np.square(out));

  it("passes a right gradient in one pass, with the cost's derivative by central differences", async () => {
    const results = await checkGradients(fromArrays(head, squares), params, right, fast);
    expect(results).toMatchObject([
      {
        name: "W",
        verdict: "passed",
        fast: true,
        evaluations: 1,
        method: "forward-mode+central-differences",
      },
      {
        name: "b",
        verdict: "passed",
        fast: true,
        evaluations: 1,
        method: "forward-mode+central-differences",
      },
    ]);
  });

  it("is exact end to end when the head is the whole objective, a (1, 1) array", async () => {
    const whole = (p: Record<string, NDArray>) => np.sum(np.square(head(p)), null, true);
    const results = await checkGradients(fromArrays(whole), params, right, fast);
    expect(results.map((r) => r.verdict === "passed" && r.method)).toEqual([
      "forward-mode",
      "forward-mode",
    ]);
    // And it still tells a gradient off by 1e-4 in one entry of b (confirmed entry by entry).
    const slightly = {
      ...right,
      b: { ...right.b, data: right.b.data.map((v, k) => (k === 0 ? v * (1 + 1e-4) : v)) },
    };
    const [, b] = await checkGradients(fromArrays(whole), params, slightly, {
      ...fast,
      directions: 1,
    });
    expect(b?.verdict).toBe("failed");
  });

  it("confirms a wrong gradient entry by entry with central differences", async () => {
    const wrong = { ...right, W: map(right.W, (v) => 2 * v) };
    const results = await checkGradients(fromArrays(head, squares), params, wrong, fast);
    expect(results).toMatchObject([
      { name: "W", verdict: "failed", fast: false, method: "central-differences", checked: 6 },
      { name: "b", verdict: "passed", fast: true, method: "forward-mode+central-differences" },
    ]);
  });

  /** The head computed through a loop over `.data`: out of the array module. */
  const loop = (p: Record<string, NDArray>) => {
    if (activeTracer()) traced++;
    const Z = np.add(np.dot(p.W as NDArray, X), p.b as NDArray);
    return new NDArray(Z.data.map(Math.tanh), Z.shape);
  };
  let traced = 0;

  it.each([
    [fast, 16, 16],
    [full, 24, 12],
  ] as const)(
    "falls back to central differences where the head leaves the array module, and says how (%o)",
    async (options, W, b) => {
      const results = await checkGradients(fromArrays(loop, squares), params, right, options);
      const fallback = { verdict: "passed", method: "central-differences", left: ".data" };
      expect(results).toMatchObject([
        { name: "W", ...fallback, evaluations: W },
        { name: "b", ...fallback, evaluations: b },
      ]);
    },
  );

  it("takes every entry's derivative by forward mode in full mode, and confirms a failure by differences", async () => {
    const dual = fromArrays(head, squares);
    const results = await checkGradients(dual, params, right, full);
    expect(results).toMatchObject([
      { name: "W", verdict: "passed", fast: false, checked: 6, evaluations: 1 },
      { name: "b", verdict: "passed", fast: false, checked: 3, evaluations: 1 },
    ]);
    expect(results.map((r) => "method" in r && r.method)).toEqual([
      "forward-mode+central-differences",
      "forward-mode+central-differences",
    ]);
    const [W] = await checkGradients(
      dual,
      params,
      { ...right, W: map(right.W, (v) => 1.5 * v) },
      full,
    );
    expect(W).toMatchObject({
      verdict: "failed",
      method: "central-differences",
      evaluations: 1 + 4 * 6,
    });
  });

  it("leaves a tensor too big for a tangent per entry to central differences in full mode", async () => {
    const big = np.multiply(np.random.seed(4).randn(1, 1100), 0.01);
    const sumOfSquares = (p: Record<string, NDArray>) => np.square(p.v as NDArray);
    const v = tensorOf(big) as Tensor;
    const [result] = await checkGradients(
      fromArrays(sumOfSquares, (out) => np.sum(out)),
      { v },
      { v: map(v, (x) => 2 * x) },
      full,
    );
    expect(result).toMatchObject({
      verdict: "passed",
      method: "central-differences",
      checked: 1100,
    });
  });

  it("tries forward mode once: a head that left it is not traced again for each tensor", async () => {
    traced = 0;
    const wrong = { ...right, b: map(right.b, (v) => -v) };
    const results = await checkGradients(fromArrays(loop, squares), params, wrong, fast);
    expect(results).toMatchObject([
      { name: "W", verdict: "passed", method: "central-differences", left: ".data" },
      { name: "b", verdict: "failed", method: "central-differences" },
    ]);
    expect(traced).toBe(1);
  });
});
