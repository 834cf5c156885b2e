/**
 * The report as JSON, validated against grader/schemas/report.schema.json before anyone sees it:
 * a report that fails its own schema is a bug of gradecheck, so serializing it throws.
 */
import type { Report } from "../core/report.ts";
// The schema's precompiled validator (scripts/schemas.ts): no compiling at start.
import { validate } from "../schemas/report.validate.mjs";

/** Schema problems of a parsed report, as "path: message" lines; empty when valid. */
export function reportProblems(json: unknown): string[] {
  if (validate(json)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? e.keyword}`);
}

/** JSON text of a report. NaN and ±Infinity, which JSON cannot hold, are written as strings. */
export function reportToJson(report: Report): string {
  const text = JSON.stringify(
    report,
    (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value),
    2,
  );
  const problems = reportProblems(JSON.parse(text));
  if (problems.length > 0) {
    throw new Error(
      `gradecheck produced a report that fails its own schema (a bug):\n${problems.slice(0, 10).join("\n")}`,
    );
  }
  return `${escapeInvisible(text)}\n`;
}

/**
 * Characters JSON may hold raw but a terminal acts on (DEL, the C1 controls, such as the 8-bit
 * CSI U+009B) or that reorder or break what it shows (bidi overrides and isolates, U+2028/U+2029,
 * noncharacters),
 * written as \\u escapes: `cat report.json` or `grade --json` prints learner text as text, and the
 * parsed report is the same. They can only stand inside strings, where an escape means the same.
 */
function escapeInvisible(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\p{Noncharacter_Code_Point}]/gu,
    (c) =>
      Array.from(
        { length: c.length },
        (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`,
      ).join(""),
  );
}
