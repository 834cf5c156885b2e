/**
 * `gradecheck stubs`: writes each assignment's learner stub from its reference solution, or with
 * `check` only reports the stubs that are out of date.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { generateStub, StubError } from "../pipeline/stubs.ts";
import { ExitError } from "./errors.ts";

export interface StubsOptions {
  /** Folder holding `reference/` and `assignments/`. */
  root: string;
  /** Compare only; write nothing. */
  check: boolean;
  /** Overwrite stubs even where a learner has already written functions. */
  force: boolean;
}

export interface StubsResult {
  /** Stub files (relative to root) that were written, or with `check`, that are out of date. */
  changed: string[];
  unchanged: string[];
  /** Out-of-date stubs left alone because they hold learner work (functions written). */
  kept: { file: string; written: string[] }[];
}

/** The reference model files, one per assignment (reference/<name>/model.ts), and their stubs. */
export function referenceModels(root: string): { reference: string; stub: string }[] {
  const referenceDir = join(root, "reference");
  return readdirSync(referenceDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(referenceDir, entry.name, "model.ts")),
    )
    .map((entry) => ({
      reference: join(referenceDir, entry.name, "model.ts"),
      stub: join(root, "assignments", entry.name, "model.ts"),
    }));
}

/**
 * Functions whose stub body a learner has replaced: the stub throws NotImplementedError for them,
 * the current file no longer does.
 */
export function writtenFunctions(stub: string, current: string): string[] {
  const throws = [...stub.matchAll(/throw new NotImplementedError\("([^"]+)"\);/g)];
  return throws.filter((match) => !current.includes(match[0])).map((match) => match[1] as string);
}

export function runStubs({ root, check, force }: StubsOptions): StubsResult {
  const result: StubsResult = { changed: [], unchanged: [], kept: [] };
  for (const { reference, stub } of referenceModels(root)) {
    let expected: string;
    try {
      expected = generateStub(readFileSync(reference, "utf8"), relative(root, reference));
    } catch (error) {
      if (error instanceof StubError) throw new ExitError(2, error.message);
      throw error;
    }
    const current = existsSync(stub) ? readFileSync(stub, "utf8") : undefined;
    const name = relative(root, stub);
    if (current === expected) {
      result.unchanged.push(name);
      continue;
    }
    const written = current === undefined ? [] : writtenFunctions(expected, current);
    if (!check && !force && written.length > 0) {
      result.kept.push({ file: name, written });
      continue;
    }
    result.changed.push(name);
    if (!check) writeFileSync(stub, expected);
  }
  return result;
}

/** The command: writes (or checks) the stubs, says what it did, and fails on what it could not. */
export function runStubsCommand(options: StubsOptions, print: (line: string) => void): void {
  const { changed, unchanged, kept } = runStubs(options);
  if (options.check && changed.length > 0) {
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
}
