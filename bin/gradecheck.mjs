#!/usr/bin/env node
// The installed `gradecheck` command: Node 20 cannot run TypeScript itself, so tsx loads the CLI.
import { register } from "tsx/esm/api";

register();
const { runProgram } = await import("../grader/cli.ts");
await runProgram();
