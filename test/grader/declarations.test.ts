/**
 * Where a learner's file declares its functions (grader/pipeline/declarations.ts), and the
 * annotation of a failing function at that line.
 */
import { describe, expect, it } from "vitest";
import { declarationLines } from "../../grader/pipeline/declarations.ts";
import { annotations } from "../../grader/render/annotations.ts";
import { applyBug, referenceSource } from "../corpus/bugs.ts";
import { gradeSource } from "../helpers.ts";

describe("declarationLines", () => {
  it("finds each exported function however the stubs and learners write it, the first one only", () => {
    const source = [
      "import { np } from 'gradecheck/np';", // 1
      "export function sigmoid(z) {", // 2
      "  export function notTopLevelButStillAtLineStart() {}", // 3
      "}",
      "export async function predict(p, X) {}", // 5
      "  export const layerSizes = (X, Y) => ({});", // 6
      "export let $odd: Fn = () => 1;", // 7
      "export function* gen() {}", // 8
      "export function sigmoid() {}", // 9: a second declaration of the same name
    ].join("\n");
    expect(declarationLines(source)).toEqual({
      sigmoid: 2,
      notTopLevelButStillAtLineStart: 3,
      predict: 5,
      layerSizes: 6,
      $odd: 7,
      gen: 8,
    });
  });

  it("ignores declarations in block comments and other forms", () => {
    const source = [
      "/* old version:", // 1
      "export function sigmoid(z) {}", // 2
      "*/ export function kept() {}", // 3
      "// export function lineComment() {}", // 4
      "function local() {}", // 5
      "export { local as forwardPropagation };", // 6
      "const x = 1; /* starts", // 7
      "export function alsoInComment() {}", // 8
      "ends */",
    ].join("\n");
    expect(declarationLines(source)).toEqual({ kept: 3 });
  });
});

describe("a failing function's annotation", () => {
  it("points at the line that declares it, when its values are wrong (nothing thrown)", async () => {
    const source = applyBug(referenceSource(), {
      name: "dW2 without 1/m",
      replace: [["const dW2 = np.divide(np.dot(dZ2, A1.T), m);", "const dW2 = np.dot(dZ2, A1.T);"]],
    });
    const report = await gradeSource(source, {
      select: (test) => test.id.startsWith("backwardPropagation."),
    });
    const line =
      source.split("\n").findIndex((l) => l.startsWith("export function backwardPropagation(")) + 1;
    expect(line).toBeGreaterThan(1);
    expect(report.functions.find((f) => f.name === "backwardPropagation")?.line).toBe(line);
    expect(annotations(report)).toMatch(
      new RegExp(`^::error file=[^,]*model\\.ts,line=${line},title=backwardPropagation%3A`, "m"),
    );
  });
});
