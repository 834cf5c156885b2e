/**
 * No temporary folder outlives its grader: one ended by a signal removes its own on the way out,
 * and one that died without a word (SIGKILL, as an out-of-memory kill does) has its folder removed
 * by the next gradecheck to start.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BATCH_NODE_FLAGS } from "../grader/cli.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { referenceSource } from "./corpus/bugs.ts";
import { tempDir } from "./helpers.ts";

const CLI = join(PACKAGE_ROOT, "grader/cli.ts");
/** One process (tsx's own command would start the grader as a child of its own). */
const NODE = [process.execPath, "--import", "tsx", CLI] as const;
const REFERENCE = join(PACKAGE_ROOT, "reference/planar-classifier/model.ts");
const STUB = join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts");

/** A folder for TMPDIR that the sandbox's unprivileged user can pass through. */
function tmp(): string {
  const dir = join(tempDir("gradecheck-tempdirs-"), "tmp");
  mkdirSync(dir);
  chmodSync(join(dir, ".."), 0o755);
  chmodSync(dir, 0o1777);
  return dir;
}

/** The graders' run folders in `dir` (tsx, which runs the command line, keeps a cache there too). */
const runFolders = (dir: string) => readdirSync(dir).filter((n) => n.startsWith("gradecheck-run-"));

/**
 * Starts grading the reference (long: it trains) and resolves once its run folder exists: with
 * `grade`, or with `batch` over a class of one.
 */
async function gradingStarted(
  dir: string,
  out: string,
  command: "grade" | "batch" = "grade",
): Promise<ChildProcess> {
  const args =
    command === "grade"
      ? ["grade", REFERENCE, "--out", out, "--quiet", "--no-hidden"]
      : ["batch", classOfOne(join(dir, "..", "class")), "--out", out, "--no-hidden"];
  const child = spawn(NODE[0], [...NODE.slice(1), ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, TMPDIR: dir },
    stdio: "ignore",
  });
  for (let waited = 0; runFolders(dir).length === 0; waited += 50) {
    if (waited > 60_000) throw new Error("the grader made no run folder");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

function classOfOne(folder: string): string {
  mkdirSync(folder);
  writeFileSync(join(folder, "ann.ts"), referenceSource());
  return folder;
}

/** The processes whose parent is `pid`, each with its command line's words. */
function childrenOf(pid: number): { pid: number; words: string[] }[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (parent !== pid) return [];
        return [
          { pid: Number(name), words: readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0") },
        ];
      } catch {
        return []; // Gone meanwhile.
      }
    });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

describe("temporary folders", () => {
  it("go with a grader ended by SIGTERM, which exits 143", async () => {
    const dir = tmp();
    const child = await gradingStarted(dir, join(dir, "..", "report.json"));
    const exit = exited(child);
    child.kill("SIGTERM");
    expect(await exit).toBe(143);
    expect(runFolders(dir)).toEqual([]);
  }, 90_000);

  it("go with a batch ended by SIGTERM, which its relaunched grader (V8's flags) hears", async () => {
    const dir = tmp();
    const child = await gradingStarted(dir, join(dir, "..", "out"), "batch");
    const exit = exited(child);
    // The command started Node again with the batch's flags, and grades in that process (tsx's
    // esbuild service may be a child of the command too).
    const relaunched = childrenOf(child.pid as number).filter(({ words }) =>
      words.includes("batch"),
    );
    expect(relaunched).toHaveLength(1);
    const [grader] = relaunched as [{ pid: number; words: string[] }];
    expect(grader.words).toEqual(expect.arrayContaining([...BATCH_NODE_FLAGS]));
    child.kill("SIGTERM");
    expect(await exit).toBe(143);
    expect(runFolders(dir)).toEqual([]);
    // The command waited for its grader, which is gone (not left grading on its own).
    expect(existsSync(`/proc/${grader.pid}`)).toBe(false);
  }, 90_000);

  it("of a grader killed outright are removed by the next one", async () => {
    const dir = tmp();
    const child = await gradingStarted(dir, join(dir, "..", "report.json"));
    const exit = exited(child);
    child.kill("SIGKILL");
    await exit;
    const left = runFolders(dir);
    expect(left).toHaveLength(1);
    const next = spawnSync(
      NODE[0],
      [...NODE.slice(1), "grade", STUB, "--out", join(dir, "..", "stub.json"), "--quiet"],
      { cwd: PACKAGE_ROOT, env: { ...process.env, TMPDIR: dir }, encoding: "utf8" },
    );
    expect(next.status, next.stderr).toBe(0);
    expect(runFolders(dir)).toEqual([]);
  }, 90_000);
});
