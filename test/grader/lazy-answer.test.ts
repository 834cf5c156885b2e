/**
 * The reference's answer to a test's inputs is worked out only when it can matter: when the
 * learner's call returned a value to judge, or has run long enough (its floor) for the limit
 * calibrated on the reference's own time to decide. A stub's throw never waits for it. So with a
 * session check's reference data (a gradient check's numeric derivatives). Where the build verified
 * the committed expected.json, a visible test is judged against it, and the reference runs only
 * for a call's limit.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plannedTests, type TestSpec } from "../../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { AssignmentParts } from "../../grader/pipeline/load.ts";
import {
  expectedDigest,
  recordKey,
  VERIFIED_RECORD,
  verifiedBy,
  verifiedByBuild,
} from "../../grader/pipeline/verified.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { atStartOf } from "../corpus/hostile-kit.ts";
import { assignmentParts, gradeFiles, tempDir } from "../helpers.ts";

const STUBS = join(import.meta.dirname, "../../assignments/planar-classifier/model.ts");

/** The reference with each function counting its calls in `calls`, and those in `replaced` replaced. */
function counted(
  parts: AssignmentParts,
  calls: Record<string, number>,
  replaced: Record<string, (...args: never[]) => unknown> = {},
): AssignmentParts {
  const reference = Object.fromEntries(
    Object.entries(parts.reference ?? {}).map(([name, f]) => [
      name,
      (...args: never[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (replaced[name] ?? f)(...args);
      },
    ]),
  );
  return { ...parts, reference };
}

/** Busy for `ms` milliseconds (a slow reference). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

/** Learner code that makes the function's `nth` call (counted across tests) take `ms`. */
function slowCall(nth: number, ms: number): string {
  return [
    "  const seen = globalThis as { calls?: number };",
    "  seen.calls = (seen.calls ?? 0) + 1;",
    `  if (seen.calls === ${nth}) {`,
    `    const until = Date.now() + ${ms};`,
    "    while (Date.now() < until) {}",
    "  }",
  ].join("\n");
}

/** The assignment as loaded from a build that verified its expected.json. */
function verified(parts: AssignmentParts): AssignmentParts {
  if (!parts.expected) throw new Error("the assignment has an expected.json");
  return { ...parts, expected: { ...parts.expected, verified: true } };
}

/**
 * sigmoid.mixed-signs of a learner whose first call takes 800 ms, past a 300 ms floor, within 20
 * × the 60 ms the reference's sigmoid takes (counted in `calls`); `as` is how the assignment is
 * loaded.
 */
async function slowSigmoid(
  calls: Record<string, number>,
  as: (parts: AssignmentParts) => AssignmentParts = (parts) => parts,
) {
  const parts = await assignmentParts("planar-classifier");
  const limits = { ...parts.manifest.limits, timeoutFloorMs: 300, timeoutFactor: 20 };
  const slowReference = counted(as({ ...parts, manifest: { ...parts.manifest, limits } }), calls, {
    sigmoid: (z) => {
      busy(60);
      return parts.reference?.sigmoid?.(z);
    },
  });
  const report = await gradeAt(
    slowReference,
    atStartOf(referenceSource(), "sigmoid", slowCall(1, 800)),
    (id) => id === "sigmoid.mixed-signs",
  );
  return report.tests[0];
}

/** Grades `source` against `parts`, its compare tests whose id `only` accepts. */
function gradeAt(parts: AssignmentParts, source: string, only: (id: string) => boolean) {
  const select = (test: TestSpec) => test.kind === "compare" && only(test.id);
  return gradeFiles({ "model.ts": source }, { select }, { parts });
}

describe("the reference's answer to a call", () => {
  it("is never worked out for a call that fails (a stub's), whose limit is then its floor", async () => {
    const parts = await assignmentParts("planar-classifier");
    const calls: Record<string, number> = {};
    const report = await gradeAt(
      counted(parts, calls),
      readFileSync(STUBS, "utf8"),
      (id) => id.startsWith("nnModel.") || id.startsWith("sigmoid."),
    );
    expect(report.tests.length).toBeGreaterThan(3);
    for (const test of report.tests) {
      expect(test.status, test.id).toBe("missing");
      expect(test.timeLimitMs, test.id).toBe(parts.manifest.limits.timeoutFloorMs);
    }
    expect(calls).toEqual({});
  });

  it("is worked out for a call that returns, once per test, and judges it", async () => {
    const parts = await assignmentParts("planar-classifier");
    const calls: Record<string, number> = {};
    const report = await gradeAt(counted(parts, calls), referenceSource(), (id) =>
      id.startsWith("sigmoid."),
    );
    expect(report.tests.length).toBeGreaterThan(1);
    for (const test of report.tests) expect(test.status, test.id).toBe("passed");
    expect(calls).toEqual({ sigmoid: report.tests.length });
  });

  it("is worked out while the call runs, for a function that has returned values before", async () => {
    const parts = await assignmentParts("planar-classifier");
    const answeredAt: number[] = [];
    const timed = counted(
      parts,
      {},
      {
        sigmoid: (z) => {
          answeredAt.push(performance.now());
          return parts.reference?.sigmoid?.(z);
        },
      },
    );
    // Each test calls sigmoid twice (the second checks it is deterministic): the third call, the
    // second test's first, takes 400 ms.
    const started: Record<string, number> = {};
    const report = await gradeFiles(
      { "model.ts": atStartOf(referenceSource(), "sigmoid", slowCall(3, 400)) },
      {
        select: (test) => test.id === "sigmoid.mixed-signs" || test.id === "sigmoid.row",
        progress: ({ test, state }) => {
          if (state === "started") started[test.id] = performance.now();
        },
      },
      { parts: timed },
    );
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([
      ["sigmoid.mixed-signs", "passed"],
      ["sigmoid.row", "passed"],
    ]);
    expect(report.tests[1]?.durationMs).toBeGreaterThanOrEqual(400);
    // The first test's answer comes after its call; the second's while its call still runs.
    expect(answeredAt).toHaveLength(2);
    expect((answeredAt[1] as number) - (started["sigmoid.row"] as number)).toBeLessThan(300);
  });

  it("gives a call that runs past its floor the limit calibrated on the reference's own time", async () => {
    const test = await slowSigmoid({});
    expect(test?.status, test?.message).toBe("passed");
    expect(test?.durationMs).toBeGreaterThanOrEqual(800);
    expect(test?.timeLimitMs).toBeGreaterThanOrEqual(1200);
  });
});

describe("a session check's reference data (a gradient check's numeric derivatives)", () => {
  const GRADIENT = "backwardPropagation.gradient";
  const gradeSession = (parts: AssignmentParts, source: string) =>
    gradeFiles({ "model.ts": source }, { select: (test) => test.id === GRADIENT }, { parts });

  it("is never worked out for a stub, whose limit is then its floor", async () => {
    const parts = await assignmentParts("planar-classifier");
    const calls: Record<string, number> = {};
    const report = await gradeSession(counted(parts, calls), readFileSync(STUBS, "utf8"));
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([[GRADIENT, "missing"]]);
    expect(report.tests[0]?.timeLimitMs).toBe(parts.manifest.limits.timeoutFloorMs);
    expect(calls).toEqual({});
  });

  it("is worked out once the learner's backward pass has returned, and judges it", async () => {
    const parts = await assignmentParts("planar-classifier");
    const calls: Record<string, number> = {};
    const report = await gradeSession(counted(parts, calls), referenceSource());
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([[GRADIENT, "passed"]]);
    // The numeric derivatives evaluate the reference's forward pass and cost.
    expect(calls.forwardPropagation).toBeGreaterThan(10);
    expect(calls.computeCost).toBe(calls.forwardPropagation);
  });

  it("gives a call that runs past its floor the limit calibrated on the time it took", async () => {
    const parts = await assignmentParts("planar-classifier");
    const limits = { ...parts.manifest.limits, timeoutFloorMs: 300, timeoutFactor: 20 };
    let first = true;
    const slowReference = counted(
      { ...parts, manifest: { ...parts.manifest, limits } },
      {},
      {
        computeCost: (...args) => {
          if (first) busy(60);
          first = false;
          return parts.reference?.computeCost?.(...(args as [never, never]));
        },
      },
    );
    // The learner's backward pass takes 800 ms: past the 300 ms floor, within 20 × 60 ms.
    const report = await gradeSession(
      slowReference,
      atStartOf(referenceSource(), "backwardPropagation", slowCall(1, 800)),
    );
    const [test] = report.tests;
    expect(test?.status, test?.message).toBe("passed");
    expect(test?.durationMs).toBeGreaterThanOrEqual(800);
    expect(test?.timeLimitMs).toBeGreaterThanOrEqual(1200);
  });
});

describe("with an expected.json the build verified (grader/pipeline/verified.ts)", () => {
  /**
   * The visible tests (a hidden one's inputs are new in each run: the reference answers them) of
   * functions that call no other (the reference then runs for nothing else: a stand-in's answer).
   */
  const visible = (parts: AssignmentParts) => (id: string) =>
    /^(sigmoid|layerSizes)\./.test(id) &&
    plannedTests(parts.manifest).some(
      ({ test }) => test.id === id && test.visibility === "visible",
    );

  it("judges a visible test against the committed value, never running the reference", async () => {
    const parts = await assignmentParts("planar-classifier");
    const calls: Record<string, number> = {};
    const report = await gradeAt(
      counted(verified(parts), calls),
      referenceSource(),
      visible(parts),
    );
    const plain = await gradeAt(parts, referenceSource(), visible(parts));
    expect(report.tests.length).toBeGreaterThan(3);
    expect(report.tests.map((t) => [t.id, t.status, t.score])).toEqual(
      plain.tests.map((t) => [t.id, t.status, t.score]),
    );
    expect(calls).toEqual({});
    // Unverified, the reference works each answer out.
    const unverified: Record<string, number> = {};
    await gradeAt(counted(parts, unverified), referenceSource(), visible(parts));
    expect(unverified.sigmoid).toBeGreaterThan(0);
  });

  it("judges against what the file holds: a value changed there fails a right answer", async () => {
    const parts = verified(await assignmentParts("planar-classifier"));
    const tests = { ...parts.expected?.tests };
    const fixture = tests["sigmoid.mixed-signs"];
    if (!fixture) throw new Error("sigmoid.mixed-signs is a visible test");
    tests["sigmoid.mixed-signs"] = { ...fixture, expected: 0.25 };
    const changed = { ...parts, expected: { ...parts.expected, tests } } as AssignmentParts;
    const report = await gradeAt(changed, referenceSource(), (id) => id === "sigmoid.mixed-signs");
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([["sigmoid.mixed-signs", "failed"]]);
  });

  it("still gives a call that runs past its floor the limit calibrated on the reference's time", async () => {
    const calls: Record<string, number> = {};
    const test = await slowSigmoid(calls, verified);
    expect(test?.status, test?.message).toBe("passed");
    expect(test?.timeLimitMs).toBeGreaterThanOrEqual(1200);
    expect(calls).toEqual({ sigmoid: 1 });
  });
});

describe("the build's record of verified expected.json files", () => {
  const path = join(PACKAGE_ROOT, "assignments/planar-classifier/expected.json");
  const text = readFileSync(path, "utf8");
  const recordOf = (record: Record<string, string>) => {
    const file = join(tempDir("gradecheck-verified-"), VERIFIED_RECORD);
    writeFileSync(file, JSON.stringify(record));
    return file;
  };

  it("verifies a file it lists, with the digest it has now", () => {
    const file = recordOf({ [recordKey(path)]: expectedDigest(text) });
    expect(recordKey(path)).toBe("assignments/planar-classifier/expected.json");
    expect(verifiedBy(file, path, text)).toBe(true);
    expect(verifiedBy(file, path, `${text} `)).toBe(false);
    const other = join(PACKAGE_ROOT, "assignments/logistic-regression/expected.json");
    expect(verifiedBy(file, other, text)).toBe(false);
  });

  it("verifies nothing without a record, or from the sources, which have no build", () => {
    expect(verifiedBy(undefined, path, text)).toBe(false);
    expect(verifiedBy(join(tempDir("gradecheck-verified-"), VERIFIED_RECORD), path, text)).toBe(
      false,
    );
    expect(verifiedBy(recordOf({ toString: expectedDigest(text) }), path, text)).toBe(false);
    expect(verifiedByBuild(path, text)).toBe(false);
  });
});
