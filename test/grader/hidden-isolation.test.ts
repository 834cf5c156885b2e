/**
 * Hidden stays hidden: learner code that remembers every input it is given and prints them all at
 * each call must not get a hidden test's input into anything a learner sees. Hidden tests run
 * once every visible test is over, in the children the visible ones ran in, and the
 * learner-facing formats show none of their output.
 */
import { describe, expect, it } from "vitest";
import { adapters } from "../../grader/render/index.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { ownFingerprints, remembering, seenFingerprints } from "../corpus/hostile-kit.ts";
import { gradeSource } from "../helpers.ts";

describe("hidden tests", () => {
  it("leak no input into a visible test's output or a learner-facing format", async () => {
    const report = await gradeSource(remembering(referenceSource()), { seed: 7 });
    const hidden = report.tests.filter((t) => t.visibility === "hidden");
    const hiddenInputs = new Set(hidden.flatMap((t) => ownFingerprints(t.output)));
    // The attack works: the hidden tests' own calls printed their inputs' fingerprints.
    expect(hiddenInputs.size).toBeGreaterThan(0);
    const visibleOutput = report.tests
      .filter((t) => t.visibility === "visible")
      .map((t) => t.output)
      .join("\n");
    const visibleInputs = new Set(ownFingerprints(visibleOutput));
    expect(visibleInputs.size).toBeGreaterThan(0);
    expect([...visibleOutput.matchAll(/fp\S+/g)].filter((m) => hiddenInputs.has(m[0]))).toEqual([]);
    for (const name of ["gradescope", "exercism", "markdown"] as const) {
      const text = adapters[name].render(report);
      expect(
        [...hiddenInputs].filter((fp) => text.includes(fp)),
        name,
      ).toEqual([]);
    }
    // They ran in the child the visible tests had run in, taken over rather than started anew:
    // the first hidden call's child had seen inputs before it.
    const firstCall = hidden[0]?.output.split("\n")[0] ?? "";
    expect(ownFingerprints(firstCall)).toHaveLength(1);
    expect(seenFingerprints(firstCall).length).toBeGreaterThan(0);
  }, 120_000);
});
