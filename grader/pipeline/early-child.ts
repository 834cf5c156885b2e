/**
 * The whole submission's child, started before the grade: the command line starts it while the
 * grader's own modules load, which takes about as long as Node's start in the child. It starts in
 * the bundle folder the grade then bundles into (GradeOptions' `wholeFolder`), as a spare
 * (`launch.ts`): the grade's sandbox for that folder takes it only if it would have started the
 * very same child.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Manifest } from "../core/manifest.ts";
import { isolation, unreachableFolder } from "../sandbox/isolation.ts";
import { childLaunch, dropSpare, giveFolder, startSpare } from "../sandbox/launch.ts";
import { type BundleFolder, bundleFolder } from "./bundle-folder.ts";

export interface EarlyChild {
  /** The folder, its child starting; rejected when none could be made. */
  folder: Promise<BundleFolder>;
  /** Once the grade is over: kills the child if no sandbox took it, and removes the folder. */
  stop(): Promise<void>;
}

/** A bundle folder with a child starting in it, for a grade under `limits`. */
export function startWholeChild(
  limits: Pick<Manifest["limits"], "heapMb" | "childCpuSeconds">,
): EarlyChild {
  const started = (async () => {
    // Probed at once (some 10 to 15 ms): the exit of a probe left to run alongside would be heard
    // only once the grade's modules had loaded.
    const protections = isolation();
    // Where the child could not reach its folder, the grade refuses before it makes any.
    const problem = unreachableFolder(protections, tmpdir());
    if (problem) throw new Error(problem);
    const folder = await bundleFolder();
    giveFolder(protections, folder.dir);
    const { heapMb, childCpuSeconds: cpuSeconds } = limits;
    const launch = childLaunch({ dir: folder.dir, heapMb, cpuSeconds }, protections);
    startSpare(launch);
    return { folder, launch };
  })();
  const folder = started.then((made) => made.folder);
  // A grade that ends before it asks for the folder (no submission there) leaves it unheard.
  folder.catch(() => undefined);
  return {
    folder,
    async stop() {
      const made = await started.catch(() => undefined);
      if (!made) return;
      dropSpare(made.launch);
      rmSync(made.folder.dir, { recursive: true, force: true });
    },
  };
}
