/**
 * What a failing test is, as a short stable key an instructor can count across a class: the names
 * of the mistakes its output matched ("dW1 without 1/m"), or else its details' code
 * ("code: mismatch/value/m-times", "code: error/ShapeError/entrywise-for-product"). Pure.
 */
import { namedMistakes, type TestReport } from "../core/report.ts";

export function failureKey(test: TestReport): string {
  const { details } = test;
  const mistakes = namedMistakes(details);
  if (mistakes) return mistakes.map((m) => m.name).join(" + ");
  switch (details.type) {
    case "mismatch":
      return code("mismatch", details.problem, details.hint?.code);
    case "error":
      return code("error", details.name, details.hint?.code);
    case "import-failed":
      return code("import-failed", details.failure.code);
    case "crashed":
      return code("crashed", details.reason.code);
    case "missing":
      return code("missing", details.reason);
    case "not-run":
      return code("not-run", details.reason.code);
    case "property":
      return code("property", test.id, details.thrown ? "threw" : undefined);
    case "check":
      return code("check", test.id);
    default:
      return code(details.type);
  }
}

/** Whether a key names mistakes (rather than a code). */
export const isMistakeKey = (key: string) => !key.startsWith("code: ");

function code(...parts: (string | undefined)[]): string {
  return `code: ${parts.filter((p) => p !== undefined).join("/")}`;
}
