/**
 * The command's build. Node 20 cannot run TypeScript, so without it every command starts by
 * having tsx transform about 150 modules. The build bundles grader/cli.ts, with every module the
 * grader imports by path at run time (each assignment's cases.ts, each reference model and its
 * cases), into plain JavaScript in dist/. The entries share their common modules as chunks, so a
 * class such as NDArray exists once, whichever entry loaded it. It also holds the sandboxed
 * child's runtime, which every submission's bundle is written beside (grader/pipeline/runtime.ts).
 *
 *     node bin/bundle.mjs        (npm's `prepare`: `npm ci` builds it)
 *
 * A build records the entries it had and every source file it was made from (size and
 * modification time). `freshBuild` says whether it still matches them; bin/gradecheck.mjs runs
 * the sources under tsx when it does not, so an edited source is never graded with an old build.
 * Plain JavaScript, as it runs before anything is built.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CODE, RECORD_CODE_TO, SCRIPT } from "./code-cache.mjs";

const OUT = "dist";
const RECORD = "build.json";
/** Where Node 22.1 and later keep compiled code of the ES module build (bin/gradecheck.mjs). */
export const COMPILE_CACHE = `${OUT}/compile-cache`;
/** Where the build holds the array module's declarations (grader/pipeline/typecheck.ts reads them). */
const TYPES = "types";

/**
 * What the build holds, relative to the package root: the command line, and per assignment the
 * modules `loadAssignment` imports.
 */
export function entryPoints(root) {
  const entries = ["grader/cli.ts", "grader/pipeline/runtime.ts"];
  for (const [side, files] of [
    ["assignments", ["cases.ts"]],
    ["reference", ["model.ts", "cases.ts"]],
  ]) {
    const dir = join(root, side);
    if (!existsSync(dir)) continue;
    for (const folder of readdirSync(dir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of files)
        if (existsSync(join(dir, folder.name, file)))
          entries.push(`${side}/${folder.name}/${file}`);
    }
  }
  return entries.sort();
}

/** Whether dist/ holds a build of the sources as they are now. */
export function freshBuild(root) {
  let record;
  try {
    record = JSON.parse(readFileSync(join(root, OUT, RECORD), "utf8"));
  } catch {
    return false;
  }
  if (JSON.stringify(record.entries) !== JSON.stringify(entryPoints(root))) return false;
  for (const [file, size, mtimeMs] of record.inputs) {
    let stat;
    try {
      stat = statSync(join(root, file));
    } catch {
      return false;
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

/**
 * Builds dist/ afresh (into a folder of its own first, so no command sees half a build); then,
 * unless `recordCode` is false, records V8's code of the command's classic script (`recordCode`).
 */
export async function buildBundle(root, { recordCode: record = true } = {}) {
  const { build } = await import("esbuild");
  const entries = entryPoints(root);
  const staging = join(root, `${OUT}.${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    ...commonOptions(root),
    entryPoints: entries,
    outdir: staging,
    outbase: ".",
    entryNames: "[dir]/[name]",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    splitting: true,
    format: "esm",
    metafile: true,
  });
  await buildScript(build, root, staging, entries);
  // The sandboxed child's runtime (grader/pipeline/runtime.ts), bundled by the build just made.
  const runtime = await import(pathToFileURL(join(staging, "grader/pipeline/runtime.mjs")).href);
  const { files, inputs: runtimeInputs } = await runtime.bundleRuntime();
  mkdirSync(join(staging, runtime.RUNTIME_FOLDER));
  for (const { name, contents, map } of files) {
    await writeFile(join(staging, runtime.RUNTIME_FOLDER, name), contents);
    if (map) await writeFile(join(staging, runtime.RUNTIME_FOLDER, `${name}.map`), map);
  }
  declareArrayModule(root, join(staging, TYPES));
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...runtimeInputs])]
    .filter((file) => !file.startsWith("deferred:"))
    .sort()
    .map((file) => {
      const stat = statSync(join(root, file));
      return [file.split(sep).join("/"), stat.size, stat.mtimeMs];
    });
  await writeFile(join(staging, RECORD), `${JSON.stringify({ entries, inputs }, null, 1)}\n`);
  rmSync(join(root, OUT), { recursive: true, force: true });
  renameSync(staging, join(root, OUT));
  recordVerifiedExpected(root);
  if (record) recordCode(root);
  return { entries: entries.length, inputs: inputs.length };
}

/** What both forms of the build share: what they bundle, and how. */
function commonOptions(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    // Dependencies are bundled too (Node then resolves and parses fewer files), except those that
    // must stay where they are installed: esbuild and tsx start programs of their own, and vega
    // (with vega-lite) is large and loaded only when a picture is drawn.
    external: ["esbuild", "tsx", "tsx/*", "vega", "vega-lite", "typescript"],
    define: { __GRADECHECK_BUILD__: "true" },
    logLevel: "warning",
    plugins: [
      {
        // string-width builds its Unicode tables as it is imported (an Intl.Segmenter and four
        // Unicode-property expressions: about 30 ms of every command's start), though only a
        // table laid out in columns or yargs' help measures text. Imported through this module,
        // it is set up at its first use: esbuild starts a module that is require()d when it is.
        name: "deferred-string-width",
        setup(b) {
          // By the importer's folder: yargs' own modules have their own copies of it.
          b.onResolve({ filter: /^string-width$/ }, ({ namespace, resolveDir }) =>
            namespace === "deferred" ? undefined : { path: resolveDir, namespace: "deferred" },
          );
          b.onLoad({ filter: /.*/, namespace: "deferred" }, ({ path }) => ({
            contents:
              'export default (text, options) => require("string-width").default(text, options);',
            resolveDir: path,
            loader: "js",
          }));
        },
      },
      {
        // The package's own array module, by the name learners import it with.
        name: "self-reference",
        setup(b) {
          b.onResolve({ filter: /^gradecheck\/np$/ }, () => ({
            path: join(root, "assignments/lib/np.ts"),
          }));
        },
      },
    ],
  };
}

/**
 * The command as one classic script (bin/code-cache.mjs runs it with V8's compiled code): the
 * command line and every module it imports by path (`entries` but the runtime), which
 * grader/core/built-modules.ts lists for it. Every character ASCII, so that it reads fast as
 * Latin-1: esbuild escapes the code's own, and the comments, which it keeps, go.
 */
async function buildScript(build, root, staging, entries) {
  const modules = entries.filter((entry) => /^(assignments|reference)\//.test(entry));
  const table = modules
    .map(
      (entry) => `  ${JSON.stringify(entry)}: () => import(${JSON.stringify(join(root, entry))}),`,
    )
    .join("\n");
  const common = commonOptions(root);
  const { outputFiles } = await build({
    ...common,
    stdin: {
      contents: 'export { runProgram, STARTING_V8_FLAGS } from "./grader/cli.ts";',
      resolveDir: root,
      sourcefile: "gradecheck-script.ts",
      loader: "ts",
    },
    write: false,
    format: "cjs",
    charset: "ascii",
    // A classic script has no import.meta: its own file's URL, from the wrapper's __filename.
    define: { ...common.define, "import.meta.url": "__gradecheckScriptUrl" },
    banner: { js: 'var __gradecheckScriptUrl=require("node:url").pathToFileURL(__filename).href;' },
    plugins: [
      ...common.plugins,
      {
        name: "built-modules",
        setup(b) {
          b.onLoad({ filter: /[\\/]grader[\\/]core[\\/]built-modules\.ts$/ }, () => ({
            contents: `export const BUILT_MODULES = {\n${table}\n};`,
            loader: "ts",
          }));
        },
      },
    ],
  });
  const [script] = outputFiles;
  await writeFile(join(staging, basename(SCRIPT)), await withoutComments(script.text));
}

/**
 * `code` without its comments, each left as the line breaks it held (a space where it held none):
 * the same lines, so that an error's line of code, which Node prints above an uncaught one, is
 * one line of it.
 */
async function withoutComments(code) {
  const { parse } = await import("acorn");
  const comments = [];
  parse(code, {
    ecmaVersion: "latest",
    allowReturnOutsideFunction: true,
    onComment: (_block, text, start, end) => comments.push({ start, end, text }),
  });
  let kept = "";
  let at = 0;
  for (const { start, end, text } of comments) {
    kept += code.slice(at, start) + ("\n".repeat(text.split("\n").length - 1) || " ");
    at = end;
  }
  return kept + code.slice(at);
}

/**
 * Records V8's compiled code of the command's classic script in the build just made
 * (bin/code-cache.mjs): a grade of each assignment's stubs in turn, each adding the functions it
 * compiled, under this Node. Should it fail, commands run the ES module build, as without it.
 */
export function recordCode(root) {
  const folder = mkdtempSync(join(root, OUT, "code-"));
  const code = join(folder, "code");
  try {
    const ids = entryPoints(root).flatMap(
      (entry) => /^assignments\/([^/]+)\/cases\.ts$/.exec(entry)?.[1] ?? [],
    );
    let last;
    for (const id of ids) {
      const stubs = join(root, "assignments", id, "model.ts");
      if (!existsSync(stubs)) continue;
      last = spawnSync(
        process.execPath,
        [
          join(root, "bin/gradecheck.mjs"),
          "grade",
          "--assignment",
          id,
          stubs,
          "--quiet",
          "--out",
          join(folder, "report.json"),
        ],
        { encoding: "utf8", env: { ...process.env, [RECORD_CODE_TO]: code } },
      );
    }
    if (existsSync(code) && existsSync(`${code}.json`)) {
      renameSync(code, join(root, CODE));
      renameSync(`${code}.json`, join(root, `${CODE}.json`));
      return;
    }
    // The last grade's own words say why (none: no assignment has stubs to grade).
    const said = last ? `${last.stderr}${last.error ?? ""}`.trim() : "";
    const why = said ? `:\n${said}` : " (no assignment has stubs to grade)";
    process.stderr.write(
      `gradecheck build: V8's code of the command could not be recorded; commands run the ES modules, compiling as they go${why}\n`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Has the build just made record which expected.json files its reference makes again to the byte
 * (grader/pipeline/verified.ts): a grade from the build then judges their visible tests against
 * them without running the reference. In a process of its own, which loads the build: this one
 * may replace the build later, and must not hold its modules. Should it fail, the build is still
 * whole, and the reference works out every answer, as without a record.
 */
function recordVerifiedExpected(root) {
  const cli = pathToFileURL(join(root, OUT, "grader/cli.mjs")).href;
  const script = `const { recordVerifiedExpected } = await import(${JSON.stringify(cli)});\nawait recordVerifiedExpected(${JSON.stringify(root)});`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  if (run.status !== 0)
    process.stderr.write(
      `gradecheck build: could not check the expected.json files against the reference; every grade runs it:\n${run.stderr}`,
    );
}

/**
 * The array module's declarations (assignments/lib as .d.ts files), which the type check of a
 * submission reads instead of the module's sources: the compiler then checks the learner's files
 * against its types without checking the module's own code again each time (a quarter of each
 * check's CPU, measured). Left out where TypeScript is not installed, as the check then is.
 */
function declareArrayModule(root, out) {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  if (!existsSync(tsc)) return;
  const lib = join(root, "assignments/lib");
  const config = join(root, `${OUT}.${process.pid}.types.json`);
  // The package's own settings, with which `npm run typecheck` checks the module.
  writeFileSync(
    config,
    JSON.stringify({
      extends: "./tsconfig.json",
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: lib,
        outDir: out,
      },
      files: readdirSync(lib)
        .filter((file) => file.endsWith(".ts"))
        .map((file) => join(lib, file)),
      include: [],
    }),
  );
  const made = spawnSync(process.execPath, [tsc, "-p", config], { encoding: "utf8" });
  rmSync(config, { force: true });
  if (made.status !== 0) {
    // The check then reads the module's sources, as it does run from them: slower, as right.
    rmSync(out, { recursive: true, force: true });
    console.warn(
      `gradecheck: the array module's declarations could not be made; the type check reads its sources\n${made.stdout}${made.stderr}`,
    );
  }
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === "") {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const { entries, inputs } = await buildBundle(root);
  console.log(`gradecheck: built ${entries} entries from ${inputs} files into ${OUT}/`);
}
