/**
 * Command-line arguments resolved into each command's options: pure functions of the parsed
 * arguments and of what the program knows about where it runs (`Environment`), read once by the
 * CLI. A bad value is an ExitError with code 2 naming the option.
 */
import { relative, resolve } from "node:path";
import { isLang, LANGS, type Lang } from "../core/phrase.ts";
import { FORMAT_NAMES, type FormatName, isFormat } from "../render/formats.ts";
import { catalogs } from "../words/catalogs.ts";
import type { BatchOptions } from "./batch.ts";
import { chooseAssignment } from "./choose-assignment.ts";
import { ExitError } from "./errors.ts";
import type { GradeCommandOptions } from "./grade.ts";
import type { TrainOptions } from "./train.ts";

export interface Environment {
  /** Where the user is: relative paths are resolved, and shown, from here. */
  cwd: string;
  /** The gradecheck package's folder. */
  root: string;
  toolVersion: string;
  /** The assignments of the package (folders with an assignment.json). */
  assignments: string[];
  /** The course's current assignment (assignments/course.json), if it names one. */
  current?: string;
  /** The assignments whose reference solution is here (the instructor's repository). */
  references: string[];
  /** Whether standard output is a terminal. */
  stdoutIsTTY: boolean;
  /** Whether to colour what goes there: a terminal's habits (NO_COLOR, FORCE_COLOR, TERM=dumb). */
  colour: boolean;
  cores: number;
  /** Whether the folder the user is in holds a model.ts (the default submission then). */
  modelHere?: boolean;
  /** $GRADECHECK_LANG: the language asked for when --lang is not given. */
  langVariable?: string | undefined;
}

/**
 * Colour, as command-line programs agree (no-color.org, force-color.org): NO_COLOR set and not
 * empty turns it off, FORCE_COLOR turns it on ("0" or "false": off), TERM=dumb turns it off;
 * otherwise a terminal gets colour and a pipe or file does not.
 */
export function colourOf(isTTY: boolean, variables: Record<string, string | undefined>): boolean {
  if (variables.NO_COLOR) return false;
  const force = variables.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.trim().toLowerCase());
  if (variables.TERM === "dumb") return false;
  return isTTY;
}

/** The language of what gradecheck says: --lang, else $GRADECHECK_LANG, else English. */
export function langOf(flag: string | undefined, variable: string | undefined): Lang {
  const [name, from] = flag !== undefined ? [flag, "--lang"] : [variable ?? "", "GRADECHECK_LANG"];
  const chosen = name.trim().toLowerCase();
  if (chosen === "") return "en";
  if (!isLang(chosen))
    throw new ExitError(2, `${from} must be one of ${LANGS.join(", ")}, got "${name}"`);
  return chosen;
}

/** "15" is 15 points, "75%" is 75 percent of the maximum. */
export function parseFailUnder(
  text: string | undefined,
): { points: number } | { percent: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match)
    throw new ExitError(2, `--fail-under must be points (15) or a percentage (75%), got "${text}"`);
  const value = Number(match[1]);
  return match[2] ? { percent: value } : { points: value };
}

/** "json,junit" -> ["json", "junit"], each a known format. */
export function parseFormats(text: string): FormatName[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  for (const name of names) {
    if (!isFormat(name))
      throw new ExitError(2, `unknown format "${name}"; known: ${FORMAT_NAMES.join(", ")}`);
  }
  return names as FormatName[];
}

export function positiveInteger(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ExitError(2, `--${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

export function finite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new ExitError(2, `--${name} must be a number, got ${value}`);
  return value;
}

const optionalInteger = (name: string, value: number | undefined, min = 1) =>
  value === undefined ? undefined : positiveInteger(name, value, min);

/** The assignment named, or the one the folder the user is in says, or the default (see chooseAssignment). */
export function assignmentOf(named: string | undefined, env: Environment): string {
  return chooseAssignment({ ids: env.assignments, current: env.current }, env.root, {
    named,
    paths: [env.cwd],
  });
}

export interface SubmissionArgs {
  submission?: string;
  assignment?: string;
  seed: number;
  hidden: boolean;
  timeout?: number;
  lang?: string;
}

/** How every grading run goes, one submission or a class. */
function runSettings(
  args: { assignment?: string; seed: number; hidden: boolean; timeout?: number },
  env: Environment,
) {
  return {
    root: env.root,
    assignment: args.assignment,
    seed: positiveInteger("seed", args.seed, 0),
    hidden: args.hidden,
    timeoutMs: optionalInteger("timeout", args.timeout),
    toolVersion: env.toolVersion,
  };
}

/**
 * What every command that runs a submission takes. Without a path: `./model.ts` where there is
 * one, else the learner's working copy of the assignment. `-` (standard input) is refused: a
 * submission may be several files.
 */
export function submissionOptions(args: SubmissionArgs, env: Environment) {
  // yargs reads a lone "-" as an empty string.
  if (args.submission === "-" || args.submission === "")
    throw new ExitError(
      2,
      "a submission cannot be read from standard input (it may be several files): give the path of its model.ts or of its folder",
    );
  const here = resolve(env.cwd, "model.ts");
  return {
    ...runSettings(args, env),
    submission: args.submission
      ? resolve(env.cwd, args.submission)
      : env.modelHere
        ? here
        : resolve(env.root, "assignments", assignmentOf(args.assignment, env), "model.ts"),
    displayRoot: env.cwd,
  };
}

export function gradeOptions(
  args: SubmissionArgs & {
    out: string;
    failUnder?: string;
    quiet: boolean;
    json: boolean;
    format: string;
    only?: string;
    case?: string;
    heapMb?: number;
    runSeconds?: number;
  },
  env: Environment,
): Omit<GradeCommandOptions, "notice"> {
  const limits = {
    ...(args.heapMb !== undefined ? { heapMb: positiveInteger("heap-mb", args.heapMb, 64) } : {}),
    ...(args.runSeconds !== undefined
      ? { runSeconds: positiveInteger("run-seconds", args.runSeconds, 10) }
      : {}),
  };
  return {
    ...submissionOptions(args, env),
    out: resolve(env.cwd, args.out),
    failUnder: parseFailUnder(args.failUnder),
    quiet: args.quiet,
    json: args.json,
    colour: env.colour && !args.json,
    formats: parseFormats(args.format),
    lang: langOf(args.lang, env.langVariable),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(args.only !== undefined || args.case !== undefined
      ? {
          selection: {
            ...(args.only !== undefined ? { only: names("only", args.only) } : {}),
            ...(args.case !== undefined ? { case: names("case", args.case, 1)[0] } : {}),
          },
        }
      : {}),
  };
}

/** An option's comma-separated names, refused when there is none or more than `most`. */
function names(option: string, value: string, most = Number.POSITIVE_INFINITY): string[] {
  const list = [...new Set(value.split(",").map((name) => name.trim()))].filter((n) => n !== "");
  if (list.length === 0) throw new ExitError(2, `--${option} needs a name`);
  if (list.length > most)
    throw new ExitError(2, `--${option} takes one name, got ${list.join(", ")}`);
  return list;
}

/** "2/5": the second of five shares. */
export function parseShard(text: string | undefined): { k: number; n: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || n < 1 || k < 1 || k > n)
    throw new ExitError(
      2,
      `--shard must be k/n with 1 <= k <= n (2/5: the second of five), got "${text}"`,
    );
  return { k, n };
}

export function batchOptions(
  args: {
    folder: string;
    out: string;
    jobs?: number;
    force: boolean;
    shard?: string;
    assignment?: string;
    seed: number;
    hidden: boolean;
    timeout?: number;
  },
  env: Environment,
): Omit<BatchOptions, "redraw"> {
  return {
    ...runSettings(args, env),
    folder: resolve(env.cwd, args.folder),
    out: resolve(env.cwd, args.out),
    jobs: positiveInteger("jobs", args.jobs ?? env.cores),
    force: args.force,
    ...(args.shard !== undefined ? { shard: parseShard(args.shard) } : {}),
    tty: env.stdoutIsTTY,
  };
}

export function trainOptions(
  args: {
    model?: string;
    reference: boolean;
    sweep?: string;
    out: string;
    assignment?: string;
    hiddenSize?: number;
    iterations?: number;
    learningRate?: number;
    seed?: number;
    lang?: string;
  },
  env: Environment,
): TrainOptions {
  const lang = langOf(args.lang, env.langVariable);
  const assignment = assignmentOf(args.assignment, env);
  const reference = env.references.includes(assignment)
    ? resolve(env.root, "reference", assignment, "model.ts")
    : undefined;
  if (args.reference && !reference)
    throw new ExitError(2, `--reference: assignment ${assignment} has no reference solution here`);
  if (args.reference && args.model)
    throw new ExitError(2, "--reference and --model name two models: give one");
  // The learner's own model by default; the reference's boundary is drawn beside it where present.
  const model = args.reference
    ? (reference as string)
    : args.model
      ? resolve(env.cwd, args.model)
      : resolve(env.root, "assignments", assignment, "model.ts");
  return {
    root: env.root,
    assignment,
    model,
    trainsReference: args.reference,
    lang,
    ...(reference && model !== reference ? { reference } : {}),
    pictures: resolve(env.cwd, args.out),
    ...(args.sweep !== undefined ? { sweep: sizes(args.sweep) } : {}),
    settings: {
      modelName: args.reference
        ? catalogs[lang].labels.train.referenceName
        : relative(env.cwd, model),
      hiddenSize: optionalInteger("hidden-size", args.hiddenSize),
      iterations: optionalInteger("iterations", args.iterations),
      learningRate:
        args.learningRate === undefined ? undefined : finite("learning-rate", args.learningRate),
      seed: optionalInteger("seed", args.seed, 0),
    },
  };
}

/** Hidden layer sizes for --sweep: positive integers, comma-separated. */
function sizes(text: string): number[] {
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (list.length === 0)
    throw new ExitError(2, "--sweep needs hidden layer sizes: 1,2,3,4,5,20,50");
  return list.map((s) => positiveInteger("sweep", Number(s)));
}
