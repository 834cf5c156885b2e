/**
 * The corpus's bugs as modules to import: the reference with one bug applied, written inside the
 * repository (so that its `gradecheck/np` import resolves) in a folder of the test file's own,
 * removed after its tests.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { applyBug, bugs, referenceSource } from "../corpus/bugs.ts";

/** Call at a test file's top level: `folder` is its own, under test/.generated. */
export function mutants(folder: string): (name: string) => Promise<Record<string, unknown>> {
  const dir = join(PACKAGE_ROOT, "test/.generated", folder);
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return async (name) => {
    const bug = bugs.find((b) => b.name === name);
    if (!bug) throw new Error(`no corpus bug named ${name}`);
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.ts`);
    writeFileSync(file, applyBug(referenceSource(), bug));
    return (await import(file)) as Record<string, unknown>;
  };
}
