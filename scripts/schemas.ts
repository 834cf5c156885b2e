/**
 * The JSON Schemas as precompiled validators: ajv compiles a schema into JavaScript, which takes
 * about 150 ms at every start of the command line; the compiled code is committed instead
 * (`grader/schemas/*.validate.mjs`, written by `npm run schemas`, this script; checked up to date
 * by test/schema-validators.test.ts), so that a cold `gradecheck grade --only sigmoid` starts
 * quickly. Same schemas, same ajv options, same errors.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { _ } from "ajv/dist/compile/codegen/index.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import assignmentSchema from "../grader/schemas/assignment.schema.json" with { type: "json" };
import reportSchema from "../grader/schemas/report.schema.json" with { type: "json" };

/** The schemas, by the name of the module their validator is written to. */
export const SCHEMAS = {
  "report.validate.mjs": { schema: reportSchema, formats: true },
  "assignment.validate.mjs": { schema: assignmentSchema, formats: false },
} as const;

/** The validator module of one schema: ESM, with the require()s ajv's code makes resolved. */
export function validatorSource(name: keyof typeof SCHEMAS): string {
  const { schema, formats } = SCHEMAS[name];
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    // A report's test details are checked against the branch of their type only (the schema's
    // `discriminator`), not against all seventeen; and each $defs entry is a function of its own,
    // which V8 compiles when first called, not with the whole validator. Checking a report took
    // about 45 ms of a cold command, now about 30.
    discriminator: true,
    inlineRefs: false,
    code: {
      source: true,
      esm: true,
      ...(formats ? { formats: _`require("ajv-formats/dist/formats").fullFormats` } : {}),
    },
  });
  if (formats) addFormats.default(ajv);
  const code = standaloneCode(ajv, ajv.compile(schema));
  return [
    "// Written by `npm run schemas` (scripts/schemas.ts): do not edit.",
    'import { createRequire } from "node:module";',
    "const require = createRequire(import.meta.url);",
    code,
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
    writeFileSync(join(import.meta.dirname, "../grader/schemas", name), validatorSource(name));
    console.log(`wrote grader/schemas/${name}`);
  }
}
