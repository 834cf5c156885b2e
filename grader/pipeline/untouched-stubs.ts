/**
 * Functions a learner has left as their stubs, and the calls of them the grader answers itself.
 *
 * A stub is `export function f(x, y) { throw new NotImplementedError("f"); }` (pipeline/stubs.ts
 * writes it). Called, it throws "f is not implemented yet" and does nothing else: every test of it
 * fails the same way whatever its inputs, and a call is a round trip to the child for nothing
 * (grading planar's untouched stubs made some sixty-five, a quarter of its time). So the calls of
 * a function whose source shows, beyond doubt, that it is still its stub are answered here with
 * what the child would have said (`answeringStubs`).
 *
 * "Beyond doubt" is read strictly, on the file as esbuild emits it (types and comments gone): the
 * function is declared with `export function` (not async, not a generator), its parameters are
 * names, destructured names or names with literal defaults, and its body is that one statement
 * naming itself, after at most the lines the stub keeps that only read its inputs (`const m =
 * X.shape[1];`, `const { W1, b1 } = parameters;`); `NotImplementedError` is the array module's,
 * imported as it is and used nowhere but in such statements; the file assigns nothing to the
 * function's name and has no `eval`, which could. Those lines would throw a TypeError first on an
 * input they cannot read: each call is answered here only where the inputs, as the wire carries
 * them, let every read through (`Throws`). Anything else is called as any function is. A function
 * taken for a stub wrongly could only lose points it can never have: a stub returns nothing to
 * pass a test with.
 */
import type {
  AnyNode,
  MemberExpression,
  NewExpression,
  ObjectPattern,
  Pattern,
  Program,
} from "acorn";
import { NotImplementedError } from "../../assignments/lib/errors.ts";
import type { Caller, CallOutcome, ThrownError } from "../core/outcomes.ts";
import { isWireArray, type Wire } from "../core/values.ts";
import { ARRAY_MODULE, STUB_ERROR } from "./stubs.ts";

/**
 * Whether a call with these inputs certainly throws the stub's error: the lines a stub keeps
 * before its throw (`const m = X.shape[1];`) read its inputs, and would throw a TypeError first
 * where one is missing.
 */
export type Throws = (args: readonly Wire[]) => boolean;

/** The functions of `program` (the entry file of a submission) that are their stubs, untouched. */
export function untouchedStubs(program: Program): Map<string, Throws> {
  const stubs = new Map<string, Throws>();
  const imported = program.body.flatMap((statement) =>
    statement.type === "ImportDeclaration" && statement.source.value === ARRAY_MODULE
      ? statement.specifiers.filter(
          (specifier) =>
            specifier.type === "ImportSpecifier" &&
            specifier.imported.type === "Identifier" &&
            specifier.imported.name === STUB_ERROR &&
            specifier.local.name === STUB_ERROR,
        )
      : [],
  );
  if (imported.length === 0) return stubs;
  for (const statement of program.body) {
    if (statement.type !== "ExportNamedDeclaration") continue;
    const fn = statement.declaration;
    if (fn?.type !== "FunctionDeclaration" || fn.async || fn.generator) continue;
    const lines = fn.body.body;
    const preamble = lines.slice(0, -1);
    if (throwsItsStub(lines.at(-1)) !== fn.id.name) continue;
    if (!fn.params.every(isPlainParameter) || !preamble.every(isReading)) continue;
    stubs.set(fn.id.name, (args) => readsWithoutThrowing(fn.params, preamble, args));
  }
  if (stubs.size === 0) return stubs;
  // The class thrown as the stubs throw it, and nowhere else; no eval; no write to a stub's name.
  const allowed = new Set<AnyNode>();
  for (const specifier of imported) {
    allowed.add(specifier.local);
    if (specifier.type === "ImportSpecifier") allowed.add(specifier.imported);
  }
  visit(program, (node) => {
    if (throwsItsStub(node) !== undefined && node.type === "ThrowStatement")
      allowed.add((node.argument as NewExpression).callee);
  });
  let doubt = false;
  const written = new Set<string>();
  visit(program, (node) => {
    if (node.type === "Identifier") {
      if (node.name === "eval") doubt = true;
      if (node.name === STUB_ERROR && !allowed.has(node)) doubt = true;
    }
    if (node.type === "AssignmentExpression") namesIn(node.left, written);
    if (node.type === "UpdateExpression") namesIn(node.argument, written);
    if (
      (node.type === "ForInStatement" || node.type === "ForOfStatement") &&
      node.left.type !== "VariableDeclaration"
    )
      namesIn(node.left, written);
  });
  if (doubt) stubs.clear();
  for (const name of written) stubs.delete(name);
  return stubs;
}

/** The name in `throw new NotImplementedError("name")`, when `node` is that statement. */
function throwsItsStub(node: AnyNode | undefined): string | undefined {
  if (node?.type !== "ThrowStatement" || node.argument.type !== "NewExpression") return undefined;
  const { callee, arguments: args } = node.argument;
  const [name, ...more] = args;
  return callee.type === "Identifier" &&
    callee.name === STUB_ERROR &&
    more.length === 0 &&
    name?.type === "Literal" &&
    typeof name.value === "string"
    ? name.value
    : undefined;
}

// What the stubs' parameters and kept lines may be: names, reads of their inputs' properties,
// destructuring, literal defaults. Anything else has the function called.

/** A literal, or a negated one: no argument the grader passes can make it do anything. */
function isLiteral(node: AnyNode): boolean {
  return (
    node.type === "Literal" ||
    (node.type === "UnaryExpression" && node.operator === "-" && node.argument.type === "Literal")
  );
}

/** `{ a, b: c, d = 1 }`: own names, each a plain name with a literal default at most. */
function isPlainObjectPattern(node: AnyNode): node is ObjectPattern {
  return (
    node.type === "ObjectPattern" &&
    node.properties.every(
      (property) =>
        property.type === "Property" &&
        !property.computed &&
        property.key.type === "Identifier" &&
        (property.value.type === "Identifier" ||
          (property.value.type === "AssignmentPattern" &&
            property.value.left.type === "Identifier" &&
            isLiteral(property.value.right))),
    )
  );
}

/**
 * `x`, `x = 1e-3`, `{ rate = 1.2, seed = 2 } = {}`: a parameter that takes its value and does
 * nothing else but what `readsWithoutThrowing` works out.
 */
function isPlainParameter(param: Pattern): boolean {
  if (param.type === "Identifier") return param.name !== STUB_ERROR;
  if (isPlainObjectPattern(param)) return true;
  if (param.type !== "AssignmentPattern") return false;
  const { left, right } = param;
  if (left.type === "Identifier") return left.name !== STUB_ERROR && isLiteral(right);
  return (
    isPlainObjectPattern(left) && right.type === "ObjectExpression" && right.properties.length === 0
  );
}

/** `x.shape[1]`, `cache.A`, `caches.length`: a name and reads of named or numbered properties. */
function isRead(node: AnyNode): boolean {
  let at: AnyNode = node;
  while (at.type === "MemberExpression") {
    if (at.optional || keyOf(at) === undefined) return false;
    at = at.object;
  }
  return at.type === "Identifier";
}

/** The property a read names: `.shape` or `[1]`. */
function keyOf(read: MemberExpression): string | number | undefined {
  const { computed, property } = read;
  if (computed)
    return property.type === "Literal" && typeof property.value === "number"
      ? property.value
      : undefined;
  return property.type === "Identifier" ? property.name : undefined;
}

/** `const m = X.shape[1];`, `const { W1, b1 } = parameters;` */
function isReading(statement: AnyNode): boolean {
  return (
    statement.type === "VariableDeclaration" &&
    statement.kind !== "var" &&
    statement.declarations.every(
      ({ id, init }) =>
        (id.type === "Identifier" || isPlainObjectPattern(id)) && init != null && isRead(init),
    )
  );
}

/** A value as the child would see it once decoded, or what cannot be told from the wire. */
const UNDEFINED = Symbol("undefined");
const UNKNOWN = Symbol("unknown");
type Seen = Wire | typeof UNDEFINED | typeof UNKNOWN;

/** `value[key]` in the child, when it reads without throwing and can be told; else UNKNOWN. */
function read(value: Seen, key: string | number): Seen {
  if (value === UNKNOWN || value === UNDEFINED || value === null || typeof value !== "object")
    return UNKNOWN;
  if (isWireArray(value)) {
    if (key === "shape") return [...value.$array];
    return key === "size" ? value.$array[0] * value.$array[1] : UNKNOWN;
  }
  if (Array.isArray(value)) {
    if (key === "length") return value.length;
    return typeof key === "number" && Number.isInteger(key) && key >= 0
      ? (value[key] ?? UNDEFINED)
      : UNKNOWN;
  }
  if ("$undefined" in value || "$unsupported" in value || "$random" in value) return UNKNOWN;
  const name = String(key);
  if (Object.hasOwn(value, name)) return decoded(value[name] as Wire);
  // What a decoded object inherits (toString, constructor) is not read from the wire.
  return name in Object.prototype ? UNKNOWN : UNDEFINED;
}

function decoded(wire: Wire | undefined): Seen {
  return wire === undefined || (typeof wire === "object" && wire !== null && "$undefined" in wire)
    ? UNDEFINED
    : wire;
}

function literal(node: AnyNode): Seen {
  if (node.type === "Literal")
    return typeof node.value === "object" ? UNKNOWN : (node.value as Wire);
  if (node.type === "UnaryExpression" && node.argument.type === "Literal")
    return typeof node.argument.value === "number" ? -node.argument.value : UNKNOWN;
  return UNKNOWN;
}

/**
 * Whether the parameters take `args` and the kept lines read them without throwing (nor doing
 * anything else), as far as the wire tells: then the call reaches its throw.
 */
function readsWithoutThrowing(
  params: readonly Pattern[],
  preamble: readonly AnyNode[],
  args: readonly Wire[],
): boolean {
  const names = new Map<string, Seen>();
  const destructure = (pattern: ObjectPattern, value: Seen): boolean => {
    // Destructuring undefined or null throws; any other value the wire carries is an object here.
    if (value === UNKNOWN || value === UNDEFINED || value === null || typeof value !== "object")
      return false;
    for (const property of pattern.properties) {
      if (property.type !== "Property" || property.key.type !== "Identifier") return false;
      let got = read(value, property.key.name);
      if (got === UNKNOWN) return false;
      let target = property.value;
      if (target.type === "AssignmentPattern") {
        if (got === UNDEFINED) got = literal(target.right);
        target = target.left;
      }
      if (target.type !== "Identifier") return false;
      names.set(target.name, got);
    }
    return true;
  };
  const bind = (pattern: AnyNode, value: Seen): boolean => {
    if (value === UNKNOWN) return false;
    if (pattern.type === "Identifier") {
      names.set(pattern.name, value);
      return true;
    }
    if (pattern.type === "ObjectPattern") return destructure(pattern, value);
    if (pattern.type === "AssignmentPattern")
      return bind(
        pattern.left,
        value !== UNDEFINED
          ? value
          : pattern.right.type === "ObjectExpression"
            ? {}
            : literal(pattern.right),
      );
    return false;
  };
  const evaluate = (node: AnyNode): Seen => {
    const keys: (string | number)[] = [];
    let at: AnyNode = node;
    for (; at.type === "MemberExpression"; at = at.object) {
      const key = keyOf(at);
      if (key === undefined) return UNKNOWN;
      keys.push(key);
    }
    if (at.type !== "Identifier") return UNKNOWN;
    let value: Seen = names.get(at.name) ?? UNKNOWN;
    for (let i = keys.length - 1; i >= 0 && value !== UNKNOWN; i--)
      value = read(value, keys[i] as string | number);
    return value;
  };
  if (!params.every((param, i) => bind(param, decoded(args[i])))) return false;
  for (const statement of preamble) {
    if (statement.type !== "VariableDeclaration") return false;
    for (const { id, init } of statement.declarations)
      if (!init || !bind(id, evaluate(init))) return false;
  }
  return true;
}

/**
 * Every node of the tree under `node`, itself included. Without recursion: a learner's file may
 * nest deeper than the stack goes (acorn reads `a.b.b…` and `f()()…` in a loop).
 */
function visit(node: AnyNode, each: (node: AnyNode) => void): void {
  const waiting: AnyNode[] = [node];
  for (let next = waiting.pop(); next !== undefined; next = waiting.pop()) {
    each(next);
    for (const value of Object.values(next)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) waiting.push(item);
      } else if (isNode(value)) waiting.push(value);
    }
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as AnyNode).type === "string";
}

/** The names an assignment's target writes (every identifier in it: a member's object too). */
function namesIn(target: AnyNode, into: Set<string>): void {
  visit(target, (node) => {
    if (node.type === "Identifier") into.add(node.name);
  });
}

/** What the child says of a call of the stub of `fn`: the array module's own error, made here. */
function notImplemented(fn: string): ThrownError {
  const { name, message } = new NotImplementedError(fn);
  return { name, message, stack: `${name}: ${message}` };
}

/**
 * `caller`, with the calls of `stubs` answered as the child answers them (the call throws, the
 * inputs come back as they went, nothing printed) and the others made as before. A chained call
 * goes to the child unless its first function is a stub: the first runs before the second does.
 */
export function answeringStubs(caller: Caller, stubs: ReadonlyMap<string, Throws>): Caller {
  if (stubs.size === 0) return caller;
  // A batch stops at its first call that throws: the others are not run.
  const throws = (fn: string, args: readonly Wire[] | undefined) =>
    args !== undefined && stubs.get(fn)?.(args) === true;
  return {
    call: (fn, args, limit, repeat) =>
      throws(fn, args)
        ? Promise.resolve<CallOutcome>({
            status: "threw",
            error: notImplemented(fn),
            argsAfter: args,
            output: "",
            ms: 0,
          })
        : caller.call(fn, args, limit, repeat),
    callMany: (fn, batch, limit, then) =>
      throws(fn, batch[0])
        ? Promise.resolve<CallOutcome>({
            status: "batch",
            items: [{ error: notImplemented(fn) }],
            output: "",
            ms: 0,
          })
        : caller.callMany(fn, batch, limit, then),
  };
}
