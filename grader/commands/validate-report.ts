/** `gradecheck validate-report`: checks a JSON report against the report schema. */
import { readFileSync } from "node:fs";
import { reportProblems } from "../render/json.ts";
import { ExitError } from "./errors.ts";

export function runValidateReport(
  { path, name }: { path: string; name: string },
  print: (line: string) => void,
): void {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ExitError(2, `cannot read ${name} as JSON: ${(error as Error).message}`);
  }
  const problems = reportProblems(json);
  if (problems.length > 0)
    throw new ExitError(1, `${name} is not a valid report:\n${problems.join("\n")}`);
  print(`${name} is a valid gradecheck report`);
}
