/** A wrong answer's hint, in words. */
import type {
  ErrorHint,
  Hint,
  NamedMistake,
  NUMPY_METHODS,
  PatternHint,
} from "../../core/report.ts";
import {
  definedProducts,
  firstOf,
  MISNAMED_SHOWN,
  outsideKeys,
  sameShapes,
  shape,
  snakeFor,
  TYPESCRIPT_FOR,
  TYPESCRIPT_FOR_METHOD,
} from "../numbers.ts";

/** What the array module offers for a numpy method its arrays have not. */
const NUMPY_METHOD_FOR: Record<(typeof NUMPY_METHODS)[number], string> = {
  astype:
    "astype is numpy's: the array module's arrays hold float64 numbers only, so there is nothing to convert (np.where(condition, 1, 0) gives 0 and 1)",
  flatten: "flatten is numpy's: np.reshape(x, [1, -1]) makes a (1, n) row of an array's entries",
  ravel: "ravel is numpy's: np.reshape(x, [1, -1]) makes a (1, n) row of an array's entries",
  squeeze:
    "squeeze is numpy's: the array module's arrays always have two dimensions, (rows, cols); a (1,1) array's number is x.item(), and np.sum(x) without an axis gives a number",
};

/** 2nd, 3rd, 11th, 100th. */
function ordinal(k: number): string {
  const teen = k % 100 >= 11 && k % 100 <= 13;
  return `${k}${teen ? "th" : (["th", "st", "nd", "rd"][k % 10] ?? "th")}`;
}

/** Why `found` is not the key `expected`, which differs from it only in case or underscores. */
export const namingRule = (expected: string, found: string): string =>
  snakeFor(expected, found)
    ? "names here are written in camelCase, not Python's snake_case"
    : "names are case-sensitive";

const quoted = (m: NamedMistake) => `"${m.name}"`;

/** A named mistake is a claim: the words say the output is exactly the mistake's. */
function wordMistakes(mistakes: NamedMistake[], then: PatternHint | undefined): string {
  const [first, second] = mistakes as [NamedMistake, NamedMistake | undefined];
  if (second)
    return `your result is exactly what two mistakes made together give: ${quoted(first)} (${first.sentence}) and ${quoted(second)} (${second.sentence})`;
  if (then)
    return `your result is exactly what the mistake ${quoted(first)} gives (${first.sentence}), and besides, ${wordHint(then)}`;
  return `your result is exactly what the mistake ${quoted(first)} gives: ${first.sentence}`;
}

export function wordHint(hint: Hint): string {
  switch (hint.code) {
    case "array-for-number":
      return "return a plain number, not a (1,1) array: np.sum(x) without an axis gives a number, or use .item()";
    case "row-for-column":
      if (hint.keepdims === undefined)
        return "a (1, n) row where an (n, 1) column was expected: if it comes from a sum along axis 1, keep the dimension with np.sum(x, 1, true)";
      return hint.keepdims
        ? "a (1, n) row where an (n, 1) column was expected: a sum along axis 1 needs keepdims, np.sum(x, 1, true)"
        : "a (1, n) row where an (n, 1) column was expected";
    case "transposed-shape":
      return `the result is transposed: (${hint.actual.join(",")}) instead of (${hint.expected.join(",")})`;
    case "square-for-column":
      return hint.keepdims === false
        ? "an (n, n) result where an (n, 1) column was expected: a row and a column broadcast together"
        : "an (n, n) result where an (n, 1) column was expected: a row and a column broadcast together; a sum without keepdims?";
    case "all-zeros":
      return "the result is all zeros";
    case "transposed":
      return "the result is transposed";
    case "sign":
      return "the sign is flipped";
    case "m-times":
      return `it is m = ${hint.m} times too large: the 1/m is missing`;
    case "m-times-smaller":
      return `it is m = ${hint.m} times too small: divided by m twice?`;
    case "twice":
      return "it is exactly twice the expected value: an extra factor of 2";
    case "half":
      return "it is exactly half the expected value: a missing factor of 2";
    case "rows-for-columns":
      return `it is the expected value times ${hint.cols}/${hint.rows}: divided by ${hint.rows} where ${hint.cols} was meant, as when the rows of a (${hint.rows},${hint.cols}) input, shape[0], are read for its columns, shape[1] (m, the number of examples, is X.shape[1])`;
    case "factor":
      return `it is the expected value times ${hint.factor.toPrecision(4)}: a constant factor is wrong`;
    case "varies":
      return "called twice with the same inputs, it returned different results (does it use Math.random, or anything but its arguments)";
    case "reciprocal":
      return "it is exactly 1 over the expected value: np.divide(a, b) is a / b; are its operands the wrong way round (np.divide(m, x) where x / m was meant)?";
    case "one-minus":
      return "it is exactly 1 minus the expected value (1 − x where x was expected)";
    case "mistake":
      return wordMistakes(hint.mistakes, hint.then);
    case "tuple-for-object":
      return `where Python returns a tuple, return an object whose keys name its values, { ${hint.keys.join(", ")} }${hint.inOrder ? ". Your list holds the right values, in that order" : ""}`;
    case "entries-for-array":
      return wordEntries(hint);
    case "every-kth":
      if (hint.k === null) return "your list holds only the first of the expected values";
      return hint.of === "expected"
        ? `your list holds every ${ordinal(hint.k)} of the expected values (entries 0, ${hint.k}, ${2 * hint.k}, …), where each one was expected`
        : `the expected list holds every ${ordinal(hint.k)} of your values (entries 0, ${hint.k}, ${2 * hint.k}, …), not each one`;
    case "no-return":
      return "a function without a return statement, or a path through it without one, returns undefined, as does returning a variable never set";
    case "infinite":
      return "an infinity where a finite value was expected: a division by 0, np.log(0) (−Infinity) or np.exp of a large number makes one";
    case "text-for-number":
      return `return the number itself, not its text (toFixed and String make text)${hint.same ? "; its value is the right one" : ""}`;
    case "nan":
      return "NaN: where Python raises an error, TypeScript computes with undefined and gives NaN, so a key, an index or a variable that is not there (Y.shape[2], a misspelt name) makes one; so do 0/0, 0·log(0) and the log of a negative number (np.subtract(a, b) is a − b: np.subtract(A, 1) is negative where 1 − A was meant)";
    case "flattened":
      return `${hint.keys.join(", ")} belong in ${hint.key}, not beside it: { ${hint.key}: { ${hint.keys.join(", ")} }, … }`;
    case "part-for-whole":
      return `your result has the form of ${hint.part} alone: return the whole object, { ${hint.keys.join(", ")} }`;
    case "misnamed":
      return wordMisnamed(hint);
  }
}

/** The right values under other names: which of the learner's holds which expected one. */
function wordMisnamed({ pairs, shift }: Extract<Hint, { code: "misnamed" }>): string {
  const [shown, more] = firstOf(pairs, MISNAMED_SHOWN);
  const which = shown.map(({ yours, expected }) => `your ${yours} is the expected ${expected}`);
  if (more > 0) which.push(`${more} more`);
  const numbered =
    shift === undefined
      ? ""
      : `: your names are numbered ${Math.abs(shift)} ${shift < 0 ? "lower" : "higher"} than the expected ones`;
  return `the right values are there under other names (${which.join(", ")})${numbered}`;
}

/** An array's entries returned for the array: how to make the array of them, or do without. */
function wordEntries(hint: Extract<Hint, { code: "entries-for-array" }>): string {
  const wanted = `return an array ${shape(hint.shape)}`;
  const same = hint.same ? ". Your entries are the right ones, in the right order" : "";
  switch (hint.from) {
    case "typed":
      return `${wanted}, not a typed array of its entries (x.data holds an array's entries without its shape): np.greater, np.where and the like work on whole arrays, with no loop over .data`;
    case "list":
      return `${wanted}, not a list of its entries: np.array([entries]) makes a (1, n) row of them, and np.reshape(row, [rows, cols]) gives it the shape${same}`;
    case "rows":
      return `${wanted}, not a list of its rows (x.tolist()): np.array(rows) makes an array of them${same}`;
  }
}

/** The products that are defined, as code and as shapes: np.dot(first, second), a (4,2)·(2,400) product. */
function wordProducts(hint: Extract<ErrorHint, { product: string }>): string {
  return definedProducts(hint)
    .map(([call, left, right]) => `${call}, a ${left}·${right} product`)
    .join(", or ");
}

/** Where two products are offered, the learner chooses by the shape they want. */
const choice = (hint: Extract<ErrorHint, { product: string }>) =>
  definedProducts(hint).length > 1 ? " (whichever gives the shape wanted)" : "";

/** What an error thrown in the learner's code suggests, in words. */
export function wordErrorHint(hint: ErrorHint): string {
  switch (hint.code) {
    case "broadcast-transposed": {
      const [moved, other] = hint.operand === "first" ? [hint.a, hint.b] : [hint.b, hint.a];
      return `np.${hint.op}'s ${hint.operand} operand ${shape(moved)}, transposed to ${shape([moved[1], moved[0]])}, would broadcast with ${shape(other)}: is it a row where a column was meant (a bias such as b1 is a column, (n, 1)), or the other way round?`;
    }
    case "entrywise-for-product":
      return `this multiplies entry by entry (${shape(hint.a)} ∗ ${shape(hint.b)}) where a matrix product is needed: ${wordProducts(hint)}${choice(hint)}`;
    case "product-not-aligned":
      return `the inner sizes of ${shape(hint.a)}·${shape(hint.b)} differ; with these shapes, ${wordProducts(hint)}, is defined${choice(hint)}: is one of them transposed, or of the wrong shape?${sameShapes(hint) ? ` Both are ${shape(hint.a)}: an entry-by-entry product is np.multiply(first, second).` : ""}`;
    case "maker-shape":
      return hint.op === "reshape"
        ? `np.reshape takes the shape as one list of two sizes, np.reshape(x, [rows, cols]) (-1 for one of them is worked out), not (rows, cols): Python's tuple is TypeScript's comma operator, whose value is its last item`
        : `np.${hint.op} takes the shape as one list of two sizes, [rows, cols]: a column is np.${hint.op}([n, 1]), not np.${hint.op}(n), nor np.${hint.op}((n, 1)): Python's tuple is TypeScript's comma operator, whose value is its last item`;
    case "generator-shape":
      return `rng.${hint.method} takes the two sizes as two numbers: rng.${hint.method}(rows, cols), such as rng.${hint.method}(nH, nX); a shape array can be spread, rng.${hint.method}(...shape)`;
    case "mistake": {
      const [mistake] = hint.mistakes as [NamedMistake];
      return `the mistake ${quoted(mistake)} throws this very error on these inputs: ${mistake.sentence}`;
    }
    case "near-key":
      return `${hint.input} has no key "${hint.wrote}", which reads as undefined, but "${hint.key}": ${namingRule(hint.key, hint.wrote)}`;
    case "list-method":
      return `${hint.method} is a method of JavaScript's lists, and the array module's arrays are no lists: np's functions work on whole arrays (np.where, np.greater, np.exp…), and Array.from(x.data) gives an array's entries as a list`;
    case "python-method":
      return `${hint.method} is a method of Python's lists or dicts; TypeScript writes ${TYPESCRIPT_FOR_METHOD[hint.method]}`;
    case "numpy-method":
      return NUMPY_METHOD_FOR[hint.method];
    case "numbered-key":
      return `${hint.input} has ${hint.prefix}${hint.first} to ${hint.prefix}${hint.last}: ${hint.read} reads undefined for any number outside them (${outsideKeys(hint).join(", or ")}); does the loop start or end one off?`;
    case "list-index":
      return hint.length === 0
        ? `${hint.input} is an empty list: ${hint.read} reads undefined whatever the index`
        : `${hint.input} has ${hint.length} ${hint.length === 1 ? "entry" : "entries"}, ${hint.input}[0] to ${hint.input}[${hint.length - 1}]: ${hint.read} reads undefined for any index outside them (−1, or ${hint.length}); is the index one off?`;
    case "object-length":
      return `${hint.input} is an object, which has no length (it reads as undefined), where Python's len counts a dict's keys: Object.keys(${hint.input}).length does`;
    case "floor-division":
      return `in \`${hint.written}\`, // starts a comment in TypeScript, so the division after it is never made: Python's floor division a // b is Math.floor(a / b)`;
    case "global-random":
      return `np.random.${hint.method} is numpy's global generator, which this array module has not: draw from the generator your function is given, such as rng.randn(rows, cols) (a generator has randn and rand; np.random.seed(s) makes one)`;
    case "keyword-argument":
      return `${hint.name}=… is Python's keyword argument; TypeScript has none (${hint.name} = … assigns to a variable never declared): pass the arguments in order, np.sum(x, 1, true) for axis 1 with keepdims`;
    case "python-name":
      return `${hint.name} is Python's; TypeScript writes ${TYPESCRIPT_FOR[hint.name]}`;
    case "text-for-array":
      return "this is text made of an array: in TypeScript, + on an array (with another array, a number or text) joins their text where numpy adds them: add arrays with np.add(a, b)";
    case "list-for-object":
      return "this takes a function's value apart as a list, const [a, b] = f(…), as Python's a, b = f(…) unpacks a tuple; the functions here return an object: take its parts by name, const { a, b } = f(…), with the names it returns";
  }
}
