import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { computeExpected, expectedToJson } from "../../grader/pipeline/expected.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { reportProblems, reportToJson } from "../../grader/render/json.ts";
import { planarManifest } from "../helpers.ts";

describe("grading where there is no reference solution", () => {
  it("expected.json is in sync with the reference", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    if (!parts.reference) throw new Error("the reference is part of this repository");
    const text = expectedToJson(
      await computeExpected(parts.manifest, parts.cases, parts.reference),
      parts.data,
    );
    expect(readFileSync(parts.expectedPath, "utf8")).toBe(text);
  });

  it("grades the visible tests from expected.json and says the hidden ones did not run", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", false);
    expect(parts.reference).toBeUndefined();
    const report = await grade(parts, {
      submission: join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"),
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: true,
      timeoutMs: undefined,
      toolVersion: "test",
    });
    expect(reportProblems(JSON.parse(reportToJson(report)))).toEqual([]);
    expect(report.hidden).toEqual({
      ran: false,
      tests: planarManifest().hidden,
      note: `${planarManifest().hidden} hidden tests need the reference solution and did not run; the score covers the visible tests only (end-to-end.accuracy also needs the reference and did not run)`,
    });
    expect(report.tests.every((t) => t.visibility === "visible")).toBe(true);
    // Every visible test runs from the fixture and passes, but the accuracy check, which judges
    // with the reference and is left out (not failed).
    expect(report.tests.filter((t) => t.status !== "passed")).toEqual([]);
    expect(report.tests.map((t) => t.id)).not.toContain("end-to-end.accuracy");
    expect(report.score).toBe(report.maxScore);
  });
});
