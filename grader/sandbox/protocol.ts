/** Messages between the grader (parent) and the sandboxed child. */
import type { BatchItem, CallOutcome, Then, ThrownError } from "../core/outcomes.ts";
import type { Wire } from "../core/values.ts";

export type { BatchItem, ThrownError };

/**
 * The child's whole environment, none of it the grader's: glibc's malloc tuned for the array
 * module's storage, which comes and goes by the megabyte.
 * - M_TOP_PAD: keep 16 MiB free at the top of the heap rather than give memory back to the system
 *   as soon as the top frees up and take it again page by page, a page fault each. A cold
 *   10000-iteration training took about 21000 page faults and 0.16 s of system time with the
 *   default, 7400 and 0.06 s with this, and ran in 540 ms instead of 690.
 * - M_MMAP_THRESHOLD: take blocks up to 4 MiB from the heap too. Setting M_TOP_PAD turns off the
 *   threshold's own rise (glibc raises it to each freed block's size otherwise), so every block
 *   from 128 KiB on (storage.ts's slabs of arrays from 513 entries on; up to LARGEST_SLAB_BYTES,
 *   2 MiB) was mapped fresh and unmapped when freed, every page of it a fault again: making and
 *   dropping one (20, 300) array at a time took 110 µs each with M_TOP_PAD alone, 8 with both.
 * - glibc.malloc.hugetlb=1: ask for transparent huge pages (2 MiB) for what malloc maps, where the
 *   kernel gives them only when asked (`madvise`, as on these machines). A wide layer's arrays are
 *   blocks of their own, tens of MiB: at 4 KiB a page, 10000 faults of about 11 µs each for every
 *   42 MB array, more than the arithmetic. Forward mode through a network of 10⁶ parameters took
 *   1050 ms without it, 300 with it (and its forward pass alone 345 and 130); a planar training
 *   takes the same time either way.
 * glibc reads them when the process starts; the runner removes them before the learner's module
 * is imported, so that the environment learner code sees is empty.
 */
export const CHILD_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_TOP_PAD_: String(16 << 20),
  MALLOC_MMAP_THRESHOLD_: String(4 << 20),
  GLIBC_TUNABLES: "glibc.malloc.hugetlb=1",
};

/**
 * The module a child is started with, in its bundle's folder (the runtime writes it there): it
 * loads the runtime, then imports the entry the grader names once the bundle is written
 * (`start.ts`).
 */
export const START_MODULE = "gradecheck-start.mjs";

/**
 * In the bundle that judges each function alone, the called function's calls of the assignment's
 * other functions are answered by the reference, through the grader; with this, by the learner's
 * own functions, in the child (`grader/pipeline/own-callees.ts` says when), as the grader's
 * answers come: on copies of the inputs, with a copy of the value, and within the grader's
 * limits, so that whatever the grader would refuse fails here too.
 */
export interface OwnCallees {
  /** The functions the learner's own answer for (the grader answers for the others). */
  functions: string[];
  /** Values one call's inputs may hold (the oracle's). */
  inputEntries: number;
  /** Array entries one call may allocate, per value it may take in (the oracle's). */
  allocationPerEntry: number;
  /**
   * The arguments each function stood in for cannot do without: the reference's own (its
   * parameters before the first with a default). A call that leaves one out, or undefined, would
   * fail with the reference, whatever the learner's own function makes of it.
   */
  required: Record<string, number>;
}

interface Callees {
  ownCallees?: OwnCallees;
}

export interface CallRequest extends Callees {
  id: number;
  /** Name of the exported function to call. */
  fn: string;
  args: Wire[];
  /** Call twice with fresh copies of the inputs, to see whether the function is deterministic. */
  repeat: boolean;
}

/** Many calls of one function in one round trip (a gradient check evaluates a cost many times). */
export interface BatchRequest extends Callees {
  id: number;
  fn: string;
  batch: Wire[][];
  then?: Then;
}

/** Kinds of handles (a timer, a socket) a call left running; the grader then starts a fresh child. */
interface LeftRunning {
  leftRunning?: string[];
  /**
   * With `ownCallees`: the first answer of each of the learner's own functions in each form of
   * call, for the grader to check (at most `OWN_ANSWERS_LIMIT`).
   */
  ownAnswers?: OwnAnswer[];
}

/** Answers of the learner's own functions one result may carry for the grader to check. */
export const OWN_ANSWERS_LIMIT = 64;

/**
 * One answer of the learner's own function `fn` to a call `judged` made of it: its inputs as a
 * request to the grader would carry them (a generator as its state, before the call), its value,
 * and the state it left each generator in.
 */
export interface OwnAnswer {
  judged: string;
  fn: string;
  args: Wire[];
  randoms: RandomArgument[];
  value: Wire;
  randomsAfter: RandomArgument[];
}

/** A call's outcome as the child sends it, for call `id`. */
type Answer<S extends CallOutcome["status"]> = { type: "result"; id: number } & Extract<
  CallOutcome,
  { status: S }
>;

export type CallResult =
  | (Answer<"returned"> & LeftRunning)
  | (Answer<"threw"> & LeftRunning)
  | Answer<"missing">
  | (Answer<"batch"> & LeftRunning);

/** A random generator among a call's inputs, by its position, with its whole state. */
export interface RandomArgument {
  index: number;
  mt: number[];
  gauss: number | null;
}

/**
 * During call `id`, the learner's code called another function of the assignment, which the
 * grader answers with the reference's (`pipeline/oracle.ts`): the function under test is judged alone.
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
  /**
   * The learner's module is imported, and the child now imports the copy the learner's own
   * functions answer from (the bundle that judges alone): the copy has the import's time again.
   */
  | { type: "imported" }
  | OracleRequest
  /** The child has picked up call `id` (sent before the learner's function runs). */
  | { type: "started"; id: number }
  /** `code`: a failure the child saw itself (else `error` is what the import threw). */
  | {
      type: "import-failed";
      error: ThrownError;
      code?: "never-settles" | "too-many-exports";
      output: string;
    }
  | CallResult;
