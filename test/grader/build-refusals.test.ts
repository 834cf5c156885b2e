/**
 * An import the build refuses (pipeline/build.ts, where a submission may import only the array
 * module, Node's own modules and its own files) is the grader's own sentence: the report keeps
 * its phrase, and a report in Korean words it again, place and code frame as they were. A
 * compiler's own message (a syntax error) stays as esbuild wrote it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { localize } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";
import { gradeFiles } from "../helpers.ts";
import { englishProse, hasHangul } from "../words-prose.ts";

/**
 * The report of a submission whose model.ts starts with `firstLine` (an export, which a build
 * keeps, where it drops an import of names not used as values), and the same in Korean.
 */
async function built(firstLine: string) {
  const source = `${firstLine}\nexport function sigmoid(z: number) { return z; }\n`;
  const report = await gradeFiles({ "model.ts": source });
  return { report, korean: localize(report, { words: ko }) };
}

describe("an import the build refuses", () => {
  it.each([
    ['export * from "./helpers.ts";', "no-such-file", "there is no such file"],
    ['export * from "/proc/self/environ";', "outside", "it lies outside the submission"],
    ['export * from "inspector/promises";', "node-not-allowed", "not one of the Node modules"],
    ['export * from "./model.ts" with { type: "json" };', "attributes", "import attributes"],
  ])("%s: worded again in Korean, where and the code as they were", async (line, why, english) => {
    const { report, korean } = await built(line);
    expect(report.status).toBe("error");
    expect(report.message).toMatch(/^model\.ts:1:\d+: cannot import "/);
    expect(report.message).toContain(english);
    expect(report.phrases.message).toMatchObject({
      code: "build.at",
      params: { error: { code: "build.cannot-import", params: { why } } },
    });
    const [error, ...frame] = korean.message.split("\n");
    expect(error).toMatch(/^model\.ts:1:\d+: "/);
    expect(hasHangul(error as string)).toBe(true);
    expect(englishProse(error as string)).toEqual([]);
    // The code frame is the learner's file, in either language.
    expect(frame).toEqual(report.message.split("\n").slice(1));
    expect(frame.join("\n")).toContain(line);
    // The build's line in the report says the same.
    expect(korean.tests.find((t) => t.id === "build")?.message).toBe(korean.message);
  });

  it("through a path built at run time, worded again in Korean", async () => {
    // The bundler takes in every file the pattern matches, from / on: the array module's too.
    const folder = join(PACKAGE_ROOT, "assignments/lib").slice(1);
    const line = `export const load = (name: string) => require(\`${"../".repeat(24)}${folder}/\${name}.ts\`);`;
    const { report, korean } = await built(line);
    expect(report.message).toContain("an import reaches a file outside the submission");
    expect(report.phrases.message).toMatchObject({
      code: "build.at",
      params: { error: { code: "build.reaches-outside" } },
    });
    const [error] = korean.message.split("\n");
    expect(hasHangul(error as string)).toBe(true);
    expect(englishProse(error as string)).toEqual([]);
  });

  it("leaves a compiler's message as it was written", async () => {
    const { report, korean } = await built("export function (");
    expect(report.phrases.message.code).toBe("report.verbatim");
    expect(korean.message).toBe(report.message);
  });
});
