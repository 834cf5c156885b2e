/**
 * The pictures this assignment learns on. The course trains on 64×64 photos of cats, which cannot
 * ship with the package; this is a stand-in of the same sizes: 209 training and 50 test pictures of
 * 16×16 RGB pixels (768 features, in [0, 1] as after the course's division by 255), about a third
 * of them positive. The positive class leans, faintly, toward one fixed pattern: faint on purpose,
 * so that, as with the cats, logistic regression fits the training pictures well and the test
 * pictures less well. Drawn from numpy's legacy generator with seed 3, draw for draw as
 * reference/logistic-regression/numpy_reference.py's `load_dataset()` (a test compares them).
 */
import { type NDArray, np } from "gradecheck/np";

export interface PictureDataset {
  /** Training pictures, (768, 209): one column per picture. */
  trainX: NDArray;
  /** Their labels, (1, 209) of 0 and 1. */
  trainY: NDArray;
  /** Test pictures, (768, 50). */
  testX: NDArray;
  /** Their labels, (1, 50). */
  testY: NDArray;
}

/** Features of a picture: 16 × 16 pixels × 3 colours. */
export const FEATURES = 16 * 16 * 3;
/** How far the positive class leans toward the pattern. */
const SIGNAL = 0.028;

export function loadPictureDataset(): PictureDataset {
  const rng = np.random.seed(3);
  // Uniform draws only: numpy's normal draws go through its C library's log, which V8's Math.log
  // does not match to the last bit on every input, and the data must be numpy's exactly.
  const pattern = np.subtract(np.multiply(2, rng.rand(FEATURES, 1)), 1);
  // The same operations in the same order as the numpy script, so every value is the same double.
  const draw = (m: number) => {
    const Y = np.multiply(np.less(rng.rand(1, m), 0.35), 1);
    const noise = rng.rand(FEATURES, m);
    const lean = np.multiply(np.multiply(SIGNAL, pattern), np.subtract(np.multiply(2, Y), 1));
    const X = np.add(np.add(0.2, np.multiply(0.6, noise)), lean);
    return { X: np.minimum(np.maximum(X, 0), 1), Y };
  };
  const train = draw(209);
  const test = draw(50);
  return { trainX: train.X, trainY: train.Y, testX: test.X, testY: test.Y };
}
