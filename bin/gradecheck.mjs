#!/usr/bin/env node
// The installed `gradecheck` command. It runs the build in dist/ (bin/bundle.mjs, made by
// `npm ci`) while the build matches the sources; otherwise the sources, which tsx transforms as
// they load (Node 20 cannot run TypeScript itself), as it does with GRADECHECK_FROM_SOURCE=1.
import { fileURLToPath } from "node:url";
import { freshBuild } from "./bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
if (process.env.GRADECHECK_FROM_SOURCE !== "1" && freshBuild(root)) {
  const { runProgram } = await import("../dist/grader/cli.mjs");
  await runProgram();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { runProgram } = await import("../grader/cli.ts");
  await runProgram();
}
