/**
 * The gradebook `grades.csv`: one row per learner, one column per function, and the named
 * mistakes found in the learner's failing tests. Pure: rows in, CSV
 * text out, one physical line per row: text cells go through `inline()` (no line break, escape
 * sequence or control character, so a learner's folder name can neither add a row nor reach the
 * terminal of whoever prints the file), then RFC 4180 quoting and a guard against formulas.
 */
import { inline } from "./sanitize.ts";

export interface GradebookRow {
  learner: string;
  score: number;
  maxScore: number;
  status: "graded" | "error";
  /** Score per function, by name. */
  functions: Record<string, number>;
  report: string;
  sha256: string;
  /** Why it could not be graded (status error). */
  reason?: string;
  /** The named mistakes its failing tests matched, as "function: mistake". */
  mistakes?: string[];
}

function cell(value: string | number): string {
  const text = typeof value === "string" ? inline(value) : String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
  const guarded = /^[=+\-@]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function gradebookCsv(rows: GradebookRow[], functionNames: string[]): string {
  const header = [
    "learner",
    "score",
    "maxScore",
    "percent",
    "status",
    ...functionNames,
    "report",
    "sha256",
    "reason",
    "mistakes",
  ];
  const lines = [header.map(cell).join(",")];
  for (const row of rows) {
    const percent = row.maxScore > 0 ? Math.round((1000 * row.score) / row.maxScore) / 10 : 0;
    lines.push(
      [
        row.learner,
        row.score,
        row.maxScore,
        percent,
        row.status,
        ...functionNames.map((name) => row.functions[name] ?? 0),
        row.report,
        row.sha256,
        row.reason ?? "",
        (row.mistakes ?? []).join("; "),
      ]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
