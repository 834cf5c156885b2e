/**
 * The mistakes of mistakes.ts in Korean, by their English name: what `--lang ko` shows for a named
 * mistake. Every mistake of the library has an entry (test/words.test.ts checks it).
 */
export const mistakesKo: Readonly<Record<string, { name: string; sentence: string }>> = {
  // forwardPropagation
  "θ + x": { name: "곱 대신 합 θ + x", sentence: "J(θ) = θ·x로, θ와 x의 합이 아니라 곱입니다" },

  // backwardPropagation
  "dθ = θ": {
    name: "dθ로 θ를 반환",
    sentence: "J = θ·x이므로 dJ/dθ = x입니다: θ에 대해 미분하면 x가 남습니다",
  },
  "dθ = J": {
    name: "dθ로 J를 반환",
    sentence: "J = θ·x 자체가 아니라 도함수 dJ/dθ = x를 반환하세요",
  },

  // gradientCheck, gradientCheckN
  "one-sided difference": {
    name: "한쪽 차분",
    sentence:
      "gradApprox = (J(θ + ε) − J(θ − ε)) / (2ε), 중심 차분입니다: (J(θ + ε) − J(θ)) / ε는 O(ε²)가 아니라 O(ε)만큼 어긋납니다",
  },
  "ε in place of 2ε": {
    name: "2ε 대신 ε",
    sentence:
      "θ + ε와 θ − ε는 2ε 떨어져 있습니다: J⁺ − J⁻를 ε가 아니라 2ε로 나누세요(gradApprox가 두 배로 나옵니다)",
  },
  "÷ 2 · ε": {
    name: "2로 나눈 뒤 ε를 곱함",
    sentence:
      "괄호까지 (jPlus − jMinus) / (2 * epsilon)으로 쓰세요: (jPlus − jMinus) / 2 * epsilon은 2로 나눈 뒤 ε를 곱합니다",
  },
  "difference not divided": {
    name: "차이를 나누지 않음",
    sentence: "차이는 상대적입니다: ‖grad − gradApprox‖를 ‖grad‖ + ‖gradApprox‖로 나누세요",
  },
  "divided by ‖grad‖ alone": {
    name: "‖grad‖로만 나눔",
    sentence: "분모는 두 노름의 합 ‖grad‖ + ‖gradApprox‖입니다. 그래야 차이가 [0, 1] 안에 있습니다",
  },
  "θ − ε written θ + ε": {
    name: "θ − ε를 θ + ε로 씀",
    sentence: "J⁻는 θ − ε에서의 J입니다: θ + ε를 두 번 쓰면 J⁺ − J⁻가 0이 되어 차이는 늘 1입니다",
  },
  "ε fixed at 1e-7": {
    name: "ε를 1e-7로 고정",
    sentence: "숫자 1e-7을 써넣지 말고 함수가 받은 epsilon(인자)을 쓰세요",
  },
  "‖grad + gradApprox‖ below": {
    name: "분모에 ‖grad + gradApprox‖",
    sentence: "분모는 합의 노름이 아니라 두 노름의 합 ‖grad‖ + ‖gradApprox‖입니다",
  },
  "θ⁺ not copied": {
    name: "θ⁺를 복사하지 않음",
    sentence:
      "θ⁺와 θ⁻는 복사본 theta.copy()로 만드세요: theta 자체의 i번째 원소를 옮기면 그 뒤의 모든 원소에서도 옮겨진 채로 남습니다",
  },
  "θ⁺ given as the parameters": {
    name: "θ⁺를 그대로 매개변수로 넘김",
    sentence:
      "forwardPropagationN은 매개변수를 W1 … b3 이름으로 받습니다: 옮긴 열을 먼저 매개변수로 되돌리세요, forwardPropagationN(X, Y, vectorToDictionary(thetaPlus, parameters))",
  },
  'gradients flattened without the prefix "d"': {
    name: '접두사 "d" 없이 기울기를 펼침',
    sentence:
      '기울기의 이름은 dW1, db1, …입니다: dictionaryToVector(gradients, "d"). 접두사가 없으면 W1을 찾다가 하나도 찾지 못해 열에 넣을 것이 없습니다',
  },

  // dictionaryToVector
  "column by column": {
    name: "열 순서로 펼침",
    sentence:
      "vectorToDictionary가 다시 읽는 순서대로 각 배열을 행 순서로 쌓으세요, np.reshape(W, [-1, 1]): W.T는 열 순서로 펼칩니다",
  },
  "weights first, then biases": {
    name: "가중치를 모두 먼저, 편향은 나중에",
    sentence: "순서는 층별로 W1, b1, W2, b2, …입니다. W를 모두 쌓고 b를 쌓는 것이 아닙니다",
  },
  "a row, not a column": {
    name: "열이 아니라 행",
    sentence: "벡터는 열 벡터 (n, 1)입니다: 각 배열을 [-1, 1]로 reshape하세요",
  },
  "last layer left out": {
    name: "마지막 층 누락",
    sentence: "그 번호의 W가 있는 한 모든 층을 쌓으세요: 마지막 층의 W와 b가 빠졌습니다",
  },

  // vectorToDictionary
  "filled column by column": {
    name: "열 순서로 채움",
    sentence:
      "dictionaryToVector가 쌓는 순서대로 각 배열을 행 순서로 채우세요, theta.slice(at, at + rows·cols).reshape(rows, cols)",
  },
  "b read before W": {
    name: "W보다 b를 먼저 읽음",
    sentence: "열 벡터를 층별로 W1, b1, W2, b2, … 순서로 읽으세요: 각 층의 W가 b보다 먼저입니다",
  },
  "every array from the start": {
    name: "모든 배열을 처음부터 읽음",
    sentence:
      "열 벡터를 따라 나아가세요: 각 배열은 0번째 원소가 아니라 앞 배열이 끝난 곳에서 시작합니다",
  },

  // forwardPropagationN
  "cost without 1/m": {
    name: "비용에 1/m 누락",
    sentence: "비용은 m개 예제의 평균입니다: 합에 1/m을 곱하세요",
  },
  "cost of the wrong sign": {
    name: "비용의 부호가 반대",
    sentence:
      "비용은 맞는 레이블의 확률에 −log를 취한 것, (1/m) Σ (−log(A3)·Y − log(1 − A3)·(1 − Y))로 양수입니다",
  },
  "log(1 − A3) in both terms": {
    name: "두 항 모두 log(1 − A3)",
    sentence: "레이블 1의 항은 −log(A3)·Y입니다: 1 − A3가 아니라 A3의 로그입니다",
  },
  "(Y − 1) for (1 − Y)": {
    name: "(1 − Y) 대신 (Y − 1)",
    sentence:
      "np.subtract(a, b)는 a − b입니다: 레이블 0의 항에는 1 − Y, 즉 np.subtract(1, Y)가 들어갑니다. np.subtract(Y, 1)은 Y − 1이라서 그 항의 부호가 뒤집힙니다",
  },
  "y = 0 term left out": {
    name: "y = 0 항 누락",
    sentence:
      "비용에는 레이블마다 항이 있습니다: 레이블이 0인 예제의 −log(1 − A3)·(1 − Y)도 더하세요",
  },
  "sigmoid in the hidden layers": {
    name: "은닉층에 시그모이드",
    sentence: "1층과 2층은 ReLU, relu(Z)를 씁니다. 시그모이드는 3층에서만 씁니다",
  },
  "Z without b": { name: "Z에 b 누락", sentence: "각 층의 Z = W·A + b입니다: 편향이 빠졌습니다" },

  // backwardPropagationN
  "dW2 × 2 (a planted bug)": {
    name: "dW2 × 2 (심어 둔 버그)",
    sentence:
      "dW1, dW3처럼 dW2 = (1/m) dZ2·A1ᵀ입니다: 받은 역전파는 이를 두 배로 합니다. 여러분의 gradientCheckN이 찾아냅니다",
  },
  "db1 × 4/m (a planted bug)": {
    name: "db1 × 4/m (심어 둔 버그)",
    sentence: "db2, db3처럼 db1 = (1/m) Σ(dZ1의 열에 걸쳐)입니다: 받은 역전파는 4/m을 곱합니다",
  },
  "dZ3 = Y − A3": {
    name: "부호가 반대인 dZ3 = Y − A3",
    sentence: "dZ3 = A3 − Y입니다: Z3에 대한 비용의 도함수, 부호까지 그대로",
  },
  "ReLU derivative left out": {
    name: "ReLU 도함수 누락",
    sentence: "ReLU를 지날 때 dZ = dA ∗ (A > 0)입니다: 기울기는 켜진 유닛으로만 흐릅니다",
  },
  "db summed over every entry": {
    name: "db를 모든 원소에 걸쳐 합함",
    sentence:
      "db는 dZ의 행을 따라 합해 유닛마다 숫자 하나입니다: np.sum(dZ)가 아니라 np.sum(dZ, 1, true)",
  },
  "dW without 1/m": {
    name: "dW에 1/m 누락",
    sentence: "각 dW = (1/m) dZ·A_prevᵀ입니다: 1/m이 빠졌습니다",
  },
};
