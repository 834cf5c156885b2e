/**
 * Importing the package's TypeScript modules by path at run time (an assignment's cases, a
 * reference model): from the build in dist/ when this code runs from it (bin/bundle.mjs), else
 * the source itself, which tsx transforms.
 */
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "./paths.ts";

// Replaced by `true` in the build (esbuild's define); undeclared, so `undefined`, in the sources.
declare const __GRADECHECK_BUILD__: boolean | undefined;
const BUILT = typeof __GRADECHECK_BUILD__ !== "undefined" && __GRADECHECK_BUILD__;

/**
 * The module at `path`, a source file of the package. The build holds every module the grader
 * imports this way (its entries), at the same place under dist/ with .mjs for .ts, and is only
 * run while it matches the sources.
 */
export function importSource<T>(path: string): Promise<T> {
  const built = join(PACKAGE_ROOT, "dist", relative(PACKAGE_ROOT, path).replace(/\.ts$/, ".mjs"));
  return import(pathToFileURL(BUILT ? built : path).href) as Promise<T>;
}

/** Where the build holds `name` (a path under dist/), when this code runs from the build. */
export function inBuild(name: string): string | undefined {
  return BUILT ? join(PACKAGE_ROOT, "dist", name) : undefined;
}

/**
 * A module that runs from its source even in the build: one that imports the learner's own code,
 * which changes after the build was made (tsx is registered first, when running from the build).
 */
export async function importFromSource<T>(path: string): Promise<T> {
  if (BUILT) (await import("tsx/esm/api")).register();
  return import(pathToFileURL(path).href) as Promise<T>;
}
