/**
 * What one call of a learner's function came to, as the grader sees it, and the interface the
 * checks call through (the sandbox implements it). Data only.
 */
import type { Phrase } from "./phrase.ts";
import { partAt, type Wire } from "./values.ts";

/** Why the process running a call went, as a code and its parameters (grader/words/ words it). */
export type CrashReason =
  | { code: "out-of-memory" }
  | { code: "signal"; signal: string }
  /** It exited (process.exit) with this code. */
  | { code: "exit"; exitCode: number | null }
  /** It sent the grader what the protocol does not allow (`what`: the transport's account of it). */
  | { code: "protocol"; what: string }
  /** It stopped answering before the call could start (something left running held it). */
  | { code: "unresponsive" };

/** Why the learner's module could not be loaded, as a code and its parameters. */
export type ImportFailure =
  /** Its code threw while the module was imported. */
  | { code: "threw"; error: ThrownError }
  /** Its top-level code awaits a promise that never settles. */
  | { code: "never-settles" }
  /** It exports more names than can be listed. */
  | { code: "too-many-exports" }
  | { code: "timeout"; limitMs: number }
  | { code: "protocol"; what: string }
  | { code: "crashed"; reason: CrashReason };

export interface ThrownError {
  name: string;
  message: string;
  stack: string;
  /**
   * Where what was thrown is the grader's own refusal of a stand-in's request (sandbox.ts), the
   * refusal as it said it: a report in another language words it again.
   */
  phrase?: Phrase;
}

/** One call of a batch: what it returned, or what it threw. */
export type BatchItem = { value: Wire } | { error: ThrownError };

export type CallOutcome =
  | {
      status: "returned";
      value: Wire;
      /** The second call's value, when the call was made twice (is the function deterministic?). */
      second: Wire | undefined;
      /** The inputs as they were after the call. */
      argsAfter: Wire[];
      output: string;
      ms: number;
    }
  | {
      status: "threw";
      error: ThrownError;
      argsAfter: Wire[];
      output: string;
      ms: number;
    }
  | { status: "batch"; items: BatchItem[]; output: string; ms: number }
  | { status: "missing"; output: string }
  /** `run`: the whole run's time ran out, not the call's own limit. */
  | { status: "timeout"; limitMs: number; output: string; run?: true }
  /** The child died during the call (process.exit, out of memory, a signal) or broke the protocol. */
  | { status: "crashed"; reason: CrashReason; output: string }
  /** The module could not be loaded at all, so no call could be made. */
  | { status: "import-failed"; failure: ImportFailure; output: string }
  /**
   * Never from the sandbox: the grader refused what the call returned, for its size, before any
   * of its own code ran on it (`returned` values where `limit` are accepted: see checks/judge.ts).
   */
  | { status: "refused"; returned: number; held: number; limit: number; output: string };

/**
 * A call's time limit in ms: known, or worked out only once it can matter: the call may run for
 * `floor` milliseconds, and should it run that long, `settle()` gives the limit (never below the
 * floor; it may take a while to work out, which the call is not charged for).
 */
export type CallLimit = number | { floor: number; settle: () => Promise<number> };

/**
 * An argument of a chain's second function: the entry of the call's list at this index, or the
 * part of the first function's result at `part`, a path (`partAt`).
 */
export type ChainArgument = number | { readonly part: readonly string[] };

/**
 * A second function called on each of a batch's results where the first ran (a forward pass's
 * cost, or its backward pass): the first gets the call's list up to `from`, the second the
 * arguments `args` says. Its values are the batch's; the first's never cross. It runs as part of
 * the first's call: within its time limit, and with its stand-ins.
 */
export interface Then {
  fn: string;
  from: number;
  args: readonly ChainArgument[];
  /**
   * A part of the first result that comes back too, by its path (`*` takes each entry of a
   * list): each value is then `[the second's value, that part]` (a forward pass's cost, and the
   * pre-activations of its layers, without the rest of its caches).
   */
  keep?: readonly string[];
}

const asItIs = (value: unknown) => value;

/** How a chain's values are kept apart (see `runChain`); as they are, by default. */
export interface ChainCopies {
  /** A value of the second function's own, as a call of its own would get it. */
  copy(value: unknown): unknown;
  /** The kept part as it is now, whatever the second function does later. */
  capture(kept: unknown): unknown;
}

/**
 * What a chain does with one argument list, given its two functions: the one place that says it,
 * for the child that runs the chain and the grader that makes it again as two calls in turn.
 * The child keeps each function's values apart, as two calls in turn would (`ChainCopies`, through
 * the wire's codec): the list's entries the first also gets are copied before it runs, the parts
 * of its result copied and the kept part captured before the second runs.
 */
export function runChain(
  then: Then,
  args: readonly unknown[],
  first: (...values: unknown[]) => unknown,
  second: (...values: unknown[]) => unknown,
  { copy, capture }: ChainCopies = { copy: asItIs, capture: asItIs },
): unknown {
  const own = args.map((arg, i) => (i < then.from && then.args.includes(i) ? copy(arg) : arg));
  const result = first(...firstArguments(then, args));
  const kept = then.keep ? capture(keptPart(then, result)) : undefined;
  const secondArgs = secondArguments(then, result, own, copy);
  return chainValue(then, kept, second(...secondArgs));
}

/** The arguments of a chain's first function: the list up to `from`. */
export function firstArguments(then: Then, args: readonly unknown[]): unknown[] {
  return args.slice(0, then.from);
}

/** The arguments of a chain's second function (`Then.args`), given the first's result. */
export function secondArguments(
  then: Then,
  first: unknown,
  args: readonly unknown[],
  copy: (value: unknown) => unknown = asItIs,
): unknown[] {
  return then.args.map((arg) =>
    typeof arg === "number" ? args[arg] : copy(partAt(first, arg.part)),
  );
}

/** The part of a chain's first result that `keep` names, where it names one. */
export function keptPart(then: Then, first: unknown): unknown {
  return then.keep ? partAt(first, then.keep) : undefined;
}

/** A chain's value: the second function's, beside the part of the first's that `keep` names. */
export function chainValue(then: Then, kept: unknown, second: unknown): unknown {
  return then.keep ? [second, kept] : second;
}

/** Where the learner's functions are called: the sandbox, for grading. */
export interface Caller {
  call(fn: string, args: Wire[], limit: CallLimit, repeat?: boolean): Promise<CallOutcome>;
  /** Many calls of `fn` (each followed by `then`'s) in one round trip; one time limit for the whole batch. */
  callMany(fn: string, batch: Wire[][], limit: CallLimit, then?: Then): Promise<CallOutcome>;
}

/** A learner's function that threw, and what it threw. */
export interface ThrownCall {
  fn: string;
  name: string;
  message: string;
  /** The message's phrase, where it is the grader's own refusal of a stand-in's request. */
  phrase?: Phrase;
}
