/**
 * `gradecheck train`: trains a model of an assignment (by default the learner's working copy; the
 * reference with `--reference`) with the assignment's own trainer (its manifest's `train`), which
 * prints the cost as it goes and the training accuracy; then draws the pictures: the data with the
 * model's decision regions (beside the reference's, where there is one) and the cost curve.
 * `--sweep 1,2,3` trains one model per hidden layer size instead and prints the course's table.
 * It runs the model in this process: a learner's tool for their own code, not grading.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { NotImplementedError } from "../../assignments/lib/np.ts";
import type { Boundary, Trainer, TrainResult, TrainSettings } from "../core/assignment.ts";
import { loadManifest, type Manifest } from "../core/manifest.ts";
import { ExitError } from "./errors.ts";

/**
 * The plotting library, loaded only when there is something to draw: it is the heaviest import of
 * the command line, and every other command starts without it.
 */
const pictures = () => import("../render/pictures.ts");

/** How the reference solution is named in what `train` prints. */
export const REFERENCE_NAME = "the reference solution";

export interface TrainOptions {
  root: string;
  assignment: string;
  /** Absolute path of the model.ts to train. */
  model: string;
  /** Whether that model is the reference solution (its pictures say "reference"). */
  trainsReference: boolean;
  /** The reference solution, trained too for its pictures, when it is here and not the model. */
  reference?: string;
  /** Where the pictures go: `<pictures>.boundary.svg`, `.cost.svg`, `.sweep.svg`. */
  pictures: string;
  /** Hidden layer sizes to train one model each for. */
  sweep?: number[];
  settings: TrainSettings;
}

async function importModule(path: string, name: string): Promise<Record<string, unknown>> {
  try {
    return await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ExitError(2, `could not load ${name}: ${(error as Error).message}`);
  }
}

interface Loaded {
  manifest: Manifest;
  trainer: Trainer;
}

async function loadTrainer(root: string, assignment: string): Promise<Loaded> {
  const folder = join(root, "assignments", assignment);
  const manifest = loadManifest(join(folder, "assignment.json"));
  if (!manifest.train) throw new ExitError(2, `assignment ${assignment} has no trainer`);
  const { trainer } = (await import(pathToFileURL(join(folder, manifest.train)).href)) as {
    trainer: Trainer;
  };
  return { manifest, trainer };
}

/** Loads a model and checks that it exports what the trainer uses. */
async function loadModel(path: string, name: string, trainer: Trainer) {
  const module = await importModule(path, name);
  for (const fn of trainer.uses) {
    if (typeof module[fn] !== "function")
      throw new ExitError(2, `${name} does not export a function named ${fn}`);
  }
  return module;
}

/** One training run; the learner's own errors become an exit with what went wrong. */
function trainOnce(
  { manifest, trainer }: Loaded,
  module: Record<string, unknown>,
  settings: TrainSettings,
  print: (line: string) => void,
  progress?: (line: string) => void,
): TrainResult {
  try {
    const train = () => trainer.train(module, settings, manifest.hyperparameters, print);
    return progress ? withProgress(train, progress) : train();
  } catch (error) {
    const name = settings.modelName;
    if (error instanceof NotImplementedError) throw new ExitError(1, `${name}: ${error.message}`);
    throw new ExitError(1, `${name} failed: ${(error as Error).stack ?? error}`);
  }
}

/**
 * Runs `train`, showing how far it got while it runs: the model's cost lines ("Cost after
 * iteration 3000: …") are its only sign of life, since it runs in this thread. `show` gets the
 * progress line to draw, and "" to clear it before anything else is printed.
 */
export function withProgress<T>(train: () => T, show: (line: string) => void): T {
  const log = console.log;
  const start = performance.now();
  console.log = (...args: unknown[]) => {
    show("");
    log(...args);
    const reached = /^Cost after iteration (\d+)/.exec(String(args[0]));
    if (reached)
      show(
        `training… iteration ${reached[1]}, ${((performance.now() - start) / 1000).toFixed(1)} s`,
      );
  };
  try {
    return train();
  } finally {
    console.log = log;
    show("");
  }
}

export async function runTrain(
  options: TrainOptions,
  print: (line: string) => void,
  /** Draws a progress line (a terminal's stderr); none by default. */
  progress?: (line: string) => void,
): Promise<TrainResult> {
  const loaded = await loadTrainer(options.root, options.assignment);
  const module = await loadModel(options.model, options.settings.modelName, loaded.trainer);
  if (options.sweep) return runSweep(options, loaded, module, options.sweep, print);
  const result = trainOnce(loaded, module, options.settings, print, progress);
  const panels = [{ title: options.trainsReference ? "reference" : "yours", result }];
  if (options.reference) {
    // The reference with the same settings, quietly: its boundary and curve are the yardstick.
    const reference = await loadModel(options.reference, REFERENCE_NAME, loaded.trainer);
    const settings = { ...options.settings, modelName: REFERENCE_NAME, quiet: true };
    panels.push({ title: "reference", result: trainOnce(loaded, reference, settings, () => {}) });
  }
  const written = [
    await writePicture(
      `${options.pictures}.boundary.svg`,
      boundaries(panels.map((p) => ({ title: p.title, boundary: p.result.boundary }))),
    ),
    await writePicture(
      `${options.pictures}.cost.svg`,
      pictures().then(({ costSvg }) =>
        costSvg(panels.map((p) => ({ title: p.title, costs: p.result.costs }))),
      ),
    ),
  ].filter((path) => path !== undefined);
  if (written.length > 0)
    print(`Pictures: ${written.map((p) => relative(process.cwd(), p)).join(", ")}`);
  return result;
}

/** The decision regions of the panels that have one, or nothing when none does. */
function boundaries(
  panels: { title: string; boundary: Boundary | undefined }[],
): Promise<string> | undefined {
  const drawn = panels.flatMap(({ title, boundary }) => (boundary ? [{ title, boundary }] : []));
  return drawn.length > 0 ? pictures().then(({ boundarySvg }) => boundarySvg(drawn)) : undefined;
}

async function writePicture(
  path: string,
  svg: Promise<string> | undefined,
): Promise<string | undefined> {
  if (!svg) return undefined;
  writeFileSync(path, await svg);
  return path;
}

/**
 * One model per hidden layer size, as in the course: a line per size with its accuracy and time,
 * and a small multiple of the decision boundaries.
 */
async function runSweep(
  options: TrainOptions,
  loaded: Loaded,
  module: Record<string, unknown>,
  sizes: number[],
  print: (line: string) => void,
): Promise<TrainResult> {
  const results: { size: number; result: TrainResult }[] = [];
  print("hidden layer size   accuracy   time");
  for (const size of sizes) {
    const settings = { ...options.settings, hiddenSize: size, quiet: true };
    const result = trainOnce(loaded, module, settings, () => {});
    results.push({ size, result });
    print(
      `${String(size).padStart(17)}   ${`${(100 * result.accuracy).toFixed(2)}%`.padStart(8)}   ${result.seconds.toFixed(2)} s`,
    );
  }
  const path = await writePicture(
    `${options.pictures}.sweep.svg`,
    boundaries(
      results.map(({ size, result }) => ({ title: `nH = ${size}`, boundary: result.boundary })),
    ),
  );
  if (path) print(`Pictures: ${relative(process.cwd(), path)}`);
  const best = results.reduce((a, b) => (b.result.accuracy > a.result.accuracy ? b : a));
  return best.result;
}
