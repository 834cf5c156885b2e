/**
 * Which committed expected.json files the build found to be its reference's answers. Once the
 * build is made, bin/bundle.mjs has it work out each assignment's expected.json again from its
 * reference (as `gradecheck expected --check` does) and record, for each that came out the same,
 * its digest (`recordVerifiedExpected`). A grade run from that build, with the reference, then
 * judges a visible test against the committed value when the file still has that digest: running
 * the build's reference on the same inputs would give that value again. Run from the sources, or
 * with a file changed since, the reference works out every answer, as it always has.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { inBuild } from "../core/modules.ts";
import { PACKAGE_ROOT } from "../core/paths.ts";

/** The record's name in the build (dist/): each verified expected.json's digest, by its path. */
export const VERIFIED_RECORD = "expected-verified.json";

export type VerifiedRecord = Record<string, string>;

/** An expected.json's digest, as the record holds it. */
export function expectedDigest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Where the record lists the expected.json at `path`: its path in the package, with slashes. */
export function recordKey(path: string): string {
  return relative(PACKAGE_ROOT, path).split(sep).join("/");
}

/** Whether `text`, read from `path`, is an expected.json the record at `recordPath` verified. */
export function verifiedBy(recordPath: string | undefined, path: string, text: string): boolean {
  if (recordPath === undefined) return false;
  let record: VerifiedRecord;
  try {
    record = JSON.parse(readFileSync(recordPath, "utf8")) as VerifiedRecord;
  } catch {
    // No record (a build made before there were records, or one whose check failed): unverified.
    return false;
  }
  return Object.hasOwn(record, recordKey(path)) && record[recordKey(path)] === expectedDigest(text);
}

/** Whether the build this code runs from verified `text`, read from `path` (never from the sources). */
export function verifiedByBuild(path: string, text: string): boolean {
  return verifiedBy(inBuild(VERIFIED_RECORD), path, text);
}
