import { defineConfig } from "vitest/config";

/**
 * The longer suites (`npm run test:corpora`, run by .ci/run after `npm test`, and under each Node
 * LTS line by test:node-versions): the hostile corpus graded as a class, the buggy-submission
 * corpus, each later assignment's corpus of submissions making its named mistakes, and the learner
 * releases installed from their lock files and run command by command. Out of `npm test` to keep
 * it near five minutes on a two-core machine.
 */
export const CORPORA = [
  "test/hostile.test.ts",
  "test/corpus.test.ts",
  "test/logistic/mistakes.test.ts",
  "test/deep/mistakes.test.ts",
  "test/gradient-checking/mistakes.test.ts",
  "test/release-install.test.ts",
];

export default defineConfig({
  test: {
    include: CORPORA,
    testTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/setup/ndarray-equality.ts"],
    env: { GRADECHECK_LANG: "" },
  },
});
