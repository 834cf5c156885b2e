/**
 * Load-manifest stage: reads `assignments/<id>/assignment.json` and validates it against its JSON
 * Schema. A mistake is reported with the JSON path where it is, for the instructor to fix.
 */
import { readFileSync } from "node:fs";
import type { ErrorObject } from "ajv";
import { validate as validateManifest } from "../schemas/assignment.validate.mjs";

export interface Tolerance {
  rtol: number;
  atol: number;
}

export interface TestSpec {
  id: string;
  name: string;
  kind: "compare" | "integration" | "gradient" | "checker" | "property";
  /** Paid only when the function's comparison tests pass (always so for properties). */
  gated?: boolean;
  /** The learner's own functions this test uses: while one fails its own tests, it costs nothing. */
  needs?: string[];
  check?: string;
  points: number;
  visibility: "visible" | "hidden";
  seed: number;
  case: Record<string, number | boolean | string>;
  tolerance?: Tolerance;
  timeoutMs?: number;
}

export interface Manifest {
  id: string;
  version: string;
  title: string;
  /** Free-form: the assignment's cases and trainer read the ones they use. */
  hyperparameters: Record<string, number>;
  /** The assignment's trainer module, for `gradecheck train` (relative to its folder). */
  train?: string;
  tolerance: Tolerance;
  limits: {
    timeoutFloorMs: number;
    timeoutFactor: number;
    heapMb: number;
    importTimeoutMs: number;
    childCpuSeconds: number;
    runSeconds: number;
    /** Values one call of a stand-in may take in (see pipeline/oracle.ts); a default otherwise. */
    standInEntries?: number;
  };
  functions: FunctionSpec[];
}

/**
 * A function and its tests; or, with `runs`, an end-to-end group: its tests call that function
 * with all the learner's own functions, and its name is its line in the summary.
 */
export interface FunctionSpec {
  name: string;
  runs?: string;
  /** The function's parameter names. */
  args?: string[];
  /** Other functions of the assignment it calls (stood in for when it is judged alone). */
  calls?: string[];
  /** Whether each comparison calls it twice (is it deterministic?); true by default. */
  repeat?: boolean;
  tests: TestSpec[];
}

/** One test, with the learner's function it calls and the line of the summary it counts in. */
export interface PlannedTest {
  /** The learner's function the test calls. */
  fn: string;
  /** The function, or the end-to-end group, whose points these are. */
  group: string;
  /** Whether the test runs the learner's own functions together (an end-to-end group). */
  endToEnd: boolean;
  test: TestSpec;
}

/** Every test of the manifest, in its order. */
export function plannedTests(manifest: Manifest): PlannedTest[] {
  return manifest.functions.flatMap(({ name, runs, tests }) =>
    tests.map((test) => ({ fn: runs ?? name, group: name, endToEnd: runs !== undefined, test })),
  );
}

/** A manifest that cannot be used; `path` is a JSON Pointer into the file ("" for the whole). */
export class ManifestError extends Error {
  override name = "ManifestError";
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}${path ? ` at ${path}` : ""}: ${problem}`);
  }
}

/** The schema's precompiled validator (scripts/schemas.ts): no compiling at start. */
const validate = validateManifest as ((data: unknown) => data is Manifest) & {
  errors?: ErrorObject[] | null;
};

function describe(error: ErrorObject): string {
  if (error.keyword === "additionalProperties") {
    return `unknown property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === "enum") {
    return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return error.message ?? error.keyword;
}

/** Checks parsed JSON; the same checks `loadManifest` runs, without the file. */
export function parseManifest(data: unknown, file: string): Manifest {
  if (!validate(data)) {
    const [first] = validate.errors ?? [];
    throw new ManifestError(file, first?.instancePath ?? "", first ? describe(first) : "invalid");
  }
  const seen = new Map<string, string>();
  data.functions.forEach((fn, f) => {
    fn.tests.forEach((test, t) => {
      const path = `/functions/${f}/tests/${t}/id`;
      const earlier = seen.get(test.id);
      if (earlier)
        throw new ManifestError(file, path, `test id "${test.id}" is already used at ${earlier}`);
      seen.set(test.id, path);
    });
  });
  return data;
}

export function loadManifest(file: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ManifestError(file, "", `cannot read it as JSON: ${(error as Error).message}`);
  }
  return parseManifest(data, file);
}
