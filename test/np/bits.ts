/**
 * A double as a string that tells apart what `toEqual` does not: −0 from 0. NaN is one value
 * (its payload is no part of numpy's result), so two results compared as these strings are the
 * same to the last bit that matters.
 */
export function bits(v: number): string {
  return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0" : String(v);
}
