#!/usr/bin/env node
// The installed `gradecheck` command. It runs the build in dist/ (bin/bundle.mjs, made by
// `npm ci`) while the build matches the sources; otherwise the sources, which tsx transforms as
// they load (Node 20 cannot run TypeScript itself), as it does with GRADECHECK_FROM_SOURCE=1.
import module from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { COMPILE_CACHE, freshBuild } from "./bundle.mjs";
import { loadProgram } from "./code-cache.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
if (process.env.GRADECHECK_FROM_SOURCE !== "1" && freshBuild(root)) {
  // A command compiles about 1.7 MB of the build's JavaScript as it starts. The build records
  // V8's compiled code of it as one classic script (bin/code-cache.mjs), which runs where the
  // record fits this Node and its flags. Else the ES module build runs, which Node 22.1 and later
  // partly keep compiled between runs: here in the build's own folder, which only its owner may
  // write to and the next build replaces, never a temporary folder other users share. Node 20
  // has no such cache; where the folder cannot be written, Node goes on without one.
  const script = loadProgram(root);
  if (!script) module.enableCompileCache?.(join(root, COMPILE_CACHE));
  const { runProgram } = script?.program ?? (await import("../dist/grader/cli.mjs"));
  await runProgram();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { runProgram } = await import("../grader/cli.ts");
  await runProgram();
}
