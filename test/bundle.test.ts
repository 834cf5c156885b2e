/**
 * The command's build (bin/bundle.mjs): bin/gradecheck.mjs runs it while it matches the sources,
 * and the sources under tsx as soon as one changed; both grade alike. Built in a copy of the
 * package, so that the suite's other commands never see a build being replaced.
 */
import { isAscii } from "node:buffer";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildBundle, COMPILE_CACHE, entryPoints, freshBuild, recordCode } from "../bin/bundle.mjs";
import { CODE, SCRIPT } from "../bin/code-cache.mjs";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { assignmentIds } from "../grader/pipeline/load.ts";
import { VERIFIED_RECORD } from "../grader/pipeline/verified.ts";
import { markLoading } from "./helpers.ts";

const MARK = "gradecheck-test: the build ran";
const folder = mkdtempSync(join(tmpdir(), "gradecheck-build-"));
const pkg = join(folder, "pkg");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * The build without V8's code of its classic script: commands then run its ES modules, whose
 * files the tests below mark (a marked script would no longer be the one the code was made of).
 */
const buildModules = () => buildBundle(pkg, { recordCode: false });

beforeAll(async () => {
  mkdirSync(pkg);
  for (const part of ["assignments", "reference", "grader", "bin", "package.json", "tsconfig.json"])
    cpSync(join(PACKAGE_ROOT, part), join(pkg, part), { recursive: true });
  symlinkSync(join(PACKAGE_ROOT, "node_modules"), join(pkg, "node_modules"));
  await buildModules();
  markModules();
}, 60_000);

/** Marks the build's ES modules: they say so on stderr when they run (what tells them apart). */
function markModules(): void {
  appendFileSync(
    join(pkg, "dist/grader/cli.mjs"),
    `\nprocess.stderr.write(${JSON.stringify(`${MARK}\n`)});\n`,
  );
}

/** `gradecheck grade` of the copy's file `submission`: what it printed, and its report's tests. */
function grade(submission: string, options: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const out = join(pkg, "report.json");
  const run = spawnSync(
    process.execPath,
    [join(pkg, "bin/gradecheck.mjs"), "grade", join(pkg, submission), "--out", out, ...options],
    { cwd: pkg, encoding: "utf8", env: { ...process.env, ...env } },
  );
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    score: number;
    tests: { id: string; status: string; score: number; message: string }[];
  };
  return {
    built: run.stderr.includes(MARK),
    score: report.score,
    tests: report.tests.map(({ id, status, score, message }) => ({ id, status, score, message })),
  };
}

/** Marks `file` (relative to the copy) changed, as an editor's save does. */
function touch(file: string) {
  const path = join(pkg, file);
  const later = new Date(statSync(path).mtimeMs + 5_000);
  utimesSync(path, later, later);
}

describe("the build", () => {
  it("holds the command and every module an assignment is loaded from", () => {
    const entries = entryPoints(pkg);
    expect(entries).toContain("grader/cli.ts");
    for (const id of assignmentIds(pkg)) {
      expect(entries).toContain(`assignments/${id}/cases.ts`);
      expect(entries).toContain(`reference/${id}/model.ts`);
      expect(entries).toContain(`reference/${id}/cases.ts`);
    }
    // The learner's model.ts is never part of it: it changes with every save.
    const inputs = (
      JSON.parse(readFileSync(join(pkg, "dist/build.json"), "utf8")) as { inputs: string[][] }
    ).inputs.map(([file]) => file);
    expect(inputs).toContain("assignments/lib/np.ts");
    expect(inputs.filter((file) => /^assignments\/[^/]+\/model\.ts$/.test(file ?? ""))).toEqual([]);
  });

  it("runs while it matches the sources, and grades as they do once one changed", () => {
    expect(freshBuild(pkg)).toBe(true);
    const built = grade("reference/planar-classifier/model.ts");
    expect(built.built).toBe(true);
    expect(built.score).toBeGreaterThan(0);
    // Asked to, it runs the sources however fresh the build.
    const asked = grade("reference/planar-classifier/model.ts", [], {
      GRADECHECK_FROM_SOURCE: "1",
    });
    expect(asked).toEqual({ ...built, built: false });
    touch("grader/checks/compare.ts");
    expect(freshBuild(pkg)).toBe(false);
    const source = grade("reference/planar-classifier/model.ts");
    expect(source.built).toBe(false);
    expect(source).toEqual({ ...built, built: false });
  }, 120_000);

  it("loads every assignment's cases and reference", async () => {
    await buildModules();
    markModules();
    for (const id of assignmentIds(pkg)) {
      const result = grade(`reference/${id}/model.ts`, ["--hidden", "false"]);
      expect(result.built, id).toBe(true);
      expect(
        result.tests.filter((t) => t.status !== "passed"),
        id,
      ).toEqual([]);
    }
  }, 120_000);

  it("type-checks a submission against the array module's declarations, with the sources' warnings", async () => {
    await buildModules();
    const warnings = (submission: string, env: NodeJS.ProcessEnv = {}) => {
      grade(submission, ["--only", "layerSizes", "--hidden", "false"], env);
      const report = JSON.parse(readFileSync(join(pkg, "report.json"), "utf8"));
      return report.warnings as string[];
    };
    const wrong = join(pkg, "reference/planar-classifier/wrong-types.ts");
    writeFileSync(
      wrong,
      readFileSync(join(pkg, "reference/planar-classifier/model.ts"), "utf8").replace(
        "export function layerSizes(",
        `const rows: number = np.zeros([1, 2]).shape;\nvoid rows, np.random.seed("x");\nexport function layerSizes(`,
      ),
    );
    const sources = warnings("reference/planar-classifier/wrong-types.ts", {
      GRADECHECK_FROM_SOURCE: "1",
    });
    expect(sources).toEqual([
      expect.stringMatching(/wrong-types\.ts:\d+:7: TS2322: Type 'Shape'/),
      expect.stringMatching(/wrong-types\.ts:\d+:27: TS2345: Argument of type 'string'/),
    ]);
    expect(warnings("reference/planar-classifier/wrong-types.ts")).toEqual(sources);
    // What the build checks against is its declarations: one they alone declare is found.
    appendFileSync(join(pkg, "dist/types/np.d.ts"), "\nexport type OnlyDeclared = number;\n");
    writeFileSync(
      wrong,
      `import type { OnlyDeclared } from "gradecheck/np";\nexport const x: OnlyDeclared = 1;\n${readFileSync(join(pkg, "reference/planar-classifier/model.ts"), "utf8")}`,
    );
    expect(warnings("reference/planar-classifier/wrong-types.ts")).toEqual([]);
    expect(
      warnings("reference/planar-classifier/wrong-types.ts", { GRADECHECK_FROM_SOURCE: "1" }),
    ).toEqual([expect.stringMatching(/has no exported member 'OnlyDeclared'/)]);
  }, 120_000);

  it("lays a Korean table out as the sources do (string-width, which it sets up at its first use)", async () => {
    await buildModules();
    markModules();
    const table = (env: NodeJS.ProcessEnv) =>
      spawnSync(
        process.execPath,
        [
          join(pkg, "bin/gradecheck.mjs"),
          "gradcheck",
          join(pkg, "reference/planar-classifier/model.ts"),
          "--lang",
          "ko",
        ],
        { cwd: pkg, encoding: "utf8", env: { ...process.env, ...env } },
      );
    const built = table({});
    const source = table({ GRADECHECK_FROM_SOURCE: "1" });
    expect([built.stderr.includes(MARK), source.stderr.includes(MARK)]).toEqual([true, false]);
    expect(built.stdout).toMatch(/기울기 +판정/);
    expect(built.stdout).toBe(source.stdout);
  }, 120_000);

  it("loads the zip reader only for a zip, and acorn for the second bundle", async () => {
    await buildModules();
    const dist = join(pkg, "dist");
    const [zipReader, parser] = [markLoading(dist, "fflate"), markLoading(dist, "acorn")];
    writeFileSync(
      join(pkg, "ann.zip"),
      zipSync({ "ann/model.ts": strToU8("export function sigmoid() {}\n") }),
    );
    const loaded = (submission: string) => {
      const run = spawnSync(
        process.execPath,
        [
          join(pkg, "bin/gradecheck.mjs"),
          "grade",
          join(pkg, submission),
          "--only",
          "sigmoid",
          "--hidden",
          "false",
          "--quiet",
          "--out",
          join(pkg, "report.json"),
        ],
        { cwd: pkg, encoding: "utf8" },
      );
      expect(run.status, run.stderr).toBe(0);
      return [run.stderr.includes(zipReader), run.stderr.includes(parser)];
    };
    // With the reference here, each function is judged alone in a second bundle: acorn finds its
    // declarations. A learner's own run makes none, and loads acorn only to read a file that
    // leaves stubs (release-install.test.ts).
    expect(loaded("assignments/planar-classifier/model.ts")).toEqual([false, true]);
    expect(loaded("ann.zip")).toEqual([true, true]);
  }, 60_000);

  it("holds the sandboxed child's runtime, and is out of date when a source of it changes", async () => {
    await buildModules();
    expect(readdirSync(join(pkg, "dist/runtime"))).toEqual(
      expect.arrayContaining(["gradecheck-np.mjs", "gradecheck-runner.mjs"]),
    );
    expect(freshBuild(pkg)).toBe(true);
    // The child runner: no entry of the command imports it, only the runtime does.
    touch("grader/sandbox/child.ts");
    expect(freshBuild(pkg)).toBe(false);
  }, 60_000);

  it("records the expected.json files its reference makes again, trusted only while unchanged", async () => {
    await buildModules();
    const recordPath = join(pkg, "dist", VERIFIED_RECORD);
    const digestOf = (text: string) => createHash("sha256").update(text).digest("hex");
    const record = JSON.parse(readFileSync(recordPath, "utf8")) as Record<string, string>;
    expect(Object.keys(record).sort()).toEqual(
      assignmentIds(pkg).map((id) => `assignments/${id}/expected.json`),
    );
    for (const [file, digest] of Object.entries(record))
      expect(digest, file).toBe(digestOf(readFileSync(join(pkg, file), "utf8")));
    // One value changed after the build: the file is not the one verified, and the reference
    // answers; given the changed file's digest, the record has the grade judge by the file.
    const path = join(pkg, "assignments/planar-classifier/expected.json");
    const original = readFileSync(path, "utf8");
    const fixture = JSON.parse(original) as { tests: Record<string, { expected: unknown }> };
    (fixture.tests["sigmoid.mixed-signs"] as { expected: unknown }).expected = 0.25;
    const changed = JSON.stringify(fixture);
    writeFileSync(path, changed);
    const sigmoid = () =>
      grade("reference/planar-classifier/model.ts", ["--only", "sigmoid", "--hidden", "false"])
        .tests.filter((t) => t.id === "sigmoid.mixed-signs")
        .map((t) => [t.id, t.status]);
    try {
      expect(sigmoid()).toEqual([["sigmoid.mixed-signs", "passed"]]);
      writeFileSync(
        recordPath,
        JSON.stringify({
          ...record,
          "assignments/planar-classifier/expected.json": digestOf(changed),
        }),
      );
      expect(sigmoid()).toEqual([["sigmoid.mixed-signs", "failed"]]);
    } finally {
      writeFileSync(path, original);
    }
  }, 120_000);

  it("keeps V8's compiled code of its modules in itself, on a Node that can (22.1 and later)", async () => {
    await buildModules();
    const cache = join(pkg, COMPILE_CACHE);
    const temporary = mkdtempSync(join(folder, "tmp-"));
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temporary };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const version = () =>
      spawnSync(process.execPath, [join(pkg, "bin/gradecheck.mjs"), "--version"], {
        encoding: "utf8",
        env,
      });
    const first = version();
    expect(first.status, first.stderr).toBe(0);
    const cached = existsSync(cache) ? readdirSync(cache, { recursive: true }) : [];
    if ("enableCompileCache" in module) expect(cached.length).toBeGreaterThan(3);
    else expect(cached).toEqual([]);
    // Read back by the next run, which answers alike.
    const second = version();
    expect([second.status, second.stdout]).toEqual([0, first.stdout]);
    // Nothing in the temporary folder other users of the machine share.
    expect(readdirSync(temporary)).toEqual([]);
    // A new build starts without the last one's code.
    await buildModules();
    expect(existsSync(cache)).toBe(false);
  }, 60_000);

  it("is out of date when a source, an assignment or the record changes", async () => {
    await buildModules();
    expect(freshBuild(pkg)).toBe(true);
    writeFileSync(
      join(pkg, "assignments/lib/shape.ts"),
      `${readFileSync(join(pkg, "assignments/lib/shape.ts"), "utf8")}\n`,
    );
    expect(freshBuild(pkg)).toBe(false);

    await buildModules();
    mkdirSync(join(pkg, "assignments/new-one"));
    writeFileSync(join(pkg, "assignments/new-one/cases.ts"), "export const cases = {};\n");
    expect(freshBuild(pkg)).toBe(false);

    await buildModules();
    expect(freshBuild(pkg)).toBe(true);
    writeFileSync(join(pkg, "dist/build.json"), "{");
    expect(freshBuild(pkg)).toBe(false);
  }, 60_000);
});

describe("the build's classic script, with V8's compiled code of it (bin/code-cache.mjs)", () => {
  /** What bin/gradecheck.mjs's loader makes of the copy's build, in a Node started without flags. */
  function loaded(): string {
    const probe = join(folder, "probe.mjs");
    writeFileSync(
      probe,
      `import { loadProgram } from ${JSON.stringify(join(pkg, "bin/code-cache.mjs"))};\nprocess.stdout.write(loadProgram(${JSON.stringify(pkg)})?.code ?? "the ES modules");\n`,
    );
    return spawnSync(process.execPath, [probe], { encoding: "utf8" }).stdout;
  }

  /** The build, with the code recorded, and its ES modules marked as they load. */
  async function buildWithCode() {
    await buildBundle(pkg);
    markModules();
  }

  it("is recorded by the build, ASCII throughout, and grades as the sources do", async () => {
    await buildWithCode();
    const script = readFileSync(join(pkg, SCRIPT));
    expect(isAscii(script)).toBe(true);
    // Its lines are the code's, its longest about the ES modules' longest (the same data, indented
    // otherwise): Node prints an uncaught error's line of code above it, which a script on a few
    // lines (whitespace minified) made screenfuls of code.
    const longest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));
    const modules = readdirSync(join(pkg, "dist"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".mjs"))
      .map((file) => longest(readFileSync(join(pkg, "dist", file), "utf8")));
    expect(longest(script.toString("latin1"))).toBeLessThan(1.1 * Math.max(...modules));
    expect(loaded()).toBe("taken");
    for (const submission of [
      "reference/planar-classifier/model.ts",
      "assignments/gradient-checking/model.ts",
    ]) {
      const script = grade(submission);
      // Not the ES modules: their mark is not printed.
      expect(script.built, submission).toBe(false);
      expect(script, submission).toEqual(grade(submission, [], { GRADECHECK_FROM_SOURCE: "1" }));
    }
    // The script has one scope for every module, so it renamed the reference's parameter `cache`
    // (`cache2`), and V8 quotes that name when the reference cannot run on what the learner's
    // nnModel passes: the message names the argument as the assignment does, as from the sources.
    const reference = readFileSync(join(pkg, "reference/planar-classifier/model.ts"), "utf8");
    const noCache = reference.replace(
      "backwardPropagation(parameters, cache, X, Y)",
      "backwardPropagation(parameters, undefined as never, X, Y)",
    );
    expect(noCache).not.toBe(reference);
    writeFileSync(join(pkg, "no-cache.ts"), noCache);
    const only = ["--only", "nnModel"];
    const fromScript = grade("no-cache.ts", only);
    expect(fromScript.built).toBe(false);
    expect(fromScript).toEqual(grade("no-cache.ts", only, { GRADECHECK_FROM_SOURCE: "1" }));
    const message = fromScript.tests.find((test) => test.id === "nnModel.early")?.message;
    expect(message).toContain("cache undefined, X (2,400), Y (1,400)");
    expect(message).toContain("of 'cache' as it is undefined");
  }, 120_000);

  it("leaves the code where it does not fit: node's flags, another script, code V8 refuses", async () => {
    await buildWithCode();
    const submission = "reference/planar-classifier/model.ts";
    const sources = grade(submission, [], { GRADECHECK_FROM_SOURCE: "1" });
    // Flags given to node (a command starting itself again with its own): the ES modules.
    const out = join(pkg, "report.json");
    const flagged = spawnSync(
      process.execPath,
      [
        "--no-warnings",
        join(pkg, "bin/gradecheck.mjs"),
        "grade",
        join(pkg, submission),
        "--out",
        out,
      ],
      { cwd: pkg, encoding: "utf8" },
    );
    expect(flagged.stderr).toContain(MARK);
    // Code V8 does not take (not V8's at all): the script compiles as it runs, and grades alike.
    const code = join(pkg, CODE);
    writeFileSync(code, Buffer.alloc(statSync(code).size, 7));
    expect(loaded()).toBe("rejected");
    expect(grade(submission)).toEqual({ ...sources, built: false });
    // Another script than the code was made of: the ES modules.
    touch(SCRIPT);
    expect(loaded()).toBe("the ES modules");
    expect(grade(submission)).toEqual({ ...sources, built: true });
  }, 120_000);

  it("says why when the build cannot record the code, and leaves none", async () => {
    await buildModules();
    rmSync(join(pkg, SCRIPT));
    const said: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((text) => {
      said.push(String(text));
      return true;
    });
    try {
      recordCode(pkg);
    } finally {
      stderr.mockRestore();
    }
    expect(said.join("")).toMatch(/could not be recorded[\s\S]*ENOENT[\s\S]*gradecheck\.cjs/);
    expect(existsSync(join(pkg, CODE))).toBe(false);
    expect(loaded()).toBe("the ES modules");
  }, 60_000);

  it("lends the script Node's import: train runs the learner's model from its source", async () => {
    await buildWithCode();
    expect(loaded()).toBe("taken");
    const trained = spawnSync(
      process.execPath,
      [join(pkg, "bin/gradecheck.mjs"), "train", "--reference", "--iterations", "30"],
      { cwd: mkdtempSync(join(folder, "train-")), encoding: "utf8" },
    );
    expect(trained.status, trained.stderr).toBe(0);
    expect(trained.stderr).not.toContain(MARK);
    expect(trained.stdout).toMatch(/Training accuracy: \d+\.\d+%/);
  }, 60_000);
});
