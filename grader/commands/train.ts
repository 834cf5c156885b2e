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
import type {
  Boundary,
  LearnerCases,
  Trainer,
  TrainResult,
  TrainSetting,
  TrainSettings,
} from "../core/assignment.ts";
import { loadManifest, type Manifest } from "../core/manifest.ts";
import type { Lang, Said } from "../core/phrase.ts";
import { displayWidth, padStart } from "../render/columns.ts";
import { speaker } from "../render/localize.ts";
import { catalogs } from "../words/catalogs.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";
import { ExitError } from "./errors.ts";
import { ensureFolderOf } from "./folders.ts";

/**
 * The plotting library, loaded only when there is something to draw: it is the heaviest import of
 * the command line, and every other command starts without it.
 */
const pictures = () => import("../render/pictures.ts");

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
  /** The language of what it prints and of its pictures' words. */
  lang: Lang;
}

/** What `train` says, in its language: the grader's labels, and the trainer's phrases worded. */
interface Voice {
  labels: Labels;
  line: (said: Said) => string;
}

/** The assignment's words in `lang` (its cases module holds them), for the trainer's lines. */
async function voiceOf(root: string, assignment: string, lang: Lang): Promise<Voice> {
  const words = catalogs[lang];
  if (lang === "en") return { labels: words.labels, line: (said) => said.text };
  const { cases } = (await import(
    pathToFileURL(join(root, "assignments", assignment, "cases.ts")).href
  )) as { cases: LearnerCases };
  const speak = speaker({ words, assignment: cases.words?.[lang] });
  return { labels: words.labels, line: (said) => speak(said.phrase, said.text) };
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

/** The options of each setting, as the command line names them. */
const OPTION_OF: Record<TrainSetting, string> = {
  hiddenSize: "--hidden-size",
  iterations: "--iterations",
  learningRate: "--learning-rate",
  seed: "--seed",
};

/** A setting given that the assignment's trainer does not read is exit 2, not silently ignored. */
function refuseUntaken(options: TrainOptions, trainer: Trainer): void {
  const takes = trainer.takes ?? (Object.keys(OPTION_OF) as TrainSetting[]);
  const given = (Object.keys(OPTION_OF) as TrainSetting[]).filter(
    (setting) => options.settings[setting] !== undefined,
  );
  if (options.sweep) given.push("hiddenSize");
  const refused = given.find((setting) => !takes.includes(setting));
  if (refused)
    throw new ExitError(
      2,
      `${options.sweep && refused === "hiddenSize" ? "--sweep" : OPTION_OF[refused]}: the trainer of ${options.assignment} does not take it (it takes ${takes.map((t) => OPTION_OF[t]).join(", ") || "no setting"})`,
    );
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
  print: (line: Said) => void,
  progress?: (line: string) => void,
  labels: Labels = en.labels,
): TrainResult {
  try {
    const train = () => trainer.train(module, settings, manifest.hyperparameters, print);
    return progress ? withProgress(train, progress, labels) : train();
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
export function withProgress<T>(
  train: () => T,
  show: (line: string) => void,
  labels: Labels = en.labels,
): T {
  const log = console.log;
  const start = performance.now();
  console.log = (...args: unknown[]) => {
    show("");
    log(...args);
    const reached = /^Cost after iteration (\d+)/.exec(String(args[0]));
    if (reached)
      show(
        labels.train.progress(
          reached[1] as string,
          ((performance.now() - start) / 1000).toFixed(1),
        ),
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
  refuseUntaken(options, loaded.trainer);
  const voice = await voiceOf(options.root, options.assignment, options.lang);
  const { labels } = voice;
  const say = (line: Said) => print(voice.line(line));
  const module = await loadModel(options.model, options.settings.modelName, loaded.trainer);
  if (options.sweep) return runSweep(options, loaded, module, options.sweep, print, labels);
  const result = trainOnce(loaded, module, options.settings, say, progress, labels);
  const panels = [
    { title: options.trainsReference ? labels.train.reference : labels.train.yours, result },
  ];
  if (options.reference) {
    // The reference with the same settings, quietly: its boundary and curve are the yardstick.
    const name = labels.train.referenceName;
    const reference = await loadModel(options.reference, name, loaded.trainer);
    const settings = { ...options.settings, modelName: name, quiet: true };
    panels.push({
      title: labels.train.reference,
      result: trainOnce(loaded, reference, settings, () => {}),
    });
  }
  const written = [
    await writePicture(
      `${options.pictures}.boundary.svg`,
      boundaries(
        panels.map((p) => ({ title: p.title, boundary: p.result.boundary })),
        labels,
      ),
    ),
    await writePicture(
      `${options.pictures}.cost.svg`,
      pictures().then(({ costSvg }) =>
        costSvg(
          panels.map((p) => ({
            title: p.title,
            costs: p.result.costs,
            costEvery: p.result.costEvery,
          })),
          labels.train,
        ),
      ),
    ),
  ].filter((path) => path !== undefined);
  if (written.length > 0)
    print(labels.train.pictures(written.map((p) => relative(process.cwd(), p)).join(", ")));
  return result;
}

/** The decision regions of the panels that have one, or nothing when none does. */
function boundaries(
  panels: { title: string; boundary: Boundary | undefined }[],
  labels: Labels,
  columns?: number,
): Promise<string> | undefined {
  const drawn = panels.flatMap(({ title, boundary }) => (boundary ? [{ title, boundary }] : []));
  return drawn.length > 0
    ? pictures().then(({ boundarySvg }) => boundarySvg(drawn, labels.train, columns))
    : undefined;
}

async function writePicture(
  path: string,
  svg: Promise<string> | undefined,
): Promise<string | undefined> {
  if (!svg) return undefined;
  ensureFolderOf(path);
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
  labels: Labels,
): Promise<TrainResult> {
  const results: { size: number; result: TrainResult }[] = [];
  const [sizeTitle, accuracyTitle, timeTitle] = labels.train.sweepHeader as [
    string,
    string,
    string,
  ];
  const [first, second] = [displayWidth(sizeTitle), Math.max(displayWidth(accuracyTitle), 8)];
  print(`${sizeTitle}   ${padStart(accuracyTitle, second)}   ${timeTitle}`);
  for (const size of sizes) {
    const settings = { ...options.settings, hiddenSize: size, quiet: true };
    const result = trainOnce(loaded, module, settings, () => {});
    results.push({ size, result });
    print(
      `${padStart(String(size), first)}   ${padStart(`${(100 * result.accuracy).toFixed(2)}%`, second)}   ${labels.train.seconds(result.seconds.toFixed(2))}`,
    );
  }
  const path = await writePicture(
    `${options.pictures}.sweep.svg`,
    boundaries(
      results.map(({ size, result }) => ({ title: `nH = ${size}`, boundary: result.boundary })),
      labels,
    ),
  );
  if (path) print(labels.train.pictures(relative(process.cwd(), path)));
  const best = results.reduce((a, b) => (b.result.accuracy > a.result.accuracy ? b : a));
  return best.result;
}
