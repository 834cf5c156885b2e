/**
 * exp and tanh for the array module's loops, faster than V8's Math.exp and Math.tanh (which call
 * out of the compiled loop into C++ for every entry; bench/elementary.ts says by how much),
 * within one unit in the last place of the correctly rounded value and more often exact than
 * either (test/np/elementary.test.ts):
 * a training step spends much of its time in these two (a tanh per hidden unit and example, an exp
 * per output). Math.exp itself takes over where results overflow, underflow or the argument is not
 * finite; Math.tanh where it is 1 with a sign.
 */
import { EXP2_TABLE, EXP2_TABLE_SIZE } from "./exp-table.ts";

// The table and its size as this module's own constants: V8 builds them into exp's compiled
// code, where an imported binding is looked up (and checked) on every call.
const TABLE: Float64Array = EXP2_TABLE;
const N: number = EXP2_TABLE_SIZE;
/** N − 1: the mask of an index into the table. */
const LAST = N - 1;

/** 2^k for k = -1023..1024, at k + 1023: exact scale factors. */
const POW2 = new Float64Array(2048).map((_, i) => 2 ** (i - 1023));
const N_OVER_LN2 = N / Math.LN2;
const LOG2_N = Math.log2(N);
// ln2/N split in two (fdlibm's split of ln2, divided by N exactly): the high part has 21 trailing
// zero bits, so k·high is exact for every |k| < 2^21 this exp reduces with.
const LN2_HIGH = 0.6931471803691238 / N;
const LN2_LOW = 1.9082149292705877e-10 / N;
/** 1.5·2^52: adding and subtracting it rounds a double of magnitude below 2^51 to an integer. */
const ROUND = 6755399441055744;
/** Where Math.exp takes over: beyond, a result overflows or leaves the normal doubles. */
const EXP_RANGE = 700;

/**
 * e^x as 2^(k + i/N)·e^r: x = (kN + i)·ln2/N + r with |r| ≤ ln2/(2N); 2^(i/N) from a table, as
 * a double and what it leaves out; e^r − 1 by its Taylor series to r^5 (the next term is below
 * 10^-18 of the result); 2^k exactly. The result is rounded once, in the last addition: no
 * rounding of the table's shows through, which also keeps exp increasing where one entry of the
 * table hands over to the next.
 */
export function exp(x: number): number {
  if (!(Math.abs(x) < EXP_RANGE)) return Math.exp(x);
  const kn = x * N_OVER_LN2 + ROUND - ROUND;
  const r = x - kn * LN2_HIGH - kn * LN2_LOW;
  const n = kn | 0;
  const i = 2 * (n & LAST);
  const power = POW2[(n >> LOG2_N) + 1023] as number;
  const high = (TABLE[i] as number) * power;
  const low = (TABLE[i + 1] as number) * power;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))));
  return high + (low + high * p);
}

// Cephes' tanh: a rational function of x² for |x| ≤ 0.625 (relative error below 2.5·10^-16); its
// coefficients as the doubles they round to.
const P0 = -0.9643991794250523;
const P1 = -99.28772310019185;
const P2 = -1614.6876844170845;
const Q0 = 112.81167849163293;
const Q1 = 2235.4883906010045;
const Q2 = 4844.063053251255;
/** Below this, tanh x rounds to x (x³/3 is under half a unit in its last place); ±0 stays. */
const TANH_TINY = 2 ** -27;
/** From here on, tanh x rounds to ±1. */
const TANH_ONE = 22;

/** tanh x: Cephes' rational function near 0, else 1 − 2/(e^2|x| + 1) with the sign of x. */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (a <= 0.625) {
    if (a < TANH_TINY) return x;
    const z = x * x;
    return x + x * z * (((P0 * z + P1) * z + P2) / (((z + Q0) * z + Q1) * z + Q2));
  }
  if (!(a < TANH_ONE)) return Math.tanh(x);
  const t = 1 - 2 / (exp(2 * a) + 1);
  return x < 0 ? -t : t;
}
