import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runExportGradescope } from "../grader/commands/export-gradescope.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Report } from "../grader/core/report.ts";
import { gradescopeSchema } from "./adapters/schemas.ts";
import { planarManifest, tempDir } from "./helpers.ts";

const validResults = new Ajv({ strict: false }).compile(gradescopeSchema);

/**
 * Unpacks the bundle into a fake /autograder and runs run_autograder on `model` (and any other
 * files of the submission's folder).
 */
function runOnGradescope(zip: string, model: string | null, others: Record<string, string> = {}) {
  const root = tempDir("gradecheck-autograder-");
  for (const [path, data] of Object.entries(unzipSync(new Uint8Array(readFileSync(zip))))) {
    const file = join(root, "source", path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  chmodSync(join(root, "source", "run_autograder"), 0o755);
  // setup.sh would `npm ci` here; the same packages are linked in instead.
  symlinkSync(join(PACKAGE_ROOT, "node_modules"), join(root, "source", "node_modules"));
  mkdirSync(join(root, "submission"));
  if (model !== null) writeFileSync(join(root, "submission", "model.ts"), model);
  for (const [name, text] of Object.entries(others))
    writeFileSync(join(root, "submission", name), text);
  const run = spawnSync("bash", [join(root, "source", "run_autograder")], {
    env: { ...process.env, GRADECHECK_AUTOGRADER_ROOT: root },
    encoding: "utf8",
  });
  const report = join(root, "results", "report.json");
  return {
    run,
    results: JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")),
    report: existsSync(report) ? (JSON.parse(readFileSync(report, "utf8")) as Report) : undefined,
  };
}

/** The bundle, exported afresh into a folder removed after the test. */
function exported(): string {
  const zip = join(tempDir("gradecheck-export-"), "autograder.zip");
  runExportGradescope({ root: PACKAGE_ROOT, out: zip, assignment: "planar-classifier" }, () => {});
  return zip;
}

describe("gradecheck export gradescope", () => {
  it("bundles setup.sh, run_autograder and the grader with the reference", () => {
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(exported()))));
    expect(files).toContain("setup.sh");
    expect(files).toContain("run_autograder");
    expect(files).toContain("reference/planar-classifier/model.ts");
    expect(files).toContain("assignments/planar-classifier/assignment.json");
    expect(files.some((f) => f.startsWith("test/") || f.startsWith("node_modules/"))).toBe(false);
  });

  it("run_autograder grades /autograder/submission into a valid results.json", () => {
    const reference = readFileSync(
      join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"),
      "utf8",
    );
    const { run, results } = runOnGradescope(exported(), reference);
    expect(run.status, run.stderr).toBe(0);
    expect(validResults(results), JSON.stringify(validResults.errors)).toBe(true);
    expect(results.score).toBe(planarManifest().maxScore);
  }, 90_000);

  it("a submission without model.ts still gets a results.json that says why", () => {
    const { results } = runOnGradescope(exported(), null);
    expect(results.score).toBe(0);
    expect(results.output).toContain("gradecheck could not grade this submission");
    expect(results.output).toMatch(/submission is empty: there is nothing to grade/);
  }, 30_000);

  it("draws a fresh seed for every submission and records it in both results", () => {
    const zip = exported();
    const stub = readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"), "utf8");
    const seeds = [runOnGradescope(zip, stub), runOnGradescope(zip, stub)].map(
      ({ results, report }) => {
        expect(report?.seed).toBe(results.extra_data.seed);
        return report?.seed;
      },
    );
    expect(seeds[0]).not.toBe(seeds[1]);
  }, 60_000);

  it("reads no configuration the learner uploads: a tsconfig.json mapping a module to the reference builds nothing", () => {
    const { results, report } = runOnGradescope(
      exported(),
      'export * from "readline/promises";\n',
      {
        "tsconfig.json": JSON.stringify({
          compilerOptions: {
            paths: { "readline/promises": ["../source/reference/planar-classifier/model.ts"] },
          },
        }),
      },
    );
    expect(results.score).toBe(0);
    expect(report?.status).toBe("error");
    expect(results.output).toContain('cannot import "readline/promises"');
  }, 30_000);
});
