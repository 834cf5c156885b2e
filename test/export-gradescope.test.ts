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
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  GRADESCOPE_LIMITS,
  GRADESCOPE_NODE,
  runExportGradescope,
} from "../grader/commands/export-gradescope.ts";
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

/** Runs setup.sh with stand-ins for the commands it calls, each logging its arguments. */
function runSetup(nodeMajor: number | undefined) {
  const root = tempDir("gradecheck-setup-");
  const bin = join(root, "bin");
  mkdirSync(join(root, "source"), { recursive: true });
  mkdirSync(bin);
  const log = join(root, "calls.log");
  const standIn = (name: string, body = "") =>
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`, {
      mode: 0o755,
    });
  for (const name of ["apt-get", "npm", "tar", "uname"])
    standIn(name, name === "uname" ? "echo x86_64" : "");
  standIn(
    "curl",
    'for a in "$@"; do case "$a" in *SHASUMS256.txt) printf "abc  node-v' +
      GRADESCOPE_NODE +
      '-linux-x64.tar.xz\\n" > SHASUMS256.txt;; esac; done',
  );
  standIn("sha256sum", "cat > /dev/null");
  if (nodeMajor !== undefined) standIn("node", `echo ${nodeMajor}`);
  const zip = unzipSync(new Uint8Array(readFileSync(exported())));
  const script = join(root, "setup.sh");
  writeFileSync(script, zip["setup.sh"] as Uint8Array);
  const run = spawnSync("bash", [script], {
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      GRADECHECK_AUTOGRADER_ROOT: root,
      GRADECHECK_NODE_PREFIX: join(root, "prefix"),
    },
    encoding: "utf8",
  });
  return { run, calls: existsSync(log) ? readFileSync(log, "utf8") : "" };
}

describe("the autograder's setup.sh", () => {
  it.each([22, 24])(
    "keeps a Node %i that is there, and installs every dependency, TypeScript too",
    (major) => {
      const { run, calls } = runSetup(major);
      expect(run.status, run.stderr).toBe(0);
      expect(calls).not.toContain("curl");
      expect(calls).toContain("npm ci --no-audit --no-fund");
      expect(calls).not.toContain("--omit");
    },
  );

  it.each([20, undefined])(
    "installs the pinned Node LTS, checked against its SHA-256, over a Node %s",
    (major) => {
      const { run, calls } = runSetup(major);
      expect(run.status, run.stderr).toBe(0);
      expect(calls).toContain(
        `curl -fsSLO https://nodejs.org/dist/v${GRADESCOPE_NODE}/node-v${GRADESCOPE_NODE}-linux-x64.tar.xz`,
      );
      expect(calls).toContain(
        `curl -fsSLO https://nodejs.org/dist/v${GRADESCOPE_NODE}/SHASUMS256.txt`,
      );
      expect(calls).toContain("sha256sum -c -");
      expect(calls).toContain(`tar -xJf node-v${GRADESCOPE_NODE}-linux-x64.tar.xz`);
      expect(GRADESCOPE_NODE.split(".")[0]).toBe("24");
    },
  );
});

describe("gradecheck export gradescope", () => {
  it("says the total to set on Gradescope: every test's points, hidden ones too", () => {
    const lines: string[] = [];
    runExportGradescope(
      {
        root: PACKAGE_ROOT,
        out: join(tempDir("gradecheck-export-"), "a.zip"),
        assignment: "planar-classifier",
      },
      (line) => lines.push(line),
    );
    expect(lines.join("\n")).toContain(
      `set the assignment's total to ${planarManifest().maxScore} points`,
    );
  });

  it("still writes a results.json Gradescope reads when gradecheck cannot run at all", () => {
    const zip = join(tempDir("gradecheck-export-"), "autograder.zip");
    runExportGradescope(
      { root: PACKAGE_ROOT, out: zip, assignment: "planar-classifier" },
      () => {},
    );
    // A bundle whose run names an assignment it does not hold: gradecheck exits 2.
    const broken = unzipSync(new Uint8Array(readFileSync(zip)));
    const script = new TextDecoder()
      .decode(broken.run_autograder)
      .replace("--assignment planar-classifier", "--assignment gone");
    broken.run_autograder = new TextEncoder().encode(script);
    const brokenZip = join(tempDir("gradecheck-export-"), "broken.zip");
    writeFileSync(brokenZip, zipSync(broken));
    const { results } = runOnGradescope(brokenZip, "export {};\n");
    expect(validResults(results), JSON.stringify(validResults.errors)).toBe(true);
    expect(results).toMatchObject({ score: 0, output_format: "text" });
    expect(results.output).toContain('unknown assignment "gone"');
  }, 30_000);

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
    const { run, results, report } = runOnGradescope(exported(), reference);
    expect(run.status, run.stderr).toBe(0);
    expect(validResults(results), JSON.stringify(validResults.errors)).toBe(true);
    expect(results.score).toBe(planarManifest().maxScore);
    // Within Gradescope's default container, and the summary on the output instructors see.
    expect(report?.sandbox).toMatchObject(GRADESCOPE_LIMITS);
    expect(run.stdout).toContain(
      `Total: ${planarManifest().maxScore} of ${planarManifest().maxScore} points (100%)`,
    );
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
