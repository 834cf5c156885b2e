/**
 * The batch benchmark's CPU split (bench/process-cpu.ts): each process the grader starts is
 * counted as its kind, and a descendant's CPU is read while it runs.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kindOf, measureCommand } from "../bench/process-cpu.ts";
import { launchCommand } from "../grader/sandbox/isolation.ts";
import { START_MODULE } from "../grader/sandbox/protocol.ts";
import { tempDir } from "./helpers.ts";

const CHILD_ARGS = ["--max-old-space-size=512", `/tmp/gradecheck-run-1-x/bundle-y/${START_MODULE}`];

describe("the kinds of process a grade starts", () => {
  it("counts a launcher as a launcher, though its command line holds the child's", () => {
    const protections = {
      resourceLimits: true,
      unprivilegedUser: undefined,
      processGroup: true,
      namespaces: true,
    };
    const { file, args } = launchCommand(protections, CHILD_ARGS, { cpuSeconds: 60, memoryMb: 1 });
    expect(kindOf([file, ...args].join(" "))).toBe("launchers (unshare, setsid)");
    expect(kindOf(`/usr/bin/unshare --user --net -- /usr/bin/setsid node ${CHILD_ARGS[1]}`)).toBe(
      "launchers (unshare, setsid)",
    );
  });

  it("tells the sandboxed child, the type checker, esbuild and the grader apart", () => {
    expect(kindOf(`/usr/bin/node --permission ${CHILD_ARGS.join(" ")}`)).toBe("sandboxed children");
    expect(
      kindOf("/repo/node_modules/@typescript/typescript-linux-x64/lib/tsc -p /t/tsconfig.json"),
    ).toBe("type checker (tsc)");
    expect(kindOf("/repo/node_modules/@esbuild/linux-x64/bin/esbuild --service=0.28.2")).toBe(
      "esbuild",
    );
    expect(kindOf("node bin/gradecheck.mjs batch class --jobs 2")).toBe("grader");
  });
});

describe.runIf(existsSync("/proc/self/stat"))("the CPU of a command's descendants", () => {
  it("is read while they run, and counted as their kind", async () => {
    const dir = tempDir("gradecheck-process-cpu-");
    // A grandchild named like a sandboxed child, spending about 0.4 s of CPU.
    const child = join(dir, START_MODULE);
    writeFileSync(
      child,
      "const end = process.cpuUsage().user + 400_000;\nwhile (process.cpuUsage().user < end);\n",
    );
    const parent = join(dir, "parent.mjs");
    writeFileSync(
      parent,
      `import { spawnSync } from "node:child_process";\nspawnSync(process.execPath, [${JSON.stringify(child)}], { stdio: "inherit" });\n`,
    );
    const measured = await measureCommand(process.execPath, [parent]);
    expect(measured.status).toBe(0);
    const children = measured.shares.find((share) => share.kind === "sandboxed children");
    expect(children?.processes).toBe(1);
    // CPU time, not wall time: a loaded machine slows the loop but does not shrink what it spends.
    expect(children?.seconds).toBeGreaterThan(0.3);
    expect(measured.shares.find((share) => share.kind === "grader")?.processes).toBe(1);
  });
});
