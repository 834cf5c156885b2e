/**
 * What a grading run knows: its inputs, its options resolved once (clock, deadline, protections,
 * the submission's source), and what each stage of the pipeline found.
 */
import type { AssignmentCases, CaseData, Reference } from "../core/assignment.ts";
import type { Manifest, TestSpec } from "../core/manifest.ts";
import { type Isolation, isolation } from "../sandbox/isolation.ts";
import type { BundleFolder } from "./bundle-folder.ts";
import type { Expected } from "./expected.ts";
import { type ReadSubmission, type SubmissionSource, submissionAt } from "./submission.ts";

export interface GradeInputs {
  manifest: Manifest;
  cases: AssignmentCases;
  /** The reference solution, when present (instructor grading); hidden tests need it. */
  reference: Reference | undefined;
  /** Committed inputs and expected outputs of the visible tests, for grading without the reference. */
  expected: Expected | undefined;
}

export interface GradeOptions {
  /**
   * The learner's submission: a folder holding model.ts, or one file alone (a path is taken as
   * `submissionAt` reads it: a model.ts comes with its folder).
   */
  submission: SubmissionSource | string;
  /** Its files, when the caller has read them already (a batch, for its resume key). */
  files?: ReadSubmission;
  /** File names in the report are relative to this folder. */
  displayRoot: string;
  seed: number;
  hidden: boolean;
  /** Per-call time limit; undefined: calibrated from the reference's own time. */
  timeoutMs: number | undefined;
  toolVersion: string;
  /** Injected clock, so that tests can pin the times. */
  now?: () => Date;
  /** Run only the tests this accepts (all by default); the others are left out of the report. */
  select?: (test: TestSpec) => boolean;
  /** Wall-clock limit of the whole run; the manifest's `limits.runSeconds` by default. */
  runTimeoutMs?: number;
  /** The sandbox's protections; what the platform offers by default. */
  protections?: Isolation;
  /**
   * How many children may compete for each core at once: more than 1 when a class is graded
   * with more jobs than the machine has cores for (see Sandbox's `contention`).
   */
  contention?: number;
  /** Whether to type-check the submission for warnings (default true). */
  typeCheck?: boolean;
  /**
   * Whether the learner's own functions answer a judged function's calls where their tests vouch
   * for them (`own-callees.ts`; default true), a shortcut past the grader's round trips. Off, the
   * reference answers every call, as the rules have it; the grades must be the same.
   */
  ownCallees?: boolean;
  /**
   * Inputs and expected values already made, by test and seed: grading a class, each test's
   * reference run happens once, not once per learner. Shared only between grades of the same
   * assignment, reference and run seed.
   */
  caseCache?: Map<string, Promise<CaseData>>;
  /**
   * The whole submission's bundle folder, made ahead with its child already starting in it
   * (`startWholeChild`): the command line's, while the grader's modules load. A fresh one otherwise.
   */
  wholeFolder?: Promise<BundleFolder>;
  /** Told when each test starts and ends (the command line shows a test that takes long). */
  progress?: (event: { test: TestSpec; fn: string; state: "started" | "finished" }) => void;
}

/** The run's options, resolved once, for every stage. */
export interface GradeContext {
  inputs: GradeInputs;
  options: GradeOptions;
  manifest: Manifest;
  startedAt: Date;
  /** `performance.now()` at the start. */
  started: number;
  runLimitMs: number;
  /** When the whole run must end (a `performance.now()` time). */
  deadline: number;
  protections: Isolation;
  source: SubmissionSource;
  /** Whether the hidden tests run: asked for, and the reference is here. */
  runHidden: boolean;
  /** The tests' inputs and expected data as they are made (the class's cache when grading one). */
  caseCache: Map<string, Promise<CaseData>>;
}

export function startRun(inputs: GradeInputs, options: GradeOptions): GradeContext {
  const startedAt = (options.now ?? (() => new Date()))();
  const started = performance.now();
  const { manifest } = inputs;
  const runLimitMs = options.runTimeoutMs ?? manifest.limits.runSeconds * 1000;
  return {
    inputs,
    options,
    manifest,
    startedAt,
    started,
    runLimitMs,
    deadline: started + runLimitMs,
    protections: options.protections ?? isolation(),
    source:
      typeof options.submission === "string"
        ? submissionAt(options.submission, false)
        : options.submission,
    runHidden: options.hidden && inputs.reference !== undefined,
    caseCache: options.caseCache ?? new Map(),
  };
}
