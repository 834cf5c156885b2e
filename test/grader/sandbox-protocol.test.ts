/**
 * The sandbox's channel against a child that writes to it on its own (learner code can), and its
 * time limits against a grader busy with other work: real children, tiny bundles.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { buildSubmission } from "../../grader/pipeline/build.ts";
import { HANDSHAKE_ID, messageFrame } from "../../grader/sandbox/frames.ts";
import { afterResults, Sandbox } from "../../grader/sandbox/sandbox.ts";

// Learner code that knows the frame format: it reads each request's call id from stdin, and
// writes frames of its own to the grader's channel (fd 3).
const FORGER = `
import { writeSync } from "node:fs";
import { serialize } from "node:v8";
let calls = 0;
let lastId = 0;
process.stdin.on("data", (chunk: Buffer) => { if (chunk.length >= 8) lastId = chunk.readUInt32BE(4); });
const send = (id: number, body: Uint8Array) => {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length, 0);
  header.writeUInt32BE(id, 4);
  writeSync(3, Buffer.concat([header, body]));
};
/** Calls this child has answered: 1 in a fresh child. */
export const count = () => ++calls;
export const wrongId = () => { send(lastId + 1000, Uint8Array.of(0)); return 1; };
export const handshakeId = () => { send(0, Uint8Array.of(0)); return 1; };
/** A frame for its own call, written after the result has gone: no call is in flight then. */
export const frameLater = () => { setTimeout(() => send(lastId, Uint8Array.of(0)), 100).unref(); return 1; };
/** A frame for its own call in V8's format: an object reused at every key. */
export const v8Frame = () => {
  let node: Record<string, unknown> = { leaf: 1 };
  for (let d = 0; d < 12; d++) { const next: Record<string, unknown> = {}; for (let k = 0; k < 32; k++) next["k" + k] = node; node = next; }
  send(lastId, serialize({ type: "result", id: lastId, status: "returned", value: node, argsAfter: [], output: "", ms: 0 }));
  return 1;
};
export const slow = (ms: number) => { const until = Date.now() + ms; while (Date.now() < until) {} return 42; };
export const spin = () => { for (;;) {} };
`;

// A module whose import takes a while.
const SLOW_IMPORT = `
const until = Date.now() + 300;
while (Date.now() < until) {}
export const ready = () => "ready";
`;

let folder: string;
const bundles: { dir: string; entry: string }[] = [];

async function bundle(name: string, source: string) {
  const file = join(folder, name, "model.ts");
  mkdirSync(join(folder, name));
  writeFileSync(file, source);
  const build = await buildSubmission(file, PACKAGE_ROOT);
  if (build.status !== "built") throw new Error(build.message);
  bundles.push(build);
  return build;
}

let forger: { dir: string; entry: string };
let slowImport: { dir: string; entry: string };
const sandboxes: Sandbox[] = [];

function sandbox(build: { dir: string; entry: string }, importTimeoutMs = 5000): Sandbox {
  const made = new Sandbox({ ...build, heapMb: 128, importTimeoutMs, cpuSeconds: 30 });
  sandboxes.push(made);
  return made;
}

/**
 * Keeps the grader's event loop busy, as another learner's work in the same batch would, from
 * `after` ms on. From the loop's check phase: when it ends, the loop's next turn starts with the
 * timers that came due meanwhile, before it reads the pipes.
 */
function blockLater(after: number, ms: number): void {
  setTimeout(
    () =>
      setImmediate(() => {
        const until = performance.now() + ms;
        while (performance.now() < until) {}
      }),
    after,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "gradecheck-protocol-test-"));
  forger = await bundle("forger", FORGER);
  slowImport = await bundle("slow-import", SLOW_IMPORT);
});

afterAll(() => {
  for (const s of sandboxes) s.close();
  for (const b of bundles) rmSync(b.dir, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

describe("frames the grader did not ask for", () => {
  it("stops a child that sends a frame for another call, and the next call gets a fresh child", async () => {
    const box = sandbox(forger);
    expect(await box.call("count", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    expect(await box.call("count", [], 5000)).toMatchObject({ status: "returned", value: 2 });
    const outcome = await box.call("wrongId", [], 5000);
    expect(outcome).toMatchObject({
      status: "crashed",
      reason: {
        code: "protocol",
        what: expect.stringMatching(/^a message for call \d+, which it was not asked$/),
      },
    });
    expect(await box.call("count", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    const handshake = await box.call("handshakeId", [], 5000);
    expect(handshake).toMatchObject({
      status: "crashed",
      reason: { code: "protocol", what: "a message for call 0, which it was not asked" },
    });
  });

  it("stops a child that sends a frame between calls, charging no call", async () => {
    const box = sandbox(forger);
    expect(await box.call("count", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    expect(await box.call("frameLater", [], 5000)).toMatchObject({ status: "returned", value: 1 });
    await sleep(500);
    expect(box.incidents).toEqual([
      expect.stringMatching(
        /^sent the grader a message for call \d+ while no call was in flight, so it was stopped$/,
      ),
    ]);
    expect(await box.call("count", [], 5000)).toMatchObject({ status: "returned", value: 1 });
  });

  it("refuses a frame in V8's format, even for the call in flight, without deserializing it", async () => {
    const box = sandbox(forger);
    const outcome = await box.call("v8Frame", [], 5000);
    expect(outcome).toMatchObject({
      status: "crashed",
      reason: { code: "protocol", what: "a value of unknown type 255 at byte 0" },
    });
  });
});

describe("the import's time for each copy of the module", () => {
  /**
   * A module whose top-level code takes 1 s, says that a copy is in `times` times (as the child
   * that judges alone does between its two imports), and takes 1 s more: 2 s in all, past an
   * import's 1.5 s, but within it on each side of the saying (the child's own start counts in the
   * first).
   */
  const sayingImported = (times: number) => `
import { writeSync } from "node:fs";
const wait = (ms: number) => { const until = Date.now() + ms; while (Date.now() < until) {} };
const frame = Uint8Array.of(${[...messageFrame(HANDSHAKE_ID, { type: "imported" })].join(", ")});
wait(1000);
for (let i = 0; i < ${times}; i++) writeSync(3, frame);
wait(1000);
export const ready = () => "ready";
`;

  it("has the limit again once for a second copy, and refuses a third", async () => {
    const once = await bundle("imported-once", sayingImported(1));
    const twice = await bundle("imported-twice", sayingImported(2));
    const copies = (build: { dir: string; entry: string }, moduleCopies: number) => {
      const made = new Sandbox({
        ...build,
        heapMb: 128,
        importTimeoutMs: 1500,
        cpuSeconds: 30,
        moduleCopies,
      });
      sandboxes.push(made);
      return made;
    };
    // The limit again from the saying on.
    expect(await copies(once, 2).call("ready", [], 5000)).toMatchObject({
      status: "returned",
      value: "ready",
    });
    // One copy only: the saying is no message of its import.
    expect(await copies(once, 1).call("ready", [], 5000)).toMatchObject({
      status: "import-failed",
      failure: { code: "protocol", what: 'a "imported" message' },
    });
    // Said twice for two copies: the second is refused, not a third period of time.
    expect(await copies(twice, 2).call("ready", [], 5000)).toMatchObject({
      status: "import-failed",
      failure: { code: "protocol", what: 'a "imported" message' },
    });
  });
});

describe("time limits, with the grader busy elsewhere", () => {
  it("a call that returns in time is not timed out while the grader's loop was blocked", async () => {
    const box = sandbox(forger);
    await box.call("count", [], 5000);
    // The call takes ~200 ms of a 1000 ms limit; meanwhile the grader is busy for 2500 ms.
    blockLater(50, 2500);
    const outcome = await box.call("slow", [200], 1000);
    expect(outcome).toMatchObject({ status: "returned", value: 42 });
  }, 20_000);

  it("a call that never returns still times out", async () => {
    const box = sandbox(forger);
    await box.call("count", [], 5000);
    blockLater(50, 1500);
    const started = performance.now();
    const outcome = await box.call("spin", [], 1000);
    expect(outcome).toMatchObject({ status: "timeout", limitMs: 1000 });
    expect(outcome).not.toHaveProperty("run");
    // The time the grader was blocked did not count: 1000 ms of its own idle time, and more.
    expect(performance.now() - started).toBeGreaterThan(1500 + 900);
  }, 20_000);

  it("an import that ends in time is not timed out while the grader's loop was blocked", async () => {
    const box = sandbox(slowImport, 1000);
    blockLater(50, 2500);
    const outcome = await box.call("ready", [], 5000);
    expect(outcome).toMatchObject({ status: "returned", value: "ready" });
  }, 20_000);
});

describe("a child's last words", () => {
  it("are read before its exit is acted on: the exit waits for the end of the results pipe", async () => {
    const results = new PassThrough();
    const order: string[] = [];
    results.on("data", (chunk: Buffer) => order.push(`read ${chunk.toString()}`));
    afterResults(results, () => order.push("exit"));
    results.write("never-settles");
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["read never-settles"]);
    results.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["read never-settles", "exit"]);
    // Ended already: acted on at once.
    afterResults(results, () => order.push("again"));
    expect(order.at(-1)).toBe("again");
  });

  it("are not waited for long when the pipe never ends", async () => {
    const results = new PassThrough();
    let exited = 0;
    afterResults(results, () => exited++);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(exited).toBe(1);
    results.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exited).toBe(1);
  });
});
