/**
 * A property's inputs checked together (`together`): the calls of all its inputs go in a few
 * batches, and the verdict is the one the run one input at a time gives, whatever the law, the
 * learner's code or the time limit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { properties } from "../../assignments/planar-classifier/properties.ts";
import {
  PropertyFailure,
  type PropertyOptions,
  runProperty,
} from "../../grader/checks/property.ts";
import type { Learner, PropertySpec } from "../../grader/core/assignment.ts";
import * as ref from "../../reference/planar-classifier/model.ts";
import { inProcessLearner } from "./learner.ts";
import { mutants } from "./mutants.ts";

/** The learner's round trips: single calls, batches, and calls whose output is read. */
function counting(learner: Learner) {
  const trips = { call: 0, callMany: 0, callPrinting: 0 };
  const counted: Learner = {
    call: (fn, args) => {
      trips.call++;
      return learner.call(fn, args);
    },
    callMany: (fn, batch) => {
      trips.callMany++;
      return learner.callMany(fn, batch);
    },
    callPrinting: (fn, args) => {
      trips.callPrinting++;
      return learner.callPrinting(fn, args);
    },
    get others() {
      return counted;
    },
  };
  return { learner: counted, trips };
}

/** f(f(list)) is sorted, for lists of 10 integers: two calls an input, the second on the first's value. */
function twice(seen: number[][] = []): PropertySpec<number[]> {
  return {
    law: "f(f(list)) is sorted",
    arbitrary: fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 10, maxLength: 10 }),
    async check(learner, list) {
      seen.push(list);
      const once = await learner.call("f", [list]);
      const value = (await learner.call("f", [once])) as number[];
      if (value.some((v, i) => i > 0 && v < (value[i - 1] as number)))
        throw new PropertyFailure(`f(f(list)) is ${value.join(" ")}`, "law");
    },
    describe: (list) => list.join(" "),
  };
}

const sorted = { f: (list: number[]) => [...list].sort((a, b) => a - b) };
const options: PropertyOptions = { seed: 7, numRuns: 30, timeLimitMs: 30_000 };

describe("a property's inputs checked together", () => {
  it("are called in a batch per round of calls, and pass with every run counted", async () => {
    const { learner, trips } = counting(inProcessLearner(sorted));
    const outcome = await runProperty(twice(), learner, { ...options, together: true });
    expect(outcome).toEqual({ status: "passed", seed: 7, runs: 30 });
    expect(trips).toEqual({ call: 0, callMany: 2, callPrinting: 0 });

    const alone = counting(inProcessLearner(sorted));
    await runProperty(twice(), alone.learner, options);
    expect(alone.trips).toEqual({ call: 60, callMany: 0, callPrinting: 0 });
  });

  it("are the inputs the run one input at a time draws", async () => {
    const together: number[][] = [];
    const inTurn: number[][] = [];
    await runProperty(twice(together), inProcessLearner(sorted), { ...options, together: true });
    await runProperty(twice(inTurn), inProcessLearner(sorted), options);
    expect(together).toEqual(inTurn);
  });

  it("give way to the run one input at a time when a law reads a call's output", async () => {
    const spec: PropertySpec<number> = {
      law: "f prints nothing",
      arbitrary: fc.integer(),
      async check(learner, n) {
        const { printed } = await learner.callPrinting("f", [n]);
        if (printed !== "") throw new PropertyFailure("it printed", "law");
      },
      describe: String,
    };
    const { learner, trips } = counting(inProcessLearner({ f: (n: number) => n }));
    const outcome = await runProperty(spec, learner, { ...options, together: true });
    expect(outcome).toEqual({ status: "passed", seed: 7, runs: 30 });
    expect(trips.callPrinting).toBe(30);
  });

  it("never pass a run cut short by the time limit", async () => {
    const slow = {
      f: (list: number[]) => {
        const until = Date.now() + 15;
        while (Date.now() < until) {
          // a learner's slow code
        }
        return sorted.f(list);
      },
    };
    const outcome = await runProperty(twice(), inProcessLearner(slow), {
      ...options,
      timeLimitMs: 200,
      together: true,
    });
    expect(outcome.status).toBe("interrupted");
  });

  it("stop once one of them breaks the law: the run one input at a time says the rest", async () => {
    // The first check to start breaks the law after its first call; the others would go on to a
    // batch of their own. Checked one at a time, every input holds.
    let started = 0;
    let later = 0;
    const law: PropertySpec<number> = {
      law: "holds but for the first check",
      arbitrary: fc.integer(),
      async check(learner, x) {
        const first = started++ === 0;
        await learner.call("f", [[x]]);
        if (first) throw new PropertyFailure("the first check", "law");
        const values = await learner.callMany("f", [[[x]], [[x]]]);
        later += values.length;
      },
      describe: String,
    };
    const outcome = await runProperty(law, inProcessLearner(sorted), {
      ...options,
      together: true,
    });
    expect(outcome.status).toBe("passed");
    // Only the inputs checked one at a time made their later calls: none of those checked together.
    expect(later).toBe(2 * options.numRuns);
  });
});

const mutant = mutants("properties-together");

describe("the verdict of inputs checked together", () => {
  it.each([
    "the reference",
    "cost with the sign flipped",
    "sigmoid with e^z",
    "predict returns the probabilities",
    "update goes up the gradient",
    "zero weights",
    "dW1 without 1/m",
  ])(
    "is the run one input at a time's, for every law of the planar classifier: %s",
    async (name) => {
      const module = name === "the reference" ? ref : await mutant(name);
      for (const [id, spec] of Object.entries(properties)) {
        const inTurn = await runProperty(spec, inProcessLearner(module), options);
        const together = await runProperty(spec, inProcessLearner(module), {
          ...options,
          together: true,
        });
        expect(together, id).toEqual(inTurn);
      }
    },
  );
});

describe("the planar duplicates law, one input alone", () => {
  it("sends the example and its copies in one batch for each function", async () => {
    const spec = properties["backwardPropagation.duplicates"] as PropertySpec<unknown>;
    const [input] = fc.sample(spec.arbitrary, { seed: 3, numRuns: 1 });
    const { learner, trips } = counting(inProcessLearner(ref));
    await spec.check(learner, input);
    // forwardPropagation on both, then backwardPropagation on both: where they were four calls.
    expect(trips).toEqual({ call: 0, callMany: 2, callPrinting: 0 });
  });
});
