import { describe, expect, it } from "vitest";
import { properties } from "../../assignments/planar-classifier/properties.ts";
import { runProperty } from "../../grader/checks/property.ts";
import * as ref from "../../reference/planar-classifier/model.ts";
import { inProcessLearner } from "./learner.ts";

const learner = inProcessLearner(ref);
const SEEDS = Array.from({ length: 20 }, (_, k) => 7919 * k + 11);

describe("the reference passes every property, whatever the seed (no flaky laws)", () => {
  it.each(Object.keys(properties))(
    "%s under 20 seeds",
    async (id) => {
      const spec = properties[id];
      if (!spec) throw new Error(id);
      for (const seed of SEEDS) {
        const outcome = await runProperty(spec, learner, {
          seed,
          numRuns: 50,
          timeLimitMs: 30_000,
        });
        expect(outcome, `${id}, seed ${seed}`).toMatchObject({ status: "passed", runs: 50 });
      }
    },
    60_000,
  );
});
