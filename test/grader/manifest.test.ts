import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ManifestError, parseManifest } from "../../grader/core/manifest.ts";
import { END_TO_END, FUNCTIONS } from "../corpus/bugs.ts";

const manifest = JSON.parse(
  readFileSync(
    new URL("../../assignments/planar-classifier/assignment.json", import.meta.url),
    "utf8",
  ),
);
const copy = () => structuredClone(manifest);

describe("the assignment manifest", () => {
  it("the planar manifest is valid, with points on every test and ids unique", () => {
    const parsed = parseManifest(copy(), "assignment.json");
    expect(parsed.functions.map((f) => f.name)).toEqual([...FUNCTIONS, END_TO_END]);
    expect(parsed.hyperparameters).toEqual({
      initScale: 0.001,
      learningRate: 1.2,
      numIterations: 10000,
      nH: 4,
    });
  });

  it.each([
    [
      "a negative points value",
      (m: typeof manifest) => (m.functions[1].tests[0].points = -1),
      "/functions/1/tests/0/points",
      "must be > 0",
    ],
    [
      "an unknown visibility",
      (m: typeof manifest) => (m.functions[0].tests[2].visibility = "secret"),
      "/functions/0/tests/2/visibility",
      'must be one of "visible", "hidden"',
    ],
    [
      "a misspelt property",
      (m: typeof manifest) => (m.functions[0].tests[0].pionts = 1),
      "/functions/0/tests/0",
      'unknown property "pionts"',
    ],
    [
      // Hyperparameters are the assignment's own (free-form), but numbers.
      "a hyperparameter that is not a number",
      (m: typeof manifest) => (m.hyperparameters.nH = "four"),
      "/hyperparameters/nH",
      "must be number",
    ],
    [
      "an ungated property (a constant can satisfy a law)",
      (m: typeof manifest) => (m.functions[0].tests[3].gated = false),
      "/functions/0/tests/3/gated",
      "must be equal to constant",
    ],
    [
      "an integration test outside an end-to-end group (every function's test judges it alone)",
      (m: typeof manifest) => (m.functions[7].tests[0].kind = "integration"),
      "/functions/7/tests/0/kind",
      'must be one of "compare", "gradient", "checker", "property"',
    ],
    [
      "a comparison in the end-to-end group",
      (m: typeof manifest) => (m.functions[9].tests[0].kind = "compare"),
      "/functions/9/tests/0/kind",
      "must be equal to constant",
    ],
    [
      "a function without its argument names",
      (m: typeof manifest) => delete m.functions[0].args,
      "/functions/0",
      "must have required property 'args'",
    ],
    [
      "a hyphen in a function's name",
      (m: typeof manifest) => (m.functions[0].name = "sig-moid"),
      "/functions/0/name",
      'must match pattern "^[A-Za-z_$][A-Za-z0-9_$]*$"',
    ],
    [
      "a duplicate test id",
      (m: typeof manifest) => (m.functions[2].tests[1].id = m.functions[0].tests[0].id),
      "/functions/2/tests/1/id",
      'test id "sigmoid.mixed-signs" is already used at /functions/0/tests/0/id',
    ],
  ])("reports %s with its JSON path", (_, mutate, path, problem) => {
    const broken = copy();
    mutate(broken);
    let error: unknown;
    try {
      parseManifest(broken, "assignment.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).path).toBe(path);
    expect((error as ManifestError).message).toBe(`assignment.json at ${path}: ${problem}`);
  });
});
