/**
 * `toEqual` on arrays compares their shapes and entries. An array's entries are behind a getter
 * (`data`: they may be computed when first read, assignments/lib/fusion.ts), which vitest's own
 * equality does not look at: without this tester two arrays of one shape would always be equal.
 */
import { expect } from "vitest";
import { NDArray, valuesOf } from "../../assignments/lib/ndarray.ts";

expect.addEqualityTesters([
  function ndarrays(a, b, testers) {
    const isArray = (x: unknown) => x instanceof NDArray;
    if (!isArray(a) && !isArray(b)) return undefined;
    if (!isArray(a) || !isArray(b)) return false;
    const [x, y] = [a as NDArray, b as NDArray];
    // valuesOf, not .data: comparing must not mark an array's values as handed out, which would
    // change how later operations on it are computed in the test that compared it.
    return this.equals(x.shape, y.shape, testers) && this.equals(valuesOf(x), valuesOf(y), testers);
  },
]);
