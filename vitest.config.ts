import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Training tests run the full 10000-iteration loop; give them room on a shared 2-core machine.
    testTimeout: 60_000,
    pool: "forks",
    // The tests read gradecheck's English unless they ask for another language.
    env: { GRADECHECK_LANG: "" },
  },
});
