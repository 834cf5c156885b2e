/**
 * A class of any size: `batch --shard k/n` grades a deterministic share of the class, and
 * `merge` joins the shares into what one batch of the whole class writes, row for row.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArguments } from "../grader/cli.ts";
import type { BatchOptions } from "../grader/commands/batch.ts";
import { runMerge } from "../grader/commands/merge.ts";
import type { Environment } from "../grader/commands/options.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { referenceSource } from "./corpus/bugs.ts";
import { batchOf, tempDir } from "./helpers.ts";

const stub = readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"), "utf8");

function classFolder(): string {
  const folder = tempDir("gradecheck-shard-class-");
  const put = (learner: string, text?: string) => {
    mkdirSync(join(folder, learner));
    if (text !== undefined) writeFileSync(join(folder, learner, "model.ts"), text);
  };
  put("ann", stub);
  put("bob", referenceSource().replace('"../../assignments/lib/np.ts"', '"gradecheck/np"'));
  put("cho", stub);
  put("dan");
  put("eve", stub.replace("export function sigmoid", "export function sigmoid_"));
  return folder;
}

const batch = (folder: string, out: string, shard?: BatchOptions["shard"]) =>
  batchOf(folder, out, shard ? { shard } : {});

describe("a class in shares", () => {
  it("shards that merge into one batch, row for row", async () => {
    const folder = classFolder();
    const work = tempDir("gradecheck-shard-out-");
    const whole = await batch(folder, join(work, "whole"));
    const first = await batch(folder, join(work, "1"), { k: 1, n: 2 });
    const second = await batch(folder, join(work, "2"), { k: 2, n: 2 });
    // Every n-th learner in name order: the shares split the class, and nobody twice.
    expect(first.map((r) => r.learner)).toEqual(["ann", "cho", "eve"]);
    expect(second.map((r) => r.learner)).toEqual(["bob", "dan"]);
    runMerge(
      {
        root: PACKAGE_ROOT,
        folders: [join(work, "2"), join(work, "1")],
        out: join(work, "merged"),
      },
      () => {},
    );
    const read = (dir: string, file: string) => readFileSync(join(work, dir, file), "utf8");
    expect(read("merged", "grades.csv")).toBe(read("whole", "grades.csv"));
    expect(read("merged", "summary.md")).toBe(read("whole", "summary.md"));
    expect(whole.map((r) => r.learner)).toEqual(["ann", "bob", "cho", "dan", "eve"]);
    // The shares' reports are copied beside the merged gradebook, where its rows point.
    for (const [share, rows] of [
      ["1", first],
      ["2", second],
    ] as const)
      for (const row of rows.filter((r) => r.report !== ""))
        expect(read("merged", row.report)).toBe(read(share, row.report));
  }, 120_000);

  it("refuses a learner in two shares, and a folder that is no batch's", async () => {
    const work = tempDir("gradecheck-shard-dup-");
    const folder = classFolder();
    await batch(folder, join(work, "1"), { k: 1, n: 2 });
    cpSync(join(work, "1"), join(work, "copy"), { recursive: true });
    expect(() =>
      runMerge(
        {
          root: PACKAGE_ROOT,
          folders: [join(work, "1"), join(work, "copy")],
          out: join(work, "m"),
        },
        () => {},
      ),
    ).toThrow(/ann is in two shares/);
    expect(() =>
      runMerge({ root: PACKAGE_ROOT, folders: [folder], out: join(work, "m2") }, () => {}),
    ).toThrow(/is not a batch's folder: it has no readable rows\.json/);
  }, 120_000);

  it.each([
    ["0/2", 'got "0/2"'],
    ["3/2", 'got "3/2"'],
    ["half", 'got "half"'],
  ])("--shard %s is refused", async (shard, message) => {
    const env: Environment = {
      cwd: "/home/ann",
      root: "/pkg",
      toolVersion: "0",
      assignments: ["planar-classifier"],
      references: [],
      stdoutIsTTY: false,
      colour: false,
      cores: 2,
    };
    await expect(parseArguments(["batch", "class", "--shard", shard], env)).rejects.toThrow(
      message,
    );
    expect(await parseArguments(["batch", "class", "--shard", "2/3"], env)).toMatchObject({
      command: "batch",
      options: { shard: { k: 2, n: 3 } },
    });
  });
});
