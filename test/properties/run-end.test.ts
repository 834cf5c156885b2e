/**
 * Where a property's run ends: at the first call that no input explains (a stub), and after the
 * last shrinking step, with no input drawn beyond either, whatever the number of runs asked.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PropertyFailure, runProperty } from "../../grader/checks/property.ts";
import { LearnerCallFailed, type PropertySpec } from "../../grader/core/assignment.ts";
import { inProcessLearner } from "./learner.ts";

/**
 * A law over lists of 20 integers, of the learner's `f` applied to the list: counts the inputs
 * fast-check draws and the learner's calls.
 */
function counted(law: (value: number[]) => boolean) {
  const counts = { drawn: 0, calls: 0 };
  const spec: PropertySpec<number[]> = {
    law: "f(list) holds",
    arbitrary: fc
      .array(fc.integer({ min: 1, max: 1000 }), { minLength: 20, maxLength: 20 })
      .map((list) => {
        counts.drawn++;
        return list;
      }),
    async check(learner, list) {
      counts.calls++;
      const value = await learner.call("f", [list]);
      if (!law(value as number[])) throw new PropertyFailure(`f is ${value}`, "law");
    },
    describe: (list) => list.join(" "),
  };
  return { spec, counts };
}

class NotImplementedError extends Error {
  override name = "NotImplementedError";
}

describe("a property's run", () => {
  it("ends at a stub's first call: one input drawn, one call", async () => {
    const { spec, counts } = counted(() => true);
    const stub = inProcessLearner({
      f: () => {
        throw new NotImplementedError("f is not implemented yet");
      },
    });
    const outcome = await runProperty(spec, stub, { seed: 1, numRuns: 200, timeLimitMs: 30_000 });
    expect(outcome.status).toBe("call-failed");
    if (outcome.status === "call-failed") expect(outcome.failure).toBeInstanceOf(LearnerCallFailed);
    expect(counts.calls).toBe(1);
    // fast-check draws its next input before it looks whether the run has ended: one more, not
    // the 199 more it drew when the predicate only skipped them.
    expect(counts.drawn).toBeLessThanOrEqual(2);
  });

  it("ends after its last shrinking step, with the smallest failure found", async () => {
    // Fails while no entry is 1: shrinking tries every entry down towards 1, about ten steps
    // each, long past its 100 steps.
    const { spec, counts } = counted((list) => list.includes(1));
    const learner = inProcessLearner({ f: (list: number[]) => list });
    const outcome = await runProperty(spec, learner, {
      seed: 3,
      numRuns: 200,
      timeLimitMs: 30_000,
    });
    expect(outcome.status).toBe("failed");
    // The first failure and 100 shrinking steps.
    expect(counts.calls).toBe(101);
    // The candidate whose turn ended the run, and the one fast-check draws before it stops: 196
    // were drawn when later candidates only counted as passing.
    expect(counts.drawn).toBeLessThanOrEqual(counts.calls + 2);
  });

  it("that passes runs every input asked for", async () => {
    const { spec, counts } = counted(() => true);
    const learner = inProcessLearner({ f: (list: number[]) => list });
    const outcome = await runProperty(spec, learner, { seed: 5, numRuns: 40, timeLimitMs: 30_000 });
    expect(outcome).toMatchObject({ status: "passed", runs: 40 });
    expect(counts).toEqual({ drawn: 40, calls: 40 });
  });
});
