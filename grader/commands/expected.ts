/**
 * `gradecheck expected`: writes each assignment's expected.json (the inputs and expected outputs
 * of its visible tests) from its reference, or with `check` only says which are out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { computeExpected, expectedToJson } from "../pipeline/expected.ts";
import { assignmentIds, loadAssignment } from "../pipeline/load.ts";
import { ExitError } from "./errors.ts";

export async function runExpected(
  { root, check }: { root: string; check: boolean },
  print: (line: string) => void,
): Promise<void> {
  const stale: string[] = [];
  for (const id of assignmentIds(root)) {
    const parts = await loadAssignment(root, id, true);
    if (!parts.reference) continue;
    const text = expectedToJson(
      await computeExpected(parts.manifest, parts.cases, parts.reference),
      parts.data,
    );
    const name = relative(root, parts.expectedPath);
    if (current(parts.expectedPath) === text) print(`up to date: ${name}`);
    else if (check) stale.push(name);
    else {
      writeFileSync(parts.expectedPath, text);
      print(`wrote ${name}`);
    }
  }
  if (stale.length > 0)
    throw new ExitError(
      1,
      `out of date: ${stale.join(", ")}\nRegenerate with \`npm run expected\`.`,
    );
}

function current(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
