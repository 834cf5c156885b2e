/**
 * Everything this assignment says to a learner, as phrases (grader/core/phrase.ts): its laws, how
 * a law fails, what its gradient check compares with, and what training prints. The English
 * catalog words them as the grader grades; the Korean one words the same phrases for `--lang ko`,
 * with the test names and the title, in the seed's vocabulary (순전파, 역전파, 비용, 기울기, 학습률).
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { phrasebook, type Translation } from "../../grader/core/phrase.ts";
import { josa } from "../../grader/words/ko/josa.ts";
import { propertyTestNames } from "../../grader/words/ko/property-names.ts";

export const english = {
  "law.sigmoid.range": () =>
    "0 < σ(z) < 1 for |z| ≤ 30, and 0 ≤ σ(z) ≤ 1 with no NaN out to |z| = 800",
  "law.sigmoid.symmetry": () => "σ(−z) = 1 − σ(z)",
  "law.initializeWithZeros.shape": () =>
    "w is a (dim, 1) column of zeros and b the number 0, for any dim",
  "law.propagate.nonnegative": () => "the cost is a number, and never negative",
  "law.propagate.permutation": () =>
    "reordering the examples (columns of X and Y together) changes neither the cost nor the gradients",
  "law.propagate.gradient": () => "dw and db are the numeric derivatives of your own cost",
  "law.optimize.zero-rate": () => "at learning rate 0 the parameters do not move",
  "law.optimize.record": () =>
    "costs holds the cost of iterations 0, 100, 200, … (⌈numIterations/100⌉ of them), the first at the given parameters",
  "law.predict.binary": () => "predictions are a (1, m) array of 0 and 1",
  "law.predict.threshold": () =>
    "predictions are 1 exactly where wᵀx + b > 0, that is where σ(wᵀx + b) > 0.5",

  "not-array": (p: { what: string }) => `${p.what} is not an array`,
  "not-list": (p: { what: string }) => `${p.what} is not a list`,
  "not-number": (p: { what: string; type: string }) => `${p.what} is ${p.type}, not a number`,
  "not-number.array": (p: { what: string; shape: string }) =>
    `${p.what} is a (${p.shape}) array, not a number: np.sum without an axis gives a number`,
  shape: (p: { what: string; actual: string; expected: string }) =>
    `${p.what} has shape (${p.actual}), expected (${p.expected})`,
  "sigmoid.nan": (p: { z: string }) => `σ(${p.z}) is NaN`,
  "sigmoid.overflow": (p: { z: string }) =>
    `σ(${p.z}) is NaN: past |z| = 709.78, e^z is Infinity, and Infinity / Infinity is NaN; 1 / (1 + e^(−z)) makes no such division`,
  "sigmoid.outside": (p: { z: string; y: string }) => `σ(${p.z}) = ${p.y} is outside the range`,
  "sigmoid.symmetry": (p: { negated: string; complement: string; z: string }) =>
    `σ(−z) = ${p.negated} but 1 − σ(z) = ${p.complement} at z = ${p.z}`,
  "zeros.w": () => "an entry of w is not zero",
  "zeros.b": (p: { b: string }) => `b is ${p.b}, not 0`,
  "cost.is": (p: { cost: string }) => `the cost is ${p.cost}`,
  reordered: (p: { name: string; before: string; after: string }) =>
    `${p.name} changed from ${p.before} to ${p.after} when the examples were reordered`,
  moved: (p: { name: string; from: string; to: string }) =>
    `${p.name} moved from ${p.from} to ${p.to}`,
  "costs.count": (p: { count: number; expected: number; iterations: number }) =>
    `costs holds ${p.count} values after ${p.iterations} iterations, expected ${p.expected}`,
  "costs.first": (p: { first: string; own: string }) =>
    `costs[0] is ${p.first}, but propagate gives ${p.own} at the parameters optimize was given`,
  "prediction.binary": (p: { value: number }) => `a prediction is ${p.value}, not 0 or 1`,
  "prediction.threshold": (p: { z: string; expected: number; actual: number; column: number }) =>
    `example ${p.column} has wᵀx + b = ${p.z}, so its prediction should be ${p.expected}, but it is ${p.actual}`,
  "describe.order": (p: { problem: string; order: string }) => `${p.problem}; order ${p.order}`,
  "describe.iterations": (p: { problem: string; iterations: number; rate: number }) =>
    `${p.problem}; ${p.iterations} iterations at learning rate ${p.rate}`,

  "gradient.against-reference": () => "the numeric gradient of the reference's cost",

  "train.start": (p: { model: string; iterations: number; rate: number }) =>
    `Training ${p.model}: ${p.iterations} iterations, learning rate ${p.rate}, on 209 training and 50 test pictures`,
  "train.accuracy": (p: { train: string; test: string; cost: string; seconds: string }) =>
    `Training accuracy: ${p.train}%, test accuracy: ${p.test}%, final cost ${p.cost}, ${p.seconds} s`,
};

/** This assignment's phrases, worded in English as they are made. */
export const said = phrasebook(english);

/** 같은 문구를 한국어로. */
export const korean: Translation<typeof english> = {
  "law.sigmoid.range": () => "|z| ≤ 30이면 0 < σ(z) < 1이고, |z| = 800까지는 NaN 없이 0 ≤ σ(z) ≤ 1",
  "law.sigmoid.symmetry": () => "σ(−z) = 1 − σ(z)",
  "law.initializeWithZeros.shape": () => "어떤 dim이든 w는 0으로 채운 (dim, 1) 열이고 b는 숫자 0",
  "law.propagate.nonnegative": () => "비용은 숫자이고, 음수가 아님",
  "law.propagate.permutation": () =>
    "예제의 순서를 바꿔도(X와 Y의 열을 함께) 비용과 기울기가 바뀌지 않음",
  "law.propagate.gradient": () => "dw와 db는 여러분 자신의 비용의 수치 미분과 같음",
  "law.optimize.zero-rate": () => "학습률이 0이면 파라미터가 움직이지 않음",
  "law.optimize.record": () =>
    "costs에는 0, 100, 200, … 번째 반복의 비용(⌈numIterations/100⌉개)이 들어 있고, 첫 번째는 주어진 파라미터에서의 비용",
  "law.predict.binary": () => "예측은 0과 1로 이루어진 (1, m) 배열",
  "law.predict.threshold": () => "예측은 wᵀx + b > 0인 곳, 곧 σ(wᵀx + b) > 0.5인 곳에서만 정확히 1",

  "not-array": (p) => `${josa(p.what, "이/가")} 배열이 아닙니다`,
  "not-list": (p) => `${josa(p.what, "이/가")} 리스트가 아닙니다`,
  "not-number": (p) => `${josa(p.what, "이/가")} 숫자가 아니라 ${p.type}입니다`,
  "not-number.array": (p) =>
    `${josa(p.what, "이/가")} 숫자가 아니라 (${p.shape}) 배열입니다: 축 없이 np.sum을 쓰면 숫자가 나옵니다`,
  shape: (p) => `${p.what}의 모양이 (${p.actual})입니다. (${p.expected})이어야 합니다`,
  "sigmoid.nan": (p) => `σ(${p.z})가 NaN입니다`,
  "sigmoid.overflow": (p) =>
    `σ(${p.z})의 값이 NaN입니다: |z|가 709.78을 넘으면 e^z는 Infinity이고, Infinity / Infinity는 NaN입니다. 1 / (1 + e^(−z))에는 그런 나눗셈이 없습니다`,
  "sigmoid.outside": (p) => `σ(${p.z}) = ${p.y}는 범위를 벗어납니다`,
  "sigmoid.symmetry": (p) =>
    `z = ${p.z}에서 σ(−z) = ${p.negated}이지만 1 − σ(z) = ${p.complement}입니다`,
  "zeros.w": () => "w에 0이 아닌 값이 있습니다",
  "zeros.b": (p) => `b가 0이 아니라 ${p.b}입니다`,
  "cost.is": (p) => `비용이 ${p.cost}입니다`,
  reordered: (p) =>
    `예제의 순서를 바꾸자 ${josa(p.name, "이/가")} ${p.before}에서 ${josa(p.after, "으로/로")} 바뀌었습니다`,
  moved: (p) => `${josa(p.name, "이/가")} ${p.from}에서 ${josa(p.to, "으로/로")} 움직였습니다`,
  "costs.count": (p) =>
    `${p.iterations}번 반복한 뒤 costs에 값이 ${p.count}개 있습니다. ${p.expected}개여야 합니다`,
  "costs.first": (p) =>
    `costs[0]은 ${p.first}이지만, optimize가 받은 파라미터에서 propagate는 ${p.own}을(를) 줍니다`,
  "prediction.binary": (p) => `예측 중에 0이나 1이 아닌 ${p.value}이(가) 있습니다`,
  "prediction.threshold": (p) =>
    `예제 ${p.column}은(는) wᵀx + b = ${p.z}이므로 예측이 ${p.expected}이어야 하는데 ${p.actual}입니다`,
  "describe.order": (p) => `${p.problem}; 순서 ${p.order}`,
  "describe.iterations": (p) => `${p.problem}; 학습률 ${p.rate}로 ${p.iterations}번 반복`,

  "gradient.against-reference": () => "참조 답안 비용의 수치 기울기",

  "train.start": (p) =>
    `${p.model} 학습: 반복 ${p.iterations}번, 학습률 ${p.rate}, 훈련 그림 209장과 테스트 그림 50장`,
  "train.accuracy": (p) =>
    `훈련 정확도: ${p.train}%, 테스트 정확도: ${p.test}%, 최종 비용 ${p.cost}, ${p.seconds}초`,
};

/** 테스트 이름, 테스트 id별로. */
const koreanTests: Record<string, string> = {
  "sigmoid.course": "강의의 예: z = [[0, 2]]",
  "sigmoid.mixed-signs": "양수와 음수가 섞인 값, 모양 (3,5)",
  "sigmoid.tails": "양 끝으로 아주 먼 값, 모양 (4,2)",
  "initializeWithZeros.course": "강의의 예: dim = 2",
  "initializeWithZeros.pictures": "그림의 특성마다 가중치 하나: dim = 768",
  "initializeWithZeros.one": "특성 하나: dim = 1",
  "propagate.course": "강의의 예: w = [[1], [2]], b = 1.5, X (2,3), Y (1,3)",
  "propagate.course-first": "강의 첫 판의 예: w = [[1], [2]], b = 2, X (2,3), Y (1,3)",
  "propagate.random": "다른 크기: X (4,7), 크기가 1 정도인 가중치, b ≠ 0",
  "propagate.single": "예제 하나, X (5,1)",
  "propagate.gradient": "dw와 db를 참조 답안 비용의 수치 기울기와 비교 (nX=3, m=6)",
  "optimize.course": "강의의 예: 학습률 0.009로 100번 반복",
  "optimize.settings": "주어진 반복 횟수와 학습률을 그대로 쓰는지 (0.1로 250번; X (4,9))",
  "optimize.other": "0.5로 101번 반복, 예제 하나",
  "predict.course": "강의의 예: w = [[0.1124579], [0.23106775]], b = −0.3, X (2,3)",
  "predict.random": "무작위 파라미터, X (3,40)",
  "predict.other": "다른 크기, X (6,25)",
  "model.pictures": "그림 데이터로 학습률 0.005, 200번 반복: 비용, 파라미터, 예측",
  "model.settings":
    "주어진 반복 횟수와 학습률을 그대로 쓰는지 (0.3으로 150번; 무작위 데이터, X (5,30))",
  "model.other": "다른 데이터(X (3,20)), 1.0으로 120번 반복",
  "end-to-end.accuracy":
    "모델 전체, 모두 여러분의 함수로: 그림 데이터로 0.005로 2000번 반복해 훈련 정확도 90%에 도달",
};

export const words: AssignmentWords = {
  ko: {
    title: "신경망의 관점으로 본 로지스틱 회귀",
    tests: { ...propertyTestNames(korean), ...koreanTests },
    phrases: korean,
  },
};
