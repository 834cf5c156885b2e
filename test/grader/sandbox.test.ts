import { type ChildProcess, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  onTestFinished,
  vi,
} from "vitest";
import { LARGEST_SLAB_BYTES } from "../../assignments/lib/storage.ts";
import { contentionOf } from "../../grader/commands/batch.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { buildFiles, buildSubmission } from "../../grader/pipeline/build.ts";
import { bundleFolder } from "../../grader/pipeline/bundle-folder.ts";
import { readSubmission, submissionAt } from "../../grader/pipeline/submission.ts";
import {
  isolation,
  namespacesWork,
  probeIsolation,
  probeNamespaces,
} from "../../grader/sandbox/isolation.ts";
import {
  childLaunch,
  dropSpares,
  giveFolder,
  sparesWaiting,
  startSpare,
} from "../../grader/sandbox/launch.ts";
import { CHILD_ENVIRONMENT } from "../../grader/sandbox/protocol.ts";
import {
  runningChildren,
  runningChildrenDescribed,
  Sandbox,
} from "../../grader/sandbox/sandbox.ts";
import { childrenRunning, deferred } from "../helpers.ts";

// A module probing what the sandbox allows; each function reports what happened as plain data.
const PROBE = `
import { readFileSync, writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
const attempt = (f: () => unknown) => { try { f(); return "allowed"; } catch (e) { return (e as { code?: string }).code ?? String(e); } };
export const readOutside = () => attempt(() => readFileSync("/etc/hostname"));
export const writeFile = () => attempt(() => writeFileSync("/tmp/gradecheck-escape", "x"));
export const spawnProcess = () => attempt(() => execSync("true"));
export const environment = () => Object.keys(process.env);
export const spin = () => { for (;;) {} };
let calls = 0;
export const counted = () => ++calls;
export const quit = () => process.exit(3);
`;

let sandbox: Sandbox;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "gradecheck-sandbox-test-"));
  const file = join(folder, "probe.ts");
  writeFileSync(file, PROBE);
  const build = await buildSubmission(file, PACKAGE_ROOT);
  if (build.status !== "built") throw new Error(build.message);
  sandbox = new Sandbox({
    dir: build.dir,
    entry: build.entry,
    heapMb: 128,
    importTimeoutMs: 5000,
    cpuSeconds: 2,
  });
});

afterAll(() => {
  sandbox?.close();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Whether this is Linux with glibc 2.35 or later (whose malloc has the tunable the child's
 * environment sets) and a kernel that gives transparent huge pages to memory that asks for them
 * (`madvise`) or to all.
 */
function hugePagesOnRequest(): boolean {
  const setting = "/sys/kernel/mm/transparent_hugepage/enabled";
  const { header } = process.report.getReport() as { header: { glibcVersionRuntime?: string } };
  const [major = 0, minor = 0] = (header.glibcVersionRuntime ?? "").split(".").map(Number);
  return (
    (major > 2 || (major === 2 && minor >= 35)) &&
    existsSync(setting) &&
    !readFileSync(setting, "utf8").includes("[never]")
  );
}

const value = async (fn: string) => {
  const outcome = await sandbox.call(fn, [], 5000);
  if (outcome.status !== "returned") throw new Error(`${fn}: ${JSON.stringify(outcome)}`);
  return outcome.value;
};

describe("the sandboxed child", () => {
  it("cannot read outside its folder, write files or start processes", async () => {
    expect(await value("readOutside")).toBe("ERR_ACCESS_DENIED");
    expect(await value("writeFile")).toBe("ERR_ACCESS_DENIED");
    expect(await value("spawnProcess")).toBe("ERR_ACCESS_DENIED");
  });

  it("sees an empty environment", async () => {
    expect(await value("environment")).toEqual([]);
  });

  it("starts with a malloc that takes every slab of the array module from its heap", () => {
    // glibc maps blocks from M_MMAP_THRESHOLD on afresh, a page fault a page each time
    // (protocol.ts): the largest slab must stay below it.
    expect(LARGEST_SLAB_BYTES).toBe(2 << 20);
    expect(Number(CHILD_ENVIRONMENT.MALLOC_MMAP_THRESHOLD_)).toBeGreaterThan(LARGEST_SLAB_BYTES);
  });

  it.runIf(hugePagesOnRequest())(
    "starts with a malloc that maps a wide layer's arrays in huge pages",
    () => {
      // A 64 MB array, every page touched, in a Node started with the child's environment.
      const script = `new Float64Array(8e6).fill(1);
        const rollup = require("node:fs").readFileSync("/proc/self/smaps_rollup", "utf8");
        console.log(/AnonHugePages:\\s+(\\d+)/.exec(rollup)[1]);`;
      const result = spawnSync(process.execPath, ["-e", script], {
        env: { ...CHILD_ENVIRONMENT },
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      // In KiB: most of the array, not a page here and there.
      expect(Number(result.stdout)).toBeGreaterThan(32 * 1024);
    },
  );

  it("is given the same protections whether the grader waits for the namespace probe or not", async () => {
    expect(await probeNamespaces()).toBe(namespacesWork());
    expect(await probeIsolation()).toEqual(isolation());
  });

  it.runIf(isolation().resourceLimits)(
    "is stopped by its CPU limit even when no call times out",
    async () => {
      const outcome = await sandbox.call("spin", [], 60_000);
      expect(outcome.status).toBe("crashed");
      // The next call gets a fresh child.
      expect(await value("environment")).toEqual([]);
    },
    20_000,
  );
});

describe("a module that cannot be loaded", () => {
  /** The outcome of a call of a module whose source is `source`. */
  async function importOutcome(source: string, importTimeoutMs = 5000) {
    const file = join(folder, `module-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, source);
    const build = await buildSubmission(file, PACKAGE_ROOT);
    if (build.status !== "built") throw new Error(build.message);
    const box = new Sandbox({
      dir: build.dir,
      entry: build.entry,
      heapMb: 128,
      importTimeoutMs,
      cpuSeconds: 10,
    });
    try {
      return await box.call("f", [], 5000);
    } finally {
      box.close();
    }
  }

  it("says why as a code: what it threw, an await that never settles, an import that never ends", async () => {
    expect(
      await importOutcome('throw new RangeError("nope");\nexport const f = () => 1;'),
    ).toMatchObject({
      status: "import-failed",
      failure: { code: "threw", error: { name: "RangeError", message: "nope" } },
    });
    expect(
      await importOutcome("await new Promise(() => {});\nexport const f = () => 1;"),
    ).toMatchObject({
      status: "import-failed",
      failure: { code: "never-settles" },
    });
    expect(
      await importOutcome("setInterval(() => {}, 10); for (;;) {}\nexport const f = () => 1;", 500),
    ).toMatchObject({ status: "import-failed", failure: { code: "timeout", limitMs: 500 } });
  });
});

/** The shared sandbox's child stopped, and every other gone: counts start from none. */
async function withoutChildren(): Promise<void> {
  sandbox.close();
  await childrenRunning();
}

describe("a child started ahead of its first call (warm)", () => {
  beforeEach(withoutChildren);

  const another = async () => {
    const build = await buildSubmission(join(folder, "probe.ts"), PACKAGE_ROOT);
    if (build.status !== "built") throw new Error(build.message);
    return new Sandbox({
      dir: build.dir,
      entry: build.entry,
      heapMb: 128,
      importTimeoutMs: 5000,
      cpuSeconds: 2,
    });
  };

  it("is the one the calls use: warming twice and calling starts one child", async () => {
    const before = 0;
    const warmed = await another();
    warmed.warm();
    warmed.warm();
    const outcome = await warmed.call("environment", [], 5000);
    expect(outcome.status).toBe("returned");
    expect(runningChildren()).toBe(before + 1);
    warmed.close();
    await childrenRunning(before);
  });

  it("goes at once when the sandbox is closed before any call, not once it is up", async () => {
    const warmed = await another();
    warmed.warm();
    expect(runningChildren()).toBe(1);
    warmed.close();
    // Killed while it starts: the grader's exit would otherwise wait for its import.
    const [story] = runningChildrenDescribed();
    expect(story).toMatch(/\(its sandbox closed\): .*killed at \d+ ms$/);
    expect(story).not.toMatch(/said ready/);
    // Its start given up says nothing of the bundle: a call made at once starts afresh, and so
    // does one made once it is gone.
    expect(await warmed.call("counted", [], 5000)).toMatchObject({
      status: "returned",
      value: 1,
    });
    warmed.close();
    await childrenRunning(0);
    expect(await warmed.call("counted", [], 5000)).toMatchObject({
      status: "returned",
      value: 1,
    });
    warmed.close();
    await childrenRunning(0);
  });
});

describe("a child taken over by another sandbox of the same bundle", () => {
  beforeEach(withoutChildren);

  const options = { heapMb: 128, importTimeoutMs: 5000, cpuSeconds: 2 };
  const pair = async () => {
    const build = await buildSubmission(join(folder, "probe.ts"), PACKAGE_ROOT);
    if (build.status !== "built") throw new Error(build.message);
    const first = new Sandbox({ dir: build.dir, entry: build.entry, ...options });
    const second = new Sandbox({ dir: build.dir, entry: build.entry, ...options });
    onTestFinished(() => {
      first.close();
      second.close();
    });
    return [first, second] as const;
  };
  const counted = async (sandbox: Sandbox) => {
    const outcome = await sandbox.call("counted", [], 5000);
    if (outcome.status !== "returned") throw new Error(JSON.stringify(outcome));
    return outcome.value;
  };

  it("serves its calls from then on; the one it came from starts a fresh child", async () => {
    const [first, second] = await pair();
    expect(await counted(first)).toBe(1);
    expect(await counted(first)).toBe(2);
    expect(second.takeChildOf(first)).toBe(true);
    // The same child: its module's count goes on.
    expect(await counted(second)).toBe(3);
    expect(runningChildren()).toBe(1);
    expect(await counted(first)).toBe(1);
    expect(runningChildren()).toBe(2);
  });

  it("is described while it runs: its folder, its sandbox's state and what happened to it", async () => {
    const [first, second] = await pair();
    expect(await counted(first)).toBe(1);
    expect(second.takeChildOf(first)).toBe(true);
    const [line] = runningChildrenDescribed();
    expect(runningChildrenDescribed()).toHaveLength(1);
    expect(line).toMatch(
      /^pid \d+ in \S+ \(its sandbox open\): told to import at \d+ ms, said ready at \d+ ms$/,
    );
    second.close();
    expect(runningChildrenDescribed()).toEqual([
      expect.stringMatching(/\(its sandbox closed\): .*, killed at \d+ ms$/),
    ]);
    await childrenRunning();
  });

  it("is gone from its new sandbox when it dies: the next call starts afresh", async () => {
    const [first, second] = await pair();
    expect(await counted(first)).toBe(1);
    expect(second.takeChildOf(first)).toBe(true);
    expect(await second.call("quit", [], 5000)).toMatchObject({ status: "crashed" });
    // Not the dead child, which would leave the call waiting out its limit.
    const started = performance.now();
    expect(await counted(second)).toBe(1);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it("is not taken where there is none between calls, nor from another bundle's sandbox", async () => {
    const [first, second] = await pair();
    expect(second.takeChildOf(first)).toBe(false);
    const [other] = await pair();
    expect(await counted(other)).toBe(1);
    expect(second.takeChildOf(other)).toBe(false);
    expect(await counted(other)).toBe(2);
    // A sandbox with a child of its own keeps it.
    expect(await counted(first)).toBe(1);
    expect(first.takeChildOf(other)).toBe(false);
    expect(await counted(first)).toBe(2);
  });
});

describe("a child started before its bundle is written", () => {
  beforeEach(withoutChildren);

  const options = { heapMb: 128, importTimeoutMs: 500, cpuSeconds: 2 };

  it("imports it once it is written, the import's time limit counted from then", async () => {
    const made = await bundleFolder();
    onTestFinished(() => rmSync(made.dir, { recursive: true, force: true }));
    const written = deferred<void>();
    const early = new Sandbox({ ...made, ...options, written: written.promise });
    onTestFinished(() => early.close());
    early.warm();
    expect(runningChildren()).toBe(1);
    // Longer than the import may take: a limit counted from the child's start would be over.
    await new Promise((resolve) => setTimeout(resolve, 3 * options.importTimeoutMs));
    const read = readSubmission(submissionAt(join(folder, "probe.ts"), false), PACKAGE_ROOT);
    if (read.status !== "read") throw new Error(read.message);
    const build = await buildFiles(read, PACKAGE_ROOT, made);
    expect(build).toMatchObject({ status: "built", dir: made.dir, entry: made.entry });
    written.resolve();
    expect(await early.call("environment", [], 5000)).toMatchObject({
      status: "returned",
      value: [],
    });
    expect(runningChildren()).toBe(1);
  });

  it("never imports a bundle that was not made: the child goes, and a call says why", async () => {
    const made = await bundleFolder();
    onTestFinished(() => rmSync(made.dir, { recursive: true, force: true }));
    const early = new Sandbox({ ...made, ...options, written: Promise.reject(new Error("no")) });
    onTestFinished(() => early.close());
    early.warm();
    expect(await early.call("environment", [], 5000)).toMatchObject({
      status: "import-failed",
      failure: { code: "protocol", what: "no bundle to import" },
    });
    await childrenRunning();
  });
});

describe("a child started before its sandbox (a spare)", () => {
  beforeEach(withoutChildren);
  afterEach(dropSpares);

  const limits = { heapMb: 128, cpuSeconds: 2 };

  /** A bundle folder with a spare started in it as `launched` says, and its bundle then made. */
  const withSpare = async (launched: typeof limits) => {
    const made = await bundleFolder();
    onTestFinished(() => rmSync(made.dir, { recursive: true, force: true }));
    const protections = isolation();
    giveFolder(protections, made.dir);
    const spare = startSpare(childLaunch({ dir: made.dir, ...launched }, protections));
    const read = readSubmission(submissionAt(join(folder, "probe.ts"), false), PACKAGE_ROOT);
    if (read.status !== "read") throw new Error(read.message);
    expect(await buildFiles(read, PACKAGE_ROOT, made)).toMatchObject({ status: "built" });
    const sandbox = (heapMb: number) =>
      new Sandbox({ ...made, ...limits, heapMb, importTimeoutMs: 5000 });
    return { spare, sandbox };
  };
  const gone = (child: ChildProcess) =>
    vi.waitFor(() => expect(child.exitCode ?? child.signalCode).not.toBe(null), { timeout: 5000 });

  it("is the child of the sandbox that would start the same one: closing the sandbox ends it", async () => {
    const { spare, sandbox } = await withSpare(limits);
    expect(sparesWaiting()).toBe(1);
    const taker = sandbox(limits.heapMb);
    onTestFinished(() => taker.close());
    expect(await taker.call("counted", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    expect(sparesWaiting()).toBe(0);
    expect(spare.exitCode ?? spare.signalCode).toBe(null);
    taker.close();
    await gone(spare);
    await childrenRunning();
  });

  it("is left alone by a sandbox that would start another (another heap), and killed unused", async () => {
    const { spare, sandbox } = await withSpare(limits);
    const other = sandbox(2 * limits.heapMb);
    onTestFinished(() => other.close());
    expect(await other.call("counted", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    expect(sparesWaiting()).toBe(1);
    expect(spare.exitCode ?? spare.signalCode).toBe(null);
    dropSpares();
    expect(sparesWaiting()).toBe(0);
    await gone(spare);
    other.close();
    await childrenRunning();
  });

  it("that died before its sandbox asked is not taken: the sandbox starts its own", async () => {
    const { spare, sandbox } = await withSpare(limits);
    spare.kill("SIGKILL");
    await gone(spare);
    const taker = sandbox(limits.heapMb);
    onTestFinished(() => taker.close());
    expect(await taker.call("counted", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    expect(sparesWaiting()).toBe(0);
    taker.close();
    await childrenRunning();
  });
});

describe("a closed sandbox", () => {
  it("is not warmed again: no call is coming", async () => {
    const made = await bundleFolder();
    onTestFinished(() => rmSync(made.dir, { recursive: true, force: true }));
    const closed = new Sandbox({ ...made, heapMb: 128, importTimeoutMs: 500, cpuSeconds: 2 });
    closed.close();
    closed.warm();
    expect(runningChildren()).toBe(0);
  });
});

describe("contention", () => {
  it("is as many children as the jobs keep busy per core, never below 1", () => {
    expect(contentionOf(4, 2)).toBe(4);
    expect(contentionOf(1, 2)).toBe(1);
    expect(contentionOf(1, 8)).toBe(1);
  });
});
