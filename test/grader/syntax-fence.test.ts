/**
 * A syntax error costs the function it is in (pipeline/syntax-fence.ts, build.ts): the function is
 * replaced by one that throws the error, every other line stays where the learner wrote it, and the
 * other functions are graded. Where the error is not inside a function that can be read as one,
 * nothing is fenced and the file fails to build, as before.
 */
import { describe, expect, it } from "vitest";
import { fenceSyntaxErrors, functionLines } from "../../grader/pipeline/syntax-fence.ts";
import { localize } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeFiles } from "../helpers.ts";

const FILE = [
  'import { np } from "gradecheck/np";',
  "",
  "export function first(x: number): number {",
  "  for i in range(3) {",
  "  }",
  "  return x;",
  "}",
  "",
  "/** A helper. */",
  "function second(x: number): number {",
  "  return x +;",
  "}",
  "",
  "export const THIRD = 3;",
].join("\n");

describe("fenceSyntaxErrors", () => {
  it("replaces each function that holds an error, keeping every other line where it was", () => {
    const fenced = fenceSyntaxErrors(FILE, [
      { line: 4, column: 7, message: "model.ts:4:7: Expected ( but found i" },
      { line: 11, column: 12, message: "model.ts:11:12: Unexpected ;" },
    ]);
    expect(fenced?.fenced.map((f) => f.name)).toEqual(["first", "second"]);
    const lines = fenced?.text.split("\n") ?? [];
    expect(lines).toHaveLength(FILE.split("\n").length);
    expect(lines[2]).toBe("export function first(..._arguments: unknown[]): never {");
    // Thrown from the error's own line and column: where the test says it threw.
    expect(lines[3]).toBe('throw new SyntaxError("model.ts:4:7: Expected ( but found i");');
    expect(lines.slice(4, 6)).toEqual(["", ""]);
    expect(lines[6]).toBe("}");
    expect(lines[9]).toBe("function second(..._arguments: unknown[]): never {");
    expect(lines[10]).toMatch(/^ {5}throw new SyntaxError\("model\.ts:11:12: Unexpected ;"\);$/);
    expect(lines[11]).toBe("}");
    expect(lines[8]).toBe("/** A helper. */");
    expect(lines[13]).toBe("export const THIRD = 3;");
  });

  it("fences an arrow function bound to a name as a function", () => {
    const arrows = [
      "export const relu = (z: NDArray): NDArray => {",
      "  return np.maximum(z, 0;",
      "};",
      "const helper = async (x) => {",
      "  return x +;",
      "}",
      "const CONFIG = {",
      "  rate: 1.2,,",
      "};",
    ].join("\n");
    const fenced = fenceSyntaxErrors(arrows, [
      { line: 2, column: 25, message: "m:2:25" },
      { line: 5, column: 13, message: "m:5:13" },
    ]);
    expect(fenced?.fenced.map((f) => f.name)).toEqual(["relu", "helper"]);
    const lines = fenced?.text.split("\n") ?? [];
    expect(lines[0]).toBe("export const relu = (..._arguments: unknown[]): never => {");
    expect(lines[1]).toMatch(/^ +throw new SyntaxError\("m:2:25"\);$/);
    expect(lines[2]).toBe("}");
    expect(lines[3]).toBe("const helper = async (..._arguments: unknown[]): never => {");
    // An object bound to a name is no function: nothing is fenced.
    expect(fenceSyntaxErrors(arrows, [{ line: 8, column: 12, message: "" }])).toBeUndefined();
  });

  it("gives the lines of the function that holds a line, from its declaration", () => {
    const lines = FILE.split("\n");
    expect(functionLines(lines, 4)).toEqual(lines.slice(2, 5));
    expect(functionLines(lines, 10)).toEqual(lines.slice(9, 11));
    // Above every declaration: the line alone.
    expect(functionLines(lines, 0)).toEqual([lines[0]]);
    // A line number a forged stack gives, past the text or no line at all: nothing, at once.
    for (const index of [lines.length, 999_999_999_999, -1, 2.5, Number.NaN])
      expect(functionLines(lines, index)).toEqual([]);
  });

  it("reads a long line that is no declaration in one pass", () => {
    // A pattern that backtracks takes minutes on this line, past the test's time limit.
    const long = `const a = (x): ${" ".repeat(200_000)}y\n  x +;\n}`;
    expect(fenceSyntaxErrors(long, [{ line: 2, column: 5, message: "" }])).toBeUndefined();
  });

  it("fences nothing where an error is outside every function, or in one that does not close", () => {
    // Between two functions.
    expect(fenceSyntaxErrors(FILE, [{ line: 8, column: 1, message: "" }])).toBeUndefined();
    // In a top-level statement.
    expect(fenceSyntaxErrors(FILE, [{ line: 14, column: 1, message: "" }])).toBeUndefined();
    // At a declaration's very start: what came before it left something open.
    expect(fenceSyntaxErrors(FILE, [{ line: 10, column: 1, message: "" }])).toBeUndefined();
    // In the declaration line itself, past its start: thrown from there, the function closed.
    const declaration = fenceSyntaxErrors(FILE, [{ line: 10, column: 20, message: "m" }]);
    const fencedLines = declaration?.text.split("\n") ?? [];
    expect(fencedLines[9]).toBe(
      'function second(..._arguments: unknown[]): never { throw new SyntaxError("m");',
    );
    expect(fencedLines[11]).toBe("}");
    // A function whose closing brace is missing: it would take in the next declaration.
    const unclosed = FILE.replace("  return x;\n}\n", "  return x;\n");
    expect(fenceSyntaxErrors(unclosed, [{ line: 4, column: 7, message: "" }])).toBeUndefined();
  });
});

/** The reference with sigmoid calling a helper, negate, that the test adds. */
const withNegate = referenceSource().replace(
  "  return np.divide(1, np.add(1, np.exp(np.negative(z))));",
  "  return np.divide(1, np.add(1, np.exp(negate(z))));",
);

describe("a submission with syntax errors in two functions", () => {
  it("loses those functions' points only, and says why, in English and Korean", async () => {
    const reference = referenceSource();
    const loop = "  for (let i = 0; i < numIterations; i++) {";
    const threshold = "return np.where(np.greater(A2, 0.5), 1, 0);";
    expect(reference).toContain(loop);
    expect(reference).toContain(threshold);
    const model = reference
      .replace(loop, "  for i in range(numIterations) {")
      .replace(threshold, "return np.where(A2 > 0.5: 1, 0);");
    const report = await gradeFiles(
      { "model.ts": model },
      { select: (test) => /^(nnModel|predict|sigmoid|computeCost)\./.test(test.id) },
    );
    expect(report.status).toBe("graded");
    const byFunction = (fn: string) => report.tests.filter((t) => t.function === fn);
    for (const fn of ["nnModel", "predict"]) {
      expect(byFunction(fn).length).toBeGreaterThan(0);
      for (const test of byFunction(fn)) {
        expect(test.status, test.id).toBe("error");
        expect(test.message).toContain(`${fn} threw SyntaxError: model.ts:`);
      }
    }
    // Where it threw is the learner's broken line.
    for (const test of byFunction("nnModel"))
      expect(test.message).toContain("in `for i in range(numIterations) {`)");
    for (const fn of ["sigmoid", "computeCost"])
      for (const test of byFunction(fn)) expect(test.status, test.id).toBe("passed");
    expect(report.warnings.filter((w) => w.startsWith("syntax error in "))).toHaveLength(2);
    const korean = localize(report, { words: ko });
    expect(korean.warnings.some((w) => w.startsWith("nnModel에 문법 오류가 있어"))).toBe(true);
  }, 60_000);

  it.each([
    [
      "an arrow helper",
      {
        "model.ts": `${withNegate}\nconst negate = (z: NDArray): NDArray => {\n  return np.negative(z;\n};\n`,
      },
      "model.ts",
    ],
    [
      "a function of another file of the submission",
      {
        "model.ts": `import { negate } from "./helpers.ts";\n${withNegate}`,
        "helpers.ts": [
          'import { type NDArray, np } from "gradecheck/np";',
          "",
          "export function negate(z: NDArray): NDArray {",
          "  return np.negative(z;",
          "}",
        ].join("\n"),
      },
      "helpers.ts:4:",
    ],
  ])(
    "a syntax error in %s costs the functions that call it only",
    async (_, files, where) => {
      const report = await gradeFiles(files, {
        select: (test) => /^(sigmoid|computeCost)\./.test(test.id),
      });
      expect(report.status).toBe("graded");
      const sigmoidTests = report.tests.filter((t) => t.function === "sigmoid");
      expect(sigmoidTests.length).toBeGreaterThan(0);
      for (const test of sigmoidTests) {
        expect(test.status, test.id).not.toBe("passed");
        expect(test.message).toContain(`SyntaxError: ${where}`);
      }
      for (const test of report.tests.filter((t) => t.function === "computeCost"))
        expect(test.status, test.id).toBe("passed");
      expect(report.warnings.some((w) => w.startsWith("syntax error in negate"))).toBe(true);
    },
    60_000,
  );

  it("still fails to build where an error is outside every function", async () => {
    const report = await gradeFiles(
      { "model.ts": `${referenceSource()}\nconst broken = ;\n` },
      { select: (test) => test.id.startsWith("sigmoid.") },
    );
    expect(report.status).not.toBe("graded");
    expect(report.message).toContain("model.ts:");
  }, 60_000);
});
