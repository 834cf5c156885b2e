/**
 * Jenkins' JUnit schema, junit-10.xsd, as a checker: the elements it declares, the attributes each
 * may have (and must have), the children each may hold and whether it holds text. Written from
 * https://github.com/jenkinsci/xunit-plugin/blob/master/src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd
 * (the schema most JUnit consumers follow: the clarifications name it). No XSD of it is published
 * on the npm registry, so the test checks with this transcription; a complexType without
 * anyAttribute allows no other attribute, and one that is not mixed holds no text.
 */
import { SaxesParser } from "saxes";

interface Rule {
  attributes: string[];
  required?: string[];
  children: string[];
  text: boolean;
  /** Attributes whose values follow the schema's SUREFIRE_TIME pattern. */
  times?: string[];
}

const MESSAGE: Rule = { attributes: ["type", "message"], children: [], text: true };
const RERUN: Rule = {
  attributes: ["message", "type"],
  required: ["type"],
  children: ["stackTrace", "system-out", "system-err"],
  text: true,
};
const TEXT: Rule = { attributes: [], children: [], text: true };

const RULES: Record<string, Rule> = {
  testsuites: {
    attributes: ["name", "time", "tests", "failures", "errors"],
    children: ["testsuite"],
    text: false,
    times: ["time"],
  },
  testsuite: {
    attributes: [
      "name",
      "tests",
      "failures",
      "errors",
      "group",
      "time",
      "skipped",
      "timestamp",
      "hostname",
      "id",
      "package",
      "file",
      "log",
      "url",
    ],
    required: ["name", "tests", "failures", "errors"],
    children: ["testsuite", "properties", "testcase", "system-out", "system-err"],
    text: false,
    times: ["time"],
  },
  testcase: {
    attributes: ["name", "time", "classname", "group"],
    required: ["name"],
    children: [
      "skipped",
      "error",
      "failure",
      "rerunFailure",
      "rerunError",
      "flakyFailure",
      "flakyError",
      "system-out",
      "system-err",
    ],
    text: false,
  },
  properties: { attributes: [], children: ["property"], text: false },
  property: {
    attributes: ["name", "value"],
    required: ["name", "value"],
    children: [],
    text: false,
  },
  failure: MESSAGE,
  error: MESSAGE,
  skipped: MESSAGE,
  "system-out": TEXT,
  "system-err": TEXT,
  stackTrace: TEXT,
  rerunFailure: RERUN,
  rerunError: RERUN,
  flakyFailure: RERUN,
  flakyError: RERUN,
};

const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;

/**
 * What in `text` breaks junit-10.xsd (empty when valid), or is not well-formed XML at all.
 * `extraTestcaseAttributes`: attributes a flavour adds outside the schema (file, line).
 */
export function junit10Problems(text: string, extraTestcaseAttributes: string[] = []): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const parser = new SaxesParser();
  parser.on("error", (error) => problems.push(`not well-formed: ${error.message}`));
  parser.on("opentag", (tag) => {
    const parent = open.at(-1);
    const rule = RULES[tag.name];
    if (!rule) problems.push(`<${tag.name}> is not an element of the schema`);
    else if (parent === undefined && tag.name !== "testsuites" && tag.name !== "testsuite")
      problems.push(`<${tag.name}> cannot be the root`);
    else if (parent !== undefined && !RULES[parent]?.children.includes(tag.name))
      problems.push(`<${tag.name}> cannot be inside <${parent}>`);
    if (rule) {
      const allowed = [
        ...rule.attributes,
        ...(tag.name === "testcase" ? extraTestcaseAttributes : []),
      ];
      for (const name of Object.keys(tag.attributes))
        if (!allowed.includes(name)) problems.push(`<${tag.name}> has no attribute ${name}`);
      for (const name of rule.required ?? [])
        if (!(name in tag.attributes)) problems.push(`<${tag.name}> needs the attribute ${name}`);
      for (const name of rule.times ?? []) {
        const value = tag.attributes[name];
        if (typeof value === "string" && !SUREFIRE_TIME.test(value))
          problems.push(`<${tag.name}> ${name}="${value}" is not a SUREFIRE_TIME`);
      }
    }
    open.push(tag.name);
  });
  parser.on("text", (chunk) => {
    const current = open.at(-1);
    if (current && chunk.trim() !== "" && RULES[current] && !RULES[current]?.text)
      problems.push(`<${current}> holds text`);
  });
  parser.on("closetag", () => open.pop());
  try {
    parser.write(text).close();
  } catch (error) {
    problems.push(`not well-formed: ${String(error)}`);
  }
  return [...new Set(problems)];
}
