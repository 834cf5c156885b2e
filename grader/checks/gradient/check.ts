/**
 * Numeric gradient checking, independent of any assignment: given a scalar function of named
 * parameter tensors and a claimed gradient for each, say per tensor whether the gradient is right,
 * by how much it is off, where, and what the pattern of the error suggests.
 *
 * Rules (see README, "Gradient checking"):
 * - step: h = ∛ε · max(1, |θ|) per entry (ε = 2⁻⁵², so h ≈ 6e-6 for |θ| <= 1), the step that
 *   balances the central difference's O(h²) truncation error against rounding;
 * - estimator: central differences at h and h/2. Their difference estimates the truncation error;
 *   where it exceeds the rounding error, Richardson's (4·D(h/2) − D(h)) / 3 cancels the h² term
 *   ("where it pays"); otherwise D(h/2) is used as it is;
 * - tolerance per entry, from the estimator's own error estimate: 10 × (truncation estimate +
 *   rounding bound) + 1e-6 × max(|analytic|, |numeric|), never one fixed threshold; the rounding
 *   bound is ε·max(1, |f|)/h per evaluation, and every entry may also be off by 1e-7 of the
 *   tensor's largest entry (the analytic gradient's own rounding);
 * - kinks: when the function reports quantities whose sign matters (ReLU pre-activations), an
 *   entry whose perturbation flips one of those signs is "not checked: kink", never failed;
 * - fast mode: K random unit directions (entries drawn uniform, then scaled) compare ⟨g, u⟩ with
 *   the directional derivative. With several tensors, the directions first cross all of them at
 *   once, with a part of the same length in each tensor (so a tensor of a few entries is not lost
 *   beside one of thousands): when they agree, every tensor passes for 1 + 4·K evaluations in
 *   all. Otherwise each tensor is checked along K directions of its own, and a tensor that fails
 *   there is re-checked entry by entry before anything is reported;
 * - forward mode: an objective that can work out its own directional derivatives (`directional`,
 *   e.g. by dual numbers through the array module, see forward.ts) gives them for the fast mode's
 *   directions in one pass, and in full mode for every entry of a tensor of up to FORWARD_ENTRIES
 *   (a unit tangent per entry, FORWARD_CHUNK per pass), with no step size. Where it cannot (its
 *   computation left the array module), the check falls back to central differences. Each result
 *   says which method decided it; a failure is always confirmed entry by entry with central
 *   differences.
 * Pure apart from calling the objective; all randomness comes from the seed.
 */
import { RandomState } from "../../../assignments/lib/np.ts";
import type { GradientMethod } from "../../core/report.ts";

export interface Tensor {
  shape: readonly [number, number];
  data: Float64Array;
}

export type Params = Record<string, Tensor>;

/** A value of the objective, with the quantities whose sign change is a kink (optional). */
export interface Evaluation {
  value: number;
  kinks?: ArrayLike<number>;
}

export type { GradientMethod };

/** A directional derivative, with a bound on its error (0 where it is exact but for rounding). */
export interface Derivative {
  value: number;
  error: number;
}

/** The objective's own directional derivatives, or how it left forward mode (and none). */
export type Directional =
  | { method: Exclude<GradientMethod, "central-differences">; derivatives: Derivative[] }
  | { method: "central-differences"; left: string };

/**
 * Evaluates the objective at several points at once (one round trip to a sandbox, say). Each
 * point is the base parameters with one tensor replaced. An objective may also work out its
 * directional derivatives at a point along several directions itself (a tensor a direction
 * leaves out does not move), with `step` the central differences' step where it needs one.
 */
export type Objective = ((points: Params[]) => Promise<Evaluation[]> | Evaluation[]) & {
  directional?: (
    params: Params,
    directions: Params[],
    step: number,
  ) => Promise<Directional> | Directional;
};

export interface CheckOptions {
  mode: "full" | "fast";
  /** Random directions per tensor in fast mode. */
  directions: number;
  seed: number;
}

export interface EntryReport {
  index: [number, number];
  analytic: number;
  numeric: number;
  /** |analytic − numeric| / max(|analytic|, |numeric|, tiny). */
  relativeError: number;
  /** The entry's tolerance on |analytic − numeric|. */
  tolerance: number;
}

export type TensorResult =
  | { name: string; verdict: "wrong-shape"; expected: [number, number]; actual: [number, number] }
  /** No array was given for it (no such key, or a value of another kind). */
  | { name: string; verdict: "missing"; expected: [number, number] }
  | {
      name: string;
      verdict: "passed" | "failed";
      /** ‖g − n‖₂ / (‖g‖₂ + ‖n‖₂) over the checked entries (0 when both are 0). */
      difference: number;
      /** ⟨g, n⟩ / ⟨n, n⟩: the factor by which the claimed gradient is the numeric one. */
      alpha: number;
      cosine: number;
      /** The entries furthest outside their tolerance (or the largest errors when passed), up to 3. */
      worst: EntryReport[];
      checked: number;
      /** Entries not checked because a perturbation crossed a kink. */
      kinks: [number, number][];
      /** How the derivatives that decided were found. */
      method: GradientMethod;
      /** Why forward mode was not used, where the objective offers it but its run left it. */
      left?: string;
      /**
       * Whether the fast mode alone decided (no entry-by-entry check was needed). When every
       * tensor passed along directions across all of them, the figures are those directions'
       * and `evaluations` counts them once for each tensor.
       */
      fast: boolean;
      /** Evaluations of the objective spent; a pass in forward mode, whatever K, counts as one. */
      evaluations: number;
    };

const EPS = 2 ** -52;
const STEP = Math.cbrt(EPS);
const SAFETY = 10;
const RTOL = 1e-6;
/** Part of a tensor's largest entry every entry's tolerance includes. */
const TENSOR_RTOL = 1e-7;
/** Floor of a tolerance, so that an exactly zero gradient is not held to a zero tolerance. */
const TINY = 1e-12;

function withEntry(params: Params, name: string, k: number, value: number): Params {
  const tensor = params[name] as Tensor;
  const data = tensor.data.slice();
  data[k] = value;
  return { ...params, [name]: { shape: tensor.shape, data } };
}

/** `tensor` moved by `step` along `u`. */
function moved(tensor: Tensor, u: Float64Array, step: number): Tensor {
  const data = tensor.data.slice();
  for (let k = 0; k < data.length; k++) data[k] = (data[k] as number) + step * (u[k] as number);
  return { shape: tensor.shape, data };
}

function value(e: Evaluation | number): number {
  return typeof e === "number" ? e : e.value;
}

function signsDiffer(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (!a || !b) return false;
  for (let i = 0; i < a.length; i++) if ((a[i] as number) > 0 !== (b[i] as number) > 0) return true;
  return false;
}

/** A derivative from f(x ± h) and f(x ± h/2), with its own error estimate. */
export function estimate(fp: number, fm: number, fp2: number, fm2: number, h: number) {
  const d1 = (fp - fm) / (2 * h);
  const d2 = (fp2 - fm2) / h;
  // Rounding in f is at least ε times the scale of what f is computed from, which can exceed |f|
  // (a cost of 1e-7 computed as −log(a) with a = 1 − 1e-7 carries the rounding of a ≈ 1), so
  // the scale is taken as at least 1.
  const scale = (x: number, y: number) => Math.max(1, Math.abs(x)) + Math.max(1, Math.abs(y));
  const rounding = (EPS * scale(fp2, fm2)) / h + (EPS * scale(fp, fm)) / (2 * h);
  const truncation = Math.abs(d1 - d2);
  const richardson = truncation > rounding;
  const numeric = richardson ? (4 * d2 - d1) / 3 : d2;
  // Richardson's error is far below |d1 − d2|/3; d2's truncation error is about |d1 − d2|/3.
  const error = truncation / 3 + rounding;
  return { numeric, error, richardson };
}

/**
 * The derivative from the `i`-th four evaluations of a batch (at +h, −h, +h/2, −h/2), and whether
 * one of them crossed a kink of the base point's.
 */
function centralDifference(
  values: Evaluation[],
  i: number,
  h: number,
  kinks: ArrayLike<number> | undefined,
) {
  const four = values.slice(4 * i, 4 * i + 4) as [Evaluation, Evaluation, Evaluation, Evaluation];
  const kink = four.some((e) => signsDiffer(kinks, e.kinks));
  const [fp, fm, fp2, fm2] = four.map(value) as [number, number, number, number];
  return { ...estimate(fp, fm, fp2, fm2, h), kink };
}

function tolerance(error: number, analytic: number, numeric: number): number {
  return SAFETY * error + RTOL * Math.max(Math.abs(analytic), Math.abs(numeric)) + TINY;
}

interface EntryCheck {
  entry: EntryReport;
  kink: boolean;
}

/** The numeric derivative of one entry, with its error estimate and whether it crossed a kink. */
export interface NumericEntry {
  numeric: number;
  error: number;
  kink: boolean;
}

/** Numeric derivatives of every entry of one tensor: 4 evaluations per entry, one batch. */
export async function numericGradient(
  objective: Objective,
  params: Params,
  name: string,
  base: Evaluation,
): Promise<NumericEntry[]> {
  const { numeric } = await numericGradients(objective, params, [name], base);
  return numeric[0] as NumericEntry[];
}

/**
 * `numericGradient` of each tensor of `names`, all in one batch of evaluations: one round trip
 * where the objective runs in the sandbox (a learner's own forward pass and cost), where a batch
 * per tensor took one each. The value at `params` (whose kinks the differences are read against)
 * joins the batch, first, when it is not `known` yet.
 */
export async function numericGradients(
  objective: Objective,
  params: Params,
  names: readonly string[],
  known: Evaluation | undefined,
): Promise<{ base: Evaluation; numeric: NumericEntry[][] }> {
  const tensors = names.map((name) => differencePoints(params, name));
  const values = await objective([
    ...(known ? [] : [params]),
    ...tensors.flatMap(({ points }) => points),
  ]);
  const base = known ?? (values[0] as Evaluation);
  let at = known ? 0 : 1;
  const numeric = tensors.map(({ points, steps }) => {
    const own = values.slice(at, at + points.length);
    at += points.length;
    return steps.map((h, k) => {
      const { numeric, error, kink } = centralDifference(own, k, h, base.kinks);
      return { numeric, error, kink };
    });
  });
  return { base, numeric };
}

/** The points of one tensor's central differences (four per entry: ±h, ±h/2), and each entry's h. */
function differencePoints(params: Params, name: string): { points: Params[]; steps: number[] } {
  const tensor = params[name] as Tensor;
  const points: Params[] = [];
  const steps: number[] = [];
  for (let k = 0; k < tensor.data.length; k++) {
    const theta = tensor.data[k] as number;
    const h = STEP * Math.max(1, Math.abs(theta));
    steps.push(h);
    points.push(
      withEntry(params, name, k, theta + h),
      withEntry(params, name, k, theta - h),
      withEntry(params, name, k, theta + h / 2),
      withEntry(params, name, k, theta - h / 2),
    );
  }
  return { points, steps };
}

/** The claimed gradient's entries next to the numeric ones, each with its tolerance. */
function compareEntries(
  shape: readonly [number, number],
  numeric: NumericEntry[],
  claimed: Tensor,
): EntryCheck[] {
  const cols = shape[1];
  const out: EntryCheck[] = numeric.map(({ numeric: n, error, kink }, k) => {
    const analytic = claimed.data[k] as number;
    return {
      kink,
      entry: {
        index: [Math.floor(k / cols), k % cols],
        analytic,
        numeric: n,
        relativeError: Math.abs(analytic - n) / Math.max(Math.abs(analytic), Math.abs(n), TINY),
        tolerance: tolerance(error, analytic, n),
      },
    };
  });
  // An analytic gradient carries rounding relative to its largest entry (1 − A1² near a saturated
  // tanh is computed from A1 ≈ 1), so entries far below the tensor's scale are compared at that scale.
  let largest = 0;
  for (const { entry } of out)
    largest = Math.max(largest, Math.abs(entry.analytic), Math.abs(entry.numeric));
  for (const { entry } of out) entry.tolerance += TENSOR_RTOL * largest;
  return out;
}

function wrongShape(
  name: string,
  shape: readonly [number, number],
  claimed: Tensor | undefined,
): TensorResult | undefined {
  const expected: [number, number] = [shape[0], shape[1]];
  if (!claimed) return { name, verdict: "missing", expected };
  if (claimed.shape[0] === shape[0] && claimed.shape[1] === shape[1]) return undefined;
  return { name, verdict: "wrong-shape", expected, actual: [claimed.shape[0], claimed.shape[1]] };
}

/**
 * Judges a claimed gradient against numeric derivatives computed earlier (by `numericGradient`,
 * perhaps on another machine and stored): the same verdict `checkGradients` would give.
 */
export function judgeGradient(
  name: string,
  shape: readonly [number, number],
  numeric: NumericEntry[],
  claimed: Tensor | undefined,
): TensorResult {
  return (
    wrongShape(name, shape, claimed) ??
    summarize(name, compareEntries(shape, numeric, claimed as Tensor), {
      fast: false,
      evaluations: 4 * numeric.length,
      method: "central-differences",
    })
  );
}

/**
 * A random direction of `n` entries and length `length`. Its entries are drawn uniform in
 * [−1, 1), then scaled: any random direction will do (a wrong gradient is orthogonal to it with
 * probability 0), and a uniform draw costs a fraction of a normal one, which beside a million
 * parameters is a good part of a forward pass.
 */
function randomPart(rng: RandomState, n: number, length: number): Float64Array {
  // The draws' own array, made here and read by nothing else, becomes the direction.
  const u = rng.rand(1, n).data;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const x = 2 * (u[k] as number) - 1;
    u[k] = x;
    squares += x * x;
  }
  // All zero has probability 0 but for one entry drawn exactly 0.5: then the direction is (1).
  if (squares === 0 && n > 0) {
    u[0] = 1;
    squares = 1;
  }
  const factor = length / Math.sqrt(squares);
  for (let k = 0; k < n; k++) u[k] = (u[k] as number) * factor;
  return u;
}

/** The step along a direction through `tensors`: ∛ε times their largest entry, at least ∛ε. */
function stepAlong(tensors: Tensor[]): number {
  let maxAbs = 0;
  let nan = false;
  // Comparisons, not Math.max, which beside a million parameters takes a tenth of a forward pass.
  for (const { data } of tensors) {
    for (let k = 0; k < data.length; k++) {
      const a = Math.abs(data[k] as number);
      if (a > maxAbs) maxAbs = a;
      else if (Number.isNaN(a)) nan = true;
    }
  }
  return nan ? Number.NaN : STEP * Math.max(1, maxAbs);
}

/** What the directions of the fast mode found, and how. */
interface DirectionsVerdict {
  agree: boolean;
  checks: EntryCheck[];
  method: GradientMethod;
  left?: string;
  evaluations: number;
}

/**
 * Fast mode: do ⟨g, u⟩ and the directional derivative agree along `count` random unit directions
 * u across the tensors of `claimed` (all of them, or one)? Each tensor's part of u is a random
 * direction of the same length, so each tensor adds to ⟨g, u⟩ a term of the size of its
 * gradient's typical entry, whatever its number of entries (a direction drawn over all entries
 * alike would give a bias of 4 entries 1/2500 of a weight matrix's share). The claimed gradient
 * does not shape the direction. The tolerance is relative to the sum of the terms' sizes, not to
 * their sum, whose terms may cancel; an error too small to show beside the largest term is left
 * to the checks of each tensor, which run whenever the joint one does not agree. The directional
 * derivatives come from the objective's forward mode where it has one and its run stays in it
 * (one pass), else from central differences (4 evaluations per direction).
 */
async function directionsAgree(
  objective: Objective,
  params: Params,
  claimed: Record<string, Tensor>,
  base: () => Promise<Evaluation>,
  rng: RandomState,
  count: number,
  /** How an earlier run of the objective's forward mode left it: then it is not tried again. */
  left: string | undefined,
): Promise<DirectionsVerdict> {
  const names = Object.keys(claimed);
  const h = stepAlong(names.map((name) => params[name] as Tensor));
  // Each tensor's part has length 1/√T, so that the direction has length 1.
  const scale = 1 / Math.sqrt(names.length);
  const directions: Params[] = [];
  const projections: { value: number; size: number }[] = [];
  for (let d = 0; d < count; d++) {
    const parts = names.map((name) =>
      randomPart(rng, (claimed[name] as Tensor).data.length, scale),
    );
    let value = 0;
    let size = 0;
    const direction: Params = {};
    parts.forEach((u, t) => {
      const name = names[t] as string;
      const g = (claimed[name] as Tensor).data;
      let term = 0;
      for (let k = 0; k < u.length; k++) term += (g[k] as number) * (u[k] as number);
      value += term;
      size += Math.abs(term);
      direction[name] = { shape: (params[name] as Tensor).shape, data: u };
    });
    projections.push({ value, size });
    directions.push(direction);
  }
  const forward: Directional | undefined =
    left === undefined
      ? await objective.directional?.(params, directions, h)
      : { method: "central-differences", left };
  const found: {
    method: GradientMethod;
    derivatives: (Derivative & { kink?: boolean })[];
    evaluations: number;
    left?: string;
  } =
    forward && forward.method !== "central-differences"
      ? { method: forward.method, derivatives: forward.derivatives, evaluations: 1 }
      : {
          method: "central-differences" as const,
          derivatives: await centralAlong(objective, params, directions, h, base),
          evaluations: 4 * count,
          ...(forward ? { left: forward.left } : {}),
        };
  const checks: EntryCheck[] = [];
  let agree = true;
  found.derivatives.forEach(({ value: numeric, error, kink }, d) => {
    // A kink along a direction proves nothing either way: let the entry-by-entry check decide.
    if (kink) agree = false;
    const { value: analytic, size } = projections[d] as { value: number; size: number };
    const entry = {
      index: [d, 0] as [number, number],
      analytic,
      numeric,
      relativeError:
        Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), TINY),
      tolerance: tolerance(error, Math.max(Math.abs(analytic), size), numeric),
    };
    // Written so that NaN (a claimed gradient with NaN in it) disagrees.
    if (!(Math.abs(analytic - numeric) <= entry.tolerance)) agree = false;
    checks.push({ entry, kink: false });
  });
  const { derivatives: _, ...how } = found;
  return { agree, checks, ...how };
}

/** Directional derivatives by central differences: 4 evaluations per direction, one batch. */
async function centralAlong(
  objective: Objective,
  params: Params,
  directions: Params[],
  h: number,
  base: () => Promise<Evaluation>,
): Promise<(Derivative & { kink?: boolean })[]> {
  const along = (direction: Params, step: number): Params => {
    const point = { ...params };
    for (const [name, u] of Object.entries(direction))
      point[name] = moved(params[name] as Tensor, u.data, step);
    return point;
  };
  const values = await objective(
    directions.flatMap((u) => [along(u, h), along(u, -h), along(u, h / 2), along(u, -h / 2)]),
  );
  const { kinks } = await base();
  return directions.map((_, d) => {
    const { numeric, error, kink } = centralDifference(values, d, h, kinks);
    return { value: numeric, error, kink };
  });
}

type CheckedResult = Exclude<TensorResult, { verdict: "wrong-shape" | "missing" }>;

function summarize(
  name: string,
  checks: EntryCheck[],
  how: { fast: boolean; evaluations: number; method: GradientMethod; left?: string },
): CheckedResult {
  const checked = checks.filter((c) => !c.kink).map((c) => c.entry);
  let gg = 0;
  let nn = 0;
  let gn = 0;
  let dd = 0;
  for (const e of checked) {
    gg += e.analytic * e.analytic;
    nn += e.numeric * e.numeric;
    gn += e.analytic * e.numeric;
    dd += (e.analytic - e.numeric) ** 2;
  }
  const norms = Math.sqrt(gg) + Math.sqrt(nn);
  const outside = (e: EntryReport) => Math.abs(e.analytic - e.numeric) / e.tolerance;
  const failed = checked.some((e) => outside(e) > 1 || !Number.isFinite(e.analytic));
  return {
    name,
    verdict: failed ? "failed" : "passed",
    difference: norms === 0 ? 0 : Math.sqrt(dd) / norms,
    alpha: nn === 0 ? (gg === 0 ? 1 : Number.POSITIVE_INFINITY) : gn / nn,
    cosine: gg === 0 || nn === 0 ? (gg === nn ? 1 : 0) : gn / Math.sqrt(gg * nn),
    worst: [...checked].sort((a, b) => outside(b) - outside(a)).slice(0, 3),
    checked: checked.length,
    kinks: checks.filter((c) => c.kink).map((c) => c.entry.index),
    ...how,
  };
}

/**
 * Checks `claimed` (one gradient tensor per parameter, same names) against numeric derivatives
 * of `objective` at `params`.
 * @example await checkGradients(fromFunction((p) => sumOfSquares(p.W)), { W }, { W: twiceW }, { mode: "full", directions: 4, seed: 0 })
 */
export async function checkGradients(
  objective: Objective,
  params: Params,
  claimed: Record<string, Tensor | undefined>,
  options: CheckOptions,
): Promise<TensorResult[]> {
  // The value at `params` only where differences need it (for its kinks): forward mode does not.
  let baseValue: Promise<Evaluation> | undefined;
  const base = () => {
    baseValue ??= Promise.resolve(objective([params])).then(([e]) => e as Evaluation);
    return baseValue;
  };
  const rng = new RandomState(options.seed);
  const problems = new Map(
    Object.entries(params).map(([name, t]) => [name, wrongShape(name, t.shape, claimed[name])]),
  );
  const shaped = Object.fromEntries(
    Object.keys(params).flatMap((name) => (problems.get(name) ? [] : [[name, claimed[name]]])),
  ) as Record<string, Tensor>;
  // Metrics over the directional derivatives; `worst` indexes are directions, so none are shown.
  const decidedFast = (name: string, { checks, agree: _, ...how }: DirectionsVerdict) => ({
    ...summarize(name, checks, { fast: true, ...how }),
    worst: [],
  });
  let left: string | undefined;
  const agree = async (own: Record<string, Tensor>) => {
    const verdict = await directionsAgree(
      objective,
      params,
      own,
      base,
      rng,
      options.directions,
      left,
    );
    left = verdict.left;
    return verdict;
  };
  if (options.mode === "fast" && Object.keys(shaped).length > 1) {
    const joint = await agree(shaped);
    if (joint.agree)
      return Object.keys(params).map((name) => problems.get(name) ?? decidedFast(name, joint));
  }
  const results: (TensorResult | undefined)[] = [];
  /** The tensors central differences decide, all taken in one batch once the others are done. */
  const differences: {
    at: number;
    name: string;
    shape: readonly [number, number];
    gradient: Tensor;
    spent: number;
    left: string | undefined;
  }[] = [];
  for (const [name, tensor] of Object.entries(params)) {
    const gradient = shaped[name];
    if (!gradient) {
      results.push(problems.get(name) as TensorResult);
      continue;
    }
    let spent = 0;
    if (options.mode === "fast") {
      const fast = await agree({ [name]: gradient });
      if (fast.agree) {
        results.push(decidedFast(name, fast));
        continue;
      }
      spent = fast.evaluations;
    } else if (left === undefined) {
      const forward = await forwardGradient(objective, params, name);
      if (forward && "left" in forward) left = forward.left;
      else if (forward) {
        const checks = compareEntries(tensor.shape, forward.numeric, gradient);
        const { method, passes } = forward;
        const result = summarize(name, checks, { fast: false, evaluations: passes, method });
        // A failure is confirmed by central differences, which decide it.
        if (result.verdict === "passed") {
          results.push(result);
          continue;
        }
        spent = passes;
      }
    }
    differences.push({ at: results.length, name, shape: tensor.shape, gradient, spent, left });
    results.push(undefined);
  }
  if (differences.length > 0) {
    const known = baseValue === undefined ? undefined : await baseValue;
    const names = differences.map(({ name }) => name);
    const { numeric } = await numericGradients(objective, params, names, known);
    differences.forEach(({ at, name, shape, gradient, spent, left }, i) => {
      const entries = numeric[i] as NumericEntry[];
      const checks = compareEntries(shape, entries, gradient);
      results[at] = summarize(name, checks, {
        fast: false,
        evaluations: spent + 4 * entries.length,
        method: "central-differences",
        ...(left === undefined ? {} : { left }),
      });
    });
  }
  return results as TensorResult[];
}

/** Entries a tensor may have for the full mode to take its derivatives by forward mode. */
const FORWARD_ENTRIES = 1024;
/** Entries whose tangents one forward-mode pass carries at most (bounds its memory). */
const FORWARD_CHUNK = 64;

/**
 * Every entry's derivative of one tensor by the objective's forward mode: passes carrying one
 * tangent per entry (the unit vector along it), up to FORWARD_CHUNK at a time. Undefined where the
 * objective has no forward mode or the tensor is too big for tangents per entry; `left` where its
 * run left the array module.
 */
async function forwardGradient(
  objective: Objective,
  params: Params,
  name: string,
): Promise<
  { numeric: NumericEntry[]; method: GradientMethod; passes: number } | { left: string } | undefined
> {
  const tensor = params[name] as Tensor;
  const n = tensor.data.length;
  if (!objective.directional || n > FORWARD_ENTRIES) return undefined;
  const h = stepAlong([tensor]);
  const numeric: NumericEntry[] = [];
  let method: GradientMethod = "forward-mode";
  let passes = 0;
  for (let from = 0; from < n; from += FORWARD_CHUNK) {
    const directions = Array.from({ length: Math.min(FORWARD_CHUNK, n - from) }, (_, i) => {
      const data = new Float64Array(n);
      data[from + i] = 1;
      return { [name]: { shape: tensor.shape, data } };
    });
    const found = await objective.directional(params, directions, h);
    passes++;
    if (found.method === "central-differences") return { left: found.left };
    method = found.method;
    for (const { value, error } of found.derivatives)
      numeric.push({ numeric: value, error, kink: false });
  }
  return { numeric, method, passes };
}

/** An objective from a plain function of the parameters. */
export function fromFunction(f: (params: Params) => number | Evaluation): Objective {
  return (points) =>
    points.map((p) => {
      const result = f(p);
      return typeof result === "number" ? { value: result } : result;
    });
}
