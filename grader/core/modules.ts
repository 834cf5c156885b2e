/**
 * Importing the package's TypeScript modules by path at run time (an assignment's cases, a
 * reference model): from the build in dist/ when this code runs from it (bin/bundle.mjs), else
 * the source itself, which tsx transforms.
 */
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILT_MODULES } from "./built-modules.ts";
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
  const name = relative(PACKAGE_ROOT, path);
  const bundled = BUILT_MODULES[name.split(sep).join("/")];
  if (bundled) return bundled() as Promise<T>;
  const built = join(PACKAGE_ROOT, "dist", name.replace(/\.ts$/, ".mjs"));
  return importModule(pathToFileURL(BUILT ? built : path).href) as Promise<T>;
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
  if (BUILT) ((await importModule("tsx/esm/api")) as typeof import("tsx/esm/api")).register();
  return importModule(pathToFileURL(path).href) as Promise<T>;
}

/** Set by bin/code-cache.mjs when this code runs as the build's classic script. */
const HOST_IMPORT = Symbol.for("gradecheck.import");

/**
 * `import()` of a module outside the code that runs: by the host's (bin/gradecheck.mjs's) where
 * this code runs as the build's classic script (bin/code-cache.mjs), which has no module loader
 * of its own to import with, else by this module's.
 */
function importModule(specifier: string): Promise<unknown> {
  const host = (globalThis as { [HOST_IMPORT]?: (specifier: string) => Promise<unknown> })[
    HOST_IMPORT
  ];
  return host ? host(specifier) : import(specifier);
}
