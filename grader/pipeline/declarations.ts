/**
 * Where a learner's file declares its exported functions, for the formats that point at a line
 * (a workflow's `::error file=…,line=…`, JUnit's opt-in flavour): a failing function's annotation
 * sits on its declaration. Read from the text as the stubs write functions (`export function f(`,
 * `export async function f(`, `export const f =`), outside comments; a function declared any other
 * way (re-exported from a helper file, say) has no line, and its annotation points at the file.
 * Pure: text in, lines out (1-based).
 */
const DECLARATION =
  /^\s*export\s+(?:(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*[:=])/;

export function declarationLines(source: string): Record<string, number> {
  const lines: Record<string, number> = {};
  let inComment = false;
  source.split("\n").forEach((line, index) => {
    // A declaration inside a block comment is no declaration.
    let text = line;
    if (inComment) {
      const end = text.indexOf("*/");
      if (end === -1) return;
      text = text.slice(end + 2);
      inComment = false;
    }
    const match = DECLARATION.exec(text);
    const name = match?.[1] ?? match?.[2];
    if (name && !Object.hasOwn(lines, name)) lines[name] = index + 1;
    const opened = text.lastIndexOf("/*");
    if (opened !== -1 && text.indexOf("*/", opened) === -1) inComment = true;
  });
  return lines;
}
