/**
 * A seeded random generator that reproduces numpy's legacy `np.random.seed(k)` followed by
 * `np.random.rand(...)` / `np.random.randn(...)`, so that the course's Python and this TypeScript
 * draw the same numbers for the same seed. No hidden global state: each generator is an object.
 */
import { Mersenne } from "./mersenne.ts";
import { type NDArray, owned } from "./ndarray.ts";
import { checkShape, describe } from "./shape.ts";
import { allocate } from "./storage.ts";

const MAX_SEED = 2 ** 32 - 1;

/** A generator's state: the Mersenne Twister's, and the normal value kept for the next draw. */
export interface GeneratorState {
  readonly mt: readonly number[];
  readonly gauss: number | null;
}

export class RandomState {
  #mt: Mersenne;
  /** The second value of numpy's polar Box-Muller pair, kept for the next `randn` draw. */
  #gauss: number | null = null;

  /**
   * A generator in the state numpy's `np.random.seed(seed)` leaves: MT19937 seeded by
   * `init_genrand(seed)`, no cached normal value.
   * @example new RandomState(1).rand(1, 2).tolist() // [[0.417022004702574, 0.7203244934421581]]
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(
        `RandomState: seed must be an integer between 0 and 2**32 - 1, got ${describe(seed)}`,
      );
    }
    this.#mt = Mersenne.seeded(seed);
  }

  /** An independent generator in the same state: it draws the same numbers as this one would. */
  clone(): RandomState {
    const copy = new RandomState(0);
    copy.#mt = this.#mt.clone();
    copy.#gauss = this.#gauss;
    return copy;
  }

  /**
   * The generator's whole state, as numpy's `get_state()` gives it: `setState` on any generator
   * makes it draw what this one would draw next.
   */
  getState(): GeneratorState {
    return { mt: [...this.#mt.getState()], gauss: this.#gauss };
  }

  /** Puts the generator in a state `getState` gave, like numpy's `set_state()`. */
  setState(state: GeneratorState): void {
    const { mt, gauss } = state;
    if (!Array.isArray(mt) || !mt.every((x) => Number.isInteger(x)))
      throw new TypeError("RandomState.setState: mt must be the list of integers getState gave");
    if (gauss !== null && typeof gauss !== "number")
      throw new TypeError("RandomState.setState: gauss must be a number or null");
    try {
      this.#mt = Mersenne.fromState(mt);
    } catch (error) {
      throw new TypeError(`RandomState.setState: not a state getState gave (${error})`);
    }
    this.#gauss = gauss;
  }

  /** Uniform [0, 1) values in a (rows, cols) array, filled row-major like `np.random.rand`. */
  rand(rows: number, cols: number): NDArray {
    const shape = checkShape("random.rand", [rows, cols]);
    const out = allocate(shape[0] * shape[1]);
    this.#mt.fillDoubles(out);
    return owned(out, shape);
  }

  /** Standard normal values in a (rows, cols) array, filled row-major like `np.random.randn`. */
  randn(rows: number, cols: number): NDArray {
    const shape = checkShape("random.randn", [rows, cols]);
    const out = allocate(shape[0] * shape[1]);
    for (let i = 0; i < out.length; i++) out[i] = this.#normal();
    return owned(out, shape);
  }

  /** numpy's legacy `gauss`: the polar Box-Muller method, returning f·x2 and caching f·x1. */
  #normal(): number {
    if (this.#gauss !== null) {
      const cached = this.#gauss;
      this.#gauss = null;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.#mt.nextDouble() - 1;
      x2 = 2 * this.#mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.#gauss = f * x1;
    return f * x2;
  }
}
