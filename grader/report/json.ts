/**
 * The report as JSON, validated against grader/schemas/report.schema.json before anyone sees it:
 * a report that fails its own schema is a bug of gradecheck, so serializing it throws.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import schema from "../schemas/report.schema.json" with { type: "json" };
import type { Report } from "./types.ts";

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

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
  return `${text}\n`;
}
