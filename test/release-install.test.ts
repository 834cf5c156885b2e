/**
 * The learner release is a learner's repository: built, copied where nothing of the project's is,
 * installed from its own lock file, and every command its README documents run there.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshBuild } from "../bin/bundle.mjs";
import { CODE } from "../bin/code-cache.mjs";
import { runRelease } from "../grader/commands/release.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { markLoading, tempDir } from "./helpers.ts";

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

/** One assignment's learner repository (a GitHub Classroom template), installed from its lock file. */
function installedRelease(assignment: string) {
  const out = join(tempDir("gradecheck-release-install-"), "classroom-template");
  runRelease({ root: PACKAGE_ROOT, out, assignment }, () => {});
  const install = npm(["ci", "--no-audit", "--no-fund", "--prefer-offline"], out);
  expect(install.status, install.output).toBe(0);
  // The install built the command (npm's prepare), which every command below then runs.
  expect(freshBuild(out)).toBe(true);
  return { out, readme: readFileSync(join(out, "README.md"), "utf8") };
}

describe("the learner release, installed", () => {
  it("runs every command its README documents", () => {
    const { out, readme } = installedRelease("planar-classifier");
    // Each command the README names, on the untouched stubs.
    for (const script of ["typecheck", "test", "grade", "gradcheck"]) {
      expect(readme).toContain(script === "test" ? "npm test" : `npm run ${script}`);
      const run = npm(["run", "-s", script], out);
      expect(run.status, `${script}: ${run.output}`).toBe(0);
    }
    // The install recorded V8's code of the command's classic script, which the commands above
    // ran (bin/code-cache.mjs); from here, without the record, they run the ES modules, whose
    // chunks can say when they load.
    expect(existsSync(join(out, CODE))).toBe(true);
    rmSync(join(out, `${CODE}.json`));
    // A learner's own run judges no function alone: it makes no second bundle. It loads acorn
    // (its chunk says so as it loads) only to read a file that leaves stubs, whose calls the
    // grader then answers itself; a finished model, further down, loads no parser.
    const parser = markLoading(join(out, "dist"), "acorn");
    const own = npm(["run", "-s", "grade"], out);
    expect(own.status, own.output).toBe(0);
    expect(own.output).toContain(parser);
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
    // The learner's own model is not part of the build: editing it keeps the build in use.
    expect(freshBuild(out)).toBe(true);
    const finished = npm(["run", "-s", "grade"], out);
    expect(finished.output).toMatch(/Total: ([\d.]+) of \1 points \(100%\)/);
    expect(finished.output).not.toContain(parser);
    const passing = npx(["vitest", "run", "-t", "sigmoid"], out);
    expect(passing.status, passing.output).toBe(0);
    expect(passing.output).toMatch(/Tests +5 passed \| \d+ skipped/);
    const trained = npm(["run", "-s", "train", "--", "--iterations", "2000"], out);
    expect(trained.status, trained.output).toBe(0);
    expect(trained.output).toMatch(/Training accuracy: \d+\.\d+%/);
  }, 300_000);
});

describe("the logistic-regression release, installed", () => {
  it("runs the commands its README documents, with the numbers it states", () => {
    const { out, readme } = installedRelease("logistic-regression");
    const assignmentReadme = readFileSync(
      join(out, "assignments/logistic-regression/README.md"),
      "utf8",
    );
    expect(readme).toContain("grades your `assignments/logistic-regression/model.ts`;");
    for (const script of ["typecheck", "test", "grade", "gradcheck"]) {
      expect(assignmentReadme).toContain(script === "test" ? "npm test" : `npm run ${script}`);
      const run = npm(["run", "-s", script], out);
      expect(run.status, `${script}: ${run.output}`).toBe(0);
    }
    // "`npm run grade` runs 24 of the 25 visible tests, worth 14 points".
    expect(assignmentReadme).toContain("runs 24 of the 25 visible tests, worth 14 points");
    const stubs = npm(["run", "-s", "grade"], out);
    expect(stubs.output).toContain("Total: 0 of 14 points (0%)");
    const report = JSON.parse(readFileSync(join(out, "gradecheck-report.json"), "utf8"));
    expect(report.tests).toHaveLength(24);
    const untrained = npm(["run", "-s", "train"], out);
    expect(untrained.status).toBe(1);
    expect(untrained.output).toContain("model is not implemented yet");
    copyFileSync(
      join(PACKAGE_ROOT, "reference/logistic-regression/model.ts"),
      join(out, "assignments/logistic-regression/model.ts"),
    );
    expect(npm(["run", "-s", "grade"], out).output).toContain("Total: 14 of 14 points (100%)");
    // The training the README shows, line for line, and its accuracies.
    const trained = npm(["run", "-s", "train"], out);
    expect(trained.status, trained.output).toBe(0);
    for (const line of [
      "Cost after iteration 0: 0.693147",
      "Cost after iteration 100: 0.594298",
      "Cost after iteration 1900: 0.296685",
    ]) {
      expect(assignmentReadme).toContain(line);
      expect(trained.output).toContain(line);
    }
    expect(assignmentReadme).toContain("99.52% of the training pictures correctly (208 of 209)");
    expect(trained.output).toContain("Training accuracy: 99.52%, test accuracy: 80.00%");
    const faster = npm(
      ["run", "-s", "train", "--", "--iterations", "1500", "--learning-rate", "0.01"],
      out,
    );
    expect(assignmentReadme).toContain("With 0.01 the model reaches 100% training and 86% test");
    expect(faster.output).toContain("Training accuracy: 100.00%, test accuracy: 86.00%");
    // In Korean, as its Korean README says; and the vitest suite.
    const korean = readFileSync(join(out, "assignments/logistic-regression/README.ko.md"), "utf8");
    expect(korean).toContain("npm run grade -- --lang ko");
    const graded = npm(["run", "-s", "grade", "--", "--lang", "ko"], out);
    expect(graded.output).toContain("합계: 14점 중 14점 (100%)");
    const suite = npx(["vitest", "run", "-t", "propagate"], out);
    expect(suite.status, suite.output).toBe(0);
    expect(suite.output).toMatch(/Tests +7 passed \| \d+ skipped/);
  }, 300_000);
});

describe("the gradient-checking release, installed", () => {
  it("runs the commands its README documents, its scratch script with the numbers it states", () => {
    const { out, readme } = installedRelease("gradient-checking");
    const folder = join(out, "assignments/gradient-checking");
    const assignmentReadme = readFileSync(join(folder, "README.md"), "utf8");
    expect(readme).not.toContain("npm run train");
    for (const script of ["typecheck", "test", "grade", "gradcheck"]) {
      expect(assignmentReadme).toContain(script === "test" ? "npm test" : `npm run ${script}`);
      const run = npm(["run", "-s", script], out);
      expect(run.status, `${script}: ${run.output}`).toBe(0);
    }
    expect(assignmentReadme).toContain("runs 33 of the 33 visible tests, worth 20.25 points");
    expect(npm(["run", "-s", "grade"], out).output).toContain("Total: 0 of 20.25 points (0%)");
    const report = JSON.parse(readFileSync(join(out, "gradecheck-report.json"), "utf8"));
    expect(report.tests).toHaveLength(33);
    // The README's scratch script, on the solution: the numbers its comments state.
    const script = /```ts\n(import \{ np \} from "gradecheck\/np";[\s\S]*?)```/.exec(
      assignmentReadme,
    )?.[1];
    expect(script).toBeDefined();
    copyFileSync(
      join(PACKAGE_ROOT, "reference/gradient-checking/model.ts"),
      join(folder, "model.ts"),
    );
    writeFileSync(join(folder, "scratch.ts"), script ?? "");
    const scratch = npx(["tsx", "assignments/gradient-checking/scratch.ts"], out);
    expect(scratch.status, scratch.output).toBe(0);
    for (const shown of [
      "8",
      "Your backward propagation works perfectly fine! difference = 7.814075313343006e-11",
      "2.407833389834357",
      "Your backward propagation works perfectly fine! difference = 1.189091302",
    ]) {
      expect(script).toContain(shown);
      expect(scratch.output).toContain(shown);
    }
    rmSync(join(folder, "scratch.ts"));
    expect(npm(["run", "-s", "grade"], out).output).toContain(
      "Total: 20.25 of 20.25 points (100%)",
    );
    const korean = readFileSync(join(folder, "README.ko.md"), "utf8");
    expect(korean).toContain("npm run grade -- --lang ko");
    const graded = npm(["run", "-s", "grade", "--", "--lang", "ko"], out);
    expect(graded.output).toContain("합계: 20.25점 중 20.25점 (100%)");
    const suite = npx(["vitest", "run", "-t", "gradientCheckN"], out);
    expect(suite.status, suite.output).toBe(0);
    expect(assignmentReadme).toContain("npx vitest -t gradientCheckN");
  }, 300_000);
});
