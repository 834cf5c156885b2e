/**
 * Learner stubs from a reference solution, nbgrader-style: each region between `// BEGIN SOLUTION`
 * and `// END SOLUTION` becomes a TODO and a `throw new NotImplementedError("<function>")`;
 * everything else (doc comments, signatures, types, code outside the markers) stays as it is.
 *
 * A solution region may be followed at once by a stub region, `// BEGIN STUB` … `// END STUB`,
 * whose lines are code commented out in the reference: the stub gets that code, uncommented,
 * instead of the TODO. It is how an assignment hands out code to fix (the gradient-checking
 * assignment's backward pass with its planted bugs) without a second copy of the file.
 * Pure: source text in, stub text out.
 */

export const BEGIN_MARKER = "// BEGIN SOLUTION";
export const END_MARKER = "// END SOLUTION";
export const BEGIN_STUB = "// BEGIN STUB";
export const END_STUB = "// END STUB";
/** The module learners import their arrays from; the stub's `NotImplementedError` comes from it too. */
export const ARRAY_MODULE = "gradecheck/np";
/** The class a stub throws, by the name the stub imports it under. */
export const STUB_ERROR = "NotImplementedError";

/** A reference file whose markers cannot be turned into a stub; `line` is 1-based. */
export class StubError extends Error {
  override name = "StubError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}

const FUNCTION_HEADER = /^\s*(?:export\s+)?(?:async\s+)?function\s+([A-Za-z_$][\w$]*)/;

/**
 * The stub for a reference source. `file` only names the source in errors.
 * @example generateStub(readFileSync(ref, "utf8"), ref)
 */
export function generateStub(source: string, file: string): string {
  const lines = source.split("\n");
  const out: string[] = [];
  let currentFunction: string | undefined;
  let region: { start: number; indent: string; name: string } | undefined;
  /** The solution region just closed, whose TODO waits to see whether a stub region follows. */
  let closed: { indent: string; name: string } | undefined;
  let stub: { start: number } | undefined;
  let regions = 0;
  const todo = ({ indent, name }: { indent: string; name: string }) =>
    out.push(
      `${indent}// TODO: your code here (the doc comment above says what to compute).`,
      `${indent}throw new ${STUB_ERROR}("${name}");`,
    );

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const marker = line.trim();
    if (closed) {
      if (marker === BEGIN_STUB) {
        stub = { start: lineNo };
        closed = undefined;
        return;
      }
      todo(closed);
      closed = undefined;
    }
    if (stub) {
      if (marker === END_STUB) {
        stub = undefined;
        return;
      }
      const code = marker === "" ? ["", "", ""] : /^(\s*)\/\/ ?(.*)$/.exec(line);
      if (!code) {
        throw new StubError(
          file,
          lineNo,
          `a line of the stub region is not commented out: ${marker}`,
        );
      }
      out.push(`${code[1]}${code[2]}`.trimEnd());
      return;
    }
    if (marker === BEGIN_STUB || marker === END_STUB) {
      throw new StubError(file, lineNo, `${marker} must follow a ${END_MARKER} at once`);
    }
    const header = FUNCTION_HEADER.exec(line);
    if (header && !region) currentFunction = header[1];
    if (marker === BEGIN_MARKER) {
      if (region) {
        throw new StubError(
          file,
          lineNo,
          `${BEGIN_MARKER} inside the region opened at line ${region.start}`,
        );
      }
      if (!currentFunction) {
        throw new StubError(file, lineNo, `${BEGIN_MARKER} outside any function`);
      }
      region = { start: lineNo, indent: line.slice(0, line.indexOf("//")), name: currentFunction };
      return;
    }
    if (marker === END_MARKER) {
      if (!region) throw new StubError(file, lineNo, `${END_MARKER} without a ${BEGIN_MARKER}`);
      closed = region;
      region = undefined;
      regions++;
      return;
    }
    if (!region) out.push(line);
  });

  if (closed) todo(closed);
  if (region) throw new StubError(file, region.start, `${BEGIN_MARKER} is never closed`);
  if (stub) throw new StubError(file, stub.start, `${BEGIN_STUB} is never closed`);
  if (regions === 0) throw new StubError(file, 1, `no ${BEGIN_MARKER} / ${END_MARKER} regions`);
  return addNotImplementedImport(out.join("\n"), file);
}

/** Adds `NotImplementedError` to the file's import from the array module. */
function addNotImplementedImport(text: string, file: string): string {
  const pattern = new RegExp(`import \\{([^}]*)\\} from "${ARRAY_MODULE}";`);
  const found = pattern.exec(text);
  if (!found) {
    throw new StubError(
      file,
      1,
      `no \`import { ... } from "${ARRAY_MODULE}";\` to add ${STUB_ERROR} to`,
    );
  }
  const names = (found[1] as string)
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  names.push(STUB_ERROR);
  // The order Biome's import organiser keeps: by name, case-insensitive, ignoring `type`.
  const key = (name: string) => name.replace(/^type\s+/, "").toLowerCase();
  names.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return text.replace(pattern, `import { ${names.join(", ")} } from "${ARRAY_MODULE}";`);
}
