import { defineConfig } from "vitest/config";

/** `npm run test:browser`: the HTML report in a real browser (headless Chromium). */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.ts"],
    testTimeout: 120_000,
    pool: "forks",
  },
});
