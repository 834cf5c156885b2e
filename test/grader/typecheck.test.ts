/**
 * The type check runs at the lowest priority while the tests run, and at the grader's own once the
 * grade waits on it alone (`hurry`): on a machine whose cores are busy, a compiler at the lowest
 * priority barely runs.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { getPriority } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { buildSubmission, removeBuild } from "../../grader/pipeline/build.ts";
import { typeCheck } from "../../grader/pipeline/typecheck.ts";
import { tempDir } from "../helpers.ts";

const LOWEST = 19;

/** The priority of each thread of a process (Linux keeps one per thread), or of the process. */
function priorities(pid: number): number[] {
  const task = `/proc/${pid}/task`;
  const threads = existsSync(task) ? readdirSync(task).map(Number) : [pid];
  return threads.flatMap((thread) => {
    try {
      return [getPriority(thread)];
    } catch {
      return [];
    }
  });
}

describe("the type check", () => {
  it("runs at the lowest priority, at the grader's once hurried, and still reports", async () => {
    const file = join(tempDir("gradecheck-typecheck-"), "model.ts");
    writeFileSync(file, 'export function sigmoid(z: number): number {\n  return "z";\n}\n');
    const built = await buildSubmission(file, PACKAGE_ROOT);
    if (built.status !== "built") throw new Error(built.message);
    try {
      const checking = typeCheck(built.staged);
      const [first] = checking.compilers();
      expect(first).toBeDefined();
      expect(getPriority(first)).toBe(LOWEST);
      // A compiler with its threads started (the light check's, or the full check's that follows
      // it, this file having an error), each thread with the priority of the one that started it.
      await vi.waitFor(() => {
        const [running] = checking.compilers();
        expect(running !== undefined && priorities(running).length > 1).toBe(true);
      });
      checking.hurry();
      // Raised where this user may (root), every thread; else a second compiler at the grader's.
      const atGraders = checking
        .compilers()
        .filter((pid) => priorities(pid).every((priority) => priority === getPriority()));
      expect(atGraders.length).toBeGreaterThan(0);
      const result = await checking.result;
      expect(result).toMatchObject({ status: "checked" });
      expect(result.status === "checked" && result.errors).toEqual([
        expect.stringMatching(/model\.ts:2:3: TS2322: /),
      ]);
      expect(checking.compilers()).toEqual([]);
    } finally {
      removeBuild(built);
    }
  });

  /** The check of a one-file submission whose body is `body`. */
  async function checked(body: string, timeoutMs?: number) {
    const file = join(tempDir("gradecheck-typecheck-"), "model.ts");
    writeFileSync(file, `import { np } from "gradecheck/np";\n${body}\n`);
    const built = await buildSubmission(file, PACKAGE_ROOT);
    if (built.status !== "built") throw new Error(built.message);
    try {
      return await typeCheck(built.staged, timeoutMs).result;
    } finally {
      removeBuild(built);
    }
  }

  it("reads no Node declarations for a submission that prints with console.log", async () => {
    const result = await checked(
      'export function f(n: number): number {\n  console.log("n", n);\n  console.error(np.zeros([1, n]).shape);\n  return n;\n}',
    );
    expect(result).toEqual({ status: "checked", errors: [], nodeTypes: false });
  });

  it("checks with Node's declarations what uses more of Node, and reports no error of the light check's", async () => {
    const result = await checked(
      'import { readFileSync } from "node:fs";\nexport function f(): number {\n  process.stdout.write("x");\n  console.table([1]);\n  const b: Buffer = Buffer.from("a");\n  return b.length + readFileSync.length;\n}',
    );
    expect(result).toEqual({ status: "checked", errors: [], nodeTypes: true });
  });

  it("reports a real error once, with Node's declarations read", async () => {
    const result = await checked(
      'export function f(): number {\n  process.stdout.write("x");\n  const n: number = "s";\n  return n;\n}',
    );
    expect(result).toEqual({
      status: "checked",
      errors: [expect.stringMatching(/model\.ts:4:9: TS2322: Type 'string' is not assignable/)],
      nodeTypes: true,
    });
  });

  it("reports nothing from a check out of time, and does not start it again with Node's declarations", async () => {
    const result = await checked(
      'export function f(): number {\n  const n: number = "s";\n  return n;\n}',
      1,
    );
    expect(result).toEqual({ status: "checked", errors: [], nodeTypes: false });
  });
});
