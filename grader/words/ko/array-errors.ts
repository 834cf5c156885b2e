/**
 * The array module's own advice, in Korean: the errors it throws where a Python learner writes
 * numpy in TypeScript (A - B, x[i], x.length) say what to write instead, and a learner who reads
 * Korean should read that too. Its other errors (a shape error, an argument refused) keep numpy's
 * English words, as numpy's own do, with a hint in Korean beside them (hints.ts).
 */

/** The array module's advice as it words it (assignments/lib/ndarray.ts), and in Korean. */
const ADVICE: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^NDArray: arrays do not work with - \* \/ \*\* % < > <= >=, a unary \+ or Math's functions/,
    () =>
      "NDArray: TypeScript에서 배열에는 - * / ** % < > <= >=, 단항 +, Math의 함수(Math.log, Math.exp…)를 쓸 수 없습니다(모두 배열을 NaN으로 만듭니다): np.subtract, np.multiply, np.divide, np.power, np.greater, np.log, np.exp 같은 함수를 쓰세요. 크기가 1인 배열의 숫자는 x.item()입니다",
  ],
  [
    /^NDArray: x\[(.{1,40})\] reads no entry: /,
    ([, key]) =>
      `NDArray: x[${key}]로는 원소를 읽을 수 없습니다: 배열의 원소는 x.get(row, col)로 읽고(numpy의 x[i, j], 열이라면 x[i][0]), 복사본에서 x.set(row, col, value)로 바꿉니다. numpy의 x[mask] = value는 np.where(mask, value, x)입니다`,
  ],
  [
    // "…" escaped: the build's script is ASCII (bin/bundle.mjs), and a regular expression keeps its text.
    /^NDArray: x\[(.{1,40})\] = \u2026 sets no entry: /,
    ([, key]) =>
      `NDArray: x[${key}] = …로는 원소를 바꿀 수 없습니다: 배열의 원소는 x.get(row, col)로 읽고(numpy의 x[i, j], 열이라면 x[i][0]), 복사본에서 x.set(row, col, value)로 바꿉니다. numpy의 x[mask] = value는 np.where(mask, value, x)입니다`,
  ],
  [
    /^NDArray: an array has no length: /,
    () =>
      "NDArray: 배열에는 length가 없습니다: 행의 수는 x.shape[0](Python의 len(x)), 열의 수는 x.shape[1], 원소의 수는 x.size입니다",
  ],
];

/** The module's advice in Korean, where `message` is one of them; undefined for any other. */
export function arrayAdvice(message: string): string | undefined {
  for (const [pattern, words] of ADVICE) {
    const match = pattern.exec(message);
    if (match) return words(match);
  }
  return undefined;
}
