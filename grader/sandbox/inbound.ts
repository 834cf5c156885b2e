/**
 * What the grader accepts from the sandboxed child. The child runs learner code, which can send
 * anything down the channel itself, so every message is checked here before the grader uses it:
 * its shape, every value in it (plain data as `wire.ts` encodes it, within the same limits), and
 * the length of every string that may reach a report. A message that fails is a problem to
 * report, never a value to trust.
 */
import type { BatchItem, ChildMessage, ThrownError } from "./protocol.ts";
import { FORBIDDEN_KEYS, LIMITS, type Wire } from "./wire.ts";

/** Longest text kept from the child per field; longer is cut with a visible mark. */
const TEXT_LIMITS = { name: 200, message: 2000, stack: 8000, output: 8192, value: 10_000 };

class Rejected extends Error {}

function reject(what: string): never {
  throw new Rejected(what);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (
    typeof value !== "object" ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    reject(`${what} is not a plain object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, limit: number, what: string): string {
  if (typeof value !== "string") reject(`${what} is not a string`);
  return value.length <= limit
    ? value
    : `${value.slice(0, limit)}… [${value.length - limit} more characters]`;
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

/** A copy of `value` if it is wire data within the limits (shared by one message through `budget`). */
function wire(value: unknown, depth: number, budget: { entries: number }): Wire {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "string") return text(value, TEXT_LIMITS.value, "a string");
  if (depth > LIMITS.depth) reject("a value nested too deeply");
  if (Array.isArray(value)) {
    budget.entries -= value.length;
    if (budget.entries < 0) reject("values with too many entries");
    const out: Wire[] = [];
    for (let k = 0; k < value.length; k++) {
      if (!Object.hasOwn(value, k)) reject("a list with holes");
      out.push(wire(value[k], depth + 1, budget));
    }
    return out;
  }
  const object = record(value, "a value");
  const keys = Object.keys(object);
  if (keys.length > LIMITS.keys) reject(`an object with ${keys.length} keys`);
  for (const key of keys) if (FORBIDDEN_KEYS.has(key)) reject(`an object with a "${key}" key`);
  if ("$array" in object) return wireArray(object, budget);
  if ("$unsupported" in object) {
    if (keys.length !== 1) reject("a malformed $unsupported marker");
    return { $unsupported: text(object.$unsupported, TEXT_LIMITS.message, "$unsupported") };
  }
  if ("$undefined" in object) {
    if (keys.length !== 1 || object.$undefined !== true) reject("a malformed $undefined marker");
    return { $undefined: true };
  }
  if ("$random" in object) reject("a random generator (only the grader sends those)");
  const out: { [key: string]: Wire } = {};
  for (const key of keys) out[key] = wire(object[key], depth + 1, budget);
  return out;
}

function wireArray(object: Record<string, unknown>, budget: { entries: number }): Wire {
  const shape = object.$array;
  const data = object.data;
  if (
    Object.keys(object).length !== 2 ||
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    !(data instanceof Float64Array) ||
    data.length !== shape[0] * shape[1]
  )
    reject("a malformed array (its shape, data or size do not agree)");
  budget.entries -= data.length;
  if (budget.entries < 0) reject("values with too many entries");
  return { $array: [shape[0], shape[1]], data };
}

function wires(value: unknown, budget: { entries: number }, what: string): Wire[] {
  if (!Array.isArray(value)) reject(`${what} is not a list`);
  return value.map((item) => wire(item, 0, budget));
}

/** Kinds of handles a call left running: a few short names. */
function handleKinds(value: unknown): { leftRunning?: string[] } {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length > 64) reject("the handles left running are not a list");
  return { leftRunning: value.map((kind) => text(kind, TEXT_LIMITS.name, "a handle's kind")) };
}

function batchItem(value: unknown, budget: { entries: number }): BatchItem {
  const item = record(value, "a batch item");
  if ("error" in item) return { error: thrown(item.error) };
  if (!("value" in item)) reject("a batch item with neither a value nor an error");
  return { value: wire(item.value, 0, budget) };
}

function message(value: unknown): ChildMessage {
  const raw = record(value, "the message");
  if (raw.type === "started") return { type: "started", id: finite(raw.id, "the call's id") };
  const output = text(raw.output, TEXT_LIMITS.output, "the output");
  switch (raw.type) {
    case "ready": {
      if (!Array.isArray(raw.exports) || raw.exports.length > LIMITS.keys * 16)
        reject("the list of exports is not a list of names");
      const exports = raw.exports.map((name) => text(name, TEXT_LIMITS.name, "an export's name"));
      return { type: "ready", exports, output };
    }
    case "import-failed":
      return { type: "import-failed", error: thrown(raw.error), output };
    case "result": {
      const id = finite(raw.id, "the call's id");
      const budget = { entries: LIMITS.entries };
      switch (raw.status) {
        case "missing":
          return { type: "result", id, status: "missing", output };
        case "returned":
          return {
            type: "result",
            id,
            status: "returned",
            value: wire(raw.value, 0, budget),
            second: raw.second === undefined ? undefined : wire(raw.second, 0, budget),
            argsAfter: wires(raw.argsAfter, budget, "the inputs after the call"),
            output,
            ms: finite(raw.ms, "the call's time"),
            ...handleKinds(raw.leftRunning),
          };
        case "threw":
          return {
            type: "result",
            id,
            status: "threw",
            error: thrown(raw.error),
            argsAfter: wires(raw.argsAfter, budget, "the inputs after the call"),
            output,
            ms: finite(raw.ms, "the call's time"),
            ...handleKinds(raw.leftRunning),
          };
        case "batch": {
          if (!Array.isArray(raw.items)) reject("the batch's items are not a list");
          const items = raw.items.map((item) => batchItem(item, budget));
          return {
            type: "result",
            id,
            status: "batch",
            items,
            output,
            ms: finite(raw.ms, "the call's time"),
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

/** The message, checked and copied, or what is wrong with it. */
export function acceptMessage(value: unknown): ChildMessage | { problem: string } {
  try {
    return message(value);
  } catch (error) {
    if (error instanceof Rejected) return { problem: error.message };
    throw error;
  }
}
