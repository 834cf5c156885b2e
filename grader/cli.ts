/**
 * The command line: parses arguments into resolved options once, runs one command, and is the only
 * place that turns errors into exit codes. Nothing below it reads process.argv, env or cwd.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { relative, resolve } from "node:path";
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { runBatch } from "./commands/batch.ts";
import { ExitError } from "./commands/errors.ts";
import { runExportGradescope } from "./commands/export-gradescope.ts";
import { runGradcheck } from "./commands/gradcheck.ts";
import { runGrade } from "./commands/grade.ts";
import { runRelease } from "./commands/release.ts";
import { runStubs } from "./commands/stubs.ts";
import { runTrain } from "./commands/train.ts";
import { PACKAGE_ROOT } from "./core/paths.ts";
import { computeExpected, expectedToJson } from "./pipeline/expected.ts";
import { assignmentIds, loadAssignment } from "./pipeline/load.ts";
import { exitCleanlyOnSignals } from "./pipeline/tempdirs.ts";
import { adapters, type FormatName, isFormat } from "./render/index.ts";
import { reportProblems } from "./render/json.ts";
import { plain } from "./render/sanitize.ts";

const EXIT_CODES = `Exit codes:
  0  done (grade: a report was written, whatever the score)
  1  ran, and what was checked failed (grade: score below --fail-under; stubs or
     expected values out of date; an invalid report; a model that failed)
  2  could not run at all (bad arguments, missing or invalid manifest, no submission)`;

const TOOL_VERSION = (
  JSON.parse(readFileSync(resolve(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }
).version;

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

export async function main(argv: string[], cwd: string): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const parser = yargs(argv)
    .scriptName("gradecheck")
    .usage("$0 <command> [options]")
    .command(
      "grade [submission]",
      "Grade a learner's model.ts (or a folder holding one) and write the JSON report",
      (y) =>
        submissionOptions(y)
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
            describe: `formats to write next to the JSON report, comma-separated: ${Object.keys(adapters).join(", ")}`,
          }),
      async (args) => {
        await runGrade(
          {
            ...resolveSubmission(args, cwd),
            out: resolve(cwd, args.out),
            failUnder: parseFailUnder(args.failUnder),
            quiet: args.quiet,
            json: args.json,
            colour: process.stdout.isTTY === true && !args.json,
            formats: parseFormats(args.format),
            notice: (line) => process.stderr.write(`${line}\n`),
          },
          (text) => process.stdout.write(text),
        );
      },
    )
    .command(
      "gradcheck [submission]",
      "Check a learner's backward pass against numeric gradients and print a table per parameter",
      submissionOptions,
      async (args) => {
        await runGradcheck(resolveSubmission(args, cwd), (text) => process.stdout.write(text));
      },
    )
    .command(
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
            default: availableParallelism(),
            describe: "submissions graded at once",
          })
          .option("force", {
            type: "boolean",
            default: false,
            describe: "regrade submissions that have not changed",
          })
          .option("assignment", {
            type: "string",
            describe: "assignment id (default: the only one)",
          })
          .option("seed", {
            type: "number",
            default: 0,
            describe: "seed of the hidden tests' inputs",
          })
          .option("hidden", { type: "boolean", default: true, describe: "run the hidden tests" })
          .option("timeout", { type: "number", describe: "time limit per call in ms" }),
      async (args) => {
        await runBatch(
          {
            root: PACKAGE_ROOT,
            folder: resolve(cwd, args.folder),
            out: resolve(cwd, args.out),
            jobs: positiveInteger("jobs", args.jobs),
            force: args.force,
            assignment: args.assignment,
            seed: positiveInteger("seed", args.seed, 0),
            hidden: args.hidden,
            timeoutMs:
              args.timeout === undefined ? undefined : positiveInteger("timeout", args.timeout),
            toolVersion: TOOL_VERSION,
            tty: process.stdout.isTTY === true,
            redraw: (line) => process.stdout.write(line === "\n" ? line : `\r${line}`),
          },
          print,
        );
      },
    )
    .command(
      "release",
      "Write the folder a learner gets: stubs, visible tests, grader; no reference, no hidden tests",
      (y) =>
        y.option("out", { type: "string", demandOption: true, describe: "a new or empty folder" }),
      (args) => runRelease({ root: PACKAGE_ROOT, out: resolve(cwd, args.out) }, print),
    )
    .command(
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
            default: "planar-classifier",
            describe: "assignment id",
          }),
      (args) =>
        runExportGradescope(
          { root: PACKAGE_ROOT, out: resolve(cwd, args.out), assignment: args.assignment },
          print,
        ),
    )
    .command(
      "validate-report <file>",
      "Check a JSON report against gradecheck's report schema",
      (y) => y.positional("file", { type: "string", demandOption: true }),
      (args) => {
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(resolve(cwd, args.file), "utf8"));
        } catch (error) {
          throw new ExitError(2, `cannot read ${args.file} as JSON: ${(error as Error).message}`);
        }
        const problems = reportProblems(json);
        if (problems.length > 0)
          throw new ExitError(1, `${args.file} is not a valid report:\n${problems.join("\n")}`);
        print(`${args.file} is a valid gradecheck report`);
      },
    )
    .command(
      "expected",
      "Write each assignment's expected.json (inputs and expected outputs of the visible tests) from the reference",
      (y) =>
        y.option("check", {
          type: "boolean",
          default: false,
          describe: "only check that they are up to date",
        }),
      async (args) => {
        const stale: string[] = [];
        for (const id of assignmentIds(PACKAGE_ROOT)) {
          const parts = await loadAssignment(PACKAGE_ROOT, id, true);
          if (!parts.reference) continue;
          const text = expectedToJson(
            await computeExpected(parts.manifest, parts.cases, parts.reference),
          );
          const current = (() => {
            try {
              return readFileSync(parts.expectedPath, "utf8");
            } catch {
              return undefined;
            }
          })();
          const name = relative(PACKAGE_ROOT, parts.expectedPath);
          if (current === text) {
            print(`up to date: ${name}`);
          } else if (args.check) {
            stale.push(name);
          } else {
            writeFileSync(parts.expectedPath, text);
            print(`wrote ${name}`);
          }
        }
        if (stale.length > 0)
          throw new ExitError(
            1,
            `out of date: ${stale.join(", ")}\nRegenerate with \`npm run expected\`.`,
          );
      },
    )
    .command(
      "train",
      "Train a planar-classifier model on the flower dataset and print its accuracy",
      (y) =>
        y
          .option("model", {
            type: "string",
            describe:
              "model.ts to train (default: the reference solution, or without one your assignments/planar-classifier/model.ts)",
          })
          .option("hidden-size", { alias: "n", type: "number", default: 4, describe: "nH" })
          .option("iterations", { type: "number", default: 10000 })
          .option("learning-rate", { type: "number", default: 1.2 })
          .option("seed", { type: "number", default: 2, describe: "weight initialization seed" }),
      async (args) => {
        // The reference where there is one (the instructor's repository), else the learner's own.
        const reference = resolve(PACKAGE_ROOT, "reference/planar-classifier/model.ts");
        const model = args.model
          ? resolve(cwd, args.model)
          : existsSync(reference)
            ? reference
            : resolve(PACKAGE_ROOT, "assignments/planar-classifier/model.ts");
        await runTrain(
          {
            model,
            modelName:
              model === reference && !args.model ? "the reference solution" : relative(cwd, model),
            hiddenSize: positiveInteger("hidden-size", args.hiddenSize),
            iterations: positiveInteger("iterations", args.iterations),
            learningRate: finite("learning-rate", args.learningRate),
            seed: positiveInteger("seed", args.seed, 0),
          },
          print,
        );
      },
    )
    .command(
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
      (args) => {
        const { changed, unchanged, kept } = runStubs({
          root: PACKAGE_ROOT,
          check: args.check,
          force: args.force,
        });
        if (args.check && changed.length > 0) {
          throw new ExitError(
            1,
            `out of date: ${changed.join(", ")}\nRegenerate with \`npm run stubs\`.`,
          );
        }
        for (const name of changed) print(`wrote ${name}`);
        for (const name of unchanged) print(`up to date: ${name}`);
        if (kept.length > 0) {
          throw new ExitError(
            1,
            `${kept
              .map(({ file, written }) => `kept ${file}: it has work in ${written.join(", ")}`)
              .join("\n")}\nRun \`gradecheck stubs --force\` to overwrite it with the empty stub.`,
          );
        }
      },
    )
    .demandCommand(
      1,
      "Name a command: grade, batch, gradcheck, release, export gradescope, validate-report, expected, train or stubs.",
    )
    .strict()
    .epilogue(EXIT_CODES)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new ExitError(2, `${message}\nRun \`gradecheck --help\` for usage.`);
    });

  try {
    await parser.parseAsync();
    return 0;
  } catch (error) {
    if (error instanceof ExitError) {
      // Paths and names in it may be a learner's: no escape sequence reaches the terminal.
      process.stderr.write(`gradecheck: ${plain(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** "json,junit" -> ["json", "junit"], each a known format. */
export function parseFormats(text: string): FormatName[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  for (const name of names) {
    if (!isFormat(name))
      throw new ExitError(
        2,
        `unknown format "${name}"; known: ${Object.keys(adapters).join(", ")}`,
      );
  }
  return names as FormatName[];
}

/** The options every command that runs a submission takes. */
function submissionOptions<T>(y: Argv<T>) {
  return y
    .positional("submission", {
      type: "string",
      describe: "model.ts or a folder with one (default: assignments/planar-classifier/model.ts)",
    })
    .option("assignment", {
      type: "string",
      describe: "assignment id (default: from the path, or the only one)",
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
    });
}

function resolveSubmission(
  args: {
    submission?: string;
    assignment?: string;
    seed: number;
    hidden: boolean;
    timeout?: number;
  },
  cwd: string,
) {
  return {
    root: PACKAGE_ROOT,
    submission: args.submission
      ? resolve(cwd, args.submission)
      : resolve(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"),
    displayRoot: cwd,
    assignment: args.assignment,
    seed: positiveInteger("seed", args.seed, 0),
    hidden: args.hidden,
    timeoutMs: args.timeout === undefined ? undefined : positiveInteger("timeout", args.timeout),
    toolVersion: TOOL_VERSION,
  };
}

function positiveInteger(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ExitError(2, `--${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

function finite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new ExitError(2, `--${name} must be a number, got ${value}`);
  return value;
}

// Output piped into a command that stops reading (`| head`) is not an error of gradecheck.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

/** The program: `main` with the process's arguments, ending cleanly on a signal. */
export async function runProgram(): Promise<void> {
  exitCleanlyOnSignals();
  process.exitCode = await main(hideBin(process.argv), process.cwd());
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("grader/cli.ts")) {
  await runProgram();
}
