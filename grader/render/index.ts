/**
 * Every format of a report, by name: each renderer is a pure function from the internal report
 * (and how it is shown: colour on a terminal, the report's path) to text. The file formats, which
 * `--format` writes next to the JSON report, have an extension; the terminal ones do not. A
 * class's formats take every learner's report. Writing the text anywhere is the caller's business.
 */

import type { Report } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Words } from "../words/words.ts";
import { annotations } from "./annotations.ts";
import { classSummary } from "./class-summary.ts";
import { classroom } from "./classroom.ts";
import { exercism } from "./exercism.ts";
import type { FormatName } from "./formats.ts";
import { type GradebookRow, gradebookCsv } from "./gradebook.ts";
import { gradescope } from "./gradescope.ts";
import { gradientTable } from "./gradient-table.ts";
import { html } from "./html.ts";
import { reportToJson } from "./json.ts";
import { junit } from "./junit.ts";
import { type Locale, localize } from "./localize.ts";
import { markdown } from "./markdown.ts";
import { summary } from "./summary.ts";

/** How a report is shown. */
export interface RenderOptions {
  colour: boolean;
  /** Where the JSON report was written, for a summary to say so. */
  reportPath?: string;
  /** The language of every learner-facing word (English by default); the JSON stays English. */
  locale?: Locale;
}

/** A report as text; shown plainly (no colour) unless told otherwise. */
type Renderer = (report: Report, options?: RenderOptions) => string;

/** A renderer of learner-facing words: the report in the options' language, and its words. */
const worded =
  (render: (report: Report, words: Words, options: RenderOptions) => string): Renderer =>
  (report, options = { colour: false }) => {
    const locale = options.locale ?? { words: en };
    return render(localize(report, locale), locale.words, options);
  };

const file = (render: Renderer, extension: string) => ({ render, extension });
const terminal = (render: Renderer) => ({ render });

export const renderers = {
  json: file((report) => reportToJson(report), ".json"),
  gradescope: file(
    worded((report, words) => gradescope(report, words.labels)),
    ".gradescope.json",
  ),
  exercism: file(
    worded((report) => exercism(report)),
    ".exercism.json",
  ),
  junit: file(
    worded((report) => junit(report)),
    ".junit.xml",
  ),
  "junit-lines": file(
    worded((report) => junit(report, { lines: true })),
    ".lines.junit.xml",
  ),
  markdown: file(
    worded((report, words) => markdown(report, words.labels)),
    ".md",
  ),
  html: file(
    worded((report, words) => html(report, words)),
    ".html",
  ),
  summary: terminal(worded((report, words, options) => summary(report, options, words.labels))),
  "gradient-table": terminal(worded((report, words) => gradientTable(report, words))),
  classroom: file(
    worded((report) => classroom(report)),
    ".classroom.json",
  ),
  annotations: file(
    worded((report) => annotations(report)),
    ".annotations.txt",
  ),
};

/** The formats of a class (every learner's report, from `gradecheck batch`). */
export const classRenderers = {
  "class-summary": (reports: { learner: string; report: Report | null }[]) => classSummary(reports),
  gradebook: (rows: GradebookRow[], functionNames: string[]) => gradebookCsv(rows, functionNames),
};

/** The file formats, which `--format` names (formats.ts: the same names, checked here). */
export const adapters = {
  json: renderers.json,
  gradescope: renderers.gradescope,
  exercism: renderers.exercism,
  junit: renderers.junit,
  "junit-lines": renderers["junit-lines"],
  classroom: renderers.classroom,
  annotations: renderers.annotations,
  markdown: renderers.markdown,
  html: renderers.html,
} satisfies Record<FormatName, unknown>;
