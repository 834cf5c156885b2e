/**
 * The source side of judging each function alone. In the second bundle (`buildAlone`), every
 * top-level declaration of an assignment function in the learner's files is renamed, and the name
 * is imported from the stand-ins module instead (`sandbox/stand-ins.ts`): so every use of the
 * name reaches the stand-in, however the learner calls it (a direct call, a local alias, an
 * import of it from another file, a namespace, a self-import), while the grader still calls the
 * learner's own function, registered under its name.
 *
 *     export function predict(p, X) { … forwardPropagation(X, p) … }
 *     export function forwardPropagation(X, p) { … }
 * becomes
 *     import { forwardPropagation, predict, register } from "gradecheck:stand-ins"; register(…);
 *     export function __gradecheck_own_predict(p, X) { … forwardPropagation(X, p) … }
 *     export function __gradecheck_own_forwardPropagation(X, p) { … }
 *     export { forwardPropagation, predict };
 *
 * The import goes on the first line, so that line numbers (and the learner's stack traces) stay.
 */
import type { Program } from "acorn";

/** The module the rewritten files import their stand-ins from. */
export const STAND_INS_MODULE = "gradecheck:stand-ins";

const OWN_PREFIX = "__gradecheck_own_";
const REGISTER = "__gradecheck_register";

/** A top-level declaration of one of the names: where its identifier is. */
export interface Declaration {
  name: string;
  start: number;
  end: number;
  /** Declared with `export` in front (`export function f`), so the file exports the name. */
  exported: boolean;
}

interface Identifier {
  type: "Identifier";
  name: string;
  start: number;
  end: number;
}

interface Statement {
  type: string;
  id?: Identifier | null;
  declaration?: Statement | null;
  declarations?: { id: Identifier | { type: string } }[];
}

/**
 * A module (JavaScript, as esbuild emits it from the learner's TypeScript), parsed. Rejects with a
 * SyntaxError when it cannot be.
 */
export async function parseModule(js: string): Promise<Program> {
  // Loaded when a second bundle is made: a learner's own run makes none, and acorn's loading
  // (its code, and the tables and expressions it builds as it loads) is then start-up for nothing.
  const { parse } = await import("acorn");
  return parse(withoutSourceMap(js), { ecmaVersion: "latest", sourceType: "module" });
}

const SOURCE_MAP_LINE = "\n//# sourceMappingURL=";

/**
 * `js` without the source map esbuild writes on its last line, which is most of a learner's file
 * as esbuild emits it (a model.ts of 2 700 characters has 15 000 of map): acorn, still cold when
 * it parses the first file, took 8 ms of its 20 to read past it. Every position before it stays.
 */
function withoutSourceMap(js: string): string {
  const at = js.lastIndexOf(SOURCE_MAP_LINE);
  return at !== -1 &&
    !js
      .slice(at + 1)
      .trimEnd()
      .includes("\n")
    ? js.slice(0, at + 1)
    : js;
}

/** The top-level declarations of `names` (of every name, without them) in a parsed module. */
export function declarationsOf(parsed: Program, names?: ReadonlySet<string>): Declaration[] {
  const program = parsed as unknown as { body: Statement[] };
  const found: Declaration[] = [];
  const add = (id: Identifier | { type: string } | null | undefined, exported: boolean) => {
    if (id?.type === "Identifier" && (!names || names.has((id as Identifier).name))) {
      const { name, start, end } = id as Identifier;
      found.push({ name, start, end, exported });
    }
  };
  const declare = (statement: Statement, exported: boolean) => {
    if (statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration")
      add(statement.id, exported);
    if (statement.type === "VariableDeclaration")
      for (const declarator of statement.declarations ?? []) add(declarator.id, exported);
  };
  for (const statement of program.body) {
    if (statement.type === "ExportNamedDeclaration" && statement.declaration)
      declare(statement.declaration, true);
    // `export default function f`: the default export stays the learner's own.
    else if (statement.type === "ExportDefaultDeclaration" && statement.declaration)
      declare(statement.declaration, false);
    else declare(statement, false);
  }
  return found;
}

/** The module with `declarations` renamed and their names taken from the stand-ins. */
export function substitute(js: string, declarations: Declaration[], entry: boolean): string {
  if (declarations.length === 0) return js;
  const names = [...new Set(declarations.map((d) => d.name))];
  let out = js;
  for (const { name, start, end } of [...declarations].sort((a, b) => b.start - a.start))
    out = `${out.slice(0, start)}${OWN_PREFIX}${name}${out.slice(end)}`;
  const registrations = names
    .map((name) => `${REGISTER}(${JSON.stringify(name)}, () => ${OWN_PREFIX}${name}, ${entry});`)
    .join(" ");
  const imports = `import { ${names.join(", ")}, register as ${REGISTER} } from ${JSON.stringify(STAND_INS_MODULE)}; ${registrations} `;
  const exported = [...new Set(declarations.filter((d) => d.exported).map((d) => d.name))];
  const exports = exported.length > 0 ? `\nexport { ${exported.join(", ")} };\n` : "";
  return `${imports}${out}${exports}`;
}

/** The functions stood in for, each with the functions that call it (oracle.ts, `standIns`). */
export type StandIns = Record<string, readonly string[]>;

/** The stand-ins module's source: one stand-in per name, told its callers, and the registry. */
export function standInsModule(runtime: string, callers: StandIns): string {
  return [
    `import { register, standIn } from ${JSON.stringify(runtime)};`,
    "export { register };",
    ...Object.entries(callers).map(
      ([name, by]) =>
        `export const ${name} = standIn(${JSON.stringify(name)}, ${JSON.stringify(by)});`,
    ),
  ].join("\n");
}
