/**
 * A bundle's folder: made, with the runtime in it, before the bundle, so that a child can start
 * in it while the submission is bundled. Apart from build.ts, so that the command line can make
 * one while the grader's own modules load (early-start.ts).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { writeRuntime } from "./runtime.ts";
import { temporaryFolder } from "./tempdirs.ts";

export interface BundleFolder {
  dir: string;
  /** Where the bundle's entry will be. */
  entry: string;
}

/** The name of a bundle's entry, in its folder. */
export const ENTRY = "child";

/** A fresh folder for a bundle, with the runtime written into it. */
export async function bundleFolder(): Promise<BundleFolder> {
  const dir = temporaryFolder("bundle-");
  try {
    await writeRuntime(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, entry: join(dir, `${ENTRY}.mjs`) };
}
