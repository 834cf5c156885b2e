/**
 * A mistake is named only where the learner's output is the mistake's to within rounding, however
 * loose the test's own tolerance (checks/mistakes.ts, CLAIM): a gradient check's 1e-4 is sized for
 * right answers written in other ways, and another fault can bring an output that near a mistake's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nameMistake } from "../../grader/checks/mistakes.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { mistakeHint } from "../corpus/told.ts";
import { gradeFiles } from "../helpers.ts";

/** The mistakes named for `actual`, where the mistake always gives 1 and the answer is 0.285. */
function namedFor(actual: number) {
  const hint = nameMistake({
    args: [],
    expected: 0.285,
    actual,
    tolerance: { rtol: 1e-4, atol: 1e-15 },
    fn: { mistakes: [{ name: "θ + ε twice", hint: "θ − ε", output: () => 1 }] },
    reference: {},
    context: { examples: [] },
  });
  return hint?.code === "mistake" ? hint.mistakes.map((m) => m.name) : undefined;
}

describe("a mistake named as a claim", () => {
  it("names the learner's output where it is the mistake's, to rounding", () => {
    expect(namedFor(1)).toEqual(["θ + ε twice"]);
    expect(namedFor(1 - 1e-12)).toEqual(["θ + ε twice"]);
  });

  it("names nothing where another fault only brings the output within the test's tolerance", () => {
    expect(namedFor(0.999996)).toBeUndefined();
  });

  it("does not tell a gradient check that divides by 2·1e-7 whatever its ε that it wrote θ + ε twice", async () => {
    const reference = readFileSync(
      join(PACKAGE_ROOT, "reference/gradient-checking/model.ts"),
      "utf8",
    );
    const division = "gradApprox.set(i, 0, (jPlus - jMinus) / (2 * epsilon));";
    expect(reference).toContain(division);
    const report = await gradeFiles(
      { "model.ts": reference.replace(division, division.replace("epsilon", "1e-7")) },
      { select: (test) => test.id.startsWith("gradientCheckN.") },
      { assignment: "gradient-checking" },
    );
    // The test with ε = 0.05 fails: the difference is 0.999996, not the check's 0.0035.
    const epsilon = report.tests.find((t) => t.id === "gradientCheckN.epsilon");
    expect(epsilon?.status).toBe("failed");
    const named = report.tests.flatMap((t) => mistakeHint(t)?.mistakes.map((m) => m.name) ?? []);
    expect(named).not.toContain("θ − ε written θ + ε");
  }, 60_000);
});
