/**
 * Hints from what a learner's function threw: the array module's shape errors name the operation
 * and the shapes ("np.dot: shapes (4,2) and (4,400) not aligned"), and their pattern usually says
 * what was meant: an entry-by-entry product where a matrix product was needed, an operand to
 * transpose, a generator given a shape as one argument, an array's text where numpy's A + B was
 * meant; and V8's words for what a Python learner writes in TypeScript: a function's value taken
 * apart as a list (a tuple in Python), a keyword argument (np.sum(x, axis=1)), a name of Python's
 * (True, len, range, print), numpy's global generator (np.random.randn), a list's or numpy's
 * method called on what may be an array of the array module (x.map, x.astype). Pure: the error's
 * name and message in, a hint (a code and its parameters) or undefined out.
 */
import {
  type ErrorHint,
  LIST_METHODS,
  NUMPY_METHODS,
  NUMPY_RANDOM,
  PYTHON_METHODS,
  PYTHON_NAMES,
  type ShapePair,
} from "../core/report.ts";
import { isWireArray, type Wire } from "../core/values.ts";
import { keyLetters } from "./compare.ts";

/**
 * A shape in the array module's words. The message may be the learner's own (any error can be
 * named ShapeError): sizes past nine digits are none of the module's, and are read as no shape.
 */
const SHAPE = String.raw`\((\d{1,9}),(\d{1,9})\)`;
const BROADCAST = new RegExp(
  String.raw`^np\.(\w+): operands could not be broadcast together with shapes ${SHAPE} ${SHAPE}`,
);
const NOT_ALIGNED = new RegExp(String.raw`^np\.dot: shapes ${SHAPE} and ${SHAPE} not aligned`);
const GENERATOR_SHAPE =
  /^np\.random\.(randn|rand): shape must be .* got \[(\[\.\.\.\]|\d+), undefined\]$/;
/** np.zeros(4), np.ones([4]), np.reshape(x, (1, m)): a shape that is not [rows, cols]. */
const MAKER_SHAPE = /^np\.(zeros|ones|reshape): shape must be \[rows, cols\]/;
/**
 * V8's words for const [A2, cache] = forwardPropagation(X, parameters), a Python learner's
 * A2, cache = forward_propagation(X, parameters): the function's value is an object.
 */
const LIST_FOR_OBJECT = / is not a function or its return value is not iterable$/;
/** np.sum(x, axis=1, keepdims=True) in TypeScript: `axis = 1` assigns to a variable never declared. */
const KEYWORD_ARGUMENT = /^(axis|keepdims) is not defined$/;
const NOT_DEFINED = /^(\w+) is not defined$/;
/** V8's words for np.random.randn(4, 2): np.random holds a generator's maker, no global generator. */
const GLOBAL_RANDOM = /\brandom\.(\w+) is not a function$/;
/** V8's words for x.map(…) where x has no such method: "A2.map is not a function". */
const NOT_A_METHOD = /\.(\w+) is not a function$/;
/** An operation given an array's text ("array([[1.0…"): what numpy's A + B is in JavaScript. */
const TEXT_FOR_ARRAY =
  /^np\.[\w.]+: argument '\w+' must be an NDArray or a number, got "[^"]*array\(/;

function shapes(match: RegExpExecArray): ShapePair {
  const [p, q, r, s] = match.slice(-4).map(Number) as [number, number, number, number];
  return { a: [p, q], b: [r, s] };
}

/** Whether two shapes broadcast: each size equal, or one of them 1. */
const broadcasts = ([p, q]: [number, number], [r, s]: [number, number]) =>
  (p === r || p === 1 || r === 1) && (q === s || q === 1 || s === 1);

/**
 * The operand whose transpose would broadcast with the other: where both would, the one that is
 * a row or a column while the other is neither (a bias where a column was meant).
 */
function transposedOperand({ a, b }: ShapePair): "first" | "second" | undefined {
  const second = broadcasts(a, [b[1], b[0]]);
  const first = broadcasts([a[1], a[0]], b);
  if (second !== first) return second ? "second" : "first";
  const vector = ([rows, cols]: [number, number]) => rows === 1 || cols === 1;
  if (!second || vector(a) === vector(b)) return undefined;
  return vector(b) ? "second" : "first";
}

/** The matrix product of a and b (transposed as needed) that is defined, if one is. */
type Product = Extract<ErrorHint, { code: "entrywise-for-product" }>["product"];

function product({ a: [p, q], b: [r, s] }: ShapePair): Product | undefined {
  if (q === r) return "a·b";
  if (q === s) return "a·bᵀ";
  if (p === r) return "aᵀ·b";
  if (s === p) return "b·a";
  return undefined;
}

export function errorHint(error: { name: string; message: string }): ErrorHint | undefined {
  if (error.name === "TypeError") return typeErrorHint(error.message);
  if (error.name === "ReferenceError") {
    const keyword = KEYWORD_ARGUMENT.exec(error.message);
    if (keyword) return { code: "keyword-argument", name: keyword[1] as "axis" | "keepdims" };
    const name = NOT_DEFINED.exec(error.message)?.[1];
    const python = PYTHON_NAMES.find((known) => known === name);
    return python ? { code: "python-name", name: python } : undefined;
  }
  if (error.name !== "ShapeError") return undefined;
  const broadcast = BROADCAST.exec(error.message);
  if (broadcast) {
    const operands = shapes(broadcast);
    const fix = broadcast[1] === "multiply" ? product(operands) : undefined;
    if (fix) return { code: "entrywise-for-product", ...operands, product: fix };
    const operand = transposedOperand(operands);
    return operand
      ? { code: "broadcast-transposed", op: broadcast[1] as string, operand, ...operands }
      : undefined;
  }
  const dot = NOT_ALIGNED.exec(error.message);
  if (dot) {
    const operands = shapes(dot);
    const fix = product(operands);
    return fix && fix !== "a·b"
      ? { code: "product-not-aligned", ...operands, product: fix }
      : undefined;
  }
  const generator = GENERATOR_SHAPE.exec(error.message);
  if (generator) return { code: "generator-shape", method: generator[1] as "randn" | "rand" };
  const maker = MAKER_SHAPE.exec(error.message);
  if (maker) return { code: "maker-shape", op: maker[1] as "zeros" | "ones" | "reshape" };
  return undefined;
}

/** What V8's TypeError says a Python learner wrote: a tuple's unpacking, A + B, numpy's names. */
function typeErrorHint(message: string): ErrorHint | undefined {
  if (LIST_FOR_OBJECT.test(message)) return { code: "list-for-object" };
  if (TEXT_FOR_ARRAY.test(message)) return { code: "text-for-array" };
  const random = GLOBAL_RANDOM.exec(message)?.[1];
  const method = NUMPY_RANDOM.find((known) => known === random);
  if (method) return { code: "global-random", method };
  const called = NOT_A_METHOD.exec(message)?.[1];
  const listMethod = LIST_METHODS.find((known) => known === called);
  if (listMethod) return { code: "list-method", method: listMethod };
  const numpyMethod = NUMPY_METHODS.find((known) => known === called);
  if (numpyMethod) return { code: "numpy-method", method: numpyMethod };
  const pythonMethod = PYTHON_METHODS.find((known) => known === called);
  return pythonMethod ? { code: "python-method", method: pythonMethod } : undefined;
}

/** An error that says a value was undefined: "got undefined", "reading properties of undefined". */
const UNDEFINED = /\bundefined\b/;
const NAME = String.raw`[A-Za-z_$][\w$]*`;

/**
 * Where an error says a value was undefined, the key the learner's function reads from one of its
 * inputs that the input has not, but has in another case or with underscores (parameters.w1 for
 * W1, cache["a_1"], const { a1 } = cache), or the length of an input that is an object: `lines`
 * are the function's own, up to where it threw; `inputs` its arguments by name. Only reads of an
 * input by its own name are looked at.
 */
export function nearKeyHint(
  error: { message: string },
  lines: readonly string[],
  inputs: readonly { name: string; value: Wire }[],
): ErrorHint | undefined {
  if (!UNDEFINED.test(error.message)) return undefined;
  const text = lines.join("\n");
  for (const { name, value } of inputs) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || isWireArray(value))
      continue;
    const keys = Object.keys(value);
    for (const wrote of readsOf(text, name)) {
      if (Object.hasOwn(value, wrote)) continue;
      if (wrote === "length") return { code: "object-length", input: name };
      const key = keys.find((k) => keyLetters(k) === keyLetters(wrote));
      if (key !== undefined) return { code: "near-key", input: name, wrote, key };
    }
  }
  return undefined;
}

/** Characters of a line searched for computed reads: a learner's line can be of any length. */
const LINE_READ = 1000;

/** A read's text as shown in a hint: at most this many characters. */
const READ_SHOWN = 60;

/**
 * Where an error says a value was undefined, a read of an input by a computed key or index that
 * the input has not for every value: a numbered key (parameters[`W${l}`], grads["dW" + l]) of an
 * object whose keys of that name run from one number to another, or an index (caches[l]) of a
 * list. Said as a fact of the input (its keys run W1 … W2; it has 2 entries), with the read as
 * written: l from 0, or one past the last, gives undefined. `lines` are read in order, so the
 * caller puts the statement that threw first.
 */
export function computedReadHint(
  error: { message: string },
  lines: readonly string[],
  inputs: readonly { name: string; value: Wire }[],
): ErrorHint | undefined {
  if (!UNDEFINED.test(error.message)) return undefined;
  for (const line of lines) {
    for (const { name, value } of inputs) {
      for (const read of computedReads(line.slice(0, LINE_READ), name)) {
        const hint = readHint(name, value, read);
        if (hint) return hint;
      }
    }
  }
  return undefined;
}

/** A computed read of an input: its text, and the name before the number where it makes a key. */
interface ComputedRead {
  read: string;
  prefix?: string;
}

/** `text` cut to `limit` characters, with … where it was cut: a line of the learner's, in a hint. */
const shortened = (text: string, limit: number) =>
  text.length > limit ? `${text.slice(0, limit)}…` : text;

function readHint(input: string, value: Wire, { read, prefix }: ComputedRead) {
  const shown = shortened(read, READ_SHOWN);
  if (prefix === undefined)
    return Array.isArray(value)
      ? ({ code: "list-index", input, read: shown, length: value.length } as const)
      : undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value) || isWireArray(value))
    return undefined;
  const numbers = Object.keys(value)
    .map((key) => (key.startsWith(prefix) ? /^\d{1,6}$/.exec(key.slice(prefix.length)) : null))
    .flatMap((digits) => (digits ? [Number(digits[0])] : []));
  if (numbers.length === 0) return undefined;
  const [first, last] = [Math.min(...numbers), Math.max(...numbers)];
  return { code: "numbered-key", input, read: shown, prefix, first, last } as const;
}

/**
 * The reads of `name` by a computed key in `line`: name[`W${l}`], name["dW" + l], name[l]. An
 * index that is a number as written (caches[0]) is no computed read.
 */
function computedReads(line: string, name: string): ComputedRead[] {
  const object = String.raw`(?<![\w$.])${name.replaceAll("$", "\\$")}\s*(?:\?\.)?\[`;
  const template = new RegExp(
    String.raw`${object}\s*\x60(${NAME})\$\{[^{}\x60]{1,40}\}\x60\s*\]`,
    "g",
  );
  const joined = new RegExp(String.raw`${object}\s*(["'])(${NAME})\1\s*\+[^\]]{1,40}\]`, "g");
  const index = new RegExp(String.raw`${object}\s*([^\]"'\x60\d\s][^\]"'\x60]{0,39})\]`, "g");
  return [
    ...[...line.matchAll(template)].map((m) => ({ read: m[0], prefix: m[1] as string })),
    ...[...line.matchAll(joined)].map((m) => ({ read: m[0], prefix: m[2] as string })),
    ...[...line.matchAll(index)].map((m) => ({ read: m[0] })),
  ];
}

/**
 * An assignment whose line ends in `// 2` after an operand: Python's floor division, which
 * TypeScript reads as a comment (L = len(parameters) // 2 written `… .length // 2;`). A comment
 * of words after a number ("// 400 examples") is no such line.
 */
const FLOOR_DIVISION =
  /^\s*(?:(?:const|let|var)\s+)?[\w$.[\]]+\s*=[^=;/]*[\w$)\]]\s*\/\/\s*\d+\s*;?\s*$/;

/**
 * Where the learner's function threw, a line of it that ends in Python's floor division (`// 2`),
 * which TypeScript reads as a comment, so that what follows it was never computed.
 */
export function floorDivisionHint(lines: readonly string[]): ErrorHint | undefined {
  const line = lines.find((text) => text.length <= 400 && FLOOR_DIVISION.test(text));
  if (line === undefined) return undefined;
  return { code: "floor-division", written: shortened(line.trim(), 80) };
}

/** The keys `text` reads from `name`: name.key, name["key"], and const { key } = name. */
function readsOf(text: string, name: string): string[] {
  const object = name.replaceAll("$", "\\$");
  const dotted = new RegExp(String.raw`(?<![\w$.])${object}\s*\??\.\s*(${NAME})`, "g");
  const indexed = new RegExp(
    String.raw`(?<![\w$.])${object}\s*(?:\?\.)?\[\s*(["'\x60])(${NAME})\1\s*\]`,
    "g",
  );
  const destructured = new RegExp(String.raw`\{([^{}]*)\}\s*=\s*${object}(?![\w$])`, "g");
  const keyOf = new RegExp(String.raw`^\s*(${NAME})\s*(?::|=|$)`);
  return [
    ...[...text.matchAll(dotted)].map((m) => m[1] as string),
    ...[...text.matchAll(indexed)].map((m) => m[2] as string),
    ...[...text.matchAll(destructured)].flatMap((m) =>
      (m[1] as string).split(",").flatMap((part) => keyOf.exec(part)?.[1] ?? []),
    ),
  ];
}
