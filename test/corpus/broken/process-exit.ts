/**
 * Broken submission: the module calls process.exit() while it is being imported, so no function
 * can be called at all.
 */
import { type NDArray, np } from "gradecheck/np";

export function sigmoid(z: NDArray): NDArray {
  return np.divide(1, np.add(1, np.exp(np.negative(z))));
}

// Left over from running the file as a script.
process.exit(0);
