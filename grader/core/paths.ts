import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The gradecheck package's own folder, where `assignments/` and `reference/` live: the nearest
 * folder above this module with a package.json. This module runs from grader/core/, or from a
 * chunk of the build in dist/.
 */
export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`gradecheck: no package.json above ${from}`);
  }
}
