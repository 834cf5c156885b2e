/**
 * A small grammar of submission sources for fuzzing the grader: every planar function (or none)
 * gets a few statements and a return value, drawn from what learners and attackers write:
 * printing, loops short and endless, throws of anything, exits, patched globals, and return
 * values of every kind (arrays of any shape, NaN, strings with markup, proxies, cycles, promises,
 * `__proto__` keys, functions, symbols, bigints). The sources are syntactically valid TypeScript;
 * what they do is anybody's guess, which is the point.
 */
import fc from "fast-check";
import { FUNCTIONS } from "../corpus/bugs.ts";

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '{"score": 100}',
    "</details><script>alert(1)</script>",
    "]]><failure/>",
    "| --- |",
    "\u001b[31mred\u001b[0m",
    "\u0000\u2028",
  ),
);
const literal = (value: string) => JSON.stringify(value);

const shape = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }));

const returned: fc.Arbitrary<string> = fc.oneof(
  fc.double().map((x) => (Number.isNaN(x) ? "Number.NaN" : Object.is(x, -0) ? "-0" : String(x))),
  fc.constantFrom(
    "Number.NaN",
    "Number.POSITIVE_INFINITY",
    "null",
    "undefined",
    "true",
    "args[0]",
    "args",
    "{}",
    "{ nX: 2, nH: 4, nY: 1 }",
    "new Proxy({}, {})",
    "(() => { const a: unknown[] = []; a.push(a); return a; })()",
    "Promise.resolve(1)",
    "new Promise(() => {})",
    "() => 1",
    'Symbol("s")',
    "10n",
    "new Map([[1, 2]])",
    "new Date(0)",
    'JSON.parse(\'{"__proto__": {"score": 100}}\')',
    'Object.defineProperty({}, "W1", { enumerable: true, get() { throw new Error("getter"); } })',
    "np.zeros([3000, 2000])",
  ),
  text.map(literal),
  shape.map(([r, c]) => `np.ones([${r}, ${c}])`),
  fc
    .tuple(shape, fc.double({ noNaN: true, min: -10, max: 10 }))
    .map(([[r, c], x]) => `np.full([${r}, ${c}], ${x})`),
  fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }).map((xs) => `[${xs.join(", ")}]`),
);

const statement: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: text.map((t) => `console.log(${literal(t)});`) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 1000 }).map((n) => `for (let i = 0; i < ${n}; i++) {}`),
  },
  { weight: 2, arbitrary: text.map((t) => `throw new Error(${literal(t)});`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "throw 42;",
      "throw { toString() { throw new Error('unreadable'); } };",
      'throw new Proxy(new Error("proxy"), {});',
      "Math.tanh = () => 0;",
      "Math.abs = () => 0;",
      "Array.prototype.every = () => true;",
      'JSON.stringify = () => "{}";',
      "Object.prototype.toString = () => 'patched';",
      "(args[0] as { data?: Float64Array } | undefined)?.data?.fill(7);",
      "process.stdout.write('x'.repeat(100000));",
      "setTimeout(() => {}, 10);",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "while (args.length >= 0) {}",
      "process.exit(3);",
      "process.kill(0, 'SIGKILL');",
    ),
  },
);

const body = fc.tuple(fc.array(statement, { maxLength: 3 }), returned);

/** One function's source, or nothing (a missing export). */
const fn = (name: string) =>
  fc.option(
    body.map(
      ([statements, value]) =>
        `export function ${name}(...args: any[]): any {\n${statements.map((s) => `  ${s}\n`).join("")}  return ${value};\n}\n`,
    ),
    { freq: 8 },
  );

export const submissionSource: fc.Arbitrary<string> = fc
  .tuple(fc.option(statement, { freq: 6 }), ...FUNCTIONS.map(fn))
  .map(
    ([top, ...functions]) =>
      `// biome-ignore-all lint: generated\nimport { np } from "gradecheck/np";\nvoid np;\n${top ?? ""}\n${functions.filter((f) => f !== null).join("\n")}`,
  );
