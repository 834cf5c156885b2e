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

/**
 * exp's two tables in one array, so that each call checks one array's map and bounds, not two:
 * at 2i and 2i + 1 the pair for 2^(i/N), at SCALES + k + 1023 the exact 2^k for k = -1023..1024.
 */
const SCALES = 2 * EXP2_TABLE_SIZE;
const TABLES = new Float64Array(SCALES + 2048);
TABLES.set(EXP2_TABLE);
for (let k = -1023; k <= 1024; k++) TABLES[SCALES + k + 1023] = 2 ** k;

// The constants of exp and tanh are each function's own: V8 builds a function's constants into its
// compiled code, where it reads a module-level one from memory and checks its type on every call
// (measured: about a fifth of the time of each).

/**
 * e^x as 2^(k + i/N)·e^r: x = (kN + i)·ln2/N + r with |r| ≤ ln2/(2N); 2^(i/N) from a table, as
 * a double and what it leaves out; e^r − 1 by its Taylor series to r^5 (the next term is below
 * 10^-18 of the result); 2^k exactly. The result is rounded once, in the last addition: no
 * rounding of the table's shows through, which also keeps exp increasing where one entry of the
 * table hands over to the next. Math.exp takes over where a result overflows or leaves the
 * normal doubles (|x| ≥ 700), and for NaN.
 */
export function exp(x: number): number {
  /** EXP2_TABLE_SIZE, as a constant of the function's (the accuracy test fails if they differ). */
  const N = 128;
  // ln2/N split in two (fdlibm's split of ln2, divided by N exactly): the high part has 21
  // trailing zero bits, so k·high is exact for every |k| < 2^21 this exp reduces with.
  const LN2_HIGH = 0.6931471803691238 / N;
  const LN2_LOW = 1.9082149292705877e-10 / N;
  /** 1.5·2^52: adding and subtracting it rounds a double of magnitude below 2^51 to an integer. */
  const ROUND = 1.5 * 2 ** 52;
  if (!(Math.abs(x) < 700)) return Math.exp(x);
  const kn = x * (N / Math.LN2) + ROUND - ROUND;
  const r = x - kn * LN2_HIGH - kn * LN2_LOW;
  const n = kn | 0;
  const i = 2 * (n & (N - 1));
  const power = TABLES[2 * N + (n >> Math.log2(N)) + 1023] as number;
  const high = (TABLES[i] as number) * power;
  const low = (TABLES[i + 1] as number) * power;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))));
  return high + (low + high * p);
}

/**
 * tanh x: Cephes' rational function of x² near 0 (|x| ≤ 0.625, relative error below 2.5·10^-16),
 * else 1 − 2/(e^2|x| + 1) with the sign of x. Below 2^-27 tanh x rounds to x (x³/3 is under half a
 * unit in its last place), and ±0 stays; from 22 on it rounds to ±1, which Math.tanh gives.
 */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (a <= 0.625) {
    if (a < 2 ** -27) return x;
    const z = x * x;
    // Cephes' coefficients, as the doubles they round to.
    const p = (-0.9643991794250523 * z + -99.28772310019185) * z + -1614.6876844170845;
    const q = ((z + 112.81167849163293) * z + 2235.4883906010045) * z + 4844.063053251255;
    return x + x * z * (p / q);
  }
  if (!(a < 22)) return Math.tanh(x);
  const t = 1 - 2 / (exp(2 * a) + 1);
  return x < 0 ? -t : t;
}
