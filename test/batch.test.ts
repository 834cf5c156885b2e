import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBatch } from "../grader/commands/batch.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { gradebookCsv } from "../grader/render/gradebook.ts";
import { reportProblems } from "../grader/render/json.ts";
import { progressBar, progressText } from "../grader/render/progress.ts";
import { planarManifest, tempDir } from "./helpers.ts";

describe("gradebookCsv", () => {
  it("quotes what would break the table, and keeps spreadsheet formulas as text", () => {
    const csv = gradebookCsv(
      [
        {
          learner: 'o"neil, jr',
          score: 1.5,
          maxScore: 3,
          status: "graded",
          functions: { f: 1.5 },
          report: "a.json",
          sha256: "ab",
          mistakes: ["f: x without 1/m", "g: y"],
        },
        {
          learner: "=HYPERLINK(1)",
          score: 0,
          maxScore: 3,
          status: "error",
          functions: {},
          report: "",
          sha256: "cd",
          reason: "line 1\nline 2",
        },
      ],
      ["f", "g"],
    );
    expect(csv.split("\n")[0]).toBe(
      "learner,score,maxScore,percent,status,f,g,report,sha256,reason,mistakes",
    );
    expect(csv).toContain(
      '"o""neil, jr",1.5,3,50,graded,1.5,0,a.json,ab,,f: x without 1/m; g: y\n',
    );
    // One physical line per row: a line break in a cell shows as ↵.
    expect(csv).toContain("'=HYPERLINK(1),0,3,0,error,0,0,,cd,line 1 ↵ line 2,\n");
  });
});

describe("gradecheck batch", () => {
  it("grades a class in parallel, writes reports, grades.csv and summary.md, and skips what has not changed", async () => {
    const folder = tempDir("gradecheck-class-");
    const out = join(folder, "out");
    const klass = join(folder, "class");
    mkdirSync(join(klass, "alice"), { recursive: true });
    mkdirSync(join(klass, "carol"), { recursive: true });
    copyFileSync(
      join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"),
      join(klass, "alice", "model.ts"),
    );
    copyFileSync(
      join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"),
      join(klass, "bob.ts"),
    );
    const reference = readFileSync(
      join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"),
      "utf8",
    );
    writeFileSync(
      join(klass, "carol", "model.ts"),
      reference.replace("np.divide(np.dot(dZ1, X.T), m)", "np.dot(dZ1, X.T)"),
    );
    writeFileSync(join(klass, "dave.ts"), "export function sigmoid(z {\n");
    const lines: string[] = [];
    const options = {
      root: PACKAGE_ROOT,
      folder: klass,
      out,
      jobs: 2,
      force: false,
      assignment: undefined,
      seed: 0,
      hidden: true,
      timeoutMs: undefined,
      toolVersion: "test",
    };
    const rows = await runBatch(options, (line) => lines.push(line));
    const { maxScore } = planarManifest();
    expect(rows.map((r) => [r.learner, r.status])).toEqual([
      ["alice", "graded"],
      ["bob", "graded"],
      ["carol", "graded"],
      ["dave", "error"],
    ]);
    expect(rows.map((r) => r.score)).toEqual([maxScore, 0, expect.any(Number), 0]);
    const carol = rows[2];
    expect(carol?.functions.backwardPropagation).toBeLessThan(7.25);
    expect(carol?.functions.sigmoid).toBe(2.75);
    expect(rows[3]?.reason).toContain("dave.ts:1:");
    for (const row of rows) {
      expect(
        reportProblems(JSON.parse(readFileSync(join(out, row.report), "utf8"))),
        row.learner,
      ).toEqual([]);
    }
    const csv = readFileSync(join(out, "grades.csv"), "utf8");
    expect(csv.split("\n")).toHaveLength(6);
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("4 submissions: 3 graded, 1 could not be graded.");
    expect(summary).toMatch(/\| `backwardPropagation` \| [\d.]+ \/ 7\.25 \| 2 of 3 \|/);
    // Failures counted by mistake, by code where none matched; who could not be graded, and why.
    expect(summary).toContain("| 1 | `backwardPropagation` | dW1 without 1\\/m |");
    expect(summary).toContain("| 1 | `sigmoid` | code\\: missing\\/not\\-implemented |");
    expect(summary).toMatch(/### Could not be graded \(1\)\n\n- dave: .*dave\\.ts\\:1\\:/);
    expect(csv).toMatch(/^carol,.*,backwardPropagation: dW1 without 1\/m$/m);

    // Unchanged: nothing regraded, the same gradebook.
    lines.length = 0;
    await runBatch(options, (line) => lines.push(line));
    expect(lines.filter((l) => l.includes("unchanged, skipped"))).toHaveLength(4);
    expect(readFileSync(join(out, "grades.csv"), "utf8")).toBe(csv);

    // One submission changed: only it is regraded.
    writeFileSync(join(klass, "bob.ts"), reference);
    lines.length = 0;
    const again = await runBatch(options, (line) => lines.push(line));
    expect(lines.filter((l) => l.includes("unchanged, skipped"))).toHaveLength(3);
    expect(again[1]?.score).toBe(maxScore);
  }, 180_000);
});

describe("batch progress", () => {
  it("says done/total, rate, time left and failures; the bar fills with the share done", () => {
    expect(progressText({ done: 3, total: 10, seconds: 6, failures: 1 })).toBe(
      "3/10 · 0.50/s · 14s left · 1 could not be graded",
    );
    expect(progressText({ done: 0, total: 10, seconds: 0, failures: 0 })).toBe(
      "0/10 · 0.00/s · ? left · 0 could not be graded",
    );
    expect(progressText({ done: 1, total: 200, seconds: 2, failures: 0 })).toContain("6m38s left");
    expect(progressBar({ done: 5, total: 10, seconds: 5, failures: 0 }, 10)).toBe(
      "[#####.....] 5/10 · 1.00/s · 5s left · 0 could not be graded",
    );
  });
});
