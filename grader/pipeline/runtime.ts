/**
 * The child's runtime: all the code a sandboxed child runs besides the learner's own (the module
 * it starts with, the runner that answers the grader, the array module, the stand-ins' side),
 * bundled once and written into each bundle's folder before the bundle (so that its child can
 * start meanwhile). A submission's bundle then holds its own files only, and imports the
 * runtime's files by name: bundling a submission reads a file or two instead of the forty of the
 * runtime, twice per grade (the second bundle judges each function alone). The command's build
 * holds the runtime (bin/bundle.mjs); run from the sources, a process bundles it once.
 *
 * Each runtime file has a source map, with the grader's own files by absolute address, which stays
 * with the grader: a child given the maps would read them all at its start (Node parses a source
 * map when it loads the module), 17 ms of each child's start for a stack trace it seldom has. The
 * grader maps the runtime's frames of a stack it receives instead (`runtimeFrames`), so that a
 * trace through the array module names its files wherever the bundle's folder is.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inBuild } from "../core/modules.ts";
import { PACKAGE_ROOT } from "../core/paths.ts";
import { START_MODULE } from "../sandbox/protocol.ts";
import { build, type OutputFile } from "./esbuild.ts";

/** What a submission's bundle imports: by these names, from its own folder. */
export const RUNTIME = {
  /** The array module: what `gradecheck/np` names. */
  np: "./gradecheck-np.mjs",
  /**
   * The child runner (`run`) and the stand-ins' side (`answerWith`, `ownFunction`, `register`,
   * `standIn`).
   */
  runner: "./gradecheck-runner.mjs",
} as const;

/** The runtime's folder in the command's build (dist/). */
export const RUNTIME_FOLDER = "runtime";

export interface RuntimeFile {
  name: string;
  contents: string;
  /** Its source map (JSON), which is not written into the bundle's folder. */
  map?: string;
}

const RUNNER_ENTRY = "gradecheck-runtime:runner";

let made: Promise<RuntimeFile[]> | undefined;
/** The runtime's files once made: what `runtimeFrames` maps stack frames with. */
let madeFiles: RuntimeFile[] | undefined;

/** The runtime's files: the build's, else bundled at the first call of the process. */
export function childRuntime(): Promise<RuntimeFile[]> {
  if (!made) {
    const built = inBuild(RUNTIME_FOLDER);
    made = built ? Promise.resolve(readRuntime(built)) : bundleRuntime().then((r) => r.files);
    made.then(
      (files) => {
        madeFiles = files;
      },
      // A failed bundling is tried again by the next submission, not remembered.
      () => {
        made = undefined;
      },
    );
  }
  return made;
}

/** Writes the runtime into a submission's bundle folder. */
export async function writeRuntime(dir: string): Promise<void> {
  for (const { name, contents } of await childRuntime()) writeFileSync(join(dir, name), contents);
}

function readRuntime(dir: string): RuntimeFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".mjs"))
    .map((name) => {
      const map = join(dir, `${name}.map`);
      return {
        name,
        contents: readFileSync(join(dir, name), "utf8"),
        ...(existsSync(map) ? { map: readFileSync(map, "utf8") } : {}),
      };
    });
}

/** The runtime's source maps, parsed when a stack first needs them. */
const parsedMaps = new WeakMap<RuntimeFile, SourceMap>();

/**
 * A frame's place in a file of the runtime: `file:///…/gradecheck-….mjs:line:column`. It starts
 * where a word does, so that a stack a learner made up cannot make the search quadratic.
 */
const RUNTIME_FRAME = /(?<![^\s(])[^\s()]*\/(gradecheck-[\w-]+\.mjs):(\d+):(\d+)/g;

/**
 * `stack` with each frame in a file of the child's runtime (in whatever bundle folder) put at its
 * source, `/path/to/source.ts:line:column`, as Node writes a mapped frame. A frame the maps do not
 * cover, or a stack met before the runtime was made, stays as it is.
 */
export function runtimeFrames(stack: string): string {
  const files = madeFiles;
  if (!files) return stack;
  return stack.replace(RUNTIME_FRAME, (frame, name: string, line: string, column: string) => {
    const file = files.find((f) => f.name === name);
    if (!file?.map) return frame;
    let map = parsedMaps.get(file);
    if (!map) {
      map = new SourceMap(JSON.parse(file.map));
      parsedMaps.set(file, map);
    }
    // An empty object where the maps cover no code there.
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!("originalSource" in entry)) return frame;
    const source = entry.originalSource.startsWith("file://")
      ? fileURLToPath(entry.originalSource)
      : entry.originalSource;
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/**
 * Bundles the runtime from the package's sources: its files, and the sources it was made from
 * (relative to the package, as the build records them).
 */
export async function bundleRuntime(): Promise<{ files: RuntimeFile[]; inputs: string[] }> {
  // Where esbuild is told the files go (they are not written there): what the maps are relative to.
  const out = join(PACKAGE_ROOT, RUNTIME_FOLDER);
  const { outputFiles, metafile } = await build({
    entryPoints: {
      "gradecheck-np": join(PACKAGE_ROOT, "assignments/lib/np.ts"),
      "gradecheck-runner": RUNNER_ENTRY,
      [START_MODULE.replace(/\.mjs$/, "")]: join(PACKAGE_ROOT, "grader/sandbox/start.ts"),
    },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir: out,
    chunkNames: "gradecheck-[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    tsconfigRaw: {},
    sourcemap: "external",
    sourcesContent: false,
    absWorkingDir: PACKAGE_ROOT,
    logLevel: "silent",
    write: false,
    metafile: true,
    plugins: [
      {
        name: "runtime-entry",
        setup(b) {
          b.onResolve({ filter: /^gradecheck-runtime:runner$/ }, ({ path }) => ({
            path,
            namespace: "gradecheck-runtime",
          }));
          b.onLoad({ filter: /.*/, namespace: "gradecheck-runtime" }, () => ({
            contents: [
              `export { run } from ${JSON.stringify(join(PACKAGE_ROOT, "grader/sandbox/child.ts"))};`,
              `export { answerWith, ownFunction, register, standIn } from ${JSON.stringify(join(PACKAGE_ROOT, "grader/sandbox/stand-ins.ts"))};`,
            ].join("\n"),
            resolveDir: PACKAGE_ROOT,
            loader: "js",
          }));
        },
      },
    ],
  });
  const maps = new Map(
    outputFiles.filter((f) => f.path.endsWith(".map")).map((f) => [f.path, f] as const),
  );
  const files = outputFiles
    .filter((file) => file.path.endsWith(".mjs"))
    .map((file) => {
      const map = maps.get(`${file.path}.map`);
      return {
        name: file.path.slice(out.length + 1),
        // Without the comment that names the map: Node would look for it at every child's start.
        contents: file.text.replace(/\/\/# sourceMappingURL=\S+\s*$/, ""),
        ...(map ? { map: absoluteSources(map, out) } : {}),
      };
    });
  const inputs = Object.keys(metafile.inputs).filter((input) => !input.includes(":"));
  return { files, inputs };
}

/** A source map with its sources by absolute address. */
function absoluteSources(map: OutputFile, out: string): string {
  const parsed = JSON.parse(map.text) as { sources: string[] };
  parsed.sources = parsed.sources.map((source) => pathToFileURL(resolve(out, source)).href);
  return JSON.stringify(parsed);
}
