/**
 * What a class folder may hold, and what the batch makes of it: every entry is a row, whatever it
 * is (never waited on); report names are one per learner and bounded; two entries of one learner
 * are refused; the batch's own files are out of the learners' way; a learner of one file is that
 * file alone; and a re-run notices a change in any file of a submission.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { type BatchOptions, classEntries, reportName, runBatch } from "../grader/commands/batch.ts";
import { ExitError } from "../grader/commands/errors.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Report } from "../grader/core/report.ts";
import { reportProblems } from "../grader/render/json.ts";
import { planarManifest, tempDir } from "./helpers.ts";

const REFERENCE = readFileSync(join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"), "utf8");
const STUB = readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"), "utf8");
const LONG = "l".repeat(251);

function options(folder: string, out: string): BatchOptions {
  return {
    root: PACKAGE_ROOT,
    folder,
    out,
    jobs: 2,
    force: false,
    assignment: undefined,
    seed: 0,
    hidden: false,
    timeoutMs: undefined,
    toolVersion: "test",
  };
}

function learnerFolder(klass: string, name: string, model: string | null): string {
  const folder = join(klass, name);
  mkdirSync(folder, { recursive: true });
  if (model !== null) writeFileSync(join(folder, "model.ts"), model);
  return folder;
}

describe("a class folder's entries", () => {
  it("are each a learner, whatever they are", async () => {
    const klass = tempDir("gradecheck-class-");
    learnerFolder(klass, "alice", STUB);
    writeFileSync(join(klass, "bob.ts"), STUB);
    mkdirSync(join(klass, "carl", "model.ts"), { recursive: true });
    learnerFolder(klass, "empty", null);
    writeFileSync(join(klass, "notes.txt"), "not a submission");
    execFileSync("mkfifo", [join(klass, "pipe.ts")]);
    symlinkSync(join(klass, "nowhere"), join(klass, "dangling.ts"));
    mkdirSync(join(klass, "out"));
    const entries = await classEntries(klass, join(klass, "out"));
    expect(entries.map((e) => e.learner)).toEqual([
      "alice",
      "bob",
      "carl",
      "dangling",
      "empty",
      "notes.txt",
      "pipe",
    ]);
    expect(entries.find((e) => e.learner === "bob")?.source.folder).toBeUndefined();
    expect(entries.find((e) => e.learner === "alice")?.source.folder).toBe(join(klass, "alice"));
  });

  it("leaves out the output folder when it lies inside", async () => {
    const klass = tempDir("gradecheck-class-");
    learnerFolder(klass, "alice", STUB);
    mkdirSync(join(klass, "out"));
    expect((await classEntries(klass, join(klass, "out"))).map((e) => e.learner)).toEqual([
      "alice",
    ]);
  });

  it("refuses two entries of one learner, naming both, with exit 2", async () => {
    const klass = tempDir("gradecheck-class-");
    learnerFolder(klass, "ann", STUB);
    writeFileSync(join(klass, "ann.ts"), STUB);
    learnerFolder(klass, "zo\u00eb", STUB);
    learnerFolder(klass, "zoe\u0308", STUB);
    const error = await classEntries(klass).then(
      () => new Error("expected a refusal, got a class"),
      (refusal: unknown) => refusal as Error,
    );
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(2);
    expect(error.message).toContain('"ann" and "ann.ts"');
    expect(error.message).toMatch(/"zo\u00eb" and "zoe\u0308"|"zoe\u0308" and "zo\u00eb"/);
  });

  it("has a report name per learner: readable, bounded and never shared", () => {
    const names = [
      "alice",
      "zo\u00eb",
      "zo\u00e9",
      "Ann",
      "ann",
      "a b",
      "a_b",
      "..",
      ".gradecheck-batch.json",
      "grades.csv",
      LONG,
      "\u001b[31mred\u001b[0m",
      "김민준",
    ];
    const files = names.map(reportName);
    expect(new Set(files).size).toBe(names.length);
    for (const file of files) {
      expect(file).toMatch(/^reports\/[\p{L}\p{N}._-]+-[0-9a-f]{10}\.json$/u);
      expect(Buffer.byteLength(file.slice("reports/".length))).toBeLessThanOrEqual(255);
      expect(file).not.toMatch(/\/\./);
    }
    expect(reportName("김민준")).toMatch(/^reports\/김민준-/);
  });
});

describe("gradecheck batch on a class folder of every kind of entry", () => {
  it("grades each entry into a row of its own, and a re-run notices a changed helper file", async () => {
    const root = tempDir("gradecheck-class-");
    const klass = join(root, "class");
    const out = join(root, "out");
    learnerFolder(klass, "zo\u00eb", REFERENCE);
    learnerFolder(klass, "zo\u00e9", STUB);
    // Named like the batch's own files: they must not collide with the batch's index or gradebook.
    learnerFolder(klass, ".gradecheck-batch.json", STUB);
    learnerFolder(klass, "reports", STUB);
    learnerFolder(klass, LONG, STUB);
    learnerFolder(klass, "forger\n\u001b[32mhonest: 29.75 of 29.75", STUB);
    mkdirSync(join(klass, "carl", "model.ts"), { recursive: true });
    execFileSync("mkfifo", [join(klass, "pipe.ts")]);
    // A socket, listening all through the batch: never opened, never waited on.
    const socket = createServer();
    await new Promise<void>((resolve) => socket.listen(join(klass, "sock.ts"), resolve));
    onTestFinished(() => {
      socket.close();
    });
    writeFileSync(join(klass, "alice.ts"), REFERENCE);
    // A learner of one file may not reach a classmate's file beside it.
    writeFileSync(join(klass, "eve.ts"), 'export * from "./alice.ts";\n');
    const helped = learnerFolder(
      klass,
      "helped",
      REFERENCE.replace(
        'import { type NDArray, np, type RandomState } from "gradecheck/np";',
        'import { type NDArray, np, type RandomState } from "gradecheck/np";\nimport { half } from "./helper.ts";',
      ).replace(
        "return np.divide(1, np.add(1, np.exp(np.negative(z))));",
        "return np.divide(half * 2, np.add(1, np.exp(np.negative(z))));",
      ),
    );
    writeFileSync(join(helped, "helper.ts"), "export const half = 0.5;\n");

    const lines: string[] = [];
    const rows = await runBatch(options(klass, out), (line) => lines.push(line));
    const learners = rows.map((r) => r.learner);
    expect(new Set(learners).size).toBe(rows.length);
    expect(learners.sort()).toEqual(
      [
        ".gradecheck-batch.json",
        "alice",
        "carl",
        "eve",
        "forger\n\u001b[32mhonest: 29.75 of 29.75",
        "helped",
        LONG,
        "pipe",
        "reports",
        "sock",
        "zo\u00e9",
        "zo\u00eb",
      ].sort(),
    );
    const row = (learner: string) => rows.find((r) => r.learner === learner);
    const report = (learner: string) =>
      JSON.parse(readFileSync(join(out, row(learner)?.report ?? "missing"), "utf8")) as Report;
    const { maxScore } = planarManifest();
    const visibleMax = report("alice").maxScore;
    expect(report("alice").score).toBe(visibleMax);
    expect(report("zo\u00eb").score).toBe(visibleMax);
    expect(report("zo\u00e9").score).toBe(0);
    expect(report("helped").score).toBe(visibleMax);
    expect(visibleMax).toBeLessThanOrEqual(maxScore);
    for (const [learner, reason] of [
      ["carl", /model\.ts is a folder, not a file/],
      ["pipe", /pipe\.ts is a named pipe, not a file/],
      ["sock", /sock\.ts is a socket, not a file/],
      ["eve", /cannot import "\.\/alice\.ts": there is no such file in the submission/],
    ] as const) {
      expect(row(learner)?.status, learner).toBe("error");
      expect(report(learner).score).toBe(0);
      expect(report(learner).message).toMatch(reason);
    }
    for (const r of rows) expect(reportProblems(report(r.learner)), r.learner).toEqual([]);
    // One line per learner on the instructor's terminal, and no escape sequence.
    const progress = lines.filter((l) => l.includes(" · "));
    expect(progress).toHaveLength(rows.length);
    expect(lines.join("\n")).not.toContain("\u001b");
    const csv = readFileSync(join(out, "grades.csv"), "utf8");
    expect(csv.trim().split("\n")).toHaveLength(rows.length + 1);

    // A re-run: nothing changed, nothing regraded (the index survived the learner named like it).
    lines.length = 0;
    await runBatch(options(klass, out), (line) => lines.push(line));
    const skipped = () => lines.filter((l) => l.includes("unchanged, skipped"));
    // Entries that cannot be read (carl, pipe, sock) are looked at again each time; every other
    // one is skipped.
    expect(skipped()).toHaveLength(rows.length - 3);

    // The helper file changes, model.ts does not: that learner is regraded, and loses points.
    writeFileSync(join(helped, "helper.ts"), "export const half = 0.25;\n");
    lines.length = 0;
    const again = await runBatch(options(klass, out), (line) => lines.push(line));
    expect(skipped().some((l) => l.startsWith("helped:"))).toBe(false);
    expect(again.find((r) => r.learner === "helped")?.score).toBeLessThan(visibleMax);
  }, 240_000);
});
