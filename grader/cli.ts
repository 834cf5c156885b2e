/**
 * The command line: parses arguments into resolved options once, runs one command, and is the only
 * place that turns errors into exit codes. Nothing below it reads process.argv, env or cwd.
 */
import { relative, resolve } from "node:path";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { runStubs } from "./commands/stubs.ts";
import { runTrain } from "./commands/train.ts";
import { ExitError } from "./errors.ts";
import { PACKAGE_ROOT } from "./paths.ts";

const EXIT_CODES = `Exit codes:
  0  done
  1  ran, and what was checked failed (stubs out of date, model failed)
  2  could not run (bad arguments, malformed reference, unloadable model)`;

export async function main(argv: string[], cwd: string): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const parser = yargs(argv)
    .scriptName("gradecheck")
    .usage("$0 <command> [options]")
    .command(
      "train",
      "Train a planar-classifier model on the flower dataset and print its accuracy",
      (y) =>
        y
          .option("model", {
            type: "string",
            describe: "model.ts to train (default: the reference solution)",
          })
          .option("hidden-size", { alias: "n", type: "number", default: 4, describe: "nH" })
          .option("iterations", { type: "number", default: 10000 })
          .option("learning-rate", { type: "number", default: 1.2 })
          .option("seed", { type: "number", default: 2, describe: "weight initialization seed" }),
      async (args) => {
        const model = args.model
          ? resolve(cwd, args.model)
          : resolve(PACKAGE_ROOT, "reference/planar-classifier/model.ts");
        await runTrain(
          {
            model,
            modelName: args.model ? relative(cwd, model) : "the reference solution",
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
            `out of date: ${changed.join(", ")}\n` + "Regenerate with `npm run stubs`.",
          );
        }
        for (const name of changed) print(`wrote ${name}`);
        for (const name of unchanged) print(`up to date: ${name}`);
        if (kept.length > 0) {
          throw new ExitError(
            1,
            kept
              .map(({ file, written }) => `kept ${file}: it has work in ${written.join(", ")}`)
              .join("\n") + "\nRun `gradecheck stubs --force` to overwrite it with the empty stub.",
          );
        }
      },
    )
    .demandCommand(1, "Name a command: train or stubs.")
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
      process.stderr.write(`gradecheck: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
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

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("grader/cli.ts")) {
  process.exitCode = await main(hideBin(process.argv), process.cwd());
}
