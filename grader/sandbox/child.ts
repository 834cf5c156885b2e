/**
 * The code that runs inside the sandboxed child process, bundled together with the learner's
 * module. It imports the module, then answers calls from the grader: decode the inputs, call the
 * learner's function, encode what came back (or what was thrown), and send it with the inputs as
 * they are after the call and whatever the function printed. It judges nothing: every comparison
 * happens in the grader process.
 */

import { writeSync } from "node:fs";
import { types } from "node:util";
import { type ChainCopies, runChain } from "../core/outcomes.ts";
import {
  type Budget,
  CappedText,
  cutText,
  decode,
  decodeFresh,
  Encoded,
  encode,
  freshBudget,
  LIMITS,
  TEXT_LIMITS,
  type Views,
  type Wire,
} from "../core/values.ts";
import { decodeBody, encodeBody, Refused, UNLIMITED } from "./codec.ts";
import { FrameReader, framed, HANDSHAKE_ID, HEADER_BYTES } from "./frames.ts";
import { MAX_FRAME_BYTES, MESSAGE_LIMITS } from "./inbound.ts";
import {
  type BatchItem,
  type BatchRequest,
  type CallRequest,
  CHILD_ENVIRONMENT,
  type ChildMessage,
  type OwnAnswer,
  type OwnCallees,
  type ThrownError,
} from "./protocol.ts";

/** Learner output of the call in flight (or of the import). */
const output = new CappedText();
const capture = (text: string) => output.add(text);
const takeOutput = () => output.take();

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
export function send(id: number, message: ChildMessage): void {
  sendFrame(framed(id, bytesOf(message)));
}

/** Sends a frame's bytes as they are (see `send`). */
export function sendFrame(bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(RESULTS_FD, bytes, written);
    } catch (error) {
      if ((error as { code?: string }).code !== "EAGAIN") throw error;
    }
  }
}

/**
 * The message's bytes, after a frame header's room (`framed`), checked with the grader's own
 * decoder: a message the grader would refuse (values that fit one by one but not together) goes
 * as a smaller one that says so, so that an honest result is never taken for an attack on the
 * channel.
 */
export function bytesOf(message: ChildMessage): Buffer {
  for (const candidate of smaller(message)) {
    const bytes = encodeBody(candidate, HEADER_BYTES);
    const body = bytes.subarray(HEADER_BYTES);
    if (body.length > MAX_FRAME_BYTES) continue;
    // Most messages: too short to hold more nodes, array entries or text than the decoder allows
    // (each costs a byte at least), and the encoder already keeps depth, keys and strings within
    // it. Decoding them again would only slow every call down.
    if (body.length <= WITHIN_LIMITS_BYTES) return bytes;
    try {
      decodeBody(body, MESSAGE_LIMITS);
      return bytes;
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
    }
  }
  throw new Error("gradecheck bug: no message small enough to send");
}

/** A body no longer than this cannot go over any of the decoder's size limits. */
const WITHIN_LIMITS_BYTES = Math.min(
  MESSAGE_LIMITS.nodes,
  MESSAGE_LIMITS.textBytes,
  8 * MESSAGE_LIMITS.entries,
);

const TOO_BIG: Wire = { $unsupported: "a result too big to send to the grader" };

/** The message, then versions of it with ever more of the learner's values left out. */
function* smaller(message: ChildMessage): Generator<ChildMessage> {
  yield message;
  if (message.type === "ready") {
    const error = { name: "Error", message: "the module has too many exports to list", stack: "" };
    yield { type: "import-failed", error, code: "too-many-exports", output: "" };
  }
  if (message.type !== "result") return;
  if (message.status === "batch") {
    yield {
      ...message,
      items: message.items.map((item) => ("error" in item ? item : { value: TOO_BIG })),
    };
    return;
  }
  if (message.status !== "returned" && message.status !== "threw") return;
  // First without the value returned, then without the inputs after the call and the output too.
  const withoutValue =
    message.status === "returned"
      ? { ...message, value: TOO_BIG, second: message.second && TOO_BIG }
      : message;
  if (withoutValue !== message) yield withoutValue;
  yield { ...withoutValue, argsAfter: message.argsAfter.map(() => TOO_BIG), output: "" };
}

function describeError(error: unknown): ThrownError {
  const cut = (name: string, message: string, stack: string): ThrownError => ({
    name: cutText(name, TEXT_LIMITS.name),
    message: cutText(message, TEXT_LIMITS.message),
    stack: cutText(stack, TEXT_LIMITS.stack),
  });
  // What was thrown is learner data too: a proxy, a getter that throws, a toString that throws.
  try {
    if (types.isProxy(error)) return cut("thrown value", "a Proxy", "");
    if (error instanceof Error)
      return cut(String(error.name), String(error.message), String(error.stack ?? ""));
    return cut("thrown value", String(error), "");
  } catch {
    return cut("thrown value", "a value that could not be read", "");
  }
}

type Result = Extract<ChildMessage, { type: "result" }>;

/**
 * Each call of a batch in turn (and `then`'s after it), up to the first that throws: the grader
 * stops at that one anyway. Every value shares one message's budget.
 */
function handleBatch(
  module: Record<string, unknown>,
  id: number,
  request: BatchRequest,
  /** Where `then`'s function is found: as it would be for a call of its own. */
  thenModule: Record<string, unknown>,
): Result {
  const fn = module[request.fn];
  const { then } = request;
  const next = then ? thenModule[then.fn] : undefined;
  if (typeof fn !== "function" || (then && typeof next !== "function")) {
    return { type: "result", id, status: "missing", output: takeOutput() };
  }
  type Fn = (...values: unknown[]) => unknown;
  const budget = messageBudget(request.batch.length);
  // The kept part goes into the item's value, [the second's value, that part]: one level down.
  const copies: ChainCopies | undefined = then && {
    copy: throughTheWire,
    capture: (kept) => new Encoded(encode(kept, budget, "copied", 1)),
  };
  const call = (args: unknown[]) =>
    then ? runChain(then, args, fn as Fn, next as Fn, copies) : (fn as Fn)(...args);
  const start = performance.now();
  const items: BatchItem[] = [];
  for (const args of request.batch) {
    try {
      items.push({ value: encode(call(args.map((arg) => decode(arg))), budget) });
    } catch (error) {
      items.push({ error: describeError(error) });
      break;
    }
  }
  return {
    type: "result",
    id,
    status: "batch",
    items,
    output: takeOutput(),
    ms: performance.now() - start,
  };
}

/**
 * A value as a call of its own would get it: through the codec, within one message's limits (what
 * cannot cross arrives as the wire says it, `{ $unsupported }`).
 */
function throughTheWire(value: unknown): unknown {
  const views: Views = new Map();
  return decodeFresh(encode(value, freshBudget(), views), views);
}

/** The wire limits of one message, less room for a batch's items around the values. */
function messageBudget(items: number): Budget {
  const budget = freshBudget();
  budget.nodes = Math.max(0, LIMITS.nodes - 2 * items);
  return budget;
}

function handleCall(module: Record<string, unknown>, id: number, request: CallRequest): Result {
  const fn = module[request.fn];
  if (typeof fn !== "function") {
    return { type: "result", id, status: "missing", output: takeOutput() };
  }
  const args = request.args.map((arg) => decode(arg));
  const budget = messageBudget(0);
  const start = performance.now();
  try {
    const value = fn(...args);
    const second = request.repeat ? fn(...request.args.map((arg) => decode(arg))) : undefined;
    const ms = performance.now() - start;
    // The inputs first: what they became is checked before anything else, so they get the room.
    const argsAfter = args.map((arg) => encode(arg, budget));
    return {
      type: "result",
      id,
      status: "returned",
      value: encode(value, budget),
      second: request.repeat ? encode(second, budget) : undefined,
      argsAfter,
      output: takeOutput(),
      ms,
    };
  } catch (error) {
    return {
      type: "result",
      id,
      status: "threw",
      error: describeError(error),
      argsAfter: args.map((arg) => encode(arg, budget) as Wire),
      output: takeOutput(),
      ms: performance.now() - start,
    };
  }
}

/**
 * The module as a call of `name` sees it: the learner's own function where the export is a
 * stand-in. A name the module does not export stays missing.
 */
function withOwn(
  module: Record<string, unknown>,
  own: OwnFunctions,
  name: string,
): Record<string, unknown> {
  if (typeof module[name] !== "function") return module;
  const mine = own(name);
  return typeof mine === "function" ? { [name]: mine } : module;
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
    send(message.id, left.length > 0 ? ({ ...message, leftRunning: left } as Result) : message);
  });
}

/**
 * The call being served, if any: what a stand-in's request to the grader is part of, and which of
 * the learner's own functions answer in it instead (the request's `ownCallees`).
 */
export interface InFlight {
  id: number;
  fn: string;
  own?: OwnCallees;
  /**
   * The answers of the learner's own functions the grader is to check (the first of each in each
   * form of call, `stand-ins.ts`), and the values those after each function's first hold.
   */
  checks?: { answers: OwnAnswer[]; laterEntries: number };
}

let inFlight: InFlight | undefined;

export function callInFlight(): InFlight | undefined {
  return inFlight;
}

/**
 * The learner's own function of that name, where it is not what the module exports: in the
 * bundle that judges each function alone, the module's exports are stand-ins (`stand-ins.ts`).
 */
export type OwnFunctions = (name: string) => unknown;

/**
 * Starts the child: `load` imports the learner's module (a dynamic import, so failures are ours to
 * report); then `loadCopy`, if given, a second copy of it (the one the learner's own functions
 * answer from: `stand-ins.ts`), whose output is dropped (the module's own was kept once) and whose
 * failure only leaves the reference answering.
 */
export async function run(
  load: () => Promise<Record<string, unknown>>,
  own: OwnFunctions = () => undefined,
  loadCopy?: () => Promise<unknown>,
): Promise<void> {
  // Read by the C library at start, and none of the learner's business.
  for (const name of Object.keys(CHILD_ENVIRONMENT)) delete process.env[name];
  // The grader is gone: nothing left to answer (a child stuck in a loop is stopped by its CPU limit).
  process.stdin.on("end", () => process.exit(0));
  redirectOutput();
  // Nothing left to run while the import is still pending: top-level code awaits something that
  // can never happen. Said now, rather than after the import's time limit.
  let importing = true;
  process.once("beforeExit", () => {
    if (!importing) return;
    const message = "the module's top-level code awaits a promise that never settles";
    send(HANDSHAKE_ID, {
      type: "import-failed",
      error: { name: "Error", message, stack: "" },
      code: "never-settles",
      output: takeOutput(),
    });
  });
  let module: Record<string, unknown>;
  try {
    module = await load();
    if (loadCopy) {
      send(HANDSHAKE_ID, { type: "imported" });
      const kept = takeOutput();
      await loadCopy().catch(() => undefined);
      takeOutput();
      capture(kept);
    }
  } catch (error) {
    send(HANDSHAKE_ID, {
      type: "import-failed",
      error: describeError(error),
      output: takeOutput(),
    });
    return;
  } finally {
    importing = false;
  }
  // Requests come from the grader: neither their size nor their content is limited.
  const requests = new FrameReader(Number.MAX_SAFE_INTEGER, {
    header: () => undefined,
    problem: () => {},
    body: (id, body) => {
      const request = decodeBody(body, UNLIMITED) as
        | Omit<CallRequest, "id">
        | Omit<BatchRequest, "id">;
      send(id, { type: "started", id });
      const before = process.getActiveResourcesInfo();
      const functions = withOwn(module, own, request.fn);
      const call: InFlight = {
        id,
        fn: request.fn,
        ...(request.ownCallees
          ? { own: request.ownCallees, checks: { answers: [], laterEntries: 0 } }
          : {}),
      };
      inFlight = call;
      let result: Result;
      try {
        result =
          "batch" in request
            ? handleBatch(
                functions,
                id,
                { id, ...request },
                request.then ? withOwn(module, own, request.then.fn) : functions,
              )
            : handleCall(functions, id, { id, ...request });
      } finally {
        inFlight = undefined;
      }
      if (call.checks?.answers.length && result.status !== "missing")
        result = { ...result, ownAnswers: call.checks.answers };
      sendWhenSettled(result, before);
    },
  });
  process.stdin.on("data", (chunk: Buffer) => requests.push(chunk));
  // A few short names: the grader refuses more.
  const exports = Object.keys(module)
    .slice(0, LIMITS.keys * 16)
    .map((name) => cutText(name, TEXT_LIMITS.name));
  setImmediate(() => send(HANDSHAKE_ID, { type: "ready", exports, output: takeOutput() }));
}
