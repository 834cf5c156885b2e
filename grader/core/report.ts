/**
 * The one internal report: what `gradecheck grade` writes as JSON (described by
 * grader/schemas/report.schema.json) and what every other format is adapted from.
 */
import type { Tolerance } from "./manifest.ts";
import type { CrashReason, ImportFailure, ThrownCall } from "./outcomes.ts";
import type { Phrase } from "./phrase.ts";

export const SCHEMA_VERSION = 5;

export type TestKind = "build" | "compare" | "gradient" | "checker" | "property" | "integration";
export type TestStatus = "passed" | "failed" | "error" | "timeout" | "missing";
export type Visibility = "visible" | "hidden";

/**
 * What the pattern of a wrong answer shows, as a code and its parameters (grader/words/en/hints.ts
 * words it): a relation between the learner's output and the expected one that holds exactly.
 */
export type PatternHint =
  | { code: "array-for-number" }
  /** `keepdims`: whether the function sums, so that a missing keepdims can be the cause (absent: not known). */
  | { code: "row-for-column"; keepdims?: boolean }
  | { code: "transposed-shape"; actual: [number, number]; expected: [number, number] }
  /** `keepdims` as for row-for-column: a row from a sum without keepdims may be what broadcast. */
  | { code: "square-for-column"; keepdims?: boolean }
  | { code: "all-zeros" }
  | { code: "transposed" }
  | { code: "sign" }
  | { code: "m-times"; m: number }
  | { code: "m-times-smaller"; m: number }
  | { code: "twice" }
  | { code: "half" }
  /** cols / rows of an input of shape (rows, cols): its rows, shape[0], read for its columns. */
  | { code: "rows-for-columns"; rows: number; cols: number }
  | { code: "one-minus" }
  /** 1 / x where x was expected: np.divide's operands the wrong way round, np.divide(m, x). */
  | { code: "reciprocal" }
  | { code: "factor"; factor: number }
  /**
   * A list where an object was expected: Python's tuple, return a, b, for TypeScript's object.
   * `keys`: the object's; `inOrder`: the list holds the object's values, in the keys' order.
   */
  | { code: "tuple-for-object"; keys: string[]; inOrder: boolean }
  /**
   * An array's entries where the array was expected: a list of numbers, a list of rows
   * (x.tolist()), or a typed array such as x.data. `same`: they are the expected entries, in order.
   */
  | {
      code: "entries-for-array";
      shape: [number, number];
      from: "list" | "rows" | "typed";
      same?: boolean;
    }
  /** One value of the expected object (`part`, its key) where the whole object (`keys`) was expected. */
  | { code: "part-for-whole"; part: string; keys: string[] }
  /** The values of the expected object's `key` (its `keys`) at the result's top level, not in it. */
  | { code: "flattened"; key: string; keys: string[] }
  /**
   * Lists of numbers, one every k-th entry of the other (0, k, 2k, …): `of` "expected", the
   * learner's list samples the expected one (costs kept every 1000th iteration where each was
   * expected); "yours", the expected list samples the learner's. k null: the learner's list is the
   * expected one's first entry alone.
   */
  | { code: "every-kth"; k: number | null; of: "expected" | "yours" }
  /** The function's whole result undefined: a return statement missing, or a variable never set. */
  | { code: "no-return" }
  /** A number's text (toFixed, String) where the number was expected; `same`: its value is right. */
  | { code: "text-for-number"; same: boolean }
  /** NaN where a number was expected: in TypeScript, arithmetic with undefined gives one silently. */
  | { code: "nan" }
  /** ±Infinity where a finite number was expected: a division by 0, log(0), exp of a large number. */
  | { code: "infinite" }
  /**
   * The right values under other names (paths of the result): the learner's `yours` holds what
   * `expected` should. `shift`: each name's number moved by the same amount (W0 for W1: −1).
   */
  | { code: "misnamed"; pairs: { yours: string; expected: string }[]; shift?: number };

/** A mistake of the assignment's library: its short name and the sentence that says what to change. */
export interface NamedMistake {
  name: string;
  sentence: string;
}

/**
 * What a wrong answer suggests: a pattern; a result that varies from call to call; or the named
 * mistakes (one, or two made together) whose output the learner's output is, possibly after a
 * pattern (`then`: the mistake's output, transposed).
 */
export type Hint =
  | PatternHint
  | { code: "varies" }
  | { code: "mistake"; mistakes: NamedMistake[]; then?: PatternHint };

/** The shapes of the two operands of a failed operation. */
export interface ShapePair {
  a: [number, number];
  b: [number, number];
}

/** Python's names a learner may write in TypeScript, which has none of them. */
export const PYTHON_NAMES = [
  "True",
  "False",
  "None",
  "print",
  "len",
  "range",
  "str",
  "int",
  "float",
  "abs",
  "math",
  "assert",
  "dict",
  "list",
  "zip",
  "enumerate",
  "sum",
  "max",
  "min",
  "round",
] as const;
export type PythonName = (typeof PYTHON_NAMES)[number];

/** numpy's global random functions a learner may call on np.random, which has a generator's maker only. */
export const NUMPY_RANDOM = [
  "randn",
  "rand",
  "random",
  "normal",
  "uniform",
  "randint",
  "permutation",
  "shuffle",
  "choice",
] as const;

/** Methods of JavaScript's lists a learner may call on an array of the array module, which has none. */
export const LIST_METHODS = [
  "map",
  "forEach",
  "filter",
  "reduce",
  "some",
  "every",
  "find",
  "findIndex",
  "indexOf",
  "includes",
  "push",
  "pop",
  "concat",
  "join",
  "flat",
  "flatMap",
  "fill",
  "sort",
  "reverse",
] as const;

/** Python's methods of a list or a dict, which TypeScript's lists and objects have not. */
export const PYTHON_METHODS = [
  "append",
  "extend",
  "items",
  "keys",
  "values",
  "copy",
  "get",
] as const;
export type PythonMethod = (typeof PYTHON_METHODS)[number];

/** numpy's methods of an array that the array module's arrays have not. */
export const NUMPY_METHODS = ["astype", "flatten", "ravel", "squeeze"] as const;

/** What an error thrown in the learner's code suggests (grader/words/en/hints.ts words it). */
export type ErrorHint =
  /**
   * An entry-by-entry operation (np.add, np.subtract…) whose operands do not broadcast, but would
   * with one of them (`operand`) transposed: a row where a column was meant, such as a bias.
   */
  | ({ code: "broadcast-transposed"; op: string; operand: "first" | "second" } & ShapePair)
  /** np.multiply of (p,q) and (q,s): an entry-by-entry product where a matrix product was meant. */
  | ({ code: "entrywise-for-product"; product: "a·b" | "a·bᵀ" | "aᵀ·b" | "b·a" } & ShapePair)
  /** np.dot of shapes that do not align, but would with an operand transposed or the order swapped. */
  | ({ code: "product-not-aligned"; product: "a·bᵀ" | "aᵀ·b" | "b·a" } & ShapePair)
  /** rng.randn(shape) with the shape as one argument, or one size alone. */
  | { code: "generator-shape"; method: "randn" | "rand" }
  /** x.map(…) on what may be an array of the array module: a JavaScript list's method. */
  | { code: "list-method"; method: (typeof LIST_METHODS)[number] }
  /** caches.append(c), parameters.items(): Python's method of a list or a dict. */
  | { code: "python-method"; method: PythonMethod }
  /** x.astype(…), x.flatten(): numpy's method of an array, which the array module's have not. */
  | { code: "numpy-method"; method: (typeof NUMPY_METHODS)[number] }
  /** np.random.randn(…): numpy's global generator, which the array module has not. */
  | { code: "global-random"; method: (typeof NUMPY_RANDOM)[number] }
  /** np.zeros(n) or np.zeros([n]): a shape that is not [rows, cols]. */
  | { code: "maker-shape"; op: "zeros" | "ones" | "reshape" }
  /** A function's value taken apart as a list, const [a, b] = f(…), where it is an object. */
  | { code: "list-for-object" }
  /** An array's text given where an array was wanted: A + B joins two arrays' text in JavaScript. */
  | { code: "text-for-array" }
  /** Python's keyword argument, np.sum(x, axis=1): an assignment to an undeclared `name`. */
  | { code: "keyword-argument"; name: "axis" | "keepdims" }
  /** A name of Python's that TypeScript has not (True, None, len, range, print, math...). */
  | { code: "python-name"; name: PythonName }
  /**
   * undefined read from an input by a key it has not (`wrote`, in the learner's function, such as
   * parameters.w1) that differs from one it has (`key`, W1) only in case or underscores.
   */
  | { code: "near-key"; input: string; wrote: string; key: string }
  /** undefined read as the length of an input that is an object (Python's len of a dict). */
  | { code: "object-length"; input: string }
  /**
   * An input read by a numbered key computed in the learner's function (`read`, as written:
   * grads[`dW${l}`]), where the input's keys of that name (`prefix`) run from `first` to `last`:
   * any other number reads undefined.
   */
  | {
      code: "numbered-key";
      input: string;
      read: string;
      prefix: string;
      first: number;
      last: number;
    }
  /** An input that is a list (of `length` entries) read by a computed index (`read`: caches[l]). */
  | { code: "list-index"; input: string; read: string; length: number }
  /**
   * A line of the learner's function that ends in Python's floor division, `… // 2`, which
   * TypeScript reads as a comment: `written`, the line's code as written (cut short).
   */
  | { code: "floor-division"; written: string }
  /** The one mistake of the assignment's library that throws this very shape error on these inputs. */
  | { code: "mistake"; mistakes: NamedMistake[] };

/** Why a test did not run, as a code and its parameters (grader/words/ words it). */
export type NotRunReason =
  /** Its function did not return within `limitMs` in `test`. */
  | { code: "hung"; limitMs: number; test: string }
  | { code: "unreadable" }
  | { code: "unbuilt" }
  /** Its expected values need the reference, which is not here. */
  | { code: "no-fixture" }
  | { code: "no-property"; name: string }
  | { code: "needs-reference"; check: string }
  /** The whole run's time was used up by earlier tests. */
  | { code: "run-time-up" }
  /** gradecheck itself failed on the test (`what` it threw). */
  | { code: "grader-fault"; what: string };

/** What the pattern of a wrong gradient suggests. */
export type GradientHint =
  | { code: "transposed" }
  /** Zero where the numeric gradient is not: not computed at all? */
  | { code: "zero" }
  /** Right but for some entries. */
  | { code: "some-entries" }
  /** The error changes from entry to entry: a term is wrong. */
  | { code: "not-constant" }
  /** A constant factor, as a wrong answer's pattern. */
  | { code: "pattern"; pattern: PatternHint };

/**
 * How a gradient check found the derivatives that decided: differences of evaluations, or forward
 * mode (dual numbers through the array module), perhaps with differences of a cost after it.
 */
export type GradientMethod =
  | "central-differences"
  | "forward-mode"
  | "forward-mode+central-differences";

/** One parameter's gradient, as a gradient check judged it. */
export type GradientRow =
  | {
      name: string;
      verdict: "wrong-shape";
      expected: [number, number];
      actual: [number, number];
      hint?: GradientHint;
    }
  /** No array was given for it: no such key, or a value of another kind. */
  | { name: string; verdict: "missing"; expected: [number, number]; hint?: undefined }
  | {
      name: string;
      verdict: "right" | "wrong";
      /** ‖g − n‖ / (‖g‖ + ‖n‖) over the entries checked. */
      difference: number;
      /** The factor by which the learner's gradient is the numeric one; null where that is zero. */
      ratio: number | null;
      cosine: number;
      /** Entries checked one by one, or null when random directions alone decided. */
      checked: number | null;
      /** Entries not checked because a step crossed a kink. */
      kinks: number;
      method?: GradientMethod;
      /** The worst entry: where, and both values with as many digits as tell them apart. */
      worst?: { index: number[]; yours: string; numeric: string };
      hint?: GradientHint;
    };

/** A small value as JSON (a number, or an array's rows), for the learner to see. */
export type Shown = number | number[][];

/** What went wrong in a test, structured; the message is worded from it. */
export type Details =
  | { type: "passed"; values?: Record<string, number | string>; gradients?: GradientRow[] }
  /** `shown`: the expected and actual values at the mismatch's path, when they are small. */
  | ({ type: "mismatch"; hint?: Hint; shown?: { expected: Shown; actual: Shown } } & Mismatch)
  | { type: "mutated-input"; argument: string; path: string }
  | { type: "nondeterministic"; path: string }
  /**
   * `phrases`: the message's and the hint's phrases, where the check said them as phrases (the
   * English fields are worded from them); `gradients`: a gradient check's verdict per parameter.
   */
  | {
      type: "check";
      message: string;
      hint?: string;
      phrases?: { message?: Phrase; hint?: Phrase };
      gradients?: GradientRow[];
      values: Record<string, number | string>;
    }
  /**
   * `at`: the first place in the submission's own file on the stack, like "model.ts:12:5", and
   * `line` the learner's own line there; `hint`: what the error suggests.
   */
  | {
      type: "error";
      name: string;
      message: string;
      stack: string;
      at?: string;
      line?: string;
      hint?: ErrorHint;
      /** The message's phrase, where it is the grader's own refusal of a stand-in's request. */
      phrase?: Phrase;
    }
  | { type: "import-failed"; failure: ImportFailure }
  | {
      type: "property";
      law: string;
      /** fast-check's seed, and with a failure the path to the shrunk counterexample: both replay it. */
      seed: number;
      runs: number;
      outcome: "passed" | "failed" | "interrupted";
      path?: string;
      shrinks?: number;
      counterexample?: string;
      /** How the values break the law (the assignment's words). */
      reason?: string;
      /** Or: the learner's function threw on the counterexample, and what that suggests. */
      thrown?: ThrownCall & { hint?: ErrorHint };
      timeLimitMs?: number;
      /** The law's, the counterexample's and the reason's phrases, where they are phrases. */
      phrases?: { law?: Phrase; counterexample?: Phrase; reason?: Phrase };
    }
  | { type: "timeout"; limitMs: number }
  | { type: "crashed"; reason: CrashReason }
  | { type: "missing"; reason: "not-exported" | "not-implemented" }
  | { type: "not-run"; reason: NotRunReason }
  | { type: "build"; file: string | null; line: number | null; column: number | null };

/**
 * The mistakes of the assignment's library a failed test names, by the wrong value it returned or
 * by the error it threw; undefined where it names none.
 */
export function namedMistakes(details: Details): NamedMistake[] | undefined {
  return (details.type === "mismatch" || details.type === "error") &&
    details.hint?.code === "mistake"
    ? details.hint.mistakes
    : undefined;
}

export interface TestReport {
  id: string;
  function: string;
  kind: TestKind;
  name: string;
  status: TestStatus;
  score: number;
  maxScore: number;
  visibility: Visibility;
  /** Seed of this test's inputs (null for tests without random inputs). */
  seed: number | null;
  /** Time limit of the call, in ms. */
  timeLimitMs: number | null;
  message: string;
  details: Details;
  /**
   * The function the message is about, where it is another than the test's own: the one the
   * end-to-end test runs, or a callee a session check failed in.
   */
  about?: string;
  /** Functions this one calls that fail their own tests: where the failure may come from. */
  failingCallees?: string[];
  /** What the annotate stage added to the test's verdict, as data (the message words them). */
  notes?: Note[];
  durationMs: number;
  /** What the learner's code printed during this test (capped, with a truncation mark). */
  output: string;
  /**
   * The call's arguments by name, as shapes in code notation ("(2,5)", "{W1: (4,2), b1: (4,1)}",
   * a number's value): what the failing case was called with.
   */
  inputs?: Record<string, string>;
}

export interface FunctionTotal {
  name: string;
  /** The line of the submission's file (`submission.path`) that declares it, where one does. */
  line?: number;
  score: number;
  maxScore: number;
  passed: number;
  tests: number;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: "gradecheck"; version: string };
  assignment: { id: string; version: string; title: string };
  submission: { path: string; sha256: string };
  seed: number;
  startedAt: string;
  durationMs: number;
  status: "graded" | "error";
  message: string;
  /** What the learner should hear of that costs no points (type errors). */
  warnings: string[];
  score: number;
  maxScore: number;
  /**
   * Present when only some tests were run (`--only`, `--case`): how many of the assignment's, and
   * of which functions. The score counts those tests only.
   */
  partial?: { tests: number; of: number; functions: string[] };
  /** Honest account of hidden tests: run or not, and why. */
  hidden: { ran: boolean; tests: number; note: string };
  /** Which isolation was in force for the learner's code. */
  sandbox: {
    /** One line saying what was and was not isolated. */
    summary: string;
    permissionModel: boolean;
    heapMb: number;
    cpuSeconds: number | null;
    /** Memory limit of the child (heap and everything else), where the platform has one. */
    memoryMb: number | null;
    /** Wall-clock limit of the whole run. */
    runSeconds: number;
    /** Whether the child ran as an unprivileged user (the grader runs as root). */
    unprivilegedUser: boolean;
    /** Whether the child had a process group of its own. */
    processGroup: boolean;
    network: "cut off" | "open";
    /** Whether the child had a PID namespace of its own (it could see or signal no other process). */
    pidNamespace: boolean;
    node: string;
  };
  functions: FunctionTotal[];
  tests: TestReport[];
  /** The phrases `message`, `warnings` (one each, in order) and `hidden.note` are worded from. */
  phrases: { message: Phrase; warnings: Phrase[]; hidden: Phrase };
}

/** What reading the tests together adds to one test's verdict (grader/words/en/pipeline.ts). */
export type Note =
  /** A failing check whose partner check passed: what that combination means (the assignment's words). */
  | { code: "meaning"; meaning: string; phrase?: Phrase }
  /** Not graded, and costs nothing: it uses the learner's `needs`, of which `unmet` fail. */
  | { code: "not-graded"; needs: string[]; unmet: string[] }
  /** Passed, but paid only once `fn`'s comparison tests pass. */
  | { code: "unpaid"; fn: string }
  /** An end-to-end failure: the `pipeline`'s functions, of which `culprits` fail their own tests. */
  | { code: "pipeline"; pipeline: string[]; culprits: string[] }
  /** Judged without stand-ins: the failing functions this one calls. */
  | { code: "callees"; callees: string[] };

/** How a value differs from the expected one: the first difference found, structured. */
export type Mismatch =
  | { problem: "type"; path: string; expected: string; actual: string }
  /** `other`: a key of the result that differs from `key` only in case. */
  | { problem: "missing-key"; path: string; key: string; other?: string }
  | { problem: "length"; path: string; expected: number; actual: number }
  | { problem: "shape"; path: string; expected: [number, number]; actual: [number, number] }
  | {
      problem: "value";
      path: string;
      /** [row, col] of the worst entry, or [index] in a list, or [] for a number. */
      index: number[];
      expected: number;
      actual: number;
      error: number;
      tolerance: Tolerance;
      /** How many entries are outside the tolerance, of how many. */
      wrong: number;
      total: number;
    };
