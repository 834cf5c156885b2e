/**
 * The gradient checker on the corpus's gradient bugs: each fails the gradient check of the right
 * tensors with the right hint, in full mode and in fast mode, by central differences and by
 * forward mode.
 */

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { chainRuleHint } from "../../assignments/planar-classifier/cases.ts";
import { checkGradients, fromFunction } from "../../grader/checks/gradient/check.ts";
import { fromArrays } from "../../grader/checks/gradient/forward-objective.ts";
import {
  arraysOf,
  gradientOutcome,
  tensorOf,
  tensorsOf,
} from "../../grader/checks/gradient/tensors.ts";
import { describeTensor } from "../../grader/checks/gradient/wording.ts";
import type { Reference } from "../../grader/core/assignment.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { textOf } from "../../grader/core/phrase.ts";
import { gradientCheckPoint } from "../../reference/planar-classifier/cases.ts";
import * as ref from "../../reference/planar-classifier/model.ts";
import { applyBug, type Bug, bugNamed, referenceSource } from "../corpus/bugs.ts";

// Inside the repository, so that the mutants' `gradecheck/np` import resolves.
const folder = join(PACKAGE_ROOT, "test/.generated/gradients");
mkdirSync(folder, { recursive: true });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const extraBug = (name: string, from: string, to: string): Bug => ({
  name,
  description: name,
  replace: [[from, to]],
  losing: [],
  messages: {},
});

const DW2 = "const dW2 = np.divide(np.dot(dZ2, A1.T), m);";
const cases: { bug: Bug; wrong: string[]; hint: string }[] = [
  { bug: bugNamed("dW1 without 1/m"), wrong: ["W1"], hint: "the 1/m is missing" },
  {
    bug: extraBug(
      "dW2 with its sign flipped",
      DW2,
      "const dW2 = np.negative(np.divide(np.dot(dZ2, A1.T), m));",
    ),
    wrong: ["W2"],
    hint: "the sign is flipped",
  },
  {
    bug: extraBug(
      "dW2 doubled",
      DW2,
      "const dW2 = np.multiply(np.divide(np.dot(dZ2, A1.T), m), 2);",
    ),
    wrong: ["W2"],
    hint: "an extra factor of 2",
  },
  { bug: bugNamed("tanh' written as 1 − A1"), wrong: ["W1", "b1"], hint: "not a constant factor" },
  {
    bug: bugNamed("tanh' written as 1 − A1"),
    wrong: ["W1", "b1"],
    hint: "the chain rule through tanh",
  },
  { bug: bugNamed("transposed dW1"), wrong: ["W1"], hint: "it is transposed" },
];

async function mutant(bug: Bug): Promise<typeof ref> {
  const file = join(folder, `${bug.name.replace(/[^a-z0-9]+/gi, "-")}.ts`);
  writeFileSync(file, applyBug(referenceSource(), bug));
  return (await import(file)) as typeof ref;
}

describe("the corpus's gradient bugs fail the gradient check of the right tensors", () => {
  it.each(cases)("$bug.name: $wrong wrong, hint '$hint'", async ({ bug, wrong, hint }) => {
    const learner = await mutant(bug);
    const point = gradientCheckPoint({
      params: { nX: 3, nH: 5, nY: 2, m: 6 },
      rng: np.random.seed(611),
      seed: 611,
      hyperparameters: { initScale: 0.001, learningRate: 1.2, numIterations: 10000, nH: 5 },
      reference: ref as unknown as Reference,
    });
    const grads = learner.backwardPropagation(point.parameters, point.cache, point.X, point.Y);
    const params = tensorsOf(point.parameters);
    const claimed = {
      W1: tensorOf(grads.dW1),
      b1: tensorOf(grads.db1),
      W2: tensorOf(grads.dW2),
      b2: tensorOf(grads.db2),
    };
    const objective = fromFunction((p) =>
      ref.computeCost(ref.forwardPropagation(point.X, arraysOf<ref.Parameters>(p)).A2, point.Y),
    );
    const dual = fromArrays(
      (p) => ref.forwardPropagation(point.X, p as unknown as ref.Parameters).A2,
      (A2) => ref.computeCost(A2, point.Y),
    );
    const runs = [
      { mode: "full", objective },
      { mode: "fast", objective },
      { mode: "fast", objective: dual },
      { mode: "full", objective: dual },
    ] as const;
    for (const [k, run] of runs.entries()) {
      const mode = `${run.mode} (${k})`;
      const results = await checkGradients(run.objective, params, claimed, {
        mode: run.mode,
        directions: 3,
        seed: 1,
      });
      if (run.objective === dual) {
        // The right tensors pass by forward mode; the wrong ones fail entry by entry.
        const judged = results.filter(
          (r) => r.verdict !== "wrong-shape" && r.verdict !== "missing",
        );
        expect(
          judged.map((r) => r.method),
          mode,
        ).toEqual(
          judged.map((r) =>
            wrong.includes(r.name) ? "central-differences" : "forward-mode+central-differences",
          ),
        );
      }
      const failed = results.filter((r) => r.verdict !== "passed");
      expect(
        failed.map((r) => r.name),
        mode,
      ).toEqual(wrong);
      const text = failed.map((r) => describeTensor(r, { examples: [6] })).join(" ");
      // The chain-rule hint is the assignment's: only the hidden layer's gradients are wrong.
      const chain = gradientOutcome(results, [3, 6], "the reference", chainRuleHint).failure?.hint;
      const feedback = `${text} ${textOf(chain ?? "")}`;
      expect(feedback, mode).toContain(hint);
    }
  });
});
