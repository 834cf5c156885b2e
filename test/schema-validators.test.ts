/**
 * The committed validators are the schemas' own: each is what `npm run schemas` writes today, so
 * a schema changed without them fails here (and says what to run).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { reportProblems, reportToJson } from "../grader/render/json.ts";
import { SCHEMAS, validatorSource } from "../scripts/schemas.ts";
import { gradeFiles } from "./helpers.ts";

describe("the precompiled schema validators", () => {
  it.each(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])(
    "%s is up to date (npm run schemas)",
    (name) => {
      const committed = readFileSync(join(PACKAGE_ROOT, "grader/schemas", name), "utf8");
      expect(
        committed === validatorSource(name),
        `grader/schemas/${name} is stale: run npm run schemas`,
      ).toBe(true);
    },
  );

  it("checks formats as the schema says: a report's startedAt must be a date-time", async () => {
    const stub = readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"), "utf8");
    const graded = await gradeFiles(
      { "model.ts": stub },
      { select: (t) => t.id === "sigmoid.row" },
    );
    const report = JSON.parse(reportToJson(graded));
    expect(reportProblems(report)).toEqual([]);
    expect(reportProblems({ ...report, startedAt: "yesterday" })).toEqual([
      '/startedAt: must match format "date-time"',
    ]);
  });
});
