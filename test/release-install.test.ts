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

function npm(args: string[], cwd: string, command = "npm", env: Record<string, string> = {}) {
  const run = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 240_000,
    // Plain text: no colour codes between the words the test looks for.
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", GRADECHECK_LANG: "", ...env },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const npx = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  npm(args, cwd, "npx", env);

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
    // In Korean, as the assignment's Korean README says: the summary and the vitest suite.
    const korean = readFileSync(join(out, "assignments/planar-classifier/README.ko.md"), "utf8");
    expect(korean).toContain("npm run grade -- --lang ko");
    expect(korean).toContain("GRADECHECK_LANG=ko");
    const graded = npm(["run", "-s", "grade", "--", "--lang", "ko"], out);
    expect(graded.status, graded.output).toBe(0);
    expect(graded.output).toContain("sigmoid은(는) 아직 구현되지 않았습니다.");
    expect(graded.output).toMatch(/합계: [\d.]+점 중 0점 \(0%\)/);
    const koSuite = npx(["vitest", "run", "-t", "sigmoid"], out, { GRADECHECK_LANG: "ko" });
    expect(koSuite.status, koSuite.output).toBe(1);
    expect(koSuite.output).toContain("sigmoid › 양수와 음수가 섞인 값, 모양 (3,4)");
    expect(koSuite.output).toContain("sigmoid은(는) 아직 구현되지 않았습니다.");
    expect(koSuite.output).toContain("다시 실행: npm run grade --");
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
