/**
 * Everything this assignment says to a learner, as phrases (grader/core/phrase.ts): its laws, how
 * a law fails, what its gradient checks compare with, and what training prints. The English
 * catalog words them as the grader grades; the Korean one words the same phrases for `--lang ko`,
 * with the test names and the title, in the seed's vocabulary (순전파, 역전파, 비용, 기울기, 학습률,
 * 은닉층).
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { phrasebook, type Translation } from "../../grader/core/phrase.ts";
import { josa } from "../../grader/words/ko/josa.ts";
import { propertyTestNames } from "../../grader/words/ko/property-names.ts";

export const english = {
  "law.initializeParametersDeep.shapes": () =>
    "one Wl (n_l, n_{l−1}) and one bl (n_l, 1) of zeros per layer after the first size, and no others",
  "law.initializeParametersDeep.seed": () =>
    "the same generator state gives the same parameters, and each Wl is drawn divided by √n_{l−1}",
  "law.linearForward.columns": () =>
    "each example is computed on its own: permuting the columns of A permutes the columns of Z",
  "law.linearActivationForward.ranges": () =>
    "with the ReLU, A = Z where Z > 0 and 0 elsewhere; with the sigmoid, every entry of A is in (0, 1)",
  "law.lModelForward.caches": () =>
    "AL is (1, m) with entries in (0, 1), and there is one cache per layer",
  "law.lModelForward.columns": () =>
    "each example is computed on its own: permuting the columns of X permutes the columns of AL",
  "law.computeCost.nonnegative": () => "the cost is a number, and never negative",
  "law.computeCost.half": () => "with AL = 0.5 everywhere the cost is ln 2, whatever Y",
  "law.linearBackward.shapes": () => "dAPrev has the shape of A, dW that of W and db that of b",
  "law.linearActivationBackward.dead-relu": () =>
    "with the ReLU, where every Z ≤ 0 nothing flows back: dAPrev, dW and db are 0",
  "law.lModelBackward.shapes": () =>
    "there is a dWl and a dbl of the shape of Wl and bl for every layer",
  "law.lModelBackward.gradient": () =>
    "the gradients are the numeric derivatives of lModelForward and computeCost (where no ReLU kink is crossed)",
  "law.updateParameters.zero-gradient": () => "zero gradients leave every parameter unchanged",
  "law.updateParameters.linear": () =>
    "the step is linear in the learning rate: θ' − θ = −learningRate·dθ, for every layer",

  "not-array": (p: { what: string }) => `${p.what} is not an array`,
  shape: (p: { what: string; actual: string; expected: string }) =>
    `${p.what} has shape (${p.actual}), expected (${p.expected})`,
  "cost.array": (p: { shape: string }) =>
    `the cost is a (${p.shape}) array, not a number: np.sum without an axis gives a number`,
  "cost.type": (p: { type: string }) => `the cost is of type ${p.type}, not a number`,
  "cost.is": (p: { cost: string }) => `the cost is ${p.cost}`,
  "cost.half": (p: { cost: string; ln2: string }) =>
    `the cost is ${p.cost}, expected ln 2 = ${p.ln2}`,
  extra: (p: { name: string; layers: number }) =>
    `there is a ${p.name}, but the network has ${p.layers} layers`,
  "not-zero": (p: { what: string }) => `${p.what} is not zero`,
  "different-draws": () => "two calls with generators in the same state gave different weights",
  drawn: (p: { name: string; fanIn: number }) =>
    `${p.name} is not the generator's next randn draw divided by √${p.fanIn}`,
  "column-moved": (p: { name: string; j: number }) =>
    `column ${p.j} of ${p.name} changed when the other columns moved`,
  "range.relu": (p: { z: string; a: string }) => `where Z = ${p.z}, A is ${p.a}, not max(0, Z)`,
  "range.sigmoid": (p: { z: string; a: string }) => `where Z = ${p.z}, A is ${p.a}, outside (0, 1)`,
  "AL-range": () => "an entry of AL is outside (0, 1)",
  "caches.count": (p: { count: string; layers: number }) =>
    `there are ${p.count} caches for ${p.layers} layers`,
  "caches.not-list": () => "caches is not a list (of one cache per layer)",
  flows: (p: { name: string }) => `${p.name} is not 0 where every Z ≤ 0`,
  changed: (p: { name: string }) => `${p.name} changed`,
  moved: (p: { name: string; moved: string; wanted: string; rate: number }) =>
    `${p.name} moved by ${p.moved}, expected ${p.wanted} (−${p.rate}·d${p.name})`,
  "describe.order": (p: { network: string; order: string }) =>
    `${p.network}; column order ${p.order}`,
  "describe.rate": (p: { network: string; rate: number }) =>
    `${p.network}; gradients equal to the parameters; learningRate = ${p.rate}`,

  "gradient.against-reference": () => "the numeric gradient of the reference's cost",

  "train.start": (p: {
    model: string;
    dims: string;
    iterations: number;
    rate: number;
    seed: number;
  }) =>
    `Training ${p.model}: layers ${p.dims}, ${p.iterations} iterations, learning rate ${p.rate}, seed ${p.seed}`,
  "train.accuracy": (p: {
    percent: string;
    correct: number;
    examples: number;
    cost: string;
    seconds: string;
  }) =>
    `Training accuracy: ${p.percent}% (${p.correct} of ${p.examples}), final cost ${p.cost}, ${p.seconds} s`,
  "train.no-boundary": (p: { error: string }) =>
    `No decision boundary: predicting on a grid of points failed (${p.error})`,
};

/** This assignment's phrases, worded in English as they are made. */
export const said = phrasebook(english);

/** 같은 문구를 한국어로. */
export const korean: Translation<typeof english> = {
  "law.initializeParametersDeep.shapes": () =>
    "첫 번째 크기 다음의 층마다 Wl (n_l, n_{l−1}) 하나와 0으로 채운 bl (n_l, 1) 하나가 있고, 그 밖에는 없음",
  "law.initializeParametersDeep.seed": () =>
    "같은 상태의 생성기는 같은 파라미터를 주고, 각 Wl은 뽑은 값을 √n_{l−1}로 나눈 것",
  "law.linearForward.columns": () =>
    "예제마다 따로 계산됨: A의 열 순서를 바꾸면 Z의 열 순서도 똑같이 바뀜",
  "law.linearActivationForward.ranges": () =>
    "ReLU면 Z > 0인 곳에서 A = Z이고 나머지는 0; 시그모이드면 A의 모든 원소가 (0, 1) 안에 있음",
  "law.lModelForward.caches": () =>
    "AL은 원소가 (0, 1) 안에 있는 (1, m)이고, 층마다 캐시가 하나씩 있음",
  "law.lModelForward.columns": () =>
    "예제마다 따로 계산됨: X의 열 순서를 바꾸면 AL의 열 순서도 똑같이 바뀜",
  "law.computeCost.nonnegative": () => "비용은 숫자이고, 음수가 아님",
  "law.computeCost.half": () => "AL이 모두 0.5이면 Y가 무엇이든 비용은 ln 2",
  "law.linearBackward.shapes": () => "dAPrev는 A의, dW는 W의, db는 b의 모양과 같음",
  "law.linearActivationBackward.dead-relu": () =>
    "ReLU에서 모든 Z ≤ 0이면 거꾸로 흐르는 것이 없음: dAPrev, dW, db가 0",
  "law.lModelBackward.shapes": () => "층마다 Wl, bl과 모양이 같은 dWl과 dbl이 있음",
  "law.lModelBackward.gradient": () =>
    "기울기는 lModelForward와 computeCost의 수치 미분과 같음(ReLU의 꺾이는 점을 넘지 않는 곳에서)",
  "law.updateParameters.zero-gradient": () => "기울기가 0이면 어떤 파라미터도 바뀌지 않음",
  "law.updateParameters.linear": () =>
    "한 걸음은 학습률에 비례: 모든 층에서 θ' − θ = −learningRate·dθ",

  "not-array": (p) => `${josa(p.what, "이/가")} 배열이 아닙니다`,
  shape: (p) => `${p.what}의 모양이 (${p.actual})입니다. (${p.expected})이어야 합니다`,
  "cost.array": (p) =>
    `비용이 숫자가 아니라 (${p.shape}) 배열입니다: 축 없이 np.sum을 쓰면 숫자가 나옵니다`,
  "cost.type": (p) => `비용이 숫자가 아니라 ${p.type}입니다`,
  "cost.is": (p) => `비용이 ${p.cost}입니다`,
  "cost.half": (p) => `비용이 ${p.cost}입니다. ln 2 = ${p.ln2}이어야 합니다`,
  extra: (p) => `${josa(p.name, "이/가")} 있지만 네트워크의 층은 ${p.layers}개입니다`,
  "not-zero": (p) => `${josa(p.what, "이/가")} 0이 아닙니다`,
  "different-draws": () => "같은 상태의 생성기로 두 번 호출했더니 가중치가 달랐습니다",
  drawn: (p) =>
    `${josa(p.name, "이/가")} 생성기의 다음 randn 값을 √${p.fanIn}로 나눈 것이 아닙니다`,
  "column-moved": (p) => `다른 열이 움직이자 ${p.name}의 ${p.j}번째 열이 바뀌었습니다`,
  "range.relu": (p) => `Z = ${p.z}인 곳에서 A가 max(0, Z)가 아니라 ${p.a}입니다`,
  "range.sigmoid": (p) => `Z = ${p.z}인 곳에서 A가 ${p.a}로 (0, 1) 밖에 있습니다`,
  "AL-range": () => "AL의 원소 중 (0, 1) 밖에 있는 것이 있습니다",
  "caches.count": (p) => `층은 ${p.layers}개인데 캐시는 ${p.count}개입니다`,
  "caches.not-list": () => "caches가 리스트(층마다 캐시 하나)가 아닙니다",
  flows: (p) => `모든 Z ≤ 0인데 ${josa(p.name, "이/가")} 0이 아닙니다`,
  changed: (p) => `${josa(p.name, "이/가")} 바뀌었습니다`,
  moved: (p) =>
    `${josa(p.name, "이/가")} ${p.moved}만큼 움직였습니다. ${p.wanted}(−${p.rate}·d${p.name})여야 합니다`,
  "describe.order": (p) => `${p.network}; 열 순서 ${p.order}`,
  "describe.rate": (p) => `${p.network}; 기울기 = 파라미터; learningRate = ${p.rate}`,

  "gradient.against-reference": () => "참조 답안 비용의 수치 기울기",

  "train.start": (p) =>
    `${p.model} 학습: 층 ${p.dims}, 반복 ${p.iterations}번, 학습률 ${p.rate}, 시드 ${p.seed}`,
  "train.accuracy": (p) =>
    `훈련 정확도: ${p.percent}% (${p.examples}개 중 ${p.correct}개), 최종 비용 ${p.cost}, ${p.seconds}초`,
  "train.no-boundary": (p) =>
    `결정 경계를 그릴 수 없습니다: 격자 위의 점들에서 예측이 실패했습니다(${p.error})`,
};

/** 테스트 이름, 테스트 id별로. */
const koreanTests: Record<string, string> = {
  "initializeParametersDeep.course": "강의의 예: 시드 3으로 layerDims [5, 4, 3]",
  "initializeParametersDeep.deep": "층 넷: 시드 1로 [2, 20, 7, 5, 1]",
  "initializeParametersDeep.one-layer": "층 하나: 시드 7로 [4, 1]",
  "linearForward.course": "강의의 예: 시드 1로 뽑은 A (3,2), W (1,3), b (1,1)",
  "linearForward.random": "다른 크기: A (4,5), W (3,4), b (3,1)",
  "linearForward.single": "예제 하나: A (2,1), W (5,2)",
  "linearActivationForward.course-sigmoid": "강의의 예, 시그모이드 (시드 2)",
  "linearActivationForward.course-relu": "강의의 예, ReLU (시드 2)",
  "linearActivationForward.relu": "ReLU, 다른 크기: APrev (4,6), W (3,4)",
  "linearActivationForward.sigmoid": "시그모이드, 다른 크기: APrev (3,5), W (2,3)",
  "lModelForward.course": "강의의 예: 층 셋 (시드 6), X (5,4)",
  "lModelForward.deep": "층 넷 [3, 6, 5, 4, 1], m = 7",
  "lModelForward.one-layer": "층 하나: 시그모이드만, [4, 1]",
  "lModelForward.five-layers": "층 다섯 [2, 5, 5, 4, 3, 1], m = 3",
  "computeCost.course": "강의의 예: AL = [[0.8, 0.9, 0.4]], Y = [[1, 1, 0]]",
  "computeCost.random": "예제 8개, m = 8",
  "computeCost.single": "예제 하나",
  "linearBackward.course": "강의의 예: 시드 1로 뽑은 dZ (3,4), A (5,4), W (3,5)",
  "linearBackward.random": "다른 크기: dZ (2,6), A (4,6)",
  "linearBackward.single": "예제 하나: dZ (3,1), A (2,1)",
  "linearActivationBackward.course-sigmoid": "강의의 예, 시그모이드 (시드 2)",
  "linearActivationBackward.course-relu": "강의의 예, ReLU (시드 2)",
  "linearActivationBackward.relu": "ReLU, 다른 크기: dA (3,6), A (4,6)",
  "linearActivationBackward.sigmoid": "시그모이드, 다른 크기: dA (2,5), A (3,5)",
  "lModelBackward.course": "강의의 예: 층 둘 (시드 3)",
  "lModelBackward.deep": "층 넷 [3, 6, 5, 4, 1], m = 5",
  "lModelBackward.one-layer": "층 하나: 시그모이드만, [4, 1]",
  "lModelBackward.gradient":
    "참조 답안 비용의 수치 기울기와 비교, 층 셋 [3, 5, 4, 1] (한 걸음이 ReLU의 꺾이는 점을 넘는 원소는 확인하지 않음)",
  "lModelBackward.gradient-deep": "참조 답안 비용의 수치 기울기와 비교, 층 다섯",
  "updateParameters.course": "강의의 예: 층 둘 (시드 2), 학습률 0.1",
  "updateParameters.deep": "층 넷, 학습률 0.0075",
  "updateParameters.large-rate": "층 하나, 학습률 2.5",
  "lLayerModel.moons":
    "두 개의 반달 데이터로 층 [2, 20, 7, 5, 1], 학습률 0.3, 200번 반복: 비용과 파라미터",
  "lLayerModel.settings":
    "주어진 층, 학습률, 반복 횟수, 시드를 그대로 쓰는지 ([3, 4, 1], 0.1, 150번, 시드 3; 무작위 데이터)",
  "lLayerModel.other": "다른 층 [2, 3, 3, 1], 0.5로 120번 반복, 시드 5",
  "end-to-end.accuracy":
    "모델 전체, 모두 여러분의 함수로: 층 [2, 20, 7, 5, 1], 0.3으로 3000번 반복해 반달 데이터에서 훈련 정확도 93%에 도달",
};

export const words: AssignmentWords = {
  ko: {
    title: "심층 신경망, 한 단계씩",
    tests: { ...propertyTestNames(korean), ...koreanTests },
    phrases: korean,
  },
};
