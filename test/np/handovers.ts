/**
 * Where elementary.ts's exp and tanh hand over from one table entry or formula to the next: the
 * points where an error in either, or a kernel that computes them otherwise (simd.wat), would show
 * first. Shared by the tests of the functions themselves and of the SIMD tanh.
 */

const words = new BigInt64Array(2);
const doubles = new Float64Array(words.buffer);

/** How many doubles apart a and b are (both finite, of one sign). */
export function ulps(a: number, b: number): number {
  doubles[0] = a;
  doubles[1] = b;
  const [i, j] = words as unknown as [bigint, bigint];
  return Number(i > j ? i - j : j - i);
}

/** The double `steps` after x, away from zero (toward it when negative). */
export function stepFrom(x: number, steps: number): number {
  doubles[0] = x;
  words[0] = (words[0] as bigint) + BigInt(steps);
  return doubles[0] as number;
}

/**
 * exp changes table entry at (j + ½)·ln2/128: every such point with |x| < 60 (where a training's
 * values lie); tanh changes formula at ±0.625 and ±2^-27, is ±1 from ±22 on, and changes its
 * exp's entry at half those points.
 */
export function handovers(name: "exp" | "tanh"): number[] {
  const entries = Math.floor((60 * 128) / Math.LN2);
  const points = Array.from(
    { length: 2 * entries },
    (_, j) => (j - entries + 0.5) * (Math.LN2 / 128),
  );
  return name === "exp"
    ? points
    : [0.625, -0.625, 2 ** -27, -(2 ** -27), 22, -22, ...points.map((x) => x / 2)];
}

/** The 17 doubles from 8 below `centre` to 8 above it, ascending. */
export function around(centre: number): number[] {
  return Array.from({ length: 17 }, (_, k) => stepFrom(centre, k - 8)).sort((a, b) => a - b);
}
