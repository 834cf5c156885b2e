/**
 * What the instructor's side says to a learner, as phrases: the end-to-end check's verdicts, and
 * (in mistakes.ko.ts) the named mistakes in Korean. The English catalog words them as the grader
 * grades; the Korean one words the same phrases for `--lang ko`.
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { type Phrase, phrasebook, type Say, type Translation } from "../../grader/core/phrase.ts";
import { mistakesKo } from "./mistakes.ko.ts";

export const english = {
  /** `why`: one of the phrases below. */
  "training.malformed": (p: { why?: Phrase }, say: Say) =>
    `nnModel must return { parameters: { W1, b1, W2, b2 }, costs } with arrays of the right shapes${p.why ? `: ${say(p.why)}` : ""}`,
  "training.no-parameters": () => "it returned no parameters",
  "training.not-array": (p: { name: string }) => `parameters.${p.name} is not an array`,
  "training.shape": (p: { name: string; actual: string; expected: string; nH: number }) =>
    `parameters.${p.name} has shape (${p.actual}), expected (${p.expected}) for nH = ${p.nH}`,
  "training.perfect": (p: { percent: string }) =>
    `training accuracy ${p.percent}% is suspiciously perfect`,
  "training.below": (p: { percent: string; minimum: string }) =>
    `training accuracy ${p.percent}% is below ${p.minimum}%`,
  "training.leaked": () => "100% on this data usually means the labels leaked into the features",
  "training.straight-line": () =>
    "about 50% is no better than a straight line: the network did not learn; look at the update and backward steps",
  "training.not-enough": () =>
    "the network learned, but not enough: does nnModel use the learning rate, nH and number of iterations it is given, and initialize with the scale asked for?",
};

export const said = phrasebook(english);

const korean: Translation<typeof english> = {
  "training.malformed": (p, say) =>
    `nnModel은 모양이 맞는 배열로 { parameters: { W1, b1, W2, b2 }, costs }를 반환해야 합니다${p.why ? `: ${say(p.why)}` : ""}`,
  "training.no-parameters": () => "parameters를 반환하지 않았습니다",
  "training.not-array": (p) => `parameters.${p.name}이(가) 배열이 아닙니다`,
  "training.shape": (p) =>
    `parameters.${p.name}의 모양이 (${p.actual})입니다. nH = ${p.nH}이면 (${p.expected})이어야 합니다`,
  "training.perfect": (p) => `훈련 정확도 ${p.percent}%는 의심스러울 만큼 완벽합니다`,
  "training.below": (p) => `훈련 정확도 ${p.percent}%가 ${p.minimum}%보다 낮습니다`,
  "training.leaked": () => "이 데이터에서 100%라면 보통 레이블이 특성에 새어 들어간 것입니다",
  "training.straight-line": () =>
    "50% 안팎은 직선 하나보다 나을 게 없습니다: 네트워크가 학습하지 못했습니다. 파라미터 갱신과 역전파 단계를 보세요",
  "training.not-enough": () =>
    "네트워크가 학습은 했지만 충분하지 않습니다: nnModel이 주어진 학습률, nH, 반복 횟수를 쓰고, 요청된 scale로 초기화하나요?",
};

export const words: AssignmentWords = { ko: { phrases: korean, mistakes: mistakesKo } };
