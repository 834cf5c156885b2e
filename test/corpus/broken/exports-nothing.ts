/**
 * Broken submission: the functions are written but none is exported (a learner's scratch script).
 */
import { type NDArray, np } from "gradecheck/np";

function sigmoid(z: NDArray): NDArray {
  return np.divide(1, np.add(1, np.exp(np.negative(z))));
}

console.log(String(sigmoid(np.array([[0, 1, -1]]))));
