/** Messages between the grader (parent) and the sandboxed child. */
import type { Wire } from "../core/values.ts";

export interface CallRequest {
  id: number;
  /** Name of the exported function to call. */
  fn: string;
  args: Wire[];
  /** Call twice with fresh copies of the inputs, to see whether the function is deterministic. */
  repeat: boolean;
}

/** Many calls of one function in one round trip (a gradient check evaluates a cost many times). */
export interface BatchRequest {
  id: number;
  fn: string;
  batch: Wire[][];
}

/** One call of a batch: what it returned, or what it threw. */
export type BatchItem = { value: Wire } | { error: ThrownError };

export interface ThrownError {
  name: string;
  message: string;
  stack: string;
}

/** Kinds of handles (a timer, a socket) a call left running; the grader then starts a fresh child. */
interface LeftRunning {
  leftRunning?: string[];
}

export type CallResult =
  | ({
      type: "result";
      id: number;
      status: "returned";
      value: Wire;
      second: Wire | undefined;
      argsAfter: Wire[];
      output: string;
      ms: number;
    } & LeftRunning)
  | ({
      type: "result";
      id: number;
      status: "threw";
      error: ThrownError;
      argsAfter: Wire[];
      output: string;
      ms: number;
    } & LeftRunning)
  | { type: "result"; id: number; status: "missing"; output: string }
  | ({
      type: "result";
      id: number;
      status: "batch";
      items: BatchItem[];
      output: string;
      ms: number;
    } & LeftRunning);

/** A random generator among a call's inputs, by its position, with its whole state. */
export interface RandomArgument {
  index: number;
  mt: number[];
  gauss: number | null;
}

/**
 * During call `id`, the learner's code called another function of the assignment, which the
 * grader answers with the reference's (`oracle.ts`): the function under test is judged alone.
 * Random generators travel as their states, and come back as the reference left them.
 */
export interface OracleRequest {
  type: "oracle";
  id: number;
  fn: string;
  args: Wire[];
  randoms: RandomArgument[];
}

/** The grader's answer to an oracle request, on a pipe of its own (fd 4). */
export type OracleReply =
  | { value: Wire; randoms: RandomArgument[] }
  /** Why the grader did not answer (inputs too big, time used up): thrown in the learner's code. */
  | { refused: string };

export type ChildMessage =
  | { type: "ready"; exports: string[]; output: string }
  | OracleRequest
  /** The child has picked up call `id` (sent before the learner's function runs). */
  | { type: "started"; id: number }
  | { type: "import-failed"; error: ThrownError; output: string }
  | CallResult;
