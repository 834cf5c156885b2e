/**
 * One way to find a submission (grader/pipeline/find-submission.ts), in every shape one arrives
 * in, as `grade`, `batch` and the Gradescope runner all find it: what is graded, or, when nothing
 * can be, a message that says what was there. And in a class: every such learner has a row.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { main } from "../grader/cli.ts";
import { findSubmission } from "../grader/pipeline/find-submission.ts";
import { referenceSource } from "./corpus/bugs.ts";
import { batchOf, tempDir } from "./helpers.ts";

/** A folder holding `files` (paths relative to it; a trailing `/` makes a folder). */
function folderOf(files: string[]): string {
  const root = join(tempDir("gradecheck-find-"), "ann");
  mkdirSync(root);
  for (const file of files) {
    const path = join(root, file);
    if (file.endsWith("/")) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, "export {};\n");
    }
  }
  return root;
}

describe("what is graded in a folder", () => {
  it.each([
    ["model.ts", ["model.ts", "helpers.ts", "notes.md"], "model.ts"],
    ["Model.ts, in another case", ["Model.ts", "notes.md"], "Model.ts"],
    [
      "a learner's repository",
      ["assignments/planar-classifier/model.ts", "assignments/lib/np.ts", "package.json"],
      "assignments/planar-classifier/model.ts",
    ],
    ["one lone .ts of another name", ["model (1).ts", "README.md"], "model (1).ts"],
    [
      "an upload of a zipped folder",
      ["ann-hw1/model.ts", "__MACOSX/ann-hw1/._model.ts"],
      "ann-hw1/model.ts",
    ],
    [
      "a zipped repository inside a folder",
      ["hw1-main/assignments/planar-classifier/model.ts", "hw1-main/.git/"],
      "hw1-main/assignments/planar-classifier/model.ts",
    ],
    ["a .d.ts beside the one file", ["solution.ts", "types.d.ts"], "solution.ts"],
    ["a model.ts that is a folder: reading it says so", ["model.ts/", "a.ts"], "model.ts"],
  ])("%s", async (_, files, expected) => {
    const folder = folderOf(files);
    const found = await findSubmission(folder, "planar-classifier");
    expect(found.missing).toBeUndefined();
    expect(relative(folder, found.entry)).toBe(expected);
  });

  it("a repository of several assignments: the one graded", async () => {
    const folder = folderOf(["assignments/a/model.ts", "assignments/b/model.ts"]);
    expect(relative(folder, (await findSubmission(folder, "b")).entry)).toBe(
      "assignments/b/model.ts",
    );
    expect((await findSubmission(folder, undefined, "ann")).missing?.text).toBe(
      "ann is a repository of several assignments (a, b): name the one to grade with --assignment",
    );
  });

  it.each([
    ["an empty folder", [], "ann is empty: there is nothing to grade"],
    [
      "only other files",
      ["report.pdf", "notes.txt"],
      'ann holds no model.ts, no assignments/<id>/model.ts and no other .ts file to grade: it holds "notes.txt", "report.pdf"',
    ],
    [
      "several .ts files, none model.ts",
      ["a.ts", "b.ts"],
      'ann holds several .ts files and none is model.ts ("a.ts", "b.ts"): name the one to grade model.ts',
    ],
    ["only hidden folders", [".git/", ".vscode/"], "ann is empty: there is nothing to grade"],
    [
      "folders nested deeper than an upload's",
      ["a/b/c/d/model.ts"],
      'ann/a/b/c holds no model.ts, no assignments/<id>/model.ts and no other .ts file to grade: it holds "d"',
    ],
  ])("nothing to grade: %s says what is there", async (_, files, message) => {
    const folder = folderOf(files);
    expect((await findSubmission(folder, "planar-classifier", "ann")).missing?.text).toBe(message);
  });
});

/** A zip holding `files`, by name (a name may try to leave the folder). */
const zipOf = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));

describe("a zip", () => {
  it("is unpacked and searched as a folder is, and shown as in it", async () => {
    const dir = tempDir("gradecheck-find-zip-");
    const zip = join(dir, "ann.zip");
    writeFileSync(zip, zipOf({ "ann-hw1/model.ts": "export {};\n", "ann-hw1/notes.md": "" }));
    const found = await findSubmission(zip, "planar-classifier", "ann.zip");
    expect(found.missing).toBeUndefined();
    expect(found.shownAs).toBe("ann.zip/ann-hw1");
    expect(readFileSync(found.entry, "utf8")).toBe("export {};\n");
  });

  it("is graded by grade, its files shown as in the zip", async () => {
    const dir = tempDir("gradecheck-find-zip-");
    const wrong = 'export function sigmoid() {\n  throw new Error("mine");\n}\n';
    writeFileSync(join(dir, "ann.zip"), zipOf({ "ann/model.ts": wrong }));
    const out = join(dir, "report.json");
    expect(
      await main(["grade", "ann.zip", "--only", "sigmoid", "--out", out, "--quiet"], dir),
    ).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.submission.path).toBe("ann.zip/ann/model.ts");
    expect(report.tests[0].details.at).toBe("ann.zip/ann/model.ts:2:9");
  });

  it("writes nothing outside its folder: a name with .., an absolute one, a drive", async () => {
    const dir = tempDir("gradecheck-find-zip-");
    const zip = join(dir, "evil.zip");
    writeFileSync(
      zip,
      zipOf({
        "model.ts": "export {};\n",
        "../escaped.ts": "x",
        "/abs.ts": "x",
        "C:\\win.ts": "x",
      }),
    );
    const found = await findSubmission(zip, undefined, "evil.zip");
    expect(relative(found.folder ?? "", found.entry)).toBe("model.ts");
    expect(readdirSync(found.folder ?? "")).toEqual(["model.ts"]);
    expect(existsSync(join(dirname(found.folder ?? ""), "escaped.ts"))).toBe(false);
  });

  it("in a folder of its own (an upload, not unpacked); and one that cannot be read says so", async () => {
    const folder = folderOf([]);
    writeFileSync(join(folder, "submission.zip"), zipOf({ "Model.ts": "export {};\n" }));
    const found = await findSubmission(folder, undefined, "ann");
    expect(found.shownAs).toBe("ann/submission.zip");
    expect(relative(found.folder ?? "", found.entry)).toBe("Model.ts");
    writeFileSync(join(folder, "submission.zip"), "not a zip");
    expect((await findSubmission(folder, undefined, "ann")).missing?.text).toBe(
      "ann/submission.zip is not a zip that can be read, or it is larger than a submission may be",
    );
  });
});

describe("a class in every shape", () => {
  it("gives every learner a row: the graded ones graded, the others saying what they hold", async () => {
    const model = referenceSource().replace('"../../assignments/lib/np.ts"', '"gradecheck/np"');
    const classFolder = tempDir("gradecheck-find-class-");
    const put = (path: string, text = model) => {
      mkdirSync(dirname(join(classFolder, path)), { recursive: true });
      writeFileSync(join(classFolder, path), text);
    };
    put("ann/assignments/planar-classifier/model.ts");
    put("bob/Model.ts");
    put("cho/model (1).ts");
    put("dan/dan-hw/model.ts");
    mkdirSync(join(classFolder, "eve"));
    put("fay/essay.pdf", "%PDF");
    writeFileSync(join(classFolder, "gus.zip"), zipOf({ "gus/model.ts": model }));
    const out = join(tempDir("gradecheck-find-out-"), "batch");
    await batchOf(classFolder, out);
    const rows = readFileSync(join(out, "grades.csv"), "utf8").trim().split("\n").slice(1);
    const byLearner = new Map(rows.map((row) => [row.split(",")[0], row]));
    expect([...byLearner.keys()].sort()).toEqual(["ann", "bob", "cho", "dan", "eve", "fay", "gus"]);
    for (const graded of ["ann", "bob", "cho", "dan", "gus"])
      expect(byLearner.get(graded), graded).toMatch(/,graded,/);
    for (const missing of ["eve", "fay"])
      expect(byLearner.get(missing), missing).toMatch(/,error,/);
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("eve");
  }, 120_000);
});
