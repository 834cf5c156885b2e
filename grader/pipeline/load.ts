/**
 * Finding an assignment's parts: its folder, manifest, cases (input generators), reference
 * solution (instructor side only) and committed expected values.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type AssignmentCases,
  type LearnerCases,
  mergeCases,
  type Reference,
  type ReferenceCases,
} from "../core/assignment.ts";
import { loadManifest, type Manifest } from "../core/manifest.ts";
import { importSource } from "../core/modules.ts";
import { type Expected, expectedFromJson, type NamedData } from "./expected.ts";
import { verifiedByBuild } from "./verified.ts";

export interface AssignmentParts {
  id: string;
  dir: string;
  manifest: Manifest;
  cases: AssignmentCases;
  reference: Reference | undefined;
  expected: Expected | undefined;
  expectedPath: string;
  /** The arrays expected.json may name instead of copying (see NamedData). */
  data: NamedData | undefined;
}

/** Ids of the assignments under `root/assignments` (folders with an assignment.json). */
export function assignmentIds(root: string): string[] {
  const dir = join(root, "assignments");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "assignment.json")))
    .map((e) => e.name)
    .sort();
}

export async function loadAssignment(
  root: string,
  id: string,
  withReference: boolean,
): Promise<AssignmentParts> {
  const dir = join(root, "assignments", id);
  const manifest = loadManifest(join(dir, "assignment.json"));
  const learnerSide = await importSource<{ cases: LearnerCases }>(join(dir, "cases.ts"));
  const referencePath = join(root, "reference", id, "model.ts");
  const reference =
    withReference && existsSync(referencePath)
      ? await importSource<Reference>(referencePath)
      : undefined;
  // The instructor's side of the cases (inputs, mistakes, named checks) goes with the reference.
  const referenceCasesPath = join(root, "reference", id, "cases.ts");
  const referenceSide =
    reference && existsSync(referenceCasesPath)
      ? await importSource<{ referenceCases: ReferenceCases }>(referenceCasesPath)
      : undefined;
  const cases = mergeCases(manifest, learnerSide.cases, referenceSide?.referenceCases);
  const expectedPath = join(dir, "expected.json");
  const text = existsSync(expectedPath) ? readFileSync(expectedPath, "utf8") : undefined;
  const expected =
    text === undefined
      ? undefined
      : {
          ...expectedFromJson(text, learnerSide.cases.data),
          verified: reference !== undefined && verifiedByBuild(expectedPath, text),
        };
  return {
    id,
    dir,
    manifest,
    cases,
    reference,
    expected,
    expectedPath,
    data: learnerSide.cases.data,
  };
}
