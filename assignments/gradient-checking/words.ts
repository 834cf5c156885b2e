/**
 * Everything this assignment says to a learner, as phrases (grader/core/phrase.ts): its laws, how
 * a law fails, the bugs its checker cases hand over, what its gradient check compares with, and
 * the end-to-end verdict. The English catalog words them as the grader grades; the Korean one
 * words the same phrases for `--lang ko`, with the test names and the title, in the seed's
 * vocabulary (순전파, 역전파, 비용, 기울기).
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { type Phrase, phrasebook, type Say, type Translation } from "../../grader/core/phrase.ts";
import { josa } from "../../grader/words/ko/josa.ts";
import { propertyTestNames } from "../../grader/words/ko/property-names.ts";

export const english = {
  "law.forwardPropagation.linear": () =>
    "J(x, θ) is linear in each: J(2x, θ) = 2·J(x, θ) and J(x, θ₁ + θ₂) = J(x, θ₁) + J(x, θ₂)",
  "law.backwardPropagation.slope": () =>
    "dθ is the slope of forwardPropagation: (J(x, θ + 1) − J(x, θ − 1)) / 2",
  "law.gradientCheck.relative": () =>
    "the difference is relative: doubling x (and so J and dJ/dθ) leaves it unchanged, and it lies in [0, 1]",
  "law.dictionaryToVector.size": () =>
    "the column is (n, 1), n the number of entries of all the arrays, for any depth",
  "law.vectorToDictionary.round-trip": () =>
    "cutting a column up and stacking it again gives it back: dictionaryToVector(vectorToDictionary(θ, like)) = θ",
  "law.forwardPropagationN.nonnegative": () => "the cost is a number, and never negative",
  "law.forwardPropagationN.columns": () =>
    "reordering the examples (columns of X and Y together) leaves the cost unchanged",
  "law.backwardPropagationN.shapes": () =>
    "there is a dWl and a dbl of the shape of Wl and bl for each of the three layers",
  "law.gradientCheckN.zero": () =>
    "claimed gradients of zero give a difference of 1: nothing of the numeric gradient is matched",

  "not-array": (p: { what: string }) => `${p.what} is not an array`,
  "not-number": (p: { what: string; type: string }) => `${p.what} is ${p.type}, not a number`,
  shape: (p: { what: string; actual: string; expected: string }) =>
    `${p.what} has shape (${p.actual}), expected (${p.expected})`,
  "linear.scale": (p: { doubled: string; twice: string }) =>
    `J(2x, θ) is ${p.doubled}, but 2·J(x, θ) is ${p.twice}`,
  "linear.sum": (p: { sum: string; parts: string }) =>
    `J(x, θ₁ + θ₂) is ${p.sum}, but J(x, θ₁) + J(x, θ₂) is ${p.parts}`,
  slope: (p: { dtheta: string; slope: string }) =>
    `dθ is ${p.dtheta}, but the slope of J at θ is ${p.slope}`,
  "relative.changed": (p: { once: string; doubled: string }) =>
    `the difference is ${p.once} for x and ${p.doubled} for 2x: is it divided by |grad| + |gradApprox|?`,
  "relative.range": (p: { difference: string }) =>
    `the difference is ${p.difference}, outside [0, 1]`,
  "round-trip": (p: { i: number; back: string; given: string }) =>
    `entry ${p.i} of θ came back as ${p.back}, not ${p.given}`,
  "cost.negative": (p: { cost: string }) => `the cost is ${p.cost}, below 0`,
  "cost.moved": (p: { before: string; after: string }) =>
    `the cost is ${p.before}, and ${p.after} with the examples reordered`,
  "zero.difference": (p: { difference: string }) => `the difference is ${p.difference}, not 1`,
  "describe.network": (p: { dims: string; m: number }) =>
    `a network of layers ${p.dims} on ${p.m} examples`,
  "describe.order": (p: { network: Phrase; order: string }, say: Say) =>
    `${say(p.network)}; column order ${p.order}`,

  "bug.planted": () => "the course's planted bugs, dW2 doubled and db1 times 4",
  "bug.db2-sign": () => "db2 of the wrong sign",
  "bug.dW3-scaled": () => "dW3 off by 1%",
  "gradient.against-reference": () => "the numeric gradient of the reference's cost",
  "own.flagged": (p: { difference: string; threshold: string }) =>
    `with all your own functions, your gradientCheckN says your backwardPropagationN has a mistake (difference ${p.difference}; the threshold is ${p.threshold}): fix what it finds (the course plants two bugs), or, if your backward pass passes its own tests, look at your checker`,
  "own.no-verdict": () =>
    "with all your own functions, your gradientCheckN printed no verdict on your own backward pass",
  "own.planted": (p: { why: Phrase }, say: Say) =>
    `on the course's planted bugs, your checker ${say(p.why)}`,
};

/** This assignment's phrases, worded in English as they are made. */
export const said = phrasebook(english);

/** 같은 문구를 한국어로. */
export const korean: Translation<typeof english> = {
  "law.forwardPropagation.linear": () =>
    "J(x, θ)는 각각에 대해 선형: J(2x, θ) = 2·J(x, θ)이고 J(x, θ₁ + θ₂) = J(x, θ₁) + J(x, θ₂)",
  "law.backwardPropagation.slope": () =>
    "dθ는 forwardPropagation의 기울기: (J(x, θ + 1) − J(x, θ − 1)) / 2",
  "law.gradientCheck.relative": () =>
    "차이는 상대적: x를 두 배로 해도(J와 dJ/dθ도 두 배가 되어도) 바뀌지 않고, [0, 1] 안에 있음",
  "law.dictionaryToVector.size": () =>
    "열 벡터는 (n, 1)이고, n은 모든 배열의 원소 수의 합: 층이 몇 개든",
  "law.vectorToDictionary.round-trip": () =>
    "열 벡터를 잘랐다가 다시 쌓으면 그대로 돌아옴: dictionaryToVector(vectorToDictionary(θ, like)) = θ",
  "law.forwardPropagationN.nonnegative": () => "비용은 숫자이고, 음수가 아님",
  "law.forwardPropagationN.columns": () =>
    "예제의 순서를 바꿔도(X와 Y의 열을 함께) 비용은 바뀌지 않음",
  "law.backwardPropagationN.shapes": () => "세 층마다 Wl, bl과 모양이 같은 dWl과 dbl이 있음",
  "law.gradientCheckN.zero": () =>
    "기울기를 0이라고 하면 차이는 1: 수치 기울기와 맞는 것이 하나도 없음",

  "not-array": (p) => `${josa(p.what, "이/가")} 배열이 아닙니다`,
  "not-number": (p) => `${josa(p.what, "이/가")} 숫자가 아니라 ${p.type}입니다`,
  shape: (p) => `${p.what}의 모양이 (${p.actual})입니다. (${p.expected})이어야 합니다`,
  "linear.scale": (p) => `J(2x, θ)는 ${p.doubled}인데, 2·J(x, θ)는 ${p.twice}입니다`,
  "linear.sum": (p) => `J(x, θ₁ + θ₂)는 ${p.sum}인데, J(x, θ₁) + J(x, θ₂)는 ${p.parts}입니다`,
  slope: (p) => `dθ가 ${p.dtheta}인데, θ에서 J의 기울기는 ${p.slope}입니다`,
  "relative.changed": (p) =>
    `차이가 x에서는 ${p.once}, 2x에서는 ${p.doubled}입니다: |grad| + |gradApprox|로 나누었나요?`,
  "relative.range": (p) => `차이가 ${p.difference}로 [0, 1] 밖에 있습니다`,
  "round-trip": (p) => `θ의 ${p.i}번째 원소가 ${p.given}이 아니라 ${p.back}으로 돌아왔습니다`,
  "cost.negative": (p) => `비용이 ${p.cost}로 0보다 작습니다`,
  "cost.moved": (p) => `비용이 ${p.before}인데, 예제 순서를 바꾸니 ${p.after}입니다`,
  "zero.difference": (p) => `차이가 1이 아니라 ${p.difference}입니다`,
  "describe.network": (p) => `층 ${p.dims}, 예제 ${p.m}개의 네트워크`,
  "describe.order": (p, say) => `${say(p.network)}; 열 순서 ${p.order}`,

  "bug.planted": () => "강의가 심어 둔 버그: dW2가 두 배, db1이 4배",
  "bug.db2-sign": () => "부호가 반대인 db2",
  "bug.dW3-scaled": () => "1% 어긋난 dW3",
  "gradient.against-reference": () => "참조 답안 비용의 수치 기울기",
  "own.flagged": (p) =>
    `여러분의 함수만으로 돌리니 gradientCheckN이 backwardPropagationN에 실수가 있다고 합니다(차이 ${p.difference}, 임계값 ${p.threshold}): 찾아낸 버그를 고치세요(강의는 버그 둘을 심어 두었습니다). 역전파가 자기 테스트를 통과한다면 검사 함수를 보세요`,
  "own.no-verdict": () =>
    "여러분의 함수만으로 돌리니 gradientCheckN이 여러분의 역전파에 대해 아무 판정도 출력하지 않았습니다",
  "own.planted": (p, say) => `강의가 심어 둔 버그에 대해 여러분의 검사 함수는: ${say(p.why)}`,
};

/** 테스트 이름, 테스트 id별로. */
const koreanTests: Record<string, string> = {
  "forwardPropagation.course": "강의의 예: x = 2, θ = 4",
  "forwardPropagation.random": "부호가 섞인 다른 수",
  "forwardPropagation.other": "또 다른 수",
  "backwardPropagation.course": "강의의 예: x = 2, θ = 4",
  "backwardPropagation.random": "부호가 섞인 다른 수",
  "backwardPropagation.other": "또 다른 수",
  "gradientCheck.course": "강의의 예: x = 3, θ = 4, ε = 1e-7",
  "gradientCheck.epsilon":
    "주어진 ε를 쓰는지: x = −2.5, θ = 1.5, ε = 0.1 (J가 선형이라 어떤 간격이든 정확함)",
  "gradientCheck.other": "다른 수, ε = 1e-7",
  "gradientCheck.verdict":
    "검사 함수의 실제 판정: 올바른 도함수에 대해 잘 동작한다고 출력하는지 (x = 3, θ = 4, printMsg)",
  "dictionaryToVector.course":
    "강의의 네트워크: W1 (5,4), b1, W2 (3,5), b2, W3 (1,3), b3를 (47,1) 열 벡터 하나로",
  "dictionaryToVector.gradients":
    '접두사 "d"로 기울기를: 2층 네트워크의 dW1, db1, dW2, db2 (dZ1, dA1 같은 다른 항목은 빼고)',
  "dictionaryToVector.deeper": "층 넷, 다른 크기",
  "vectorToDictionary.course": "강의의 모양: (47,1) 열 벡터를 W1 … b3로 되돌리기",
  "vectorToDictionary.deeper": "층 넷, 다른 크기",
  "vectorToDictionary.other": "층 둘",
  "forwardPropagationN.course":
    "강의의 테스트 케이스: X (4,3), W1 (5,4), W2 (3,5), W3 (1,3): 비용과 캐시",
  "forwardPropagationN.random": "다른 크기: X (3,7), 층 3, 6, 4, 1",
  "forwardPropagationN.single": "예제 하나: X (5,1)",
  "backwardPropagationN.course": "강의의 테스트 케이스: 참조 답안의 캐시로 구한 모든 기울기",
  "backwardPropagationN.random": "다른 크기: X (3,7), 층 3, 6, 4, 1",
  "backwardPropagationN.other": "또 다른 크기: X (2,9), 층 2, 5, 3, 1",
  "backwardPropagationN.gradient":
    "dW1 … db3를 참조 답안 비용의 수치 기울기와 비교 (ReLU의 꺾이는 점은 확인하지 않음)",
  "gradientCheckN.course": "강의의 테스트 케이스와 심어 둔 버그: 차이 0.285",
  "gradientCheckN.random": "버그가 있는 다른 네트워크: 부호가 반대인 db2 (X (3,5), 층 3, 4, 2, 1)",
  "gradientCheckN.epsilon": "주어진 ε를 쓰는지: ε = 0.05, 1% 어긋난 dW3",
  "gradientCheckN.other": "버그가 있는 다른 크기",
  "gradientCheckN.catches-planted": "검사 함수의 실제 판정: 강의가 심어 둔 버그를 실수라고 하는지",
  "gradientCheckN.passes-right":
    "검사 함수의 실제 판정: 참조 답안의 기울기가 잘 동작한다고 하는지 (X (3,7), 층 3, 6, 4, 1)",
  "gradientCheckN.catches-small": "검사 함수의 실제 판정: 1% 어긋난 dW3 하나를 잡아내는지",
  "gradientCheckN.course-fixed":
    "검사 함수의 실제 판정: 버그를 고친 강의의 테스트 케이스, 공식 자체의 반올림 오차 안에서 올바른지",
  "gradientCheckN.hidden": "검사 함수의 실제 판정, 다른 네트워크에서",
  "end-to-end.checks":
    "모두 여러분의 함수로 돌린 검사 함수: 고친 역전파는 통과시키고, 강의가 심어 둔 버그는 잡아내는지",
};

export const words: AssignmentWords = {
  ko: {
    title: "기울기 검사",
    tests: { ...propertyTestNames(korean), ...koreanTests },
    phrases: korean,
  },
};
