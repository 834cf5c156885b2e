/**
 * The code that runs inside the sandboxed child process, bundled together with the learner's
 * module. It imports the module, then answers calls from the grader: decode the inputs, call the
 * learner's function, encode what came back (or what was thrown), and send it with the inputs as
 * they are after the call and whatever the function printed. It judges nothing: every comparison
 * happens in the grader process.
 */

import { writeSync } from "node:fs";
import { types } from "node:util";
import { FrameReader, frame } from "./frames.ts";
import type { BatchItem, BatchRequest, CallRequest, ChildMessage } from "./protocol.ts";
import { decode, encode, type Wire } from "./wire.ts";

/** Learner output kept per call; more is cut with a visible mark. */
const OUTPUT_LIMIT = 4096;

let output = "";
let truncated = false;

function capture(text: string): void {
  if (output.length + text.length <= OUTPUT_LIMIT) {
    output += text;
  } else {
    output += text.slice(0, Math.max(0, OUTPUT_LIMIT - output.length));
    truncated = true;
  }
}

function takeOutput(): string {
  const text = truncated ? `${output}\n[output truncated at ${OUTPUT_LIMIT} characters]` : output;
  output = "";
  truncated = false;
  return text;
}

function format(args: unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : String(a))).join(" ");
}

function redirectOutput(): void {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    console[method] = (...args: unknown[]) => capture(`${format(args)}\n`);
  }
  const write = (chunk: unknown) => {
    capture(String(chunk));
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
}

/** The pipe the grader reads results from (stdout and stderr are learner output). */
const RESULTS_FD = 3;

/**
 * Sends synchronously, so that a message is out before whatever the learner's code does next
 * (process.exit, an endless loop in a timer). The pipe is a blocking one unless learner code made
 * it non-blocking, hence the retry.
 */
function send(message: ChildMessage): void {
  const bytes = frame(message);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(RESULTS_FD, bytes, written);
    } catch (error) {
      if ((error as { code?: string }).code !== "EAGAIN") throw error;
    }
  }
}

function describeError(error: unknown): { name: string; message: string; stack: string } {
  // What was thrown is learner data too: a proxy, a getter that throws, a toString that throws.
  try {
    if (types.isProxy(error)) return { name: "thrown value", message: "a Proxy", stack: "" };
    if (error instanceof Error) {
      return {
        name: String(error.name),
        message: String(error.message),
        stack: String(error.stack ?? ""),
      };
    }
    return { name: "thrown value", message: String(error), stack: "" };
  } catch {
    return { name: "thrown value", message: "a value that could not be read", stack: "" };
  }
}

type Result = Extract<ChildMessage, { type: "result" }>;

function handleBatch(module: Record<string, unknown>, request: BatchRequest): Result {
  const fn = module[request.fn];
  if (typeof fn !== "function") {
    return { type: "result", id: request.id, status: "missing", output: takeOutput() };
  }
  const start = performance.now();
  const items = request.batch.map((args): BatchItem => {
    try {
      return { value: encode(fn(...args.map((arg) => decode(arg)))) };
    } catch (error) {
      return { error: describeError(error) };
    }
  });
  return {
    type: "result",
    id: request.id,
    status: "batch",
    items,
    output: takeOutput(),
    ms: performance.now() - start,
  };
}

function handleCall(module: Record<string, unknown>, request: CallRequest): Result {
  const fn = module[request.fn];
  if (typeof fn !== "function") {
    return { type: "result", id: request.id, status: "missing", output: takeOutput() };
  }
  const args = request.args.map((arg) => decode(arg));
  const start = performance.now();
  try {
    const value = fn(...args);
    const second = request.repeat
      ? encode(fn(...request.args.map((arg) => decode(arg))))
      : undefined;
    const ms = performance.now() - start;
    return {
      type: "result",
      id: request.id,
      status: "returned",
      value: encode(value),
      second,
      argsAfter: args.map((arg) => encode(arg)),
      output: takeOutput(),
      ms,
    };
  } catch (error) {
    return {
      type: "result",
      id: request.id,
      status: "threw",
      error: describeError(error),
      argsAfter: args.map((arg) => encode(arg) as Wire),
      output: takeOutput(),
      ms: performance.now() - start,
    };
  }
}

/** Kinds of handles (timers, sockets...) of which there are more now than in `before`. */
function leftRunning(before: string[]): string[] {
  const counts = new Map<string, number>();
  for (const kind of before) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const added = new Set<string>();
  for (const kind of process.getActiveResourcesInfo()) {
    const left = counts.get(kind) ?? 0;
    if (left > 0) counts.set(kind, left - 1);
    else added.add(kind);
  }
  return [...added];
}

/**
 * Sends once the event loop comes round again: a call (or an import) that leaves an endless
 * chain of promises behind never gets there, and times out as it should, instead of starving the
 * next call. Handles the call left behind (a timer) are reported, and the grader starts afresh.
 */
function sendWhenSettled(message: Result, before: string[]): void {
  setImmediate(() => {
    const left = leftRunning(before);
    send(left.length > 0 ? ({ ...message, leftRunning: left } as Result) : message);
  });
}

/** Starts the child: `load` imports the learner's module (a dynamic import, so failures are ours to report). */
export async function run(load: () => Promise<Record<string, unknown>>): Promise<void> {
  // The grader is gone: nothing left to answer (a child stuck in a loop is stopped by its CPU limit).
  process.stdin.on("end", () => process.exit(0));
  redirectOutput();
  // Nothing left to run while the import is still pending: top-level code awaits something that
  // can never happen. Said now, rather than after the import's time limit.
  let importing = true;
  process.once("beforeExit", () => {
    if (!importing) return;
    const message = "the module's top-level code awaits a promise that never settles";
    send({
      type: "import-failed",
      error: { name: "Error", message, stack: "" },
      output: takeOutput(),
    });
  });
  let module: Record<string, unknown>;
  try {
    module = await load();
  } catch (error) {
    send({ type: "import-failed", error: describeError(error), output: takeOutput() });
    return;
  } finally {
    importing = false;
  }
  // Requests come from the grader, so their size is not checked.
  const requests = new FrameReader(Number.MAX_SAFE_INTEGER);
  process.stdin.on("data", (chunk: Buffer) => {
    for (const event of requests.push(chunk)) {
      if (!("value" in event)) continue;
      const request = event.value as CallRequest | BatchRequest;
      send({ type: "started", id: request.id });
      const before = process.getActiveResourcesInfo();
      const result =
        "batch" in request ? handleBatch(module, request) : handleCall(module, request);
      sendWhenSettled(result, before);
    }
  });
  setImmediate(() => send({ type: "ready", exports: Object.keys(module), output: takeOutput() }));
}
