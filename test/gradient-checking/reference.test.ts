/**
 * The gradient-checking reference against numpy and the course: the numpy script reproduces the
 * values the course's notebook prints (written here as it prints them), the TypeScript reference
 * reproduces the numpy script on the course's test case (test/fixtures/gradient-checking.json,
 * written by test/fixtures/make_gradient_checking_fixtures.py), the stub hands out the course's
 * backward pass with exactly its two planted bugs, and the exercise works as the course means it:
 * a learner who leaves the bugs in loses the backward pass's points and the end-to-end test's, and
 * a checker that calls everything right, or prints no verdict, is caught.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as stub from "../../assignments/gradient-checking/model.ts";
import type { NDArray } from "../../assignments/lib/np.ts";
import { verdictOf } from "../../grader/checks/checker.ts";
import type { Reference } from "../../grader/core/assignment.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { Report } from "../../grader/core/report.ts";
import { courseNetwork, formulaN } from "../../reference/gradient-checking/cases.ts";
import { mistakes, PLANTED } from "../../reference/gradient-checking/mistakes.ts";
import * as reference from "../../reference/gradient-checking/model.ts";
import { gradeFiles } from "../helpers.ts";

const fixture = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "test/fixtures/gradient-checking.json"), "utf8"),
) as {
  oneDimensional: { forward: number; backward: number; difference: number };
  course: {
    X: number[][];
    cost: number;
    planted: Record<string, number[][]>;
    fixed: Record<string, number[][]>;
    difference: { planted: number; fixed: number };
  };
};
const source = readFileSync(join(PACKAGE_ROOT, "reference/gradient-checking/model.ts"), "utf8");
const { p, X, Y } = courseNetwork();
const { cache } = reference.forwardPropagationN(X, Y, p);

/** The largest relative difference of two arrays' entries. */
function relativeError(actual: NDArray, expected: number[][]): number {
  const flat = expected.flat();
  expect(actual.shape).toEqual([expected.length, expected[0]?.length]);
  return Math.max(
    ...flat.map((e, k) => Math.abs((actual.data[k] as number) - e) / Math.max(1e-300, Math.abs(e))),
  );
}

/** The course's formula on the course's test case, as the checker tests compute it. */
const courseFormula = (gradients: Record<string, NDArray>) =>
  formulaN([p, gradients, X, Y, 1e-7], reference as unknown as Reference);

describe("make_gradient_checking_fixtures.py reproduces what the course's notebook prints", () => {
  it("for the one-dimensional check and the 3-layer network's, bugs planted and fixed", () => {
    expect(fixture.oneDimensional).toEqual({
      forward: 8,
      backward: 2,
      difference: 7.814075313343006e-11,
    });
    expect(fixture.course.difference.planted).toBe(0.2850931567761623);
    expect(fixture.course.difference.fixed).toBe(1.1890913024229996e-7);
  });
});

describe("the TypeScript reference reproduces numpy on the course's test case", () => {
  it("draws the same network, and computes the same cost", () => {
    expect(X.tolist()).toEqual(fixture.course.X);
    const { cost } = reference.forwardPropagationN(X, Y, p);
    expect(Math.abs(cost - fixture.course.cost) / fixture.course.cost).toBeLessThan(1e-14);
  });

  it("its backward pass is numpy's fixed one, and the stub's is numpy's with the planted bugs", () => {
    const fixed = reference.backwardPropagationN(X, Y, cache);
    const planted = stub.backwardPropagationN(X, Y, cache);
    for (const name of ["dW1", "db1", "dW2", "db2", "dW3", "db3"]) {
      expect(
        relativeError(fixed[name] as NDArray, fixture.course.fixed[name] ?? []),
        name,
      ).toBeLessThan(1e-12);
      expect(
        relativeError(planted[name] as NDArray, fixture.course.planted[name] ?? []),
        name,
      ).toBeLessThan(1e-12);
    }
    // The handed-out pass is the reference with the two planted faults, and only those.
    const variant = mistakes.backwardPropagationN?.variant;
    const planting = variant?.(new Set(PLANTED), [X, Y, cache], reference as never) as Record<
      string,
      NDArray
    >;
    for (const [name, value] of Object.entries(planted))
      expect(Array.from(value.data), name).toEqual(Array.from((planting[name] as NDArray).data));
  });

  it("gives the course's differences: 7.814075313343006e-11 exactly, 0.285 to 1e-12, and 1.19e-7 within the formula's rounding", () => {
    expect(reference.gradientCheck(3, 4)).toBe(7.814075313343006e-11);
    const planted = stub.backwardPropagationN(X, Y, cache);
    const fixed = reference.backwardPropagationN(X, Y, cache);
    const dPlanted = reference.gradientCheckN(p, planted, X, Y);
    expect(Math.abs(dPlanted - 0.2850931567761623) / 0.2850931567761623).toBeLessThan(1e-12);
    const dFixed = reference.gradientCheckN(p, fixed, X, Y);
    const { figure, tolerance } = courseFormula(fixed);
    // The checker tests' figure is the reference's own, to the last bit, and numpy's within the
    // tolerance they allow a learner.
    expect(figure).toBe(dFixed);
    expect(courseFormula(planted).figure).toBe(dPlanted);
    expect(Math.abs(dFixed - 1.1890913024229996e-7)).toBeLessThanOrEqual(tolerance);
    expect(tolerance).toBeLessThan(2e-7 - dFixed);
  });

  it("prints the course's verdicts, which the checker tests read back", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      reference.gradientCheckN(p, stub.backwardPropagationN(X, Y, cache), X, Y, 1e-7, true);
      reference.gradientCheckN(p, reference.backwardPropagationN(X, Y, cache), X, Y, 1e-7, true);
      reference.gradientCheck(3, 4, 1e-7, true);
      const lines = log.mock.calls.map((call) => String(call[0]));
      expect(lines[0]).toMatch(
        /^There is a mistake in the backward propagation! difference = 0\.2850931567761/,
      );
      expect(lines[1]).toMatch(
        /^Your backward propagation works perfectly fine! difference = 1\.189091302/,
      );
      expect(lines.map(verdictOf)).toEqual(["wrong", "right", "right"]);
    } finally {
      log.mockRestore();
    }
  });
});

const points = (report: Report, fn: string) =>
  report.functions.find((f) => f.name === fn) ?? { score: Number.NaN, maxScore: Number.NaN };

describe("the exercise", () => {
  // A learner who wrote every function but kept the backward pass they were handed: the
  // reference with the stub's two lines (the stub is that pass: see above).
  const keptBugs = source
    .replace(
      "const dW2 = np.multiply(1 / m, np.dot(dZ2, A1.T));",
      "const dW2 = np.multiply(2 / m, np.dot(dZ2, A1.T));",
    )
    .replace(
      "const db1 = np.multiply(1 / m, np.sum(dZ1, 1, true));",
      "const db1 = np.multiply(4 / m, np.sum(dZ1, 1, true));",
    );

  it("a learner who leaves the planted bugs in loses the backward pass's points and the end-to-end test's, and is told so", async () => {
    expect(keptBugs).toContain("np.multiply(2 / m, np.dot(dZ2, A1.T))");
    const report = await gradeFiles(
      { "model.ts": keptBugs },
      {},
      { assignment: "gradient-checking" },
    );
    for (const f of report.functions) {
      const full = f.name !== "backwardPropagationN" && f.name !== "end-to-end";
      expect(f.score === f.maxScore, f.name).toBe(full);
    }
    const end = report.tests.find((t) => t.id === "end-to-end.checks");
    expect(end?.message).toMatch(
      /your gradientCheckN says your backwardPropagationN has a mistake \(difference 0\.\d+; the threshold is 2\.000e-7\)/,
    );
    const backward = report.tests.find((t) => t.id === "backwardPropagationN.course");
    expect(backward?.message).toContain("dW2 × 2 (a planted bug)");
    expect(backward?.message).toContain("db1 × 4/m (a planted bug)");
    const fixed = await gradeFiles({ "model.ts": source }, {}, { assignment: "gradient-checking" });
    expect(points(fixed, "end-to-end").score).toBe(points(fixed, "end-to-end").maxScore);
  }, 60_000);

  it("a checker that calls every gradient right is caught on the known bugs, by name", async () => {
    const alwaysFine = source.replaceAll("difference > THRESHOLD", "difference > Infinity");
    const report = await gradeFiles(
      { "model.ts": alwaysFine },
      {},
      { assignment: "gradient-checking" },
    );
    const caught = report.tests.find((t) => t.id === "gradientCheckN.catches-planted");
    expect(caught?.status).toBe("failed");
    expect(caught?.message).toMatch(
      /says the gradient is right, but it has a known bug \(the course's planted bugs, dW2 doubled and db1 times 4\): its difference is 0\.285093, where the formula gives 0\.285093, above the threshold 2\.000e-7/,
    );
    expect(report.tests.find((t) => t.id === "gradientCheckN.catches-small")?.status).toBe(
      "failed",
    );
    expect(report.tests.find((t) => t.id === "gradientCheckN.passes-right")?.status).toBe("passed");
    expect(points(report, "end-to-end").score).toBe(0);
  }, 60_000);

  it("a checker that prints no verdict, or calls the right gradient wrong, is caught", async () => {
    const silent = source.replace(
      / {2}if \(printMsg\) \{\n {4}console\.log\(\n {6}difference > THRESHOLD[\s\S]*?\n {2}\}\n {2}return difference;\n {2}\/\/ END SOLUTION\n\}\n\n\/\*\*\n \* All the arrays/,
      "  return difference;\n  // END SOLUTION\n}\n\n/**\n * All the arrays",
    );
    expect(silent).not.toBe(source);
    const report = await gradeFiles(
      { "model.ts": silent },
      {},
      { assignment: "gradient-checking" },
    );
    expect(report.tests.find((t) => t.id === "gradientCheck.verdict")?.message).toMatch(
      /asked to print its verdict, it printed none/,
    );
    const alarmed = source.replaceAll("difference > THRESHOLD", "difference > 1e-12");
    const alarm = await gradeFiles(
      { "model.ts": alarmed },
      {},
      { assignment: "gradient-checking" },
    );
    expect(alarm.tests.find((t) => t.id === "gradientCheckN.passes-right")?.message).toMatch(
      /says the gradient is wrong, but it is the reference's, right/,
    );
  }, 60_000);
});
