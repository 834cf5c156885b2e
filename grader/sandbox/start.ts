/**
 * The sandboxed child's first module. The grader starts a child while it is still bundling the
 * learner's module into the child's folder, so that Node's start and the loading of the runtime
 * (the runner and the array module, imported here for that alone) overlap the bundling instead of
 * following it. Once the bundle is written, the grader sends the address of its entry on the
 * answers pipe, which nothing else reads yet; the entry runs the runner (`child.ts`), which
 * imports the learner's module and says it is ready. No learner code runs before then.
 */
// The stand-ins' side imports the runner (child.ts), and both the array module.
import { readFrame } from "./stand-ins.ts";

// Waiting is all the child has to do until then. An entry that cannot be imported (a bug of the
// grader's, never the learner's code, which the runner imports itself) ends the child.
await import(readFrame().toString("utf8"));
