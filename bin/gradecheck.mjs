#!/usr/bin/env node
// The installed `gradecheck` command: Node 20 cannot run TypeScript itself, so tsx loads the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../grader/cli.ts");
const { hideBin } = await import("yargs/helpers");
process.exitCode = await main(hideBin(process.argv), process.cwd());
