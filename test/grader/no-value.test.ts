/**
 * A function that returns no value, or one the wire does not carry (a Promise, a function), is
 * told what it returned; and as it returned the same each time it was called, no hint says its
 * results varied (checks/compare.ts takes the wire's markers as equal to themselves: before, a
 * forgotten `return` was told it "returned different results").
 */
import { describe, expect, it } from "vitest";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeFiles } from "../helpers.ts";

const reference = referenceSource();
const SIGMOID = "  return np.divide(1, np.add(1, np.exp(np.negative(z))));";

describe("a sigmoid that returns", () => {
  it.each([
    [
      "nothing (no return)",
      SIGMOID.replace("return ", ""),
      /the result is undefined, expected an array \(\d+,\d+\)\. Hint: a function without a return statement/,
    ],
    ["a Promise (async)", SIGMOID, "the result is a Promise", "export async function sigmoid("],
    ["a function", "  return () => z;", "the result is a function"],
  ])("%s: told so, and never that its results varied", async (_, body, told, declared?) => {
    expect(reference).toContain(SIGMOID);
    let source = reference.replace(SIGMOID, body);
    if (declared) source = source.replace("export function sigmoid(", declared);
    expect(source).not.toBe(reference);
    const report = await gradeFiles(
      { "model.ts": source },
      { select: (test) => test.id.startsWith("sigmoid.") && !test.id.endsWith(".property") },
    );
    const failing = report.tests.filter((t) => t.status !== "passed");
    expect(failing.length).toBeGreaterThan(0);
    for (const test of failing) {
      expect(test.message).toMatch(told);
      expect(test.message).not.toContain("returned different results");
      expect(test.details).not.toMatchObject({ hint: { code: "varies" } });
    }
  });
});
