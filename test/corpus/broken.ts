/**
 * Broken submissions that are the reference with one function broken, made by exact substitution
 * (like the bugs in bugs.ts) so that they stay in sync with the reference. The others (a syntax
 * error, a module that exports nothing) are files in broken/; the hostile corpus (hostile.ts)
 * has the rest: exits, floods, bombs, escapes.
 */
const PREDICT_RETURN = "  return np.where(np.greater(A2, 0.5), 1, 0);";

export const brokenFromReference: Record<string, [from: string, to: string][]> = {
  /** predict calls a method arrays do not have: a TypeError in predict only. */
  "throws-type-error.ts": [
    [
      PREDICT_RETURN,
      `  // numpy habit: (A2 > 0.5).astype(int). NDArray has no astype; the cast hides that from tsc.
  return (np.greater(A2, 0.5) as unknown as { astype(type: string): NDArray }).astype("int");`,
    ],
  ],
  /** predict never returns: its loop does not advance. nnModel does not call predict. */
  "infinite-loop.ts": [
    [
      PREDICT_RETURN,
      `  let ones = 0;
  // The loop never advances: k++ is missing.
  for (let k = 0; k < A2.size; ) ones += (A2.data[k] as number) > 0.5 ? 1 : 0;
  return np.where(np.greater(A2, 0.5), ones > -1 ? 1 : 0, 0);`,
    ],
  ],
  /** sigmoid logs a short line per call; layerSizes logs 10000 characters (more than the 4096 kept). */
  "console-output.ts": [
    [
      "  return np.divide(1, np.add(1, np.exp(np.negative(z))));",
      `  console.log(\`sigmoid got shape (\${z.shape.join(",")})\`);
  return np.divide(1, np.add(1, np.exp(np.negative(z))));`,
    ],
    [
      "  return { nX: X.shape[0], nH: 4, nY: Y.shape[0] };",
      `  // Debugging output far longer than the grader keeps (200 lines of 50 characters).
  for (let line = 0; line < 200; line++) console.log(\`\${String(line).padStart(3, "0")} \${"x".repeat(46)}\`);
  return { nX: X.shape[0], nH: 4, nY: Y.shape[0] };`,
    ],
  ],
};
