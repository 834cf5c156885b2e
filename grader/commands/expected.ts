/**
 * `gradecheck expected`: writes each assignment's expected.json (the inputs and expected outputs
 * of its visible tests) from its reference, or with `check` only says which are out of date. And
 * for the build (bin/bundle.mjs), the record of those it found up to date (`verified.ts`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { inBuild } from "../core/modules.ts";
import { computeExpected, expectedToJson } from "../pipeline/expected.ts";
import { assignmentIds, loadAssignment } from "../pipeline/load.ts";
import {
  expectedDigest,
  recordKey,
  VERIFIED_RECORD,
  type VerifiedRecord,
} from "../pipeline/verified.ts";
import { ExitError } from "./errors.ts";

/** Each assignment with a reference: its expected.json's path, and what the reference makes of it. */
async function* madeAgain(
  root: string,
): AsyncGenerator<{ path: string; text: string; current: string | undefined }> {
  for (const id of assignmentIds(root)) {
    const parts = await loadAssignment(root, id, true);
    if (!parts.reference) continue;
    const text = expectedToJson(
      await computeExpected(parts.manifest, parts.cases, parts.reference),
      parts.data,
    );
    yield { path: parts.expectedPath, text, current: current(parts.expectedPath) };
  }
}

export async function runExpected(
  { root, check }: { root: string; check: boolean },
  print: (line: string) => void,
): Promise<void> {
  const stale: string[] = [];
  for await (const { path, text, current } of madeAgain(root)) {
    const name = relative(root, path);
    if (current === text) print(`up to date: ${name}`);
    else if (check) stale.push(name);
    else {
      writeFileSync(path, text);
      print(`wrote ${name}`);
    }
  }
  if (stale.length > 0)
    throw new ExitError(
      1,
      `out of date: ${stale.join(", ")}\nRegenerate with \`npm run expected\`.`,
    );
}

/**
 * Writes, in the build this code runs from, the record of the package's expected.json files that
 * its reference makes again to the byte (`verified.ts`); returns it. Run by bin/bundle.mjs once
 * the build is in place; from the sources there is no build to record in, and it records nothing.
 */
export async function recordVerifiedExpected(root: string): Promise<VerifiedRecord> {
  const record: VerifiedRecord = {};
  const file = inBuild(VERIFIED_RECORD);
  if (!file) return record;
  for await (const { path, text, current } of madeAgain(root))
    if (current === text) record[recordKey(path)] = expectedDigest(text);
  writeFileSync(file, `${JSON.stringify(record, null, 1)}\n`);
  return record;
}

function current(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
