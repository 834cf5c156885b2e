/**
 * Reading a submission: its own TypeScript and JavaScript files only, never a link out of it or a
 * pipe, within limits; a file alone is alone.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  readSubmission,
  SUBMISSION_LIMITS,
  submissionAt,
  submissionDigest,
} from "../grader/pipeline/submission.ts";
import { tempDir } from "./helpers.ts";

function read(path: string, isFolder = true, alone = false) {
  const result = readSubmission(submissionAt(path, isFolder, alone), join(path, ".."));
  return result;
}

function learner(): string {
  const folder = join(tempDir("gradecheck-submission-"), "learner");
  mkdirSync(folder);
  writeFileSync(join(folder, "model.ts"), "export const a = 1;\n");
  return folder;
}

describe("readSubmission", () => {
  it("reads the folder's own sources, and leaves out what is not the learner's code", () => {
    const folder = learner();
    const outside = join(folder, "..", "outside.ts");
    writeFileSync(outside, "export const secret = 1;\n");
    writeFileSync(join(folder, "helper.ts"), "export const h = 1;\n");
    mkdirSync(join(folder, "sub", "deeper"), { recursive: true });
    writeFileSync(join(folder, "sub", "deeper", "util.mjs"), "export const u = 1;\n");
    mkdirSync(join(folder, "node_modules", "x"), { recursive: true });
    writeFileSync(join(folder, "node_modules", "x", "index.js"), "");
    mkdirSync(join(folder, ".git"));
    writeFileSync(join(folder, ".git", "hook.ts"), "");
    writeFileSync(join(folder, "notes.txt"), "");
    writeFileSync(join(folder, "big.js"), Buffer.alloc(SUBMISSION_LIMITS.fileBytes + 1, 32));
    symlinkSync(join(folder, "helper.ts"), join(folder, "alias.ts"));
    symlinkSync(outside, join(folder, "out.ts"));
    execFileSync("mkfifo", [join(folder, "pipe.ts")]);
    const result = read(folder);
    expect(result.status).toBe("read");
    if (result.status !== "read") return;
    expect(result.entry).toBe("model.ts");
    expect([...result.files.keys()]).toEqual([
      "alias.ts",
      "helper.ts",
      "model.ts",
      "sub/deeper/util.mjs",
    ]);
  });

  it("says why an entry cannot be graded, without waiting on a pipe", () => {
    const folder = learner();
    const empty = join(folder, "..", "empty");
    mkdirSync(empty);
    expect(read(empty)).toMatchObject({
      status: "unreadable",
      message: "empty is a folder without a model.ts",
      said: { phrase: { code: "read.no-model", params: { folder: "empty" } } },
    });
    const piped = join(folder, "..", "piped");
    mkdirSync(piped);
    execFileSync("mkfifo", [join(piped, "model.ts")]);
    expect(read(piped)).toMatchObject({ message: "piped/model.ts is a named pipe, not a file" });
    const linked = join(folder, "..", "linked");
    mkdirSync(linked);
    symlinkSync(join(folder, "model.ts"), join(linked, "model.ts"));
    expect(read(linked)).toMatchObject({
      message:
        "linked/model.ts is a symbolic link to a file outside its folder: submit the file itself",
    });
    writeFileSync(join(folder, "..", "notes.md"), "");
    expect(read(join(folder, "..", "notes.md"), false, true)).toMatchObject({
      message:
        "notes.md is not a submission: a submission is a .ts file, or a folder holding model.ts",
    });
    writeFileSync(join(folder, "model.ts"), Buffer.alloc(SUBMISSION_LIMITS.fileBytes + 1, 32));
    expect(read(folder)).toMatchObject({
      status: "unreadable",
      message: /learner\/model\.ts is \d+ bytes/,
    });
  });

  it("reads a file alone without its neighbours", () => {
    const folder = learner();
    writeFileSync(join(folder, "bob.ts"), "export const b = 1;\n");
    const result = read(join(folder, "bob.ts"), false, true);
    expect(result.status === "read" && [...result.files.keys()]).toEqual(["bob.ts"]);
  });

  it("digests every file and its name", () => {
    const folder = learner();
    writeFileSync(join(folder, "helper.ts"), "export const h = 1;\n");
    const digest = () => {
      const result = read(folder);
      if (result.status !== "read") throw new Error(result.message);
      return submissionDigest(result.files);
    };
    const first = digest();
    expect(digest()).toBe(first);
    writeFileSync(join(folder, "helper.ts"), "export const h = 2;\n");
    const second = digest();
    expect(second).not.toBe(first);
    writeFileSync(join(folder, "other.ts"), "");
    expect(digest()).not.toBe(second);
  });
});
