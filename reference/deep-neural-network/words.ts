/**
 * What the instructor's side says to a learner, as phrases: the end-to-end check's verdicts, and
 * (in mistakes.ko.ts) the named mistakes in Korean.
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { type Phrase, phrasebook, type Say, type Translation } from "../../grader/core/phrase.ts";
import { mistakesKo } from "./mistakes.ko.ts";

export const english = {
  "training.malformed": (p: { why?: Phrase }, say: Say) =>
    `lLayerModel must return { parameters: { W1, b1, …, WL, bL }, costs } with arrays of the layers' shapes${p.why ? `: ${say(p.why)}` : ""}`,
  "training.no-parameters": () => "it returned no parameters",
  "training.not-array": (p: { name: string }) => `parameters.${p.name} is not an array`,
  "training.shape": (p: { name: string; actual: string; expected: string }) =>
    `parameters.${p.name} has shape (${p.actual}), expected (${p.expected})`,
  "training.below": (p: { percent: string; minimum: string }) =>
    `training accuracy ${p.percent}% is below ${p.minimum}%`,
  "training.coin": () =>
    "about 50% is a coin toss: the network did not learn; look at the update and the backward pass",
  "training.not-enough": () =>
    "the network learned, but not enough: does lLayerModel use the layers, learning rate, iterations and seed it is given?",
};

export const said = phrasebook(english);

const korean: Translation<typeof english> = {
  "training.malformed": (p, say) =>
    `lLayerModel은 층의 모양에 맞는 배열로 { parameters: { W1, b1, …, WL, bL }, costs }를 반환해야 합니다${p.why ? `: ${say(p.why)}` : ""}`,
  "training.no-parameters": () => "parameters를 반환하지 않았습니다",
  "training.not-array": (p) => `parameters.${p.name}이(가) 배열이 아닙니다`,
  "training.shape": (p) =>
    `parameters.${p.name}의 모양이 (${p.actual})입니다. (${p.expected})이어야 합니다`,
  "training.below": (p) => `훈련 정확도 ${p.percent}%가 ${p.minimum}%보다 낮습니다`,
  "training.coin": () =>
    "50% 안팎은 동전 던지기와 같습니다: 네트워크가 학습하지 못했습니다. 파라미터 갱신과 역전파를 보세요",
  "training.not-enough": () =>
    "네트워크가 학습은 했지만 충분하지 않습니다: lLayerModel이 주어진 층, 학습률, 반복 횟수, 시드를 쓰나요?",
};

export const words: AssignmentWords = { ko: { phrases: korean, mistakes: mistakesKo } };
