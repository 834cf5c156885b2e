/**
 * What the grader accepts from the sandboxed child. The child runs learner code, which can send
 * anything down the channel itself, so every message is checked here before the grader uses it.
 * The decoder (`codec.ts`) has already bounded it (bytes, depth, list entries and keys, array
 * entries, text) and can only produce plain trees of wire data; this module checks the message's
 * shape, that every value in it is wire data as `core/values.ts` encodes it, and cuts every string that
 * may reach a report. A message that fails is a problem to report, never a value to trust.
 */

import { cutText, FORBIDDEN_KEYS, LIMITS, TEXT_LIMITS, type Wire } from "../core/values.ts";
import { type DecodeLimits, decodeBody, Refused } from "./codec.ts";
import {
  type BatchItem,
  type ChildMessage,
  OWN_ANSWERS_LIMIT,
  type OwnAnswer,
  type RandomArgument,
  type ThrownError,
} from "./protocol.ts";

/**
 * The decoder's limits for one message: the wire values' own, with room for the message around
 * them (a result, its list of batch items, an item: three levels; their keys and strings).
 */
export const MESSAGE_LIMITS: DecodeLimits = {
  depth: LIMITS.depth + 4,
  nodes: LIMITS.nodes + 4096,
  entries: LIMITS.entries,
  keys: LIMITS.keys,
  stringBytes: LIMITS.stringBytes,
  textBytes: LIMITS.textBytes + (1 << 16),
};

/**
 * The longest frame the grader reads: enough for any message within `MESSAGE_LIMITS` (8 bytes an
 * array entry; at most 16 a list entry or key with its value's tag and length; the text), so the
 * limits, not the frame size, decide: about 11 MiB (the planar assignment needs 100 KB).
 */
export const MAX_FRAME_BYTES =
  8 * MESSAGE_LIMITS.entries + 16 * MESSAGE_LIMITS.nodes + MESSAGE_LIMITS.textBytes + 1024;

/** Room for the mark a cut string ends with: a string cut by the child is not cut again. */
const CUT_MARK_ROOM = 40;

class Rejected extends Error {}

function reject(what: string): never {
  throw new Rejected(what);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    reject(`${what} is not a plain object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, limit: number, what: string): string {
  if (typeof value !== "string") reject(`${what} is not a string`);
  return value.length <= limit + CUT_MARK_ROOM ? value : cutText(value, limit);
}

function finite(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) reject(`${what} is not a number`);
  return value;
}

function thrown(value: unknown): ThrownError {
  const error = record(value, "the error");
  return {
    name: text(error.name, TEXT_LIMITS.name, "the error's name"),
    message: text(error.message, TEXT_LIMITS.message, "the error's message"),
    stack: text(error.stack, TEXT_LIMITS.stack, "the error's stack"),
  };
}

/**
 * `value` if it is wire data. Decoded values are fresh plain trees within the limits, owned by
 * the grader alone, so they are checked in place (strings cut where they stand) rather than
 * copied: a walk linear in the message, checking what the decoder does not know of (which markers
 * may come from the child, the depth of a value rather than of the message).
 */
function wire(value: unknown, depth: number): Wire {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "string") return text(value, TEXT_LIMITS.value, "a string");
  if (depth > LIMITS.depth) reject("a value nested too deeply");
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) value[k] = wire(value[k], depth + 1);
    return value;
  }
  const object = record(value, "a value");
  if ("$array" in object) return wireArray(object);
  if ("$unsupported" in object)
    return { $unsupported: text(object.$unsupported, TEXT_LIMITS.message, "$unsupported") };
  if ("$undefined" in object) return { $undefined: true };
  if ("$random" in object) reject("a random generator (only the grader sends those)");
  const keys = Object.keys(object);
  if (keys.length > LIMITS.keys) reject(`an object with ${keys.length} keys`);
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) reject(`an object with a "${key}" key`);
    object[key] = wire(object[key], depth + 1);
  }
  return object as { [key: string]: Wire };
}

function wireArray(object: Record<string, unknown>): Wire {
  const shape = object.$array;
  const data = object.data;
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    !(data instanceof Float64Array) ||
    data.length !== shape[0] * shape[1]
  )
    reject("a malformed array (its shape, data or size do not agree)");
  return { $array: [shape[0], shape[1]], data };
}

function wires(value: unknown, what: string): Wire[] {
  if (!Array.isArray(value)) reject(`${what} is not a list`);
  return value.map((item) => wire(item, 0));
}

/** Kinds of handles a call left running: a few short names. */
function handleKinds(value: unknown): { leftRunning?: string[] } {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length > 64) reject("the handles left running are not a list");
  return { leftRunning: value.map((kind) => text(kind, TEXT_LIMITS.name, "a handle's kind")) };
}

/** What a call says the learner's own functions answered: the first in each form of call. */
function ownAnswers(value: unknown): { ownAnswers?: OwnAnswer[] } {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length > OWN_ANSWERS_LIMIT)
    reject("the own functions' answers are not a list");
  return { ownAnswers: value.map(ownAnswer) };
}

function ownAnswer(value: unknown): OwnAnswer {
  const raw = record(value, "an own function's answer");
  if (!("value" in raw)) reject("an own function's answer without its value");
  return {
    judged: text(raw.judged, TEXT_LIMITS.name, "the function's name"),
    fn: text(raw.fn, TEXT_LIMITS.name, "the function's name"),
    args: wires(raw.args, "the inputs"),
    randoms: randomArguments(raw.randoms),
    value: wire(raw.value, 0),
    randomsAfter: randomArguments(raw.randomsAfter),
  };
}

/** The state of a call's random generators: a few. */
function randomArguments(value: unknown): RandomArgument[] {
  if (!Array.isArray(value) || value.length > 16) reject("the random generators are not a list");
  return value.map(randomArgument);
}

function batchItem(value: unknown): BatchItem {
  const item = record(value, "a batch item");
  if ("error" in item) return { error: thrown(item.error) };
  if (!("value" in item)) reject("a batch item with neither a value nor an error");
  return { value: wire(item.value, 0) };
}

/** A generator's state, as `RandomState.getState` gives it (624 words and a position). */
function randomArgument(value: unknown): RandomArgument {
  const raw = record(value, "a random generator");
  const index = finite(raw.index, "a generator's position");
  if (!Number.isSafeInteger(index) || index < 0) reject("a generator at no position");
  const { mt, gauss } = raw;
  if (!Array.isArray(mt) || mt.length > 1024 || !mt.every((x) => Number.isSafeInteger(x)))
    reject("a generator's state that is not a list of integers");
  if (gauss !== null) finite(gauss, "a generator's kept normal value");
  return { index, mt, gauss: gauss as number | null };
}

function oracleRequest(raw: Record<string, unknown>): ChildMessage {
  return {
    type: "oracle",
    id: finite(raw.id, "the call's id"),
    fn: text(raw.fn, TEXT_LIMITS.name, "the function's name"),
    args: wires(raw.args, "the inputs"),
    randoms: randomArguments(raw.randoms),
  };
}

function message(value: unknown): ChildMessage {
  const raw = record(value, "the message");
  if (raw.type === "started") return { type: "started", id: finite(raw.id, "the call's id") };
  if (raw.type === "oracle") return oracleRequest(raw);
  if (raw.type === "imported") return { type: "imported" };
  const output = text(raw.output, TEXT_LIMITS.output, "the output");
  switch (raw.type) {
    case "ready": {
      if (!Array.isArray(raw.exports) || raw.exports.length > LIMITS.keys * 16)
        reject("the list of exports is not a list of names");
      const exports = raw.exports.map((name) => text(name, TEXT_LIMITS.name, "an export's name"));
      return { type: "ready", exports, output };
    }
    case "import-failed": {
      const { code } = raw;
      if (code !== undefined && code !== "never-settles" && code !== "too-many-exports")
        reject("an import failure of an unknown kind");
      return { type: "import-failed", error: thrown(raw.error), ...(code ? { code } : {}), output };
    }
    case "result": {
      const id = finite(raw.id, "the call's id");
      switch (raw.status) {
        case "missing":
          return { type: "result", id, status: "missing", output };
        case "returned":
          return {
            type: "result",
            id,
            status: "returned",
            value: wire(raw.value, 0),
            second: raw.second === undefined ? undefined : wire(raw.second, 0),
            argsAfter: wires(raw.argsAfter, "the inputs after the call"),
            output,
            ms: finite(raw.ms, "the call's time"),
            ...handleKinds(raw.leftRunning),
            ...ownAnswers(raw.ownAnswers),
          };
        case "threw":
          return {
            type: "result",
            id,
            status: "threw",
            error: thrown(raw.error),
            argsAfter: wires(raw.argsAfter, "the inputs after the call"),
            output,
            ms: finite(raw.ms, "the call's time"),
            ...handleKinds(raw.leftRunning),
            ...ownAnswers(raw.ownAnswers),
          };
        case "batch": {
          if (!Array.isArray(raw.items)) reject("the batch's items are not a list");
          const items = raw.items.map(batchItem);
          return {
            type: "result",
            id,
            status: "batch",
            items,
            output,
            ms: finite(raw.ms, "the call's time"),
            ...handleKinds(raw.leftRunning),
            ...ownAnswers(raw.ownAnswers),
          };
        }
        default:
          return reject("a result of an unknown kind");
      }
    }
    default:
      return reject("a message of an unknown type");
  }
}

/** A decoded message, checked (its strings cut to size), or what is wrong with it. */
export function acceptMessage(value: unknown): ChildMessage | { problem: string } {
  try {
    return message(value);
  } catch (error) {
    if (error instanceof Rejected) return { problem: error.message };
    throw error;
  }
}

/** A frame's body, decoded within `MESSAGE_LIMITS` and checked, or what is wrong with it. */
export function acceptBody(body: Buffer): ChildMessage | { problem: string } {
  let value: unknown;
  try {
    value = decodeBody(body, MESSAGE_LIMITS);
  } catch (error) {
    if (error instanceof Refused) return { problem: error.message };
    throw error;
  }
  return acceptMessage(value);
}
