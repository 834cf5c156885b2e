/**
 * Where a command writes: a folder made as `mkdir -p` would, or an exit 2 that names the path and
 * why it cannot be (a file in the way, no permission, a read-only or virtual file system such as
 * /proc, where Node's own recursive mkdir never returns).
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ExitError } from "./errors.ts";

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** Makes `folder` and the folders above it that are missing. */
export function ensureFolder(folder: string): void {
  const path = resolve(folder);
  try {
    if (statSync(path).isDirectory()) return;
    throw new ExitError(2, `cannot write into ${folder}: it is a file, not a folder`);
  } catch (error) {
    if (error instanceof ExitError) throw error;
    if (codeOf(error) !== "ENOENT")
      throw new ExitError(2, `cannot write into ${folder} (${codeOf(error)})`);
  }
  const parent = dirname(path);
  if (parent !== path) ensureFolder(parent);
  try {
    mkdirSync(path);
  } catch (error) {
    if (codeOf(error) !== "EEXIST")
      throw new ExitError(2, `cannot create the folder ${folder} (${codeOf(error)})`);
  }
}

/** Makes the folder a file is to be written into. */
export const ensureFolderOf = (file: string): void => ensureFolder(dirname(resolve(file)));
