/**
 * Runs in the child, in the bundle that judges each function alone (`grader/pipeline/substitute.ts`): the
 * stand-ins the learner's files import in place of their own other functions of the assignment.
 *
 * During a test, a stand-in asks the grader, which answers with the reference's function
 * (`grader/pipeline/oracle.ts`): so nnModel is judged on its own loop, rate and seed, whatever the
 * learner's forwardPropagation does. The question goes out on the results pipe like any message;
 * the answer is read synchronously from a pipe of its own (fd 4), as the learner's code is
 * synchronous. The reference itself never enters the child. Outside a test (the module's own
 * top-level code, a timer), a stand-in calls the learner's own function. During a call whose
 * request says the learner's own functions answer (`ownCallees`), the learner's own function of a
 * second copy of the module answers (`answerWith`), with the copies the grader's answer would make.
 */
import { readSync } from "node:fs";
import { RandomState } from "../../assignments/lib/np.ts";
import { withAllocationLimit } from "../../assignments/lib/storage.ts";
import {
  decode,
  decodeFresh,
  encode,
  entriesOf,
  freshBudget,
  sameForm,
  type Views,
  type Wire,
} from "../core/values.ts";
import { callInFlight, type InFlight, type OwnFunctions, sendFrame } from "./child.ts";
import { decodeBody, UNLIMITED } from "./codec.ts";
import { HEADER_BYTES, messageFrame } from "./frames.ts";
import { MAX_FRAME_BYTES } from "./inbound.ts";
import {
  type OracleReply,
  type OracleRequest,
  OWN_ANSWERS_LIMIT,
  type OwnAnswer,
  type OwnCallees,
  type RandomArgument,
} from "./protocol.ts";

/** The pipe the grader answers on. */
const ANSWERS_FD = 4;

/**
 * Values (inputs, value, generator states) the answers checked after each function's first may
 * hold together in one call: they travel in its result, which stays far within the grader's
 * limits for a message (`MESSAGE_LIMITS`).
 */
const LATER_FORMS_ENTRIES = 1 << 16;

/** Each name's own function, by the file that declares it: the entry's wins. */
const own = new Map<string, { get: () => unknown; entry: boolean }>();

/**
 * Called by each rewritten file, before its own code runs, for each function it declares: `get`
 * reads the declaration when asked (a `const` is not there until its line has run).
 */
export function register(name: string, get: () => unknown, entry: boolean): void {
  const known = own.get(name);
  if (!known || (entry && !known.entry)) own.set(name, { get, entry });
}

/** The learner's own function of a name, for the child runner (`run`'s `own`). */
export const ownFunction: OwnFunctions = (name) => own.get(name)?.get();

/**
 * A second copy of the learner's module, as the learner wrote it (no stand-ins), loaded once the
 * first has been: the learner's own functions answer from it. Its variables are not the ones the
 * function judged reads, so what an answer leaves in them (a cache kept aside, a count) reaches
 * the function judged no more than it does when the reference answers, which leaves nothing
 * there. Undefined where the copy could not be loaded: the reference then answers every call.
 */
let answering: Record<string, unknown> | undefined;

/** Keeps the copy the learner's own functions answer from (`answering`). */
export function answerWith(module: Record<string, unknown>): void {
  answering = module;
}

/**
 * The function the learner's files see under `name`: while one of `callers` (the functions that
 * call it: the manifest's `calls`) is judged, the reference's, which the grader answers with. Any
 * other call runs the learner's own code, as without stand-ins: the function judged calling its
 * own name (recursion), or one it does not call, whose reference could work out its answer (the
 * grader refuses those requests too).
 */
export function standIn(name: string, callers: readonly string[]): (...args: unknown[]) => unknown {
  return function standing(this: unknown, ...args: unknown[]): unknown {
    const call = callInFlight();
    if (call !== undefined && callers.includes(call.fn))
      return call.own?.functions.includes(name)
        ? answerOwn(name, args, call)
        : ask(call.id, name, args);
    return mineOf(name).apply(this, args);
  };
}

function mineOf(name: string): (...args: unknown[]) => unknown {
  const mine = ownFunction(name);
  if (typeof mine !== "function")
    throw new ReferenceError(`${name} is called before its declaration has run`);
  return mine as (...args: unknown[]) => unknown;
}

/**
 * The learner's own function answering as the grader would with the reference's: on copies of
 * the inputs (through the wire, as a request's travel), with a copy of its value, a random
 * generator handed back in the state the function left its copy in, and refused what the grader
 * would refuse (too many values in, too much allocated) or the reference could not take (an
 * argument it needs left out). So a run answered this way differs from one answered by the
 * reference only in the values the functions return.
 */
function answerOwn(name: string, args: unknown[], call: InFlight): unknown {
  const mine = answering?.[name];
  if (typeof mine !== "function") return ask(call.id, name, args);
  const limits = call.own as OwnCallees;
  const required = limits.required[name] ?? 0;
  for (let index = 0; index < required; index++) {
    if (args[index] === undefined)
      throw new TypeError(
        `gradecheck: ${name} was called without its argument ${index + 1}, which the grader's ${name} needs`,
      );
  }
  // Views of the caller's arrays, read before any other code runs: the function is given copies
  // of them (`decodeFresh`: copied when either side writes to them); the arguments the grader is
  // to check are encoded again, as copies, before the function runs (it could write to the
  // caller's arrays through a global).
  const views: Views = new Map();
  const wired = wireOf(args, views);
  const entries = wired.reduce<number>((sum, arg) => sum + entriesOf(arg), 0);
  if (entries > limits.inputEntries)
    throw new RangeError(
      `gradecheck: ${name} was called with ${entries} values, more than the grader computes for a stand-in (${limits.inputEntries})`,
    );
  // The first answer of each function in each form of call (its arguments' shapes, kinds, keys,
  // strings and flags, one more or fewer), which the grader checks against the reference's: a
  // mistake in how the function judged calls it (an argument in a form the learner's own function
  // makes sense of and the reference's does not) shows there, and a later call in that form
  // differs from it in numbers only. A layer of another size, or a property's next input, is
  // another form. The first form of each function is always checked; the others while the
  // answers they add stay small (LATER_FORMS_ENTRIES), and past that the reference answers.
  const checks = call.checks;
  const checked = checks?.answers.some(
    (answer) => answer.fn === name && sameFormAs(answer, wired, args),
  );
  // The answers this call hands the grader to check, when this one is to join them.
  const recording = checks && !checked ? checks : undefined;
  const later = recording?.answers.some((answer) => answer.fn === name) === true;
  const randoms = recording ? generatorStates(args) : [];
  // The generators' states go twice: as they were, and as the call left them.
  const cost = entries + 2 * randoms.reduce((sum, { mt }) => sum + mt.length + 1, 0);
  const room = (more: number) =>
    !later || (recording?.laterEntries ?? 0) + more <= LATER_FORMS_ENTRIES;
  if (recording && (recording.answers.length >= OWN_ANSWERS_LIMIT || !room(cost)))
    return ask(call.id, name, args);
  const recordedArgs = recording ? wireOf(args, "copied") : [];
  const copies = args.map((arg, index) =>
    arg instanceof RandomState ? arg.clone() : decodeFresh(wired[index] as Wire, views),
  );
  const value = withAllocationLimit(limits.inputEntries * limits.allocationPerEntry, () =>
    mine(...copies),
  );
  // Views of the function's value unless the grader is to check it: `decodeFresh` copies them
  // when either side writes to them.
  const answerViews: Views = new Map();
  const answer = encode(value, freshBudget(), recording ? "copied" : answerViews);
  // Only the answers after each function's first are bounded by LATER_FORMS_ENTRIES.
  const answerCost = later ? cost + entriesOf(answer) : 0;
  // A value too big to carry as well: the reference's answer goes instead, generators as they were.
  if (!room(answerCost)) return ask(call.id, name, args);
  copies.forEach((copy, index) => {
    if (copy instanceof RandomState) (args[index] as RandomState).setState(copy.getState());
  });
  if (recording) {
    recording.answers.push({
      judged: call.fn,
      fn: name,
      args: recordedArgs,
      randoms,
      value: answer,
      randomsAfter: generatorStates(copies),
    });
    if (later) recording.laterEntries += answerCost;
  }
  return decodeFresh(answer, answerViews);
}

/** A call's arguments on the wire, within one message's limits; a generator is null (its state goes apart). */
function wireOf(args: unknown[], arrays: "copied" | "shared" | Views): Wire[] {
  const budget = freshBudget();
  return args.map((arg) => (arg instanceof RandomState ? null : encode(arg, budget, arrays)));
}

/** Whether a call's arguments have the form of those of the answer the grader checks. */
function sameFormAs(checked: OwnAnswer, wired: Wire[], args: unknown[]): boolean {
  const generators = args.flatMap((arg, index) => (arg instanceof RandomState ? [index] : []));
  return (
    sameForm(checked.args, wired) &&
    generators.join() === checked.randoms.map(({ index }) => index).join()
  );
}

/** The state of each generator among `values`, by its position. */
function generatorStates(values: unknown[]): RandomArgument[] {
  return values.flatMap((value, index) => {
    if (!(value instanceof RandomState)) return [];
    const { mt, gauss } = value.getState();
    return [{ index, mt: [...mt], gauss }];
  });
}

function ask(id: number, fn: string, args: unknown[]): unknown {
  // The frame is made at once, copying the arrays: their wires may be views.
  const wired = wireOf(args, "shared");
  const randoms = generatorStates(args);
  const request: OracleRequest = { type: "oracle", id, fn, args: wired, randoms };
  const frame = messageFrame(id, request);
  if (frame.length - HEADER_BYTES > MAX_FRAME_BYTES)
    throw new RangeError(`gradecheck: the inputs of this call of ${fn} are too big to send`);
  sendFrame(frame);
  const reply = decodeBody(readFrame(), UNLIMITED) as OracleReply;
  if ("refused" in reply) throw new Error(reply.refused);
  for (const { index, mt, gauss } of reply.randoms)
    (args[index] as RandomState).setState({ mt, gauss });
  return decode(reply.value);
}

/** One frame's body from the answers pipe, waiting for it. */
export function readFrame(): Buffer {
  const header = readExactly(8);
  return readExactly(header.readUInt32BE(0));
}

function readExactly(length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    let n: number;
    try {
      n = readSync(ANSWERS_FD, buffer, filled, length - filled, null);
    } catch (error) {
      // Made non-blocking by the learner's code: wait, and try again.
      if ((error as { code?: string }).code === "EAGAIN") continue;
      throw error;
    }
    if (n === 0) throw new Error("gradecheck: the grader stopped answering");
    filled += n;
  }
  return buffer;
}
