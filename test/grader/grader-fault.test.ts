/**
 * A bug of gradecheck's own, thrown while judging one test, costs that test only: the run goes
 * on, the report validates, and the test says the fault is gradecheck's, not the learner's.
 */
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { reportProblems, reportToJson } from "../../grader/render/json.ts";
import { REFERENCE_PATH } from "../corpus/bugs.ts";

describe("a check that throws", () => {
  it("fails its own test, with a message blaming gradecheck, and nothing else", async () => {
    const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
    const sigmoidTests = parts.manifest.functions.find((f) => f.name === "sigmoid")?.tests ?? [];
    const broken = sigmoidTests.find((t) => t.kind === "property")?.check as string;
    const spec = parts.cases.properties[broken];
    if (!spec) throw new Error("no property");
    parts.cases.properties[broken] = {
      ...spec,
      check: async () => {
        throw new TypeError("Cannot read properties of null (reading 'W1')");
      },
    };
    const report = await grade(parts, {
      submission: REFERENCE_PATH,
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: false,
      timeoutMs: undefined,
      toolVersion: "test",
      select: (test) => test.id.startsWith("sigmoid."),
    });
    expect(reportProblems(JSON.parse(reportToJson(report)))).toEqual([]);
    const faulty = report.tests.filter((t) => t.status !== "passed");
    expect(faulty.map((t) => t.message)).toEqual([
      `sigmoid: not run: gradecheck itself failed on this test (TypeError: Cannot read properties of null (reading 'W1')); this is a bug in gradecheck, not in your code: please report it.`,
    ]);
    expect(report.tests.length).toBeGreaterThan(1);
  }, 60_000);
});
