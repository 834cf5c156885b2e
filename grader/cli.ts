/**
 * The command line: parses arguments into one command's resolved options (`parseArguments`, pure
 * functions of the arguments and of the environment read once, in `commands/options.ts`), runs
 * that command, and is the only place that turns errors into exit codes. Nothing below it reads
 * process.argv, env or cwd.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import type { BatchOptions } from "./commands/batch.ts";
import { chooseAssignment, courseAt } from "./commands/choose-assignment.ts";
import { ExitError, isExitError } from "./commands/errors.ts";
import type { ExportOptions } from "./commands/export-gradescope.ts";
import type { GradeCommandOptions } from "./commands/grade.ts";
import type { MergeOptions } from "./commands/merge.ts";
import {
  assignmentOf,
  batchOptions,
  colourOf,
  type Environment,
  gradeOptions,
  langOf,
  submissionOptions,
  trainOptions,
} from "./commands/options.ts";
import { relaunchWith, runsWith } from "./commands/relaunch.ts";
import type { ReleaseOptions } from "./commands/release.ts";
import type { StubsOptions } from "./commands/stubs.ts";
import type { TrainOptions } from "./commands/train.ts";
import { importFromSource } from "./core/modules.ts";
import { PACKAGE_ROOT } from "./core/paths.ts";
import type { Lang } from "./core/phrase.ts";
import { exitCleanlyOnSignals } from "./pipeline/tempdirs.ts";
import { FORMAT_NAMES } from "./render/formats.ts";
import { plain } from "./render/sanitize.ts";
import { optimiseLater } from "./sandbox/tiering.ts";

export { parseFailUnder, parseFormats } from "./commands/options.ts";

const EXIT_CODES = `Exit codes:
  0  done (grade: a report was written, whatever the score)
  1  ran, and what was checked failed (grade: score below --fail-under; stubs or
     expected values out of date; an invalid report; a model that failed)
  2  could not run at all (bad arguments, missing or invalid manifest, no submission)`;

const TOOL_VERSION = (
  JSON.parse(readFileSync(resolve(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }
).version;

/** One command to run, with its resolved options. */
export type Invocation =
  | { command: "grade"; options: Omit<GradeCommandOptions, "notice"> }
  | { command: "gradcheck"; options: ReturnType<typeof submissionOptions> & { lang: Lang } }
  | { command: "batch"; options: Omit<BatchOptions, "redraw"> }
  | { command: "merge"; options: MergeOptions }
  | { command: "release"; options: ReleaseOptions }
  | { command: "export gradescope"; options: ExportOptions }
  | { command: "validate-report"; options: { path: string; name: string } }
  | { command: "expected"; options: { root: string; check: boolean } }
  | { command: "train"; options: TrainOptions }
  | { command: "stubs"; options: StubsOptions };

/** What the program knows of where it runs, read once. */
export function environment(cwd: string): Environment {
  const { ids: assignments, current } = courseAt(PACKAGE_ROOT);
  return {
    cwd,
    root: PACKAGE_ROOT,
    toolVersion: TOOL_VERSION,
    assignments,
    ...(current ? { current } : {}),
    references: assignments.filter((id) =>
      existsSync(join(PACKAGE_ROOT, "reference", id, "model.ts")),
    ),
    stdoutIsTTY: process.stdout.isTTY === true,
    colour: colourOf(process.stdout.isTTY === true, process.env),
    modelHere: isFile(join(cwd, "model.ts")),
    cores: availableParallelism(),
    langVariable: process.env.GRADECHECK_LANG,
  };
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** Declares one command: its arguments, and the invocation it resolves them to. */
type Declare = (y: Argv, env: Environment, take: (chosen: Invocation) => void) => Argv;

const gradeCommand: Declare = (y, env, take) =>
  y.command(
    "grade [submission]",
    "Grade a learner's model.ts (or a folder holding one) and write the JSON report",
    (y) =>
      submissionArguments(y)
        .option("out", {
          type: "string",
          default: "gradecheck-report.json",
          describe: "where to write the JSON report",
        })
        .option("fail-under", {
          type: "string",
          describe: "exit 1 when the score is below these points (15) or this percentage (75%)",
        })
        .option("quiet", {
          type: "boolean",
          default: false,
          describe: "print nothing; only write the report",
        })
        .option("json", {
          type: "boolean",
          default: false,
          describe: "print the report instead of the summary",
        })
        .option("format", {
          type: "string",
          default: "json",
          describe: `formats to write next to the JSON report, comma-separated: ${FORMAT_NAMES.join(", ")}`,
        })
        .option("only", {
          type: "string",
          describe: "run only these functions' tests, comma-separated (sigmoid,layerSizes)",
        })
        .option("case", {
          type: "string",
          describe: "run only this test (its id, as the summary shows it: sigmoid.row)",
        })
        .option("heap-mb", {
          type: "number",
          describe: "the learner's process's heap, in MB (default: the manifest's)",
        })
        .option("run-seconds", {
          type: "number",
          describe: "the whole run's time limit, in s (default: the manifest's)",
        }),
    (args) => take({ command: "grade", options: gradeOptions(args, env) }),
  );

const gradcheckCommand: Declare = (y, env, take) =>
  y.command(
    "gradcheck [submission]",
    "Check a learner's backward pass against numeric gradients and print a table per parameter",
    submissionArguments,
    (args) =>
      take({
        command: "gradcheck",
        options: {
          ...submissionOptions(args, env),
          lang: langOf(args.lang, env.langVariable),
        },
      }),
  );

const batchCommand: Declare = (y, env, take) =>
  y.command(
    "batch <folder>",
    "Grade a class: each subfolder with a model.ts, or each *.ts file, is one learner",
    (y) =>
      y
        .positional("folder", { type: "string", demandOption: true })
        .option("out", {
          type: "string",
          default: "gradecheck-batch",
          describe: "folder for the reports, grades.csv and summary.md",
        })
        .option("jobs", {
          type: "number",
          describe: "submissions graded at once (default: one per core)",
        })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "regrade submissions that have not changed",
        })
        .option("assignment", {
          type: "string",
          describe:
            "assignment id (default: the one whose folder you are in, the only one, or the course's current one)",
        })
        .option("seed", {
          type: "number",
          default: 0,
          describe: "seed of the hidden tests' inputs",
        })
        .option("hidden", { type: "boolean", default: true, describe: "run the hidden tests" })
        .option("timeout", { type: "number", describe: "time limit per call in ms" })
        .option("shard", {
          type: "string",
          describe: "grade the k-th of n shares of the class, k/n (join them with merge)",
        }),
    (args) => take({ command: "batch", options: batchOptions(args, env) }),
  );

const mergeCommand: Declare = (y, env, take) =>
  y.command(
    "merge <folders..>",
    "Join the folders of a class graded in shares (batch --shard k/n) into one gradebook",
    (y) =>
      y.positional("folders", { type: "string", array: true, demandOption: true }).option("out", {
        type: "string",
        default: "gradecheck-batch",
        describe: "folder for the joined reports, grades.csv and summary.md",
      }),
    (args) =>
      take({
        command: "merge",
        options: {
          root: env.root,
          folders: args.folders.map((folder) => resolve(env.cwd, folder)),
          out: resolve(env.cwd, args.out),
        },
      }),
  );

const releaseCommand: Declare = (y, env, take) =>
  y.command(
    "release",
    "Write the folder a learner gets: stubs, visible tests, grader; no reference, no hidden tests",
    (y) =>
      y
        .option("out", { type: "string", demandOption: true, describe: "a new or empty folder" })
        .option("assignment", {
          type: "string",
          describe:
            "the assignment to release (default: the only one, or the course's current one); one repository per assignment, as GitHub Classroom has",
        }),
    (args) =>
      take({
        command: "release",
        options: {
          root: env.root,
          out: resolve(env.cwd, args.out),
          // One assignment per learner repository: a later assignment's given helpers (the deep
          // network's sigmoid) may be an earlier one's answer.
          assignment: chooseAssignment({ ids: env.assignments, current: env.current }, env.root, {
            named: args.assignment,
          }),
        },
      }),
  );

const exportGradescopeCommand: Declare = (y, env, take) =>
  y.command(
    "export gradescope",
    "Write the Gradescope autograder bundle (setup.sh, run_autograder, the grader with the reference)",
    (y) =>
      y
        .option("out", {
          type: "string",
          default: "autograder.zip",
          describe: "the zip to write",
        })
        .option("assignment", {
          type: "string",
          describe:
            "assignment id (default: the one whose folder you are in, the only one, or the course's current one)",
        }),
    (args) =>
      take({
        command: "export gradescope",
        options: {
          root: env.root,
          out: resolve(env.cwd, args.out),
          assignment: assignmentOf(args.assignment, env),
        },
      }),
  );

const validateReportCommand: Declare = (y, env, take) =>
  y.command(
    "validate-report <file>",
    "Check a JSON report against gradecheck's report schema",
    (y) => y.positional("file", { type: "string", demandOption: true }),
    (args) =>
      take({
        command: "validate-report",
        options: { path: resolve(env.cwd, args.file), name: args.file },
      }),
  );

const expectedCommand: Declare = (y, env, take) =>
  y.command(
    "expected",
    "Write each assignment's expected.json (inputs and expected outputs of the visible tests) from the reference",
    (y) =>
      y.option("check", {
        type: "boolean",
        default: false,
        describe: "only check that they are up to date",
      }),
    (args) => take({ command: "expected", options: { root: env.root, check: args.check } }),
  );

const trainCommand: Declare = (y, env, take) =>
  y.command(
    "train",
    "Train a model with its assignment's trainer: its cost, training accuracy and pictures",
    (y) =>
      y
        .option("model", {
          type: "string",
          describe: "model.ts to train (default: your assignments/<id>/model.ts)",
        })
        .option("reference", {
          type: "boolean",
          default: false,
          describe: "train the reference solution instead (where there is one)",
        })
        .option("sweep", {
          type: "string",
          describe: "train one model per hidden layer size, comma-separated (1,2,3,4,5,20,50)",
        })
        .option("out", {
          type: "string",
          default: "gradecheck-train",
          describe: "where the pictures go: <out>.boundary.svg, <out>.cost.svg, <out>.sweep.svg",
        })
        .option("assignment", {
          type: "string",
          describe:
            "assignment id (default: the one whose folder you are in, the only one, or the course's current one)",
        })
        .option("hidden-size", {
          alias: "n",
          type: "number",
          describe: "hidden layer size (default: the manifest's)",
        })
        .option("iterations", { type: "number", describe: "(default: the manifest's)" })
        .option("learning-rate", { type: "number", describe: "(default: the manifest's)" })
        .option("seed", {
          type: "number",
          describe: "weight initialization seed (default: the assignment's)",
        })
        .option("lang", LANG_OPTION),
    (args) => take({ command: "train", options: trainOptions(args, env) }),
  );

const stubsCommand: Declare = (y, env, take) =>
  y.command(
    "stubs",
    "Generate each assignment's learner stub (assignments/<name>/model.ts) from its reference",
    (y) =>
      y
        .option("check", {
          type: "boolean",
          default: false,
          describe: "only check that the committed stubs are up to date; write nothing",
        })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "overwrite stubs even where functions have been written in them",
        }),
    (args) =>
      take({
        command: "stubs",
        options: { root: env.root, check: args.check, force: args.force },
      }),
  );

const COMMANDS: Declare[] = [
  gradeCommand,
  gradcheckCommand,
  batchCommand,
  mergeCommand,
  releaseCommand,
  exportGradescopeCommand,
  validateReportCommand,
  expectedCommand,
  trainCommand,
  stubsCommand,
];

/**
 * yargs lays out a command's whole help text as soon as the command's handler has run, in case
 * the handler shows it later: 20 to 30 ms of every start, most of it measuring text widths with
 * code not yet compiled. A handler here only records the invocation and never shows help
 * (`--help` itself is answered before any handler, and lays its text out when asked).
 */
function withoutHelpCache(parser: Argv): void {
  // yargs' internals (18.x): should a later version lack them, help is cached as before.
  const internals = parser as unknown as {
    getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
  };
  const usage = internals.getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}

/**
 * The command `argv` asks for, with its options resolved; undefined when yargs answered by itself
 * (--help, --version). Throws ExitError(2) for arguments that cannot be used.
 */
export async function parseArguments(
  argv: string[],
  env: Environment,
): Promise<Invocation | undefined> {
  let invocation: Invocation | undefined;
  const take = (chosen: Invocation) => {
    invocation = chosen;
  };
  let parser: Argv = yargs(argv).scriptName("gradecheck").usage("$0 <command> [options]");
  withoutHelpCache(parser);
  for (const declare of COMMANDS) parser = declare(parser, env, take);
  await parser
    .demandCommand(
      1,
      "Name a command: grade, batch, merge, gradcheck, release, export gradescope, validate-report, expected, train or stubs.",
    )
    .help()
    .alias("h", "help")
    .version(TOOL_VERSION)
    .alias("v", "version")
    .strict()
    .check(givenOnce)
    .epilogue(EXIT_CODES)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new ExitError(2, `${message}\nRun \`gradecheck --help\` for usage.`);
    })
    .parseAsync();
  return invocation;
}

/**
 * Refuses an option given more than once, of which yargs makes a list (`--out a --out b`) where
 * each command reads one value; an option declared a list may be. yargs passes its options
 * (typed as its aliases): `array` names the lists.
 */
function givenOnce(argv: Record<string, unknown>, options: unknown): true {
  const lists = (options as { array?: string[] }).array ?? [];
  for (const [key, value] of Object.entries(argv)) {
    // yargs sets each option under its dashed name and its camel-cased one: the dashed is typed.
    if (key === "_" || /[A-Z]/.test(key) || !Array.isArray(value) || lists.includes(key)) continue;
    throw new ExitError(
      2,
      `--${key} was given ${value.length} times (${value.join(", ")}): give it once`,
    );
  }
  return true;
}

/**
 * Runs one command. Each command's module is loaded when it runs, so a command pays for its own
 * code only, not every other command's (a grade does not load the Gradescope zip writer).
 */
async function execute(invocation: Invocation): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const write = (text: string) => process.stdout.write(text);
  switch (invocation.command) {
    case "grade": {
      // The child the grade is sure to need starts while the grade's own modules load.
      const early = (await import("./commands/early-start.ts")).startEarly(invocation.options);
      const { runGrade } = await import("./commands/grade.ts");
      try {
        await runGrade(
          {
            ...invocation.options,
            wholeFolder: early?.folder,
            notice: (line) => process.stderr.write(`${line}\n`),
          },
          write,
        );
      } finally {
        await early?.stop();
      }
      return;
    }
    case "gradcheck":
      return (await import("./commands/gradcheck.ts")).runGradcheck(invocation.options, write);
    case "batch": {
      const { runBatch } = await import("./commands/batch.ts");
      await runBatch(
        {
          ...invocation.options,
          redraw: (line) => process.stdout.write(line === "\n" ? line : `\r${line}`),
        },
        print,
      );
      return;
    }
    case "merge":
      return (await import("./commands/merge.ts")).runMerge(invocation.options, print);
    case "release":
      return (await import("./commands/release.ts")).runRelease(invocation.options, print);
    case "export gradescope":
      return (await import("./commands/export-gradescope.ts")).runExportGradescope(
        invocation.options,
        print,
      );
    case "validate-report":
      return (await import("./commands/validate-report.ts")).runValidateReport(
        invocation.options,
        print,
      );
    case "expected":
      return (await import("./commands/expected.ts")).runExpected(invocation.options, print);
    case "train": {
      // Training runs the learner's own model in this process: from its source, as it is now.
      const { runTrain } = await importFromSource<typeof import("./commands/train.ts")>(
        join(PACKAGE_ROOT, "grader/commands/train.ts"),
      );
      await runTrain(
        invocation.options,
        print,
        process.stderr.isTTY ? (line) => process.stderr.write(`\r\u001b[K${line}`) : undefined,
      );
      return;
    }
    case "stubs":
      return (await import("./commands/stubs.ts")).runStubsCommand(invocation.options, print);
  }
}

/**
 * V8 flags for `batch`, whose grader answers every learner's stand-ins and judges every result
 * for minutes on end: one thread collects its garbage (helper threads would take the cores its
 * sandboxes need), in a young generation large enough that its many short-lived arrays die
 * there. A class of 20 with --jobs 2: the grader's CPU 18.8 -> 15.4 s.
 */
export const BATCH_NODE_FLAGS = ["--single-threaded-gc", "--max-semi-space-size=32"] as const;

/** Starts the command again in a Node with these flags; resolves to its exit code. */
export type Relaunch = (flags: readonly string[]) => Promise<number>;

/**
 * Runs the command `argv` asks for. Given `relaunch` (the command line's own process), a batch
 * runs in a new process with BATCH_NODE_FLAGS unless this one has them.
 */
export async function main(argv: string[], cwd: string, relaunch?: Relaunch): Promise<number> {
  try {
    const invocation = await parseArguments(argv, environment(cwd));
    if (invocation?.command === "batch" && relaunch && !runsWith(BATCH_NODE_FLAGS))
      return await relaunch(BATCH_NODE_FLAGS);
    if (invocation) await execute(invocation);
    return 0;
  } catch (error) {
    if (isExitError(error)) {
      // Paths and names in it may be a learner's: no escape sequence reaches the terminal.
      process.stderr.write(`gradecheck: ${plain(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** The options every command that runs a submission takes. */
function submissionArguments<T>(y: Argv<T>) {
  return y
    .positional("submission", {
      type: "string",
      describe:
        "model.ts or a folder with one (default: the working copy assignments/<id>/model.ts)",
    })
    .option("assignment", {
      type: "string",
      describe:
        "assignment id (default: from the path or the folder you are in, the only one, or the course's current one)",
    })
    .option("seed", {
      type: "number",
      default: 0,
      describe: "seed of the hidden tests' inputs (recorded in the report)",
    })
    .option("hidden", {
      type: "boolean",
      default: true,
      describe: "run the hidden tests (needs the reference solution)",
    })
    .option("timeout", {
      type: "number",
      describe: "time limit per call in ms (default: calibrated from the reference)",
    })
    .option("lang", LANG_OPTION);
}

/** The language option of the commands a learner reads (grade, gradcheck, train). */
const LANG_OPTION = {
  type: "string",
  describe:
    "the language of what gradecheck says to a learner: en or ko (default: $GRADECHECK_LANG, else en)",
} as const;

// Output piped into a command that stops reading (`| head`) is not an error of gradecheck.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

/**
 * For bin/bundle.mjs, once a build is in place: records the expected.json files its reference
 * makes again (commands/expected.ts).
 */
export async function recordVerifiedExpected(root: string): Promise<unknown> {
  return (await import("./commands/expected.ts")).recordVerifiedExpected(root);
}

/**
 * The V8 flags the command sets as it starts (`runProgram`): bin/code-cache.mjs sets them before
 * V8 reads its compiled code, which V8 takes only under the flags it was made with.
 */
export { OPTIMISE_LATER as STARTING_V8_FLAGS } from "./sandbox/tiering.ts";

/** The program: `main` with the process's arguments, ending cleanly on a signal. */
export async function runProgram(): Promise<void> {
  optimiseLater();
  const undo = exitCleanlyOnSignals();
  process.exitCode = await main(hideBin(process.argv), process.cwd(), (flags) => {
    undo();
    return relaunchWith(flags);
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("grader/cli.ts")) {
  // Not awaited at the top level: the build's classic script (bin/bundle.mjs) cannot have it.
  void runProgram();
}
