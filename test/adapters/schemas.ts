/**
 * JSON Schemas of the platforms' formats, written from their published field lists, to check the
 * adapters against (additional properties refused: a misspelt field fails the test).
 */
const visibility = { enum: ["hidden", "after_due_date", "after_published", "visible"] };
const outputFormat = { enum: ["text", "html", "simple_format", "md", "ansi"] };

/** Gradescope autograder results.json. */
export const gradescopeSchema = {
  type: "object",
  required: ["tests"],
  additionalProperties: false,
  properties: {
    score: { type: "number" },
    execution_time: { type: "number" },
    output: { type: "string" },
    output_format: outputFormat,
    test_output_format: outputFormat,
    test_name_format: outputFormat,
    visibility,
    stdout_visibility: visibility,
    extra_data: { type: "object" },
    leaderboard: { type: "array" },
    tests: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        properties: {
          score: { type: "number" },
          max_score: { type: "number" },
          status: { enum: ["passed", "failed"] },
          name: { type: "string" },
          name_format: outputFormat,
          number: { type: "string" },
          output: { type: "string" },
          output_format: outputFormat,
          tags: { type: "array", items: { type: "string" } },
          visibility,
          extra_data: { type: "object" },
        },
      },
    },
  },
} as const;

/** Exercism test runner results.json, version 3. */
/**
 * Exercism's results.json, version 3, from the test-runner interface
 * (https://exercism.org/docs/building/tooling/test-runners/interface): the top-level message is
 * required with an `error` status and null or absent otherwise (at most 65535 characters); tests
 * are required with `pass` and `fail`; each test needs a name, its test_code and a status, and a
 * message when it failed or errored; output is at most 500 characters.
 */
export const exercismSchema = {
  type: "object",
  required: ["version", "status"],
  additionalProperties: false,
  properties: {
    version: { const: 3 },
    status: { enum: ["pass", "fail", "error"] },
    message: { type: ["string", "null"], maxLength: 65535 },
    tests: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "status", "test_code"],
        additionalProperties: false,
        properties: {
          name: { type: "string" },
          status: { enum: ["pass", "fail", "error"] },
          message: { type: "string" },
          output: { type: "string", maxLength: 500 },
          test_code: { type: "string" },
          task_id: { type: "integer", minimum: 1 },
        },
        if: { properties: { status: { enum: ["fail", "error"] } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
        then: { required: ["message"] },
      },
    },
  },
  if: { properties: { status: { const: "error" } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
  then: { required: ["message"], properties: { message: { type: "string" } } },
  else: { required: ["tests"], properties: { message: { type: "null" } } },
} as const;
