/**
 * The modules the grader imports by path at run time (`importSource`), bundled into the build's
 * classic script (bin/bundle.mjs), which loads them from here: empty in the sources and in the ES
 * module build, where they are files of their own; in the script, each path relative to the
 * package root (with `/`) with the module bundled beside the grader, so that the grader and the
 * modules it imports share one NDArray, as the ES module build's chunks do.
 */
export const BUILT_MODULES: Readonly<Record<string, () => Promise<unknown>>> = {};
