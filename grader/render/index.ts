/**
 * Report formats by name: each adapter is a pure function from the internal report to text.
 * Writing the text anywhere is the caller's business.
 */

import type { Report } from "../core/report.ts";
import { exercism } from "./exercism.ts";
import { gradescope } from "./gradescope.ts";
import { reportToJson } from "./json.ts";
import { junit } from "./junit.ts";
import { markdown } from "./markdown.ts";

export const adapters = {
  json: { render: reportToJson, extension: ".json" },
  gradescope: { render: gradescope, extension: ".gradescope.json" },
  exercism: { render: exercism, extension: ".exercism.json" },
  junit: { render: junit, extension: ".junit.xml" },
  markdown: { render: markdown, extension: ".md" },
} satisfies Record<string, { render: (report: Report) => string; extension: string }>;

export type FormatName = keyof typeof adapters;

export function isFormat(name: string): name is FormatName {
  return Object.hasOwn(adapters, name);
}
