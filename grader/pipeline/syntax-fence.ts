/**
 * A syntax error costs the function it is in, not the whole file: each top-level function that
 * holds one is replaced by a function of the same name that throws the error, so that the file
 * builds and every other function is graded. Learners write their functions into the stub, each
 * declared at the start of a line (`function f(`, or a helper's `const f = (x) => {`) and closed
 * by a `}` alone at the start of a line; a function is
 * fenced only where that shape is there to read, and nothing else is changed: where an error is
 * anywhere else (between functions, in a declaration that does not close as declared, one that
 * would take in the start of another), nothing is fenced and the file fails to build as before.
 * The replacement keeps the file's line count, so that every other line stays where the learner
 * wrote it, and throws from the error's own line and column, so that where the test says it threw
 * is the learner's broken line. Pure: text in, text out.
 */

/** A syntax error esbuild found: its 1-based line and column, and its words with where it is. */
export interface SyntaxErrorAt {
  line: number;
  column: number;
  message: string;
}

export interface Fenced {
  /** The function replaced. */
  name: string;
  /** The error that was in it, with where it is ("model.ts:217:7: Expected ..."). */
  message: string;
}

/** `export function nnModel(`, `function helper<T>(`, `export async function f(` at a line's start. */
const DECLARATION = /^(export\s+)?(async\s+)?function\s*(\*\s*)?([A-Za-z_$][\w$]*)\s*[<(]/;
/**
 * `const relu = (z: NDArray): NDArray => {`, `export const f = async (x) => {`: an arrow function
 * bound to a name at a line's start, its body opened on that line.
 */
// No two quantifiers here can take the same characters, so a line that does not match fails in
// one pass: a learner's line may be long.
const ARROW =
  /^(export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)[^=]*=>\s*\{\s*$/;

/** A declaration's parts: whether exported, whether async, its name, and whether an arrow. */
function declared(line: string) {
  const fn = DECLARATION.exec(line);
  if (fn) return { exported: fn[1] ?? "", async: fn[2] ?? "", name: fn[4] as string, arrow: false };
  const arrow = ARROW.exec(line);
  if (arrow)
    return {
      exported: arrow[1] ?? "",
      async: arrow[3] ?? "",
      name: arrow[2] as string,
      arrow: true,
    };
  return undefined;
}
/**
 * The lines of the top-level function that holds line `index` (0-based), from its declaration to
 * that line: that line alone where no declaration is above it, and none where it is no line of
 * the text (a stack's line number is the learner's to forge).
 */
export function functionLines(lines: readonly string[], index: number): readonly string[] {
  if (!(Number.isInteger(index) && index >= 0 && index < lines.length)) return [];
  let start = index;
  while (start > 0 && !declared(lines[start] as string)) start--;
  return lines.slice(declared(lines[start] as string) ? start : index, index + 1);
}

/** Any top-level statement's start: a function's fence never takes one in. */
const TOP_LEVEL = /^(export|import|function|async|const|let|var|class|interface|type|enum)\b/;
const CLOSING = /^\}\s*;?\s*$/;

/**
 * The text with each function holding one of `errors` replaced; undefined where an error is not
 * inside a function that can be fenced.
 */
export function fenceSyntaxErrors(
  text: string,
  errors: readonly SyntaxErrorAt[],
): { text: string; fenced: Fenced[] } | undefined {
  const lines = text.split("\n");
  const fenced: Fenced[] = [];
  const done = new Set<number>();
  for (const error of errors) {
    const span = enclosing(lines, error.line - 1);
    // An error at the very start of a declaration ('Unexpected "export"') is what came before it
    // left open: the function it starts is not where the error is.
    if (!span || (span.start === error.line - 1 && error.column <= 1)) return undefined;
    if (done.has(span.start)) continue;
    done.add(span.start);
    const { exported, async, arrow } = declared(lines[span.start] as string) ?? {};
    const body = Array.from({ length: span.end - span.start + 1 }, () => "");
    body[0] = arrow
      ? `${exported}const ${span.name} = ${async}(..._arguments: unknown[]): never => {`
      : `${exported}${async}function ${span.name}(..._arguments: unknown[]): never {`;
    const thrown = `throw new SyntaxError(${JSON.stringify(error.message)});`;
    const at = error.line - 1 - span.start;
    // A stack names the `new`: it stands at the error's column, the `throw ` before it.
    const indent = " ".repeat(Math.max(0, error.column - 1 - "throw ".length));
    body[at] = at === 0 ? `${body[0]} ${thrown}` : `${indent}${thrown}`;
    body[body.length - 1] += body.length === 1 ? " }" : "}";
    lines.splice(span.start, body.length, ...body);
    fenced.push({ name: span.name, message: error.message });
  }
  return { text: lines.join("\n"), fenced };
}

/** The top-level function whose lines hold `index`: from its declaration to its closing brace. */
function enclosing(
  lines: readonly string[],
  index: number,
): { name: string; start: number; end: number } | undefined {
  let start = index;
  while (start >= 0 && !declared(lines[start] as string)) {
    // Another statement's start between the error and a declaration: the error is not in it.
    if (start < index && TOP_LEVEL.test(lines[start] as string)) return undefined;
    if (start < index && CLOSING.test(lines[start] as string)) return undefined;
    start--;
  }
  if (start < 0) return undefined;
  const { name } = declared(lines[start] as string) as { name: string };
  for (let end = start + 1; end < lines.length; end++) {
    const line = lines[end] as string;
    if (CLOSING.test(line)) return end >= index ? { name, start, end } : undefined;
    if (TOP_LEVEL.test(line)) return undefined;
  }
  return undefined;
}
