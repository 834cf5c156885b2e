/**
 * `toEqual` on arrays compares their shapes and entries. An array's entries are behind a getter
 * (`data`: they may be computed when first read, assignments/lib/fusion.ts), which vitest's own
 * equality does not look at: without this tester two arrays of one shape would always be equal.
 */
import { expect } from "vitest";
import { NDArray } from "../../assignments/lib/ndarray.ts";

expect.addEqualityTesters([
  function ndarrays(a, b, testers) {
    const isArray = (x: unknown) => x instanceof NDArray;
    if (!isArray(a) && !isArray(b)) return undefined;
    if (!isArray(a) || !isArray(b)) return false;
    const [x, y] = [a as NDArray, b as NDArray];
    return this.equals(x.shape, y.shape, testers) && this.equals(x.data, y.data, testers);
  },
]);
