/**
 * The Mersenne Twister (MT19937) that numpy's legacy generator draws from, as pure-rand's
 * `mersenne` computes it (the same words, the same states: `getState` gives what its `getState`
 * gives, and takes what it takes), over an Int32Array. pure-rand keeps its 624 words in a plain
 * array of numbers, most of them beyond a small integer's 31 bits, so every word read or written
 * is a boxed number: a million `np.random.rand` draws took 42 ms there, and a million parameters'
 * directions of a gradient check (two draws) more than half of a forward pass.
 *
 * Each word is twisted just after it is read (pure-rand's order, which gives the same words as
 * the reference implementation's twisting all 624 at once), so a state is a position and the
 * words, partly twisted.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;

/** Twists word `i` of `mt` in place; returns the position after it. */
function twistAt(mt: Int32Array, i: number): number {
  const next = i + 1 === N ? 0 : i + 1;
  const y = ((mt[i] as number) & UPPER) | ((mt[next] as number) & LOWER);
  const far = i + M < N ? i + M : i + M - N;
  mt[i] = (mt[far] as number) ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  return next;
}

/** numpy's `random_double` of two words: the first's top 27 bits, then the second's top 26. */
function double(first: number, second: number): number {
  return ((first >>> 5) * 67108864 + (second >>> 6)) / 9007199254740992;
}

/** Word `y` tempered: the twister's output. */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & (0x9d2c5680 | 0);
  y ^= (y << 15) & (0xefc60000 | 0);
  return y ^ (y >>> 18);
}

export class Mersenne {
  private constructor(
    private readonly words: Int32Array,
    private index: number,
  ) {}

  /** The generator `init_genrand(seed)` makes (numpy's `np.random.seed(seed)`). */
  static seeded(seed: number): Mersenne {
    const words = new Int32Array(N);
    words[0] = seed | 0;
    for (let i = 1; i < N; i++) {
      const previous = words[i - 1] as number;
      words[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) | 0;
    }
    for (let i = 0; i < N; i++) twistAt(words, i);
    return new Mersenne(words, 0);
  }

  /** The generator in a state `getState` gave: its position, then its 624 words. */
  static fromState(state: readonly number[]): Mersenne {
    const index = state[0] as number;
    if (!(state.length === N + 1 && Number.isInteger(index) && index >= 0 && index < N))
      throw new Error("the state must be a position below 624 and 624 words, as getState gives");
    return new Mersenne(Int32Array.from(state.slice(1)), index);
  }

  clone(): Mersenne {
    return new Mersenne(this.words.slice(), this.index);
  }

  /** The position, then the 624 words (signed 32-bit integers). */
  getState(): number[] {
    return [this.index, ...this.words];
  }

  /** The next 32-bit word, as a signed integer. */
  next(): number {
    const y = temper(this.words[this.index] as number);
    this.index = twistAt(this.words, this.index);
    return y;
  }

  /** numpy's `random_double`: 53 random bits from the next two words (27 and 26 bits). */
  nextDouble(): number {
    const a = this.next();
    return double(a, this.next());
  }

  /**
   * Fills `out` with `nextDouble`s, in one loop with the position in a local, where drawing
   * through `next` would store it back twice an entry.
   */
  fillDoubles(out: Float64Array): void {
    const words = this.words;
    let i = this.index;
    for (let k = 0; k < out.length; k++) {
      const a = temper(words[i] as number);
      i = twistAt(words, i);
      const b = temper(words[i] as number);
      i = twistAt(words, i);
      out[k] = double(a, b);
    }
    this.index = i;
  }
}
