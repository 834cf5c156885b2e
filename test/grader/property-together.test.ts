/**
 * A property's inputs go to the sandbox together once its function has returned values in an
 * earlier test: one batch per round of calls, not a round trip each; a function that never has (a
 * stub, or a property graded on its own) is checked one input at a time, and ends at its first call.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TestSpec } from "../../grader/core/manifest.ts";
import { Sandbox } from "../../grader/sandbox/sandbox.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeFiles } from "../helpers.ts";

const PROPERTY = "sigmoid.symmetry.property";

/**
 * Grades the reference's tests `ids`, counting the sandbox's requests made during the property
 * `property` (with the reference's expected answers only, as in a learner's own run, where
 * `withoutReference`).
 */
async function requestsOfProperty(ids: string[], property = PROPERTY, withoutReference = false) {
  const requests = { call: 0, callMany: 0 };
  let inProperty = false;
  const call = Sandbox.prototype.call;
  const callMany = Sandbox.prototype.callMany;
  vi.spyOn(Sandbox.prototype, "call").mockImplementation(function (this: Sandbox, ...args) {
    if (inProperty) requests.call++;
    return call.apply(this, args);
  });
  vi.spyOn(Sandbox.prototype, "callMany").mockImplementation(function (this: Sandbox, ...args) {
    if (inProperty) requests.callMany++;
    return callMany.apply(this, args);
  });
  const report = await gradeFiles(
    { "model.ts": referenceSource() },
    {
      hidden: false,
      select: (test: TestSpec) => ids.includes(test.id),
      progress: ({ test, state }) => {
        if (test.id === property) inProperty = state === "started";
      },
    },
    { withoutReference },
  );
  const status = report.tests.find((test) => test.id === property)?.status;
  return { requests, status };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a property of a function that has returned values", () => {
  it("sends its inputs' calls in batches", async () => {
    const { requests, status } = await requestsOfProperty(["sigmoid.mixed-signs", PROPERTY]);
    expect(status).toBe("passed");
    expect(requests.call).toBe(0);
    // σ(z), then σ(−z), for the run's 30 inputs.
    expect(requests.callMany).toBeGreaterThanOrEqual(1);
    expect(requests.callMany).toBeLessThanOrEqual(2);
  });

  it("sends the calls its inputs' own checks batch together with the other inputs'", async () => {
    // The gradient law in a learner's own run: each input's gradient check evaluates the
    // learner's computeCost of forwardPropagation (chained, in one batch) at the parameters and
    // at 4 perturbed points per parameter entry, a batch per parameter: 5 batches for each of the
    // run's 10 inputs, after a batch of forwardPropagation and one of backwardPropagation.
    const GRADIENT = "backwardPropagation.gradient.property";
    const { requests, status } = await requestsOfProperty(
      ["backwardPropagation.planar", GRADIENT],
      GRADIENT,
      true,
    );
    expect(status).toBe("passed");
    expect(requests.call).toBe(0);
    // Every input's batch of a round goes as one (cut at MAX_BATCH calls), not 50 batches.
    expect(requests.callMany).toBeGreaterThanOrEqual(7);
    expect(requests.callMany).toBeLessThanOrEqual(25);
  });

  it("is checked one input at a time when the function has not returned before", async () => {
    const { requests, status } = await requestsOfProperty([PROPERTY]);
    expect(status).toBe("passed");
    expect(requests.callMany).toBe(0);
    expect(requests.call).toBeGreaterThanOrEqual(30);
  });
});
