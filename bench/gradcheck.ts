/**
 * Gradient-checker figures: the full check of the planar network (planar dataset, nH = 4, all 17
 * parameters entry by entry; target under 20 ms), and the fast mode on a one-hidden-layer network
 * of growing width next to one forward pass of it: the ratio should stay the same whatever the
 * number of parameters (4 evaluations per direction across all tensors, plus one, when the
 * gradients are right). bench/run.ts runs this bundled, in a process with the environment sandboxed
 * children start with (glibc's malloc as the grader sets it, huge pages for a wide layer's arrays).
 */
import { type NDArray, np } from "../assignments/lib/np.ts";
import { loadPlanarDataset } from "../assignments/planar-classifier/dataset.ts";
import { checkGradients, fromFunction, type Objective } from "../grader/checks/gradient/check.ts";
import { fromArrays } from "../grader/checks/gradient/forward-objective.ts";
import { arraysOf, tensorsOf } from "../grader/checks/gradient/tensors.ts";
import { median } from "../grader/core/stats.ts";
import * as ref from "../reference/planar-classifier/model.ts";

function setup(nX: number, nH: number, m: number, X?: NDArray, Y?: NDArray) {
  const rng = np.random.seed(3);
  const parameters = {
    W1: np.multiply(rng.randn(nH, nX), 1 / Math.sqrt(nX)),
    b1: np.multiply(rng.randn(nH, 1), 0.5),
    W2: np.multiply(rng.randn(1, nH), 1 / Math.sqrt(nH)),
    b2: np.multiply(rng.randn(1, 1), 0.5),
  };
  const data = X && Y ? { X, Y } : { X: rng.randn(nX, m), Y: np.greater(rng.rand(1, m), 0.5) };
  const forward = (p: ref.Parameters) =>
    ref.computeCost(ref.forwardPropagation(data.X, p).A2, data.Y);
  const { cache } = ref.forwardPropagation(data.X, parameters);
  const g = ref.backwardPropagation(parameters, cache, data.X, data.Y);
  const claimed = tensorsOf({ W1: g.dW1, b1: g.db1, W2: g.dW2, b2: g.db2 });
  return {
    parameters,
    forward,
    claimed,
    /** The objective by evaluations only: central differences. */
    objective: fromFunction((p) => forward(arraysOf<ref.Parameters>(p))),
    /** The same objective with forward mode through the forward pass. */
    dual: fromArrays(
      (p) => ref.forwardPropagation(data.X, p as unknown as ref.Parameters).A2,
      (A2) => ref.computeCost(A2, data.Y),
    ),
  };
}

async function benchGradcheck(): Promise<void> {
  const { X, Y } = loadPlanarDataset();
  const planar = setup(2, 4, 400, X, Y);
  const times = { central: [] as number[], dual: [] as number[] };
  const full = async (objective: Objective) => {
    const start = performance.now();
    const results = await checkGradients(objective, tensorsOf(planar.parameters), planar.claimed, {
      mode: "full",
      directions: 0,
      seed: 0,
    });
    if (results.some((x) => x.verdict !== "passed"))
      throw new Error("the reference failed its own gradient check");
    return performance.now() - start;
  };
  for (let r = 0; r < 25; r++) {
    times.central.push(await full(planar.objective));
    times.dual.push(await full(planar.dual));
  }
  console.log(
    "\ngradient check, planar network (17 parameters, m = 400), full mode, entry by entry, 25 runs alternating (median)",
  );
  const [central, dual] = [median(times.central), median(times.dual)];
  console.log(
    `  central differences ${central.toFixed(2)} ms, forward mode ${dual.toFixed(2)} ms, ratio ${(dual / central).toFixed(2)} (target < 20 ms)`,
  );

  const directions = 2;
  console.log(
    `\nfast mode (${directions} directions across all tensors, which agree) vs one forward pass, nX = 10, m = 64, nY = 1:`,
  );
  console.log(
    "by central differences (1 + 4·K evaluations), and by forward mode (one pass with K tangents, then central differences of the cost alone)",
  );
  // Each run's own ratio besides the ratio of the medians: forward mode's K tangents take much
  // more memory than one forward pass, and its time swings more with the machine; a run's passes
  // see the same machine.
  console.log(
    "  parameters   forward     central     ratio    forward mode  ratio (goal: <= 3×)  run by run  method",
  );
  for (const nH of [83, 833, 8333, 83333]) {
    const net = setup(10, nH, 64);
    const params = tensorsOf(net.parameters);
    const times = { forward: [] as number[], central: [] as number[], dual: [] as number[] };
    let method = "";
    const check = async (objective: Objective, seed: number) => {
      const start = performance.now();
      const results = await checkGradients(objective, params, net.claimed, {
        mode: "fast",
        directions,
        seed,
      });
      if (results.some((x) => x.verdict !== "passed" || !x.fast))
        throw new Error("fast mode fell back or failed on a right gradient");
      method = results[0]?.verdict === "passed" ? results[0].method : "";
      return performance.now() - start;
    };
    const runs = nH > 1000 ? 5 : 9;
    // Side by side, alternating, so that both see the same machine.
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      net.forward(net.parameters);
      times.forward.push(performance.now() - start);
      times.central.push(await check(net.objective, r));
      times.dual.push(await check(net.dual, r));
    }
    const count = 12 * nH + 1;
    const [f, c, d] = [median(times.forward), median(times.central), median(times.dual)];
    const byRun = median(times.dual.map((dual, r) => dual / (times.forward[r] as number)));
    console.log(
      `  ${String(count).padStart(10)}   ${f.toFixed(2).padStart(7)} ms  ${c.toFixed(1).padStart(8)} ms  ${(c / f).toFixed(1).padStart(5)}×  ${d.toFixed(1).padStart(9)} ms  ${(d / f).toFixed(1).padStart(5)}×                ${byRun.toFixed(1).padStart(5)}×      ${method}`,
    );
  }
}

await benchGradcheck();
