import fc from "fast-check";
import { mersenne, mersenneFromState } from "pure-rand/generator/mersenne";
import { describe, expect, it } from "vitest";
import { Mersenne } from "../../assignments/lib/mersenne.ts";

// pure-rand's twister, which the array module drew from before it had its own over an Int32Array,
// is the reference: the same words, the same states, across several twists of the 624 words.
describe("Mersenne draws what pure-rand's mersenne draws", () => {
  it.each([0, 1, 5, 42, 2 ** 31, 2 ** 32 - 1])(
    "seed %i: 3000 words and the states between",
    (seed) => {
      const ours = Mersenne.seeded(seed);
      const theirs = mersenne(seed);
      expect(ours.getState()).toEqual(theirs.getState());
      for (let k = 0; k < 3000; k++) {
        expect(ours.next(), `word ${k}`).toBe(theirs.next());
        if (k % 311 === 0)
          expect(ours.getState(), `state after word ${k}`).toEqual(theirs.getState());
      }
    },
  );

  it("fillDoubles gives numpy's random_double from pairs of words, and leaves the same state", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 1500 }),
        (seed, skip, count) => {
          const ours = Mersenne.seeded(seed);
          const theirs = mersenne(seed);
          for (let k = 0; k < skip; k++) {
            ours.next();
            theirs.next();
          }
          const out = new Float64Array(count);
          ours.fillDoubles(out);
          for (let k = 0; k < count; k++) {
            const a = theirs.next() >>> 5;
            const b = theirs.next() >>> 6;
            expect(out[k]).toBe((a * 67108864 + b) / 9007199254740992);
          }
          expect(ours.getState()).toEqual(theirs.getState());
        },
      ),
      { seed: 18, numRuns: 60 },
    );
  });

  it("takes pure-rand's states and gives states pure-rand takes", () => {
    const theirs = mersenne(9);
    for (let k = 0; k < 700; k++) theirs.next();
    const ours = Mersenne.fromState(theirs.getState());
    const back = mersenneFromState(ours.getState());
    for (let k = 0; k < 1000; k++) {
      const word = theirs.next();
      expect(ours.next()).toBe(word);
      expect(back.next()).toBe(word);
    }
  });

  it("a clone draws the same words and leaves the original where it was", () => {
    const a = Mersenne.seeded(3);
    a.next();
    const b = a.clone();
    const fromA = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(fromA);
  });

  it.each([
    ["too short", [0, 1, 2]],
    ["a position of 624", [624, ...new Array<number>(624).fill(1)]],
    ["a negative position", [-1, ...new Array<number>(624).fill(1)]],
    ["a fractional position", [0.5, ...new Array<number>(624).fill(1)]],
  ])("refuses a state %s", (_, state) => {
    expect(() => Mersenne.fromState(state)).toThrow(/position below 624 and 624 words/);
  });
});
