/**
 * The learner release is a learner's repository: built, copied where nothing of the project's is,
 * installed from its own lock file, and every command its README documents run there.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRelease } from "../grader/commands/release.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { tempDir } from "./helpers.ts";

function npm(args: string[], cwd: string, command = "npm") {
  const run = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 240_000,
    // Plain text: no colour codes between the words the test looks for.
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const npx = (args: string[], cwd: string) => npm(args, cwd, "npx");

describe("the learner release, installed", () => {
  it("runs every command its README documents", () => {
    const out = join(tempDir("gradecheck-release-install-"), "classroom-template");
    runRelease({ root: PACKAGE_ROOT, out }, () => {});
    const readme = readFileSync(join(out, "README.md"), "utf8");
    const install = npm(["ci", "--no-audit", "--no-fund", "--prefer-offline"], out);
    expect(install.status, install.output).toBe(0);
    // Each command the README names, on the untouched stubs.
    for (const script of ["typecheck", "test", "grade", "gradcheck"]) {
      expect(readme).toContain(script === "test" ? "npm test" : `npm run ${script}`);
      const run = npm(["run", "-s", script], out);
      expect(run.status, `${script}: ${run.output}`).toBe(0);
    }
    expect(readme).toContain("npm run train");
    // Training the untouched stub says what is missing; a finished model trains.
    const stub = npm(["run", "-s", "train", "--", "--iterations", "200"], out);
    expect(stub.status).toBe(1);
    expect(stub.output).toContain("nnModel is not implemented yet");
    // The visible tests as a vitest suite: each fails with gradecheck's own message.
    expect(readme).toContain("npx vitest -t sigmoid");
    const suite = npx(["vitest", "run"], out);
    expect(suite.status, suite.output).toBe(1);
    expect(suite.output).toContain("sigmoid › values of both signs, shape (3,4)");
    expect(suite.output).toContain("sigmoid is not implemented yet.");
    expect(suite.output).toContain(
      "replay: npm run grade -- assignments/planar-classifier/model.ts --only sigmoid --case sigmoid.mixed-signs",
    );
    copyFileSync(
      join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"),
      join(out, "assignments/planar-classifier/model.ts"),
    );
    const passing = npx(["vitest", "run", "-t", "sigmoid"], out);
    expect(passing.status, passing.output).toBe(0);
    expect(passing.output).toMatch(/Tests +5 passed \| \d+ skipped/);
    const trained = npm(["run", "-s", "train", "--", "--iterations", "2000"], out);
    expect(trained.status, trained.output).toBe(0);
    expect(trained.output).toMatch(/Training accuracy: \d+\.\d+%/);
  }, 300_000);
});
