/**
 * gradecheck prints arrays and numbers as numpy's print() does (test/fixtures/numpy-print.json,
 * made by numpy itself with make_numpy_print.py), so that a learner compares like with like.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { numpyLines, numpyNumber } from "../../grader/render/numpy.ts";

const fixture = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "test/fixtures/numpy-print.json"), "utf8"),
) as {
  arrays: { value: (number | string)[][]; printed: string }[];
  numbers: { value: number; printed: string }[];
};

describe("arrays and numbers print like numpy", () => {
  it.each(fixture.arrays.map((c) => [c.printed, c.value] as const))("%s", (printed, value) => {
    expect(numpyLines(value.map((row) => row.map(Number))).join("\n")).toBe(printed);
  });

  it.each(fixture.numbers.map((c) => [c.printed, c.value] as const))("%s", (printed, value) => {
    expect(numpyNumber(value)).toBe(printed);
  });

  it("prints what JSON cannot hold as numpy does", () => {
    expect(
      [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(numpyNumber),
    ).toEqual(["nan", "inf", "-inf"]);
    expect(numpyNumber(1.23456789e-7)).toBe("1.23456789e-07");
  });
});
