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
 * plain names, its body that one statement naming itself; `NotImplementedError` is the array
 * module's, imported as it is and used nowhere but in such statements; the file assigns nothing
 * to the function's name and has no `eval`, which could. Anything else is called as any function
 * is. A function taken for a stub wrongly could only lose points it can never have: a stub
 * returns nothing to pass a test with.
 */
import type { AnyNode, NewExpression, Pattern, Program } from "acorn";
import type { Caller, CallOutcome, ThrownError } from "../core/outcomes.ts";
import { ARRAY_MODULE } from "./stubs.ts";

const ERROR_CLASS = "NotImplementedError";

/** The functions of `program` (the entry file of a submission) that are their stubs, untouched. */
export function untouchedStubs(program: Program): string[] {
  const imported = program.body.flatMap((statement) =>
    statement.type === "ImportDeclaration" && statement.source.value === ARRAY_MODULE
      ? statement.specifiers.filter(
          (specifier) =>
            specifier.type === "ImportSpecifier" &&
            specifier.imported.type === "Identifier" &&
            specifier.imported.name === ERROR_CLASS &&
            specifier.local.name === ERROR_CLASS,
        )
      : [],
  );
  if (imported.length === 0) return [];
  const stubs: string[] = [];
  for (const statement of program.body) {
    if (statement.type !== "ExportNamedDeclaration") continue;
    const fn = statement.declaration;
    if (fn?.type !== "FunctionDeclaration" || fn.async || fn.generator) continue;
    const [only, ...more] = fn.body.body;
    if (
      more.length === 0 &&
      fn.params.every(isPlainParameter) &&
      throwsItsStub(only) === fn.id.name
    )
      stubs.push(fn.id.name);
  }
  if (stubs.length === 0) return [];
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
      if (node.name === ERROR_CLASS && !allowed.has(node)) doubt = true;
    }
    if (node.type === "AssignmentExpression") namesIn(node.left, written);
    if (node.type === "UpdateExpression") namesIn(node.argument, written);
    if (
      (node.type === "ForInStatement" || node.type === "ForOfStatement") &&
      node.left.type !== "VariableDeclaration"
    )
      namesIn(node.left, written);
  });
  if (doubt) return [];
  return stubs.filter((name) => !written.has(name));
}

/** The name in `throw new NotImplementedError("name")`, when `node` is that statement. */
function throwsItsStub(node: AnyNode | undefined): string | undefined {
  if (node?.type !== "ThrowStatement" || node.argument.type !== "NewExpression") return undefined;
  const { callee, arguments: args } = node.argument;
  const [name, ...more] = args;
  return callee.type === "Identifier" &&
    callee.name === ERROR_CLASS &&
    more.length === 0 &&
    name?.type === "Literal" &&
    typeof name.value === "string"
    ? name.value
    : undefined;
}

/**
 * A parameter that takes its value and does nothing else: a name, or a name with a literal
 * default (`scale = 1e-3`), which no argument the grader passes can make do anything.
 */
function isPlainParameter(param: Pattern): boolean {
  const name = param.type === "AssignmentPattern" ? param.left : param;
  const fallback = param.type === "AssignmentPattern" ? param.right : undefined;
  return (
    name.type === "Identifier" &&
    name.name !== ERROR_CLASS &&
    (fallback === undefined ||
      fallback.type === "Literal" ||
      (fallback.type === "UnaryExpression" &&
        fallback.operator === "-" &&
        fallback.argument.type === "Literal"))
  );
}

/** Every node of the tree under `node`, itself included. */
function visit(node: AnyNode, each: (node: AnyNode) => void): void {
  each(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, each);
    } else if (isNode(value)) visit(value, each);
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

/** What the child says of a call of the stub of `fn`. */
function notImplemented(fn: string): ThrownError {
  const message = `${fn} is not implemented yet`;
  return { name: ERROR_CLASS, message, stack: `${ERROR_CLASS}: ${message}` };
}

/**
 * `caller`, with the calls of `stubs` answered as the child answers them (the call throws, the
 * inputs come back as they went, nothing printed) and the others made as before. A chained call
 * goes to the child unless its first function is a stub: the first runs before the second does.
 */
export function answeringStubs(caller: Caller, stubs: ReadonlySet<string>): Caller {
  if (stubs.size === 0) return caller;
  return {
    call: (fn, args, limit, repeat) =>
      stubs.has(fn)
        ? Promise.resolve<CallOutcome>({
            status: "threw",
            error: notImplemented(fn),
            argsAfter: args,
            output: "",
            ms: 0,
          })
        : caller.call(fn, args, limit, repeat),
    callMany: (fn, batch, limit, then) =>
      stubs.has(fn)
        ? Promise.resolve<CallOutcome>({
            status: "batch",
            items: [{ error: notImplemented(fn) }],
            output: "",
            ms: 0,
          })
        : caller.callMany(fn, batch, limit, then),
  };
}
