/**
 * Attacks through the build: configuration files in the learner's folder (tsconfig.json `paths`
 * and `extends`, jsconfig.json, package.json `imports`), module names Node knows but the bundler
 * does not, text and file imports, imports the type checker alone would follow (an import type, a
 * triple-slash reference), a classmate's folder and a linked folder. The build must read nothing
 * but the submission: each either fails to build, saying which import is refused, or is graded
 * exactly as without the attack; and the hostile test checks that SECRET appears nowhere.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  atStartOf,
  atTop,
  type Context,
  type HostileCase,
  predictReturning,
  SECRET,
  unharmed,
} from "./hostile-kit.ts";

/** A configuration file in the learner's folder. */
const config = (name: string, content: (c: Context) => unknown) => (c: Context) =>
  writeFileSync(join(c.folder, name), JSON.stringify(content(c)));

/** A model that is nothing but a re-export of `specifier`: full marks if it reaches the reference. */
const reExport = (specifier: string) => () => `export * from ${JSON.stringify(specifier)};\n`;

const refused = (specifier: string): HostileCase["verdict"] => ({
  kind: "build-error",
  message: new RegExp(`cannot import "${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`),
});

export const buildCases: HostileCase[] = [
  {
    name: "tsconfig-paths-to-reference",
    attack:
      "re-exports readline/promises (Node has it, the bundler does not) with a tsconfig.json that maps it to the reference",
    source: reExport("readline/promises"),
    files: config("tsconfig.json", (c) => ({
      compilerOptions: { baseUrl: ".", paths: { "readline/promises": [c.reference] } },
    })),
    verdict: refused("readline/promises"),
  },
  {
    name: "jsconfig-paths-to-reference",
    attack: "re-exports inspector/promises with a jsconfig.json that maps it to the reference",
    source: reExport("inspector/promises"),
    files: config("jsconfig.json", (c) => ({
      compilerOptions: { paths: { "inspector/promises": [c.reference] } },
    })),
    verdict: refused("inspector/promises"),
  },
  {
    name: "tsconfig-paths-any-name",
    attack: "maps a made-up module name and a wildcard to the reference in tsconfig.json",
    source: reExport("answers"),
    files: config("tsconfig.json", (c) => ({
      compilerOptions: { paths: { answers: [c.reference], "*": [c.reference] } },
    })),
    verdict: refused("answers"),
  },
  {
    name: "tsconfig-extends-secret",
    attack: "a tsconfig.json that extends a secret file (a build error would quote it)",
    source: (c) => c.base,
    files: config("tsconfig.json", (c) => ({ extends: c.secretText })),
    verdict: { kind: "graded" },
  },
  {
    name: "package-json-imports",
    attack: "imports #answers, which its package.json maps to the reference",
    source: reExport("#answers"),
    files: config("package.json", (c) => ({
      type: "module",
      imports: { "#answers": c.reference },
    })),
    verdict: refused("#answers"),
  },
  {
    name: "text-import",
    attack: "imports a secret file as text, with an import attribute",
    source: (c) =>
      `import secret from ${JSON.stringify(c.secretText)} with { type: "text" };\nexport const leaked = secret;\n`,
    verdict: { kind: "build-error", message: /import attributes/ },
  },
  {
    name: "environ-import",
    attack: "imports /proc/self/environ (the grader's environment)",
    source: reExport("/proc/self/environ"),
    verdict: refused("/proc/self/environ"),
  },
  {
    name: "data-url-import",
    attack: "imports a data: URL (a loader other than the submission's own files)",
    source: reExport("data:text/javascript,export const predict = () => 1;"),
    verdict: { kind: "build-error", message: /it is not a file of the submission/ },
  },
  {
    name: "own-text-file",
    attack: "imports a text file of its own folder (only TypeScript and JavaScript are bundled)",
    source: reExport("./notes.txt"),
    files: (c) => writeFileSync(join(c.folder, "notes.txt"), "export const x = 1;\n"),
    verdict: refused("./notes.txt"),
  },
  {
    name: "imports-classmate",
    attack: "imports a classmate's model.ts from the folder next to its own",
    source: (c) =>
      atTop(
        predictReturning(c.base, "  return solved(parameters, X);"),
        'import { predict as solved } from "../honest-reference/model.ts";',
      ),
    verdict: refused("../honest-reference/model.ts"),
  },
  {
    name: "linked-folder",
    attack: "imports a file through a folder of its own that is a symbolic link to the reference's",
    source: reExport("./lib/model.ts"),
    files: (c) => symlinkSync(join(c.reference, ".."), join(c.folder, "lib")),
    verdict: refused("./lib/model.ts"),
  },
  {
    name: "glob-import",
    attack:
      "imports the reference through a template-literal path (the bundler takes in every file the pattern matches)",
    source: (c) =>
      atTop(
        c.base,
        // Enough ../ to reach / from wherever the file is bundled, then the reference's folder.
        `export const solved = (name: string) => require(\`${"../".repeat(24)}${join(c.reference, "..").slice(1)}/\${name}.ts\`);`,
      ),
    verdict: { kind: "build-error", message: /an import reaches a file outside the submission/ },
  },
  {
    name: "runtime-by-name",
    attack:
      "imports the child runner by the name the bundle's own code imports it with, from beside the bundle",
    source: (c) => atTop(c.base, 'import { run } from "./gradecheck-runner.mjs";\nvoid run;'),
    verdict: refused("./gradecheck-runner.mjs"),
  },
  {
    name: "source-map-comment",
    attack:
      "a helper whose source map comment names a secret source map (esbuild would put its sources into the bundle, which the learner's code can read and print)",
    source: (c) =>
      atTop(
        atStartOf(
          c.base,
          "predict",
          '  const map = Buffer.from(readFileSync(new URL(import.meta.url), "utf8").split("base64,").pop() ?? "", "base64").toString();\n  console.log(map.includes("secret-" + "sources") ? "map read" : "map not read");',
        ),
        'import { readFileSync } from "node:fs";\nimport "./helper.js";',
      ),
    files: (c) => {
      const map = join(c.folder, "..", "..", "secret.map");
      writeFileSync(
        map,
        JSON.stringify({
          version: 3,
          sources: ["s.ts"],
          sourcesContent: [`secret-sources ${SECRET}`],
          mappings: "AAAA",
        }),
      );
      writeFileSync(
        join(c.folder, "helper.js"),
        `export const x = 1;\n//# sourceMappingURL=${map}\n`,
      );
    },
    verdict: unharmed(/map not read/),
  },
  {
    name: "nested-helper",
    attack: "(honest) imports a helper from a subfolder of its own",
    source: (c) =>
      atTop(
        predictReturning(c.base, "  return threshold(forwardPropagation(X, parameters).A2);"),
        'import { threshold } from "./util/threshold.ts";',
      ),
    files: (c) => {
      mkdirSync(join(c.folder, "util"));
      writeFileSync(
        join(c.folder, "util", "threshold.ts"),
        'import { type NDArray, np } from "gradecheck/np";\nexport const threshold = (A2: NDArray): NDArray => np.where(np.greater(A2, 0.5), 1, 0);\n',
      );
    },
    verdict: { kind: "graded" },
  },
  {
    name: "import-type-secret",
    attack:
      "an import type of a secret module (types are stripped for the build; the type checker would read it and quote its literal type)",
    source: (c) =>
      atTop(
        c.base,
        `type Secret = typeof import(${JSON.stringify(c.secretModule)});\nexport const leak: number = null as unknown as Secret["SECRET"];`,
      ),
    verdict: { kind: "graded", warning: /TS2307/ },
  },
  {
    name: "triple-slash-secret",
    attack: "a triple-slash reference to a secret module, and a use of what it declares",
    source: (c) =>
      `/// <reference path=${JSON.stringify(c.secretModule)} />\n${atTop(c.base, "export const leak: number = SECRET_VALUE;")}`,
    // Never read: the name is unknown to the type checker and, at run time, to the module.
    verdict: { kind: "unloadable", message: /SECRET_VALUE is not defined/ },
  },
];
