/**
 * The Exercism test runner, as Exercism calls it
 * (https://exercism.org/docs/building/tooling/test-runners/interface):
 * `bin/run.sh <slug> <input dir> <output dir>` writes results.json, version 3, to the output
 * directory and exits 0 whatever the tests' status; what cannot be graded is an `error` with the
 * reason. The image is built from the repository's Dockerfile (not built here: no Docker).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { assignmentIds } from "../grader/pipeline/load.ts";
import { exercismSchema } from "./adapters/schemas.ts";
import { referenceSource } from "./corpus/bugs.ts";
import { tempDir } from "./helpers.ts";

const valid = new Ajv({ allErrors: true, strict: false }).compile(exercismSchema);

/** Runs the runner on a solution folder holding `model`; its exit code and results.json. */
function run(slug: string, model: string | undefined) {
  const dir = tempDir("gradecheck-exercism-");
  const input = join(dir, "input");
  mkdirSync(input);
  if (model !== undefined) writeFileSync(join(input, "model.ts"), model);
  const output = join(dir, "output");
  const ran = spawnSync("sh", [join(PACKAGE_ROOT, "bin/run.sh"), slug, `${input}/`, `${output}/`], {
    encoding: "utf8",
    timeout: 60_000,
  });
  const results = JSON.parse(readFileSync(join(output, "results.json"), "utf8"));
  expect(valid(results), JSON.stringify(valid.errors)).toBe(true);
  return { status: ran.status, results };
}

const solution = referenceSource().replace('"../../assignments/lib/np.ts"', '"gradecheck/np"');

describe("bin/run.sh, Exercism's test runner", () => {
  it("passes a correct solution: results.json version 3, exit 0", () => {
    const { status, results } = run("planar-classifier", solution);
    expect(status).toBe(0);
    expect(results.status).toBe("pass");
    expect(results.message).toBeNull();
    expect(results.tests.length).toBeGreaterThan(20);
  });

  it.each(assignmentIds(PACKAGE_ROOT))(
    "numbers each test's task of %s as its README numbers its tasks (### N. `function(`)",
    (id) => {
      const readme = readFileSync(join(PACKAGE_ROOT, "assignments", id, "README.md"), "utf8");
      const tasks = new Map(
        [...readme.matchAll(/^### (\d+)\. `(\w+)\(/gm)].map(([, n, name]) => [name, Number(n)]),
      );
      const reference = readFileSync(join(PACKAGE_ROOT, "reference", id, "model.ts"), "utf8");
      const { results } = run(
        id,
        reference.replace('"../../assignments/lib/np.ts"', '"gradecheck/np"'),
      );
      expect(results.status).toBe("pass");
      const seen = new Set<string>();
      for (const t of results.tests as { name: string; task_id?: number }[]) {
        const name = t.name.split(":")[0] ?? "";
        seen.add(name);
        expect([name, t.task_id]).toEqual([name, tasks.get(name)]);
      }
      // Every task, and the end-to-end test without one.
      expect(seen.size).toBe(tasks.size + 1);
      expect(seen).toContain("end-to-end");
    },
  );

  it("fails a wrong one, still exit 0, each failing test with its message", () => {
    const wrong = solution.replace("np.exp(np.negative(z))", "np.exp(z)");
    const { status, results } = run("planar-classifier", wrong);
    expect(status).toBe(0);
    expect(results.status).toBe("fail");
    const failed = results.tests.filter((t: { status: string }) => t.status !== "pass");
    expect(failed[0].message).toContain("σ(−z) for σ(z)");
  });

  it.each([
    ["a solution that does not compile", "planar-classifier", "export const = ;", "model.ts:1"],
    [
      "no solution at all",
      "planar-classifier",
      undefined,
      "input is empty: there is nothing to grade",
    ],
    ["a slug that names no assignment", "two-fer", solution, 'unknown assignment "two-fer"'],
  ])("%s: an error with the reason, exit 0", (_, slug, model, reason) => {
    const { status, results } = run(slug, model);
    expect(status).toBe(0);
    expect(results.status).toBe("error");
    expect(results.message).toContain(reason);
  });
});
