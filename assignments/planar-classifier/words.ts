/**
 * Everything this assignment says to a learner, as phrases (grader/core/phrase.ts): its laws, how
 * a law fails, what its gradient checks compare with and what their failures mean, and what
 * training prints. The English catalog words them as the grader grades; the Korean one words the
 * same phrases for `--lang ko`, with the test names and the title. Written as a Korean-speaking
 * teacher of the course would, in the seed's vocabulary (순전파, 역전파, 비용, 은닉층, 학습률).
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import {
  type Phrase,
  phrasebook,
  type Say,
  sayParam,
  type Translation,
} from "../../grader/core/phrase.ts";
import { josa } from "../../grader/words/ko/josa.ts";
import { propertyTestNames } from "../../grader/words/ko/property-names.ts";

type What = Phrase | string;

export const english = {
  "law.sigmoid.range": () =>
    "0 < σ(z) < 1 for |z| ≤ 30, and 0 ≤ σ(z) ≤ 1 with no NaN out to |z| = 800",
  "law.sigmoid.symmetry": () => "σ(−z) = 1 − σ(z)",
  "law.sigmoid.monotone": () => "σ is increasing: z ≤ z' gives σ(z) ≤ σ(z')",
  "law.layerSizes.rows": () =>
    "nX is the number of rows of X and nY that of Y, whatever the shapes",
  "law.initializeParameters.shapes": () =>
    "W1 (nH,nX), b1 (nH,1), W2 (nY,nH), b2 (nY,1); biases exactly zero; weights not all equal",
  "law.initializeParameters.scale-and-seed": () =>
    "the weights scale with `scale`, and the same generator state gives the same parameters",
  "law.forwardPropagation.ranges": () =>
    "A1 is (nH,m) with entries in [−1, 1] and A2 is (nY,m) with entries in (0, 1)",
  "law.forwardPropagation.columns": () =>
    "each example is computed on its own: permuting the columns of X permutes the columns of A2",
  "law.computeCost.nonnegative": () => "the cost is a number, and never negative",
  "law.computeCost.permutation": () => "the cost does not depend on the order of the examples",
  "law.computeCost.confident": () =>
    "confident right predictions (A2 within 1e-6 of Y) cost almost nothing (< 1e-5)",
  "law.computeCost.half": () => "with A2 = 0.5 everywhere the cost is ln 2 per output, whatever Y",
  "law.updateParameters.zero-gradient": () => "zero gradients leave the parameters unchanged",
  "law.updateParameters.linear": () =>
    "the step is linear in the learning rate: θ' − θ = −learningRate·dθ",
  "law.predict.binary": () => "predictions are a (1, m) array of 0 and 1",
  "law.predict.threshold": () =>
    "predictions are 1 exactly where forwardPropagation gives A2 > 0.5",
  "law.backwardPropagation.shapes": () => "each gradient has the shape of its parameter",
  "law.backwardPropagation.gradient": () =>
    "the gradients are the numeric derivatives of forwardPropagation and computeCost",
  "law.backwardPropagation.duplicates": () =>
    "one example repeated k times has the same gradients as the example alone (they are means)",

  "cost.array": (p: { shape: string }) =>
    `the cost is a (${p.shape}) array, not a number: np.sum without an axis gives a number, or use .item()`,
  "cost.type": (p: { type: string }) => `the cost is of type ${p.type}, not a number`,
  "cost.is": (p: { cost: string }) => `the cost is ${p.cost}`,
  "cost.reordered": (p: { before: string; after: string }) =>
    `the cost changed from ${p.before} to ${p.after} when the examples were reordered`,
  "cost.half": (p: { cost: string; ln2: string }) =>
    `the cost is ${p.cost}, expected ln 2 = ${p.ln2}`,
  "not-array": (p: { what: What }, say: Say) => `${sayParam(p.what, say)} is not an array`,
  shape: (p: { what: What; actual: string; expected: string }, say: Say) =>
    `${sayParam(p.what, say)} has shape (${p.actual}), expected (${p.expected})`,
  "predict-result": () => "predict's result",
  "copies.what": (p: { name: string; k: number }) => `${p.name} for ${p.k} copies`,
  "sigmoid.nan": (p: { z: string }) => `σ(${p.z}) is NaN`,
  "sigmoid.overflow": (p: { z: string }) =>
    `σ(${p.z}) is NaN: past |z| = 709.78, e^z is Infinity, and Infinity / Infinity is NaN; 1 / (1 + e^(−z)) makes no such division`,
  "sigmoid.outside": (p: { z: string; y: string }) => `σ(${p.z}) = ${p.y} is outside the range`,
  "sigmoid.symmetry": (p: { negated: string; complement: string; z: string }) =>
    `σ(−z) = ${p.negated} but 1 − σ(z) = ${p.complement} at z = ${p.z}`,
  "sizes.got": (p: { nX: string; nY: string }) => `got nX = ${p.nX}, nY = ${p.nY}`,
  "biases-nonzero": () => "the biases are not zero",
  "W1-symmetric": () =>
    "all entries of W1 are equal: the symmetry between hidden units is not broken",
  "generator-state": () => "two calls with generators in the same state gave different weights",
  "scale.wrong": (p: { scale: number }) =>
    `W1 with scale ${p.scale} is not ${p.scale} times W1 with scale 1`,
  "A1-range": () => "an entry of A1 is outside [−1, 1]",
  "A2-range": () => "an entry of A2 is outside (0, 1)",
  "column-moved": (p: { j: number }) =>
    `column ${p.j} of A2 changed when the other columns of X moved`,
  changed: (p: { name: string }) => `${p.name} changed`,
  moved: (p: { name: string; moved: string; wanted: string; rate: number }) =>
    `${p.name} moved by ${p.moved}, expected ${p.wanted} (−${p.rate}·d${p.name})`,
  "prediction.binary": (p: { value: number }) => `a prediction is ${p.value}, not 0 or 1`,
  "prediction.threshold": (p: { a: number; expected: number; actual: number }) =>
    `A2 = ${p.a} is ${p.a > 0.5 ? "above" : "below"} 0.5, so the prediction should be ${p.expected}, but it is ${p.actual}`,
  "copies.value": (p: { name: string; k: number; copies: number; alone: number; ratio: number }) =>
    `${p.name} for ${p.k} copies is ${p.copies}, for the example alone ${p.alone}: ${p.ratio} times as much`,

  "describe.sizes": (p: { nX: number; nY: number; m: number }) =>
    `X of shape (${p.nX},${p.m}), Y of shape (${p.nY},${p.m})`,
  "describe.column-order": (p: { network: string; order: string }) =>
    `${p.network}; column order ${p.order}`,
  "describe.order": (p: { values: string; order: string }) => `${p.values}; order ${p.order}`,
  "describe.confident": (p: { Y: string }) => `${p.Y}; A2 = Y within 1e-6`,
  "describe.half": (p: { Y: string }) => `${p.Y}; A2 = 0.5 everywhere`,
  "describe.linear": (p: { network: string; rate: number }) =>
    `${p.network}; gradients equal to the parameters; learningRate = ${p.rate}`,
  "describe.repeated": (p: { network: string; k: number }) =>
    `${p.network}; the example repeated ${p.k} times`,

  "gradient.against-reference": () => "the numeric gradient of the reference's cost",
  "gradient.against-own": () =>
    "the numeric gradient of your own forwardPropagation and computeCost",
  "chain.dZ1": () =>
    "the output layer's gradients are right and the hidden layer's are not: look at dZ1 = W2ᵀ·dZ2 ∗ (1 − A1²), the chain rule through tanh",
  "chain.dW1": () => "db1 is right, so dZ1 is: the mistake is in dW1 = (1/m)·dZ1·Xᵀ itself",
  "chain.db1": () =>
    "dW1 is right, so dZ1 is: the mistake is in db1 = (1/m)·Σ dZ1 over the examples (np.sum(dZ1, 1, true))",
  "meaning.shared": () =>
    "Your backwardPropagation is consistent with your own forwardPropagation and computeCost, so the mistake is shared: one of those computes something other than the equations, and your backward pass follows it",
  "meaning.forward": () =>
    "Your backwardPropagation is right for the reference's forward pass and cost, so the mismatch is in your forwardPropagation or computeCost",

  "train.start": (p: {
    model: string;
    nH: number;
    iterations: number;
    rate: number;
    seed: number;
  }) =>
    `Training ${p.model}: nH = ${p.nH}, ${p.iterations} iterations, learning rate ${p.rate}, seed ${p.seed}`,
  "train.accuracy": (p: {
    percent: string;
    correct: number;
    examples: number;
    cost: string;
    seconds: string;
  }) =>
    `Training accuracy: ${p.percent}% (${p.correct} of ${p.examples}), final cost ${p.cost}, ${p.seconds} s`,
  "train.no-boundary": (p: { error: string }) =>
    `No decision boundary: predict failed on a grid of points (${p.error})`,
};

/** This assignment's phrases, worded in English as they are made. */
export const said = phrasebook(english);

/** 같은 문구를 한국어로. */
export const korean: Translation<typeof english> = {
  "law.sigmoid.range": () => "|z| ≤ 30이면 0 < σ(z) < 1이고, |z| = 800까지는 NaN 없이 0 ≤ σ(z) ≤ 1",
  "law.sigmoid.symmetry": () => "σ(−z) = 1 − σ(z)",
  "law.sigmoid.monotone": () => "σ는 증가 함수: z ≤ z'이면 σ(z) ≤ σ(z')",
  "law.layerSizes.rows": () => "모양이 어떻든 nX는 X의 행 수, nY는 Y의 행 수",
  "law.initializeParameters.shapes": () =>
    "W1 (nH,nX), b1 (nH,1), W2 (nY,nH), b2 (nY,1); 편향은 정확히 0; 가중치가 모두 같지는 않음",
  "law.initializeParameters.scale-and-seed": () =>
    "가중치는 `scale`에 비례하고, 생성기 상태가 같으면 파라미터도 같음",
  "law.forwardPropagation.ranges": () =>
    "A1은 원소가 [−1, 1] 안에 있는 (nH,m), A2는 원소가 (0, 1) 안에 있는 (nY,m)",
  "law.forwardPropagation.columns": () =>
    "각 예제는 따로 계산됨: X의 열 순서를 바꾸면 A2의 열 순서도 똑같이 바뀜",
  "law.computeCost.nonnegative": () => "비용은 숫자이고, 음수가 아님",
  "law.computeCost.permutation": () => "비용은 예제의 순서와 무관함",
  "law.computeCost.confident": () =>
    "확신에 찬 맞는 예측(A2가 Y와 1e-6 이내)의 비용은 거의 0(< 1e-5)",
  "law.computeCost.half": () => "A2가 모두 0.5이면 Y와 상관없이 비용은 출력 하나당 ln 2",
  "law.updateParameters.zero-gradient": () => "기울기가 0이면 파라미터는 그대로",
  "law.updateParameters.linear": () => "갱신량은 학습률에 비례함: θ' − θ = −learningRate·dθ",
  "law.predict.binary": () => "예측은 0과 1로 이루어진 (1, m) 배열",
  "law.predict.threshold": () => "예측은 forwardPropagation의 A2 > 0.5인 곳에서만 정확히 1",
  "law.backwardPropagation.shapes": () => "각 기울기는 해당 파라미터와 모양이 같음",
  "law.backwardPropagation.gradient": () =>
    "기울기는 forwardPropagation과 computeCost의 수치 미분과 같음",
  "law.backwardPropagation.duplicates": () =>
    "한 예제를 k번 반복해도 그 예제 하나일 때와 기울기가 같음(기울기는 평균이므로)",

  "cost.array": (p) =>
    `비용이 숫자가 아니라 (${p.shape}) 배열입니다: axis 없이 np.sum을 쓰면 숫자가 나오고, .item()을 써도 됩니다`,
  "cost.type": (p) => `비용이 숫자가 아니라 ${p.type}입니다`,
  "cost.is": (p) => `비용이 ${p.cost}입니다`,
  "cost.reordered": (p) =>
    `예제의 순서를 바꾸자 비용이 ${p.before}에서 ${josa(p.after, "으로/로")} 바뀌었습니다`,
  "cost.half": (p) => `비용이 ${p.cost}입니다. 기댓값은 ln 2 = ${p.ln2}입니다`,
  "not-array": (p, say) => `${josa(sayParam(p.what, say), "이/가")} 배열이 아닙니다`,
  shape: (p, say) =>
    `${sayParam(p.what, say)}의 모양이 (${p.actual})입니다. 기댓값은 (${p.expected})입니다`,
  "predict-result": () => "predict의 결과",
  "copies.what": (p) => `${p.k}개 복사본의 ${p.name}`,
  "sigmoid.nan": (p) => `σ(${p.z})이(가) NaN입니다`,
  "sigmoid.overflow": (p) =>
    `σ(${p.z})의 값이 NaN입니다: |z|가 709.78을 넘으면 e^z는 Infinity이고, Infinity / Infinity는 NaN입니다. 1 / (1 + e^(−z))에는 그런 나눗셈이 없습니다`,
  "sigmoid.outside": (p) => `σ(${p.z}) = ${p.y}로 범위를 벗어났습니다`,
  "sigmoid.symmetry": (p) =>
    `z = ${p.z}에서 σ(−z) = ${p.negated}인데 1 − σ(z) = ${p.complement}입니다`,
  "sizes.got": (p) => `nX = ${p.nX}, nY = ${p.nY}이(가) 나왔습니다`,
  "biases-nonzero": () => "편향이 0이 아닙니다",
  "W1-symmetric": () => "W1의 원소가 모두 같습니다: 은닉 유닛 사이의 대칭이 깨지지 않습니다",
  "generator-state": () => "생성기 상태가 같은 두 호출이 서로 다른 가중치를 만들었습니다",
  "scale.wrong": (p) => `scale ${p.scale}의 W1이 scale 1의 W1의 ${p.scale}배가 아닙니다`,
  "A1-range": () => "A1의 원소 하나가 [−1, 1]을 벗어났습니다",
  "A2-range": () => "A2의 원소 하나가 (0, 1)을 벗어났습니다",
  "column-moved": (p) => `X의 다른 열들을 옮겼더니 A2의 ${p.j}번 열이 바뀌었습니다`,
  changed: (p) => `${p.name}이(가) 바뀌었습니다`,
  moved: (p) =>
    `${p.name}이(가) ${p.moved}만큼 움직였습니다. 기댓값은 ${p.wanted}(−${p.rate}·d${p.name})입니다`,
  "prediction.binary": (p) => `예측 하나가 0이나 1이 아니라 ${p.value}입니다`,
  "prediction.threshold": (p) =>
    `A2 = ${p.a}은(는) 0.5${p.a > 0.5 ? "보다 크므로" : "보다 작으므로"} 예측은 ${p.expected}이어야 하는데 ${p.actual}입니다`,
  "copies.value": (p) =>
    `${p.k}개 복사본의 ${p.name}은(는) ${p.copies}, 예제 하나일 때는 ${p.alone}입니다: ${p.ratio}배입니다`,

  "describe.sizes": (p) => `X의 모양 (${p.nX},${p.m}), Y의 모양 (${p.nY},${p.m})`,
  "describe.column-order": (p) => `${p.network}; 열 순서 ${p.order}`,
  "describe.order": (p) => `${p.values}; 순서 ${p.order}`,
  "describe.confident": (p) => `${p.Y}; A2 = Y(1e-6 이내)`,
  "describe.half": (p) => `${p.Y}; A2는 모두 0.5`,
  "describe.linear": (p) => `${p.network}; 기울기 = 파라미터; learningRate = ${p.rate}`,
  "describe.repeated": (p) => `${p.network}; 같은 예제를 ${p.k}번 반복`,

  "gradient.against-reference": () => "참조 답안 비용의 수치 기울기",
  "gradient.against-own": () => "여러분 자신의 forwardPropagation과 computeCost의 수치 기울기",
  "chain.dZ1": () =>
    "출력층의 기울기는 맞고 은닉층의 기울기는 틀렸습니다: tanh를 거치는 연쇄 법칙, dZ1 = W2ᵀ·dZ2 ∗ (1 − A1²)를 보세요",
  "chain.dW1": () => "db1이 맞으므로 dZ1도 맞습니다: 실수는 dW1 = (1/m)·dZ1·Xᵀ 자체에 있습니다",
  "chain.db1": () =>
    "dW1이 맞으므로 dZ1도 맞습니다: 실수는 db1 = (1/m)·Σ dZ1(예제에 대한 합, np.sum(dZ1, 1, true))에 있습니다",
  "meaning.shared": () =>
    "여러분의 backwardPropagation은 여러분 자신의 forwardPropagation, computeCost와는 일관되므로 실수가 공유되어 있습니다: 그 둘 중 하나가 수식과 다른 것을 계산하고, 역전파가 그것을 따라가고 있습니다",
  "meaning.forward": () =>
    "여러분의 backwardPropagation은 참조 답안의 순전파와 비용에 대해서는 맞으므로, 어긋남은 여러분의 forwardPropagation이나 computeCost에 있습니다",

  "train.start": (p) =>
    `${p.model} 학습: nH = ${p.nH}, 반복 ${p.iterations}번, 학습률 ${p.rate}, 시드 ${p.seed}`,
  "train.accuracy": (p) =>
    `훈련 정확도: ${p.percent}% (${p.examples}개 중 ${p.correct}개), 최종 비용 ${p.cost}, ${p.seconds}초`,
  "train.no-boundary": (p) =>
    `결정 경계를 그릴 수 없습니다: 격자 위의 점들에서 predict가 실패했습니다(${p.error})`,
};

/** 테스트 이름, 테스트 id별로. */
const koreanTests: Record<string, string> = {
  "sigmoid.mixed-signs": "양수와 음수가 섞인 값, 모양 (3,4)",
  "sigmoid.row": "큰 값이 들어 있는 긴 행, 모양 (1,50)",
  "sigmoid.tails": "양 끝으로 아주 먼 값, 모양 (5,2)",
  "layerSizes.planar": "평면 데이터의 크기: X (2,400), Y (1,400)",
  "layerSizes.other": "다른 크기: X (5,7), Y (3,7)",
  "layerSizes.single": "예제 하나: X (3,1), Y (2,1)",
  "initializeParameters.planar": "nX=2, nH=4, nY=1, 시드 2, 기본 scale",
  "initializeParameters.scale": "nX=3, nH=5, nY=2, scale은 0.01",
  "initializeParameters.other": "다른 크기",
  "forwardPropagation.planar": "평면 데이터의 층 크기, m=6, 크기가 1 정도인 가중치",
  "forwardPropagation.multi-output": "nY=2, nH=5, 더 큰 가중치",
  "forwardPropagation.single": "예제 하나, nY=3",
  "computeCost.single-output": "출력 하나, m=8",
  "computeCost.multi-output": "출력 둘, m=3",
  "computeCost.single": "예제 하나",
  "backwardPropagation.planar": "평면 데이터의 층 크기, m=5, 크기가 1 정도인 가중치",
  "backwardPropagation.multi-output": "nY=3, nH=5, m=7, 더 큰 가중치",
  "backwardPropagation.single": "예제 하나, nY=2",
  "backwardPropagation.gradient": "참조 답안 비용의 수치 기울기와 비교 (nX=3, nH=5, nY=2, m=6)",
  "backwardPropagation.consistency":
    "여러분 자신의 forwardPropagation과 computeCost의 수치 기울기와 비교 (nX=2, nH=3, m=5)",
  "backwardPropagation.gradient-single": "참조 답안 비용의 수치 기울기와 비교, 예제 하나, nY=3",
  "updateParameters.default-rate": "기본 학습률 1.2",
  "updateParameters.rate": "학습률 0.05, nY=2",
  "updateParameters.large-rate": "학습률 2.5",
  "nnModel.early": "평면 데이터로 300번 반복 (nH=4, 학습률 1.2, 시드 2): 비용과 파라미터",
  "nnModel.settings":
    "주어진 nH, 학습률, 반복 횟수, 시드를 그대로 쓰는지 (nH=3, 0.5, 50, 시드 3; nY=2인 무작위 데이터)",
  "predict.random": "무작위 파라미터, m=40",
  "predict.trained": "평면 데이터로 학습한 파라미터 (1000번 반복)",
  "predict.other": "다른 크기, m=25",
  "predict.threshold.property":
    "성질: 예측은 여러분 자신의 forwardPropagation의 A2 > 0.5인 곳에서만 정확히 1",
  "backwardPropagation.gradient.property":
    "성질: 기울기는 여러분 자신의 forwardPropagation과 computeCost의 수치 미분과 같음",
  "end-to-end.accuracy":
    "파이프라인 전체, 모두 여러분의 함수로: 평면 데이터로 끝까지 학습해 훈련 정확도 90%에 도달",
};

export const words: AssignmentWords = {
  ko: {
    title: "은닉층 하나로 평면 데이터 분류하기",
    tests: { ...propertyTestNames(korean), ...koreanTests },
    phrases: korean,
  },
};
