/**
 * What the instructor's side says to a learner, as phrases: the end-to-end check's verdicts, and
 * (in mistakes.ko.ts) the named mistakes in Korean.
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { type Phrase, phrasebook, type Say, type Translation } from "../../grader/core/phrase.ts";
import { mistakesKo } from "./mistakes.ko.ts";

export const english = {
  "training.malformed": (p: { why?: Phrase }, say: Say) =>
    `model must return { w, b, costs, yPredictionTrain, yPredictionTest, … } with w of the right shape${p.why ? `: ${say(p.why)}` : ""}`,
  "training.not-array": () => "w is not an array",
  "training.not-number": () => "b is not a number",
  "training.shape": (p: { actual: string; expected: string }) =>
    `w has shape (${p.actual}), expected (${p.expected})`,
  "training.below": (p: { percent: string; minimum: string }) =>
    `training accuracy ${p.percent}% is below ${p.minimum}%`,
  "training.majority": () =>
    "about 70% is what predicting 0 for every picture scores: the model did not learn; look at the update in optimize and the gradients of propagate",
  "training.not-enough": () =>
    "the model learned, but not enough: does model pass the iterations and learning rate it is given on to optimize?",
};

export const said = phrasebook(english);

const korean: Translation<typeof english> = {
  "training.malformed": (p, say) =>
    `model은 모양이 맞는 w와 함께 { w, b, costs, yPredictionTrain, yPredictionTest, … }를 반환해야 합니다${p.why ? `: ${say(p.why)}` : ""}`,
  "training.not-array": () => "w가 배열이 아닙니다",
  "training.not-number": () => "b가 숫자가 아닙니다",
  "training.shape": (p) => `w의 모양이 (${p.actual})입니다. (${p.expected})이어야 합니다`,
  "training.below": (p) => `훈련 정확도 ${p.percent}%가 ${p.minimum}%보다 낮습니다`,
  "training.majority": () =>
    "70% 안팎은 모든 그림을 0으로 예측해도 나오는 점수입니다: 모델이 학습하지 못했습니다. optimize의 갱신과 propagate의 기울기를 보세요",
  "training.not-enough": () =>
    "모델이 학습은 했지만 충분하지 않습니다: model이 받은 반복 횟수와 학습률을 optimize에 넘기나요?",
};

export const words: AssignmentWords = { ko: { phrases: korean, mistakes: mistakesKo } };
