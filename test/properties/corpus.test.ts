/**
 * Properties on the corpus's bugs: each bug a law can see fails that law, with a shrunk
 * counterexample; the message of one is checked literally; a run cut short is not a pass.
 */
import { describe, expect, it } from "vitest";
import { properties as deepProperties } from "../../assignments/deep-neural-network/properties.ts";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { properties } from "../../assignments/planar-classifier/properties.ts";
import {
  type PropertyOutcome,
  type PropertySpec,
  propertyJudgement,
  runProperty,
} from "../../grader/checks/property.ts";
import { textOf } from "../../grader/core/phrase.ts";
import { wordMessage } from "../../grader/words/en/messages.ts";
import * as deepRef from "../../reference/deep-neural-network/model.ts";
import * as ref from "../../reference/planar-classifier/model.ts";
import { inProcessLearner } from "./learner.ts";
import { mutants } from "./mutants.ts";

const mutant = mutants("properties");

async function run(
  id: string,
  module: Record<string, unknown>,
  seed = 1,
  laws: Record<string, PropertySpec<unknown>> = properties,
): Promise<PropertyOutcome> {
  const spec = laws[id];
  if (!spec) throw new Error(`no property ${id}`);
  return runProperty(spec, inProcessLearner(module), { seed, numRuns: 100, timeLimitMs: 30_000 });
}

describe("each bug a law can see fails that law, with a shrunk counterexample", () => {
  it.each([
    ["cost with the sign flipped", "computeCost.nonnegative", "the cost is -"],
    ["cost without the (1 − y) term", "computeCost.half", "the cost is 0, expected ln 2"],
    ["sigmoid with e^z", "sigmoid.monotone", " > σ("],
    ["predict with <", "predict.threshold", "0.5, so the prediction should be"],
    ["predict returns the probabilities", "predict.binary", "not 0 or 1"],
    ["update ignores the learning rate", "updateParameters.linear", ", expected "],
    ["update goes up the gradient", "updateParameters.linear", ", expected "],
    ["zero weights", "initializeParameters.shapes", "all entries of W1 are equal"],
    ["initialization ignores the scale", "initializeParameters.scale-and-seed", "is not"],
    ["dW1 without 1/m", "backwardPropagation.duplicates", "times as much"],
  ])("%s fails %s", async (bug, id, reason) => {
    const outcome = await run(id, await mutant(bug));
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(textOf(outcome.reason ?? "")).toContain(reason);
    expect(textOf(outcome.counterexample).length).toBeGreaterThan(0);
    expect(outcome.path).toMatch(/^\d+(:\d+)*$/);
  });

  it("the reference passes the same laws", async () => {
    for (const id of [
      "computeCost.nonnegative",
      "computeCost.half",
      "predict.threshold",
      "backwardPropagation.duplicates",
    ]) {
      expect((await run(id, ref)).status, id).toBe("passed");
    }
  });
});

describe("a counterexample message", () => {
  it("shows the shrunk input with its shape, and the seed and path that replay it", async () => {
    const module = await mutant("cost without the (1 − y) term");
    const outcome = await run("computeCost.half", module, 1009);
    if (outcome.status !== "failed") throw new Error(`expected a failure, got ${outcome.status}`);
    const { details } = propertyJudgement(properties["computeCost.half"]?.law ?? "", outcome, 0);
    const message = wordMessage("computeCost", details);
    // Shrunk to the smallest input: one example with y = 0, where the missing term is all the cost.
    expect(message).toMatch(
      /^computeCost: the law "with A2 = 0\.5 everywhere the cost is ln 2 per output, whatever Y" fails for Y = \[\[0\]\] \(1,1\); A2 = 0\.5 everywhere: the cost is 0, expected ln 2 = 0\.69314718\. \(Smallest input found after 1 shrink; fast-check seed 1009, path "0:0" replay it\.\)$/,
    );
    // The seed and path replay it directly.
    const spec = properties["computeCost.half"];
    if (!spec) throw new Error("no property");
    const replay = await runProperty(spec, inProcessLearner(module), {
      seed: outcome.seed,
      numRuns: 100,
      timeLimitMs: 30_000,
      path: outcome.path,
    });
    expect(replay).toMatchObject({ status: "failed", counterexample: outcome.counterexample });
  });
});

describe("a property that runs out of time", () => {
  it("is reported as interrupted, never as passed", async () => {
    const slow = {
      sigmoid: (z: unknown) => {
        const until = Date.now() + 30;
        while (Date.now() < until) {
          // a learner's slow code
        }
        return (ref.sigmoid as (z: unknown) => unknown)(z);
      },
    };
    const spec = properties["sigmoid.symmetry"];
    if (!spec) throw new Error("no property");
    const outcome = await runProperty(spec, inProcessLearner(slow), {
      seed: 3,
      numRuns: 50,
      timeLimitMs: 200,
    });
    expect(outcome.status).toBe("interrupted");
    if (outcome.status === "interrupted") expect(outcome.runs).toBeLessThan(50);
  });
});

/** The reason a law failed for; a law that passed fails the test. */
function failedReason(outcome: PropertyOutcome): string {
  expect(outcome.status).toBe("failed");
  return outcome.status === "failed" ? textOf(outcome.reason ?? "") : "";
}

describe("a law shows what the function returned as it is", () => {
  it("text in quotes, so that a size given as text is not read as the right number", async () => {
    const texts = {
      ...ref,
      layerSizes: (X: { shape: number[] }, Y: { shape: number[] }) => ({
        nX: String(X.shape[0]),
        nH: 4,
        nY: Y.shape[0],
      }),
    };
    expect(failedReason(await run("layerSizes.rows", texts))).toMatch(/^got nX = "\d+", nY = \d+$/);
  });

  it("caches that are no list are said to be none, not counted as -1", async () => {
    const objectCaches = {
      ...deepRef,
      lModelForward: (...args: Parameters<typeof deepRef.lModelForward>) => {
        const { AL, caches } = deepRef.lModelForward(...args);
        return { AL, caches: { ...caches } };
      },
    };
    const outcome = await run("lModelForward.caches", objectCaches, 1, deepProperties);
    expect(failedReason(outcome)).toBe("caches is not a list (of one cache per layer)");
  });
});

describe("a sigmoid that is NaN where e^z overflows", () => {
  it("is told that Infinity / Infinity made the NaN, and a NaN elsewhere is told as one", async () => {
    const overflowing = {
      ...ref,
      sigmoid: (z: NDArray) => np.divide(np.exp(z), np.add(1, np.exp(z))),
    };
    expect(failedReason(await run("sigmoid.range", overflowing))).toMatch(
      /^σ\(\d+(\.\d+)?\) is NaN: past \|z\| = 709\.78, e\^z is Infinity, and Infinity \/ Infinity is NaN/,
    );
    const nanEverywhere = { ...ref, sigmoid: (z: NDArray) => np.multiply(z, Number.NaN) };
    expect(failedReason(await run("sigmoid.range", nanEverywhere))).toMatch(/^σ\(.*\) is NaN$/);
  });
});
