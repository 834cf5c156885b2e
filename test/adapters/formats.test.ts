/**
 * Every output that carries learner text, rendered from reports whose learner fields (test output,
 * messages, the submission's path, warnings, learner names) hold the hostile strings, and from
 * reports graded from the hostile corpus's output attacks: the terminal summary and the gradient
 * table hold no control character of the learner's and no forged line, JUnit is well-formed XML
 * 1.0, the gradebook has one physical line per row, Gradescope and Exercism hold no control
 * character, and the Markdown report and class summary, rendered by real renderers, hold no link,
 * image or HTML that learner text brought. Then the hidden-test rule: no learner-facing format
 * shows a hidden test's output or message.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { Report, TestReport } from "../../grader/core/report.ts";
import type { CaseData } from "../../grader/pipeline/expected.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import { type AssignmentParts, loadAssignment } from "../../grader/pipeline/load.ts";
import { classSummary } from "../../grader/render/class-summary.ts";
import { exercism } from "../../grader/render/exercism.ts";
import { type GradebookRow, gradebookCsv } from "../../grader/render/gradebook.ts";
import { gradescope } from "../../grader/render/gradescope.ts";
import { gradientTable } from "../../grader/render/gradient-table.ts";
import { html } from "../../grader/render/html.ts";
import { adapters } from "../../grader/render/index.ts";
import { reportProblems } from "../../grader/render/json.ts";
import { junit } from "../../grader/render/junit.ts";
import { markdown } from "../../grader/render/markdown.ts";
import { plain, xml } from "../../grader/render/sanitize.ts";
import { summary } from "../../grader/render/summary.ts";
import { REFERENCE_PATH, referenceSource } from "../corpus/bugs.ts";
import { outputCases } from "../corpus/hostile-output.ts";
import {
  LEARNER_MARKUP,
  parseCsv,
  parseXml,
  renderers,
  tagCounts,
  terminalProblem,
} from "./format-checks.ts";
import { FORGED_LINE, hostileStrings } from "./hostile-strings.ts";

let parts: AssignmentParts;
let reference: Report;
/** The corpus's output attacks, graded. */
const graded = new Map<string, Report>();
let workDir: string;

beforeAll(async () => {
  parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
  workDir = mkdtempSync(join(tmpdir(), "gradecheck-formats-"));
  const caseCache = new Map<string, Promise<CaseData>>();
  const run = (submission: string) =>
    grade(parts, {
      caseCache,
      submission,
      displayRoot: workDir,
      seed: 0,
      hidden: true,
      timeoutMs: undefined,
      toolVersion: "test",
    });
  reference = await run(REFERENCE_PATH);
  for (const c of outputCases) {
    const folder = join(workDir, c.name);
    mkdirSync(folder);
    const source = c.source({
      reference: REFERENCE_PATH,
      expected: join(PACKAGE_ROOT, "assignments/planar-classifier/expected.json"),
      port: 0,
      folder,
      base: referenceSource(),
      // Not attacked by these cases: files that do not exist.
      secretModule: join(workDir, "secret.ts"),
      secretText: join(workDir, "secret.txt"),
    });
    writeFileSync(join(folder, "model.ts"), source);
  }
  await Promise.all(
    outputCases.map(async (c) => graded.set(c.name, await run(join(workDir, c.name, "model.ts")))),
  );
}, 180_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const texts = hostileStrings.map((s) => s.text);
const harmlessText = (k: number) => `harmless text ${k}`;

/**
 * The reference's report with the first test of each function failed, and every learner field
 * holding `text(k)`: each test's message and output, the submission's path, the warnings, and
 * each gradient check's per-parameter values.
 */
function withText(report: Report, text: (k: number) => string): Report {
  const first = new Set(
    report.functions.map((f) => report.tests.find((t) => t.function === f.name)?.id),
  );
  const tests = report.tests.map((t, k): TestReport => {
    const failing = first.has(t.id) || t.kind === "gradient";
    return {
      ...t,
      status: failing ? "failed" : t.status,
      score: failing ? 0 : t.score,
      message: text(2 * k),
      output: text(2 * k + 1),
      details:
        t.kind === "gradient"
          ? {
              type: "check",
              message: text(2 * k),
              hint: text(k),
              values: {
                "dW1 verdict": text(k),
                "dW1 difference": 0.25,
                "dW1 worst": text(k + 1),
                "dW1 hint": text(k + 2),
              },
            }
          : t.details,
    };
  });
  return {
    ...report,
    submission: { ...report.submission, path: text(7) },
    warnings: [text(3), text(5), text(11)],
    tests,
  };
}

/** `withText`, status error: the message is the learner's (a build error quotes their code). */
function asError(report: Report, message: string): Report {
  return { ...report, status: "error", message, score: 0 };
}

/** One report per rotation of the hostile strings, so that each lands in every field. */
const rotations = (n: number) =>
  Array.from({ length: n }, (_, r) => (k: number) => texts[(k + r) % texts.length] as string);

/** No line of the text starts with the forged one: it shows indented or on the line it belongs to. */
function forgedLines(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith(FORGED_LINE.slice(0, 16)));
}

/** Every string anywhere in a parsed JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** What must hold of every output of a report whose learner fields are hostile. */
function checkReportOutputs(report: Report, label: string): void {
  for (const colour of [false, true]) {
    const text = summary(report, { colour, reportPath: texts[0] });
    expect(terminalProblem(text, { colour }), `${label}: summary`).toBeNull();
    expect(forgedLines(text), `${label}: summary`).toEqual([]);
  }
  const table = gradientTable(report);
  expect(terminalProblem(table), `${label}: gradient table`).toBeNull();
  expect(forgedLines(table), `${label}: gradient table`).toEqual([]);

  const xml = parseXml(junit(report));
  expect(xml.errors, `${label}: junit`).toEqual([]);
  expect(xml.elements.filter((e) => e.name === "testcase")).toHaveLength(report.tests.length);

  for (const [name, render] of [
    ["gradescope", gradescope],
    ["exercism", exercism],
  ] as const) {
    for (const s of strings(JSON.parse(render(report))))
      expect(terminalProblem(s), `${label}: ${name}`).toBeNull();
  }
}

/** Markdown from hostile text renders to the same tags as from harmless text, and no link. */
function checkMarkdown(hostile: string, harmless: string, label: string): void {
  expect(terminalProblem(hostile), label).toBeNull();
  for (const [renderer, render] of Object.entries(renderers)) {
    if (!render) continue;
    const html = render(hostile);
    expect(html, `${label}, ${renderer}`).not.toMatch(LEARNER_MARKUP);
    expect(tagCounts(html), `${label}, ${renderer}`).toEqual(tagCounts(render(harmless)));
  }
}

describe("every format, from a report whose learner fields hold the hostile strings", () => {
  it("terminal summary, gradient table, JUnit, Gradescope, Exercism", () => {
    rotations(5).forEach((text, r) => {
      const report = withText(reference, text);
      checkReportOutputs(report, `rotation ${r}`);
      checkReportOutputs(asError(report, text(1)), `rotation ${r}, error`);
    });
  });

  it("holds the text around every sequence: JUnit's failure message parses back to the plain text", () => {
    const report = withText(reference, (k) => texts[k % texts.length] as string);
    const failures = parseXml(junit(report)).elements.filter((e) => e.name === "failure");
    const failed = report.tests.filter((t) => t.status === "failed");
    expect(failures.map((f) => f.text)).toEqual(failed.map((t) => plain(t.message)));
  });

  it("the HTML report holds no markup of the learner's: the same tags as from harmless text", () => {
    rotations(5).forEach((text, r) => {
      for (const [hostile, harmless, label] of [
        [withText(reference, text), withText(reference, harmlessText), `rotation ${r}`],
        [asError(reference, text(r)), asError(reference, "harmless"), `rotation ${r}, error`],
      ] as const) {
        const page = html(hostile);
        // The page's own tags are text, headings, details and pre: nothing active of anyone's.
        expect(page, label).not.toMatch(
          /<(script|a|img|iframe|object|embed|link|form|svg|base)\b/i,
        );
        expect(page, label).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
        expect(tagCounts(page), label).toEqual(tagCounts(html(harmless)));
      }
    });
  });

  it("the Markdown report renders no link, image or HTML of the learner's", () => {
    rotations(5).forEach((text, r) => {
      const harmless = withText(reference, harmlessText);
      checkMarkdown(markdown(withText(reference, text)), markdown(harmless), `rotation ${r}`);
      checkMarkdown(
        markdown(asError(reference, text(r))),
        markdown(asError(reference, "harmless")),
        `rotation ${r}, error`,
      );
    });
  });

  it("the class summary renders no link, image or HTML of the learner's", () => {
    rotations(5).forEach((text, r) => {
      const klass = (t: (k: number) => string) => [
        { learner: t(0), report: withText(reference, t) },
        { learner: t(1), report: withText(reference, t) },
        { learner: t(2), report: asError(reference, t(3)) },
        { learner: t(4), report: null },
      ];
      checkMarkdown(classSummary(klass(text)), classSummary(klass(harmlessText)), `rotation ${r}`);
    });
  });

  it("the gradebook has one physical line per row, every row its cells, no formula", () => {
    const names = reference.functions.map((f) => f.name);
    const rows: GradebookRow[] = texts.map((text, k) => ({
      learner: text,
      score: k,
      maxScore: 24.25,
      status: k % 2 === 0 ? "graded" : "error",
      functions: { [names[0] as string]: k },
      report: texts[(k + 1) % texts.length] as string,
      sha256: "ab",
      reason: texts[(k + 2) % texts.length] as string,
    }));
    rows.push({ ...rows[0], learner: '=HYPERLINK("http://x")\n@SUM(1)' } as GradebookRow);
    const csv = gradebookCsv(rows, names);
    expect(terminalProblem(csv)).toBeNull();
    expect(csv.split("\n")).toHaveLength(rows.length + 2);
    const cells = parseCsv(csv);
    expect(cells).toHaveLength(rows.length + 1);
    for (const row of cells) {
      expect(row).toHaveLength(cells[0]?.length as number);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@](?!\d+(\.\d+)?$)/);
    }
    expect(cells.map((row) => row[0]).at(-1)).toBe('\'=HYPERLINK("http://x") ↵ @SUM(1)');
  });
});

describe("reports graded from the hostile corpus's output attacks", () => {
  it("keep the attack in the JSON report, and no other output carries it", () => {
    for (const c of outputCases) {
      const report = graded.get(c.name) as Report;
      const predict = report.tests.filter((t) => t.function === "predict");
      // The attack reached the report: what was printed or thrown, as it was, holds what
      // plain() removes (escapes, C1 controls, U+FFFE) or Markdown (an image of full marks).
      expect(
        predict.some((t) => {
          const learnerText = t.output + t.message;
          return plain(learnerText) !== learnerText || learnerText.includes("![");
        }),
        c.name,
      ).toBe(true);
      expect(reportProblems(report), c.name).toEqual([]);
      checkReportOutputs(report, c.name);
      const harmless: Report = {
        ...report,
        tests: report.tests.map((t) => ({
          ...t,
          message: "harmless",
          output: t.output && "harmless",
        })),
      };
      checkMarkdown(markdown(report), markdown(harmless), c.name);
      checkMarkdown(
        classSummary([{ learner: c.name, report }]),
        classSummary([{ learner: c.name, report: harmless }]),
        `${c.name}: class summary`,
      );
    }
  });
});

describe("hidden tests in the learner-facing formats", () => {
  const MARKER = "HIDDEN-INPUT-4242";

  /** The reference's report with a failed and a passed hidden test that printed the marker. */
  function withHiddenMarker(report: Report): Report {
    const hidden = report.tests.filter((t) => t.visibility === "hidden").map((t) => t.id);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    return {
      ...report,
      tests: report.tests.map((t) =>
        t.id === hidden[0]
          ? {
              ...t,
              status: "failed",
              score: 0,
              message: `predict: expected 1 at X[0,3] = ${MARKER}`,
              output: `X = ${MARKER}`,
            }
          : t.id === hidden[1]
            ? { ...t, output: `printed ${MARKER}` }
            : t,
      ),
    };
  }

  it("show no hidden test's output or message; the JSON report keeps them", () => {
    const report = withHiddenMarker(reference);
    for (const name of ["gradescope", "exercism", "markdown", "html"] as const)
      expect(adapters[name].render(report), name).not.toContain(MARKER);
    expect(adapters.json.render(report)).toContain(MARKER);
    expect(adapters.junit.render(report)).toContain(MARKER);
  });

  it("Gradescope keeps each hidden test's name, status and points, with a fixed sentence", () => {
    const report = withHiddenMarker(reference);
    const out = JSON.parse(gradescope(report));
    const hidden = out.tests.filter(
      (t: { visibility: string }) => t.visibility === "after_published",
    );
    expect(hidden).toHaveLength(report.tests.filter((t) => t.visibility === "hidden").length);
    const failed = hidden.find((t: { score: number }) => t.score === 0);
    expect(failed).toMatchObject({
      status: "failed",
      output: "hidden test: failed (details are shown to instructors only)",
    });
    expect(failed.extra_data).not.toHaveProperty("seed");
    expect(
      hidden.filter((t: { output: string }) => t.output === "hidden test: passed").length,
    ).toBe(hidden.length - 1);
  });
});

describe("the class summary counts failures by mistake and names who could not be graded", () => {
  it("names the learners not graded or timed out, and cuts a long message between words", () => {
    const long = `predict: ${"the quick brown fox jumps over the lazy dog ".repeat(8)}end.`;
    const [first, ...rest] = reference.tests;
    const slow: Report = {
      ...reference,
      tests: [
        {
          ...(first as TestReport),
          status: "timeout",
          score: 0,
          message: long,
          details: { type: "timeout", limitMs: 10 },
        },
        ...rest,
      ],
    };
    const text = classSummary([
      { learner: "erin", report: slow },
      { learner: "frank", report: null },
      { learner: "gina", report: reference },
    ]);
    expect(text).toContain(`### Timed out (1)\n\n- erin: \`${first?.id}\``);
    expect(text).toContain("### Could not be graded (1)\n\n- frank: gradecheck failed on it");
    expect(text).toContain(`| 1 | \`${first?.function}\` | code\\: timeout |`);
    const cell = /\| (predict\\: the quick[^|]*) \(1×\) \|/.exec(text)?.[1] ?? "";
    expect(cell).toMatch(/ (the|quick|brown|fox|jumps|over|lazy|dog)…$/);
    expect(cell.length).toBeLessThan(long.length);
  });
});

describe("the class summary's mistakes", () => {
  it("count a function's codes only for learners none of whose tests of it named a mistake", () => {
    const [first, second] = reference.tests.filter((t) => t.function === "backwardPropagation");
    const failed = (named: boolean): Report => ({
      ...reference,
      tests: reference.tests.map((t) => {
        if (t === first && named)
          return {
            ...t,
            status: "failed",
            score: 0,
            details: {
              type: "mismatch",
              problem: "shape",
              path: "dW1",
              expected: [4, 2],
              actual: [2, 4],
              hint: { code: "mistake", mistakes: [{ name: "dW1 transposed", sentence: "s" }] },
            },
          };
        if (t === second)
          return {
            ...t,
            status: "failed",
            score: 0,
            details: { type: "nondeterministic", path: "" },
          };
        return t;
      }),
    });
    const text = classSummary([
      { learner: "jay", report: failed(true) },
      { learner: "kim", report: failed(false) },
    ]);
    expect(text).toContain("| 1 | `backwardPropagation` | dW1 transposed |");
    // kim's failure alone is counted by its code: jay's mistake explains jay's.
    expect(text).toContain("| 1 | `backwardPropagation` | code\\: nondeterministic |");
  });
});

describe("a mistake named by the shape error it throws", () => {
  const mistake = { name: "1 − A2² for the derivative", sentence: "1 − A1², not 1 − A2²" };
  /** The reference's report with its first backwardPropagation test failed as `details`. */
  const failing = (details: TestReport["details"]): Report => {
    const target = reference.tests.find((t) => t.function === "backwardPropagation");
    return {
      ...reference,
      tests: reference.tests.map((t) =>
        t === target ? { ...t, status: "failed", score: 0, message: "off", details } : t,
      ),
    };
  };
  const threw = () =>
    failing({
      type: "error",
      name: "ShapeError",
      message: "np.multiply: operands could not be broadcast together with shapes (5,7) (3,7)",
      stack: "",
      hint: { code: "mistake", mistakes: [mistake] },
    });
  const wrong = () =>
    failing({
      type: "mismatch",
      problem: "shape",
      path: "dW1",
      expected: [4, 2],
      actual: [2, 4],
      hint: { code: "mistake", mistakes: [mistake] },
    });

  it("is counted with the learners whose values the mistake gave, by its name", () => {
    const text = classSummary([
      { learner: "hana", report: threw() },
      { learner: "ivan", report: wrong() },
    ]);
    expect(text).toContain(`| 2 | \`backwardPropagation\` | ${mistake.name} |`);
    expect(text).not.toContain("code\\: error/ShapeError");
  });

  it("is shown on the HTML page as the mistake it is", () => {
    expect(html(threw())).toContain(`<strong>Mistake: “${xml(mistake.name)}”</strong>`);
  });
});

describe("the terminal summary's failing cases", () => {
  it("shows up to three failing tests of a function in full, counts the rest, and a hidden one's verdict only", () => {
    const sigmoid = reference.tests.filter((t) => t.function === "sigmoid");
    const failed = (t: TestReport): TestReport => ({
      ...t,
      status: "failed",
      score: 0,
      message: `sigmoid: ${t.id} is off.`,
      details: {
        type: "mismatch",
        problem: "type",
        path: "",
        expected: "a number",
        actual: "a string",
      },
    });
    const report: Report = {
      ...reference,
      tests: reference.tests.map((t) => (t.function === "sigmoid" ? failed(t) : t)),
    };
    const text = summary(report, { colour: false });
    const shown = sigmoid.filter((t) => text.includes(`(${t.id})`));
    expect(shown).toHaveLength(3);
    expect(text).toContain(`… and ${sigmoid.length - 3} more failing tests: see the report`);
    for (const t of shown.filter((t) => t.visibility === "visible"))
      expect(text).toContain(
        `replay: npm run grade -- ${report.submission.path} --only sigmoid --case ${t.id}`,
      );
    // sigmoid's third test (sigmoid.tails) is hidden.
    const hidden = shown.find((t) => t.visibility === "hidden");
    expect(hidden?.id).toBe("sigmoid.tails");
    expect(text).toContain(`(hidden test) sigmoid: ${hidden?.id} is off.`);
    expect(text).not.toContain(`--case ${hidden?.id}`);
  });
});
