/**
 * `gradecheck train`: trains a model of an assignment (by default the reference where there is
 * one, else the learner's working copy) with the assignment's own trainer (its manifest's
 * `train`), which prints what it did. It runs the model in this process: a learner's tool for
 * their own code, not grading.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { NotImplementedError } from "../../assignments/lib/np.ts";
import type { Trainer, TrainResult, TrainSettings } from "../core/assignment.ts";
import { loadManifest } from "../core/manifest.ts";
import { ExitError } from "./errors.ts";

export interface TrainOptions {
  root: string;
  assignment: string;
  /** Absolute path of the model.ts to train. */
  model: string;
  settings: TrainSettings;
}

async function importModule(path: string, name: string): Promise<Record<string, unknown>> {
  try {
    return await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ExitError(2, `could not load ${name}: ${(error as Error).message}`);
  }
}

export async function runTrain(
  { root, assignment, model, settings }: TrainOptions,
  print: (line: string) => void,
): Promise<TrainResult> {
  const folder = join(root, "assignments", assignment);
  const manifest = loadManifest(join(folder, "assignment.json"));
  if (!manifest.train) throw new ExitError(2, `assignment ${assignment} has no trainer`);
  const { trainer } = (await import(pathToFileURL(join(folder, manifest.train)).href)) as {
    trainer: Trainer;
  };
  const name = settings.modelName;
  const module = await importModule(model, name);
  for (const fn of trainer.uses) {
    if (typeof module[fn] !== "function")
      throw new ExitError(2, `${name} does not export a function named ${fn}`);
  }
  try {
    return trainer.train(module, settings, manifest.hyperparameters, print);
  } catch (error) {
    if (error instanceof NotImplementedError) throw new ExitError(1, `${name}: ${error.message}`);
    throw new ExitError(1, `${name} failed: ${(error as Error).stack ?? error}`);
  }
}
