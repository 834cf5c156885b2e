import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";
import { CORPORA } from "./vitest.corpora.config.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The longer corpora have a script of their own (npm run test:corpora).
    exclude: [...configDefaults.exclude, ...CORPORA],
    // Training tests run the full 10000-iteration loop; give them room on a shared 2-core machine.
    testTimeout: 60_000,
    pool: "forks",
    // Most test files spend their time waiting on the processes a grade starts: two files at once
    // keep a two-core machine busy where vitest's default (one fewer than the cores) runs them one
    // by one (the suite took 352 s with one worker, 263 s with two, measured).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["test/setup/ndarray-equality.ts"],
    // The tests read gradecheck's English unless they ask for another language.
    env: { GRADECHECK_LANG: "" },
  },
});
