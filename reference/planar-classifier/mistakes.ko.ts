/**
 * The mistakes of mistakes.ts in Korean, by their English name: what `--lang ko` shows for a named
 * mistake. Every mistake of the library has an entry (test/words.test.ts checks it).
 */
export const mistakesKo: Readonly<Record<string, { name: string; sentence: string }>> = {
  // sigmoid
  "σ(−z) for σ(z)": {
    name: "σ(z) 대신 σ(−z)",
    sentence:
      "이것은 1 − σ(z) = σ(−z)입니다: 지수의 부호가 뒤집혔습니다. σ(z) = 1 / (1 + e^(−z))입니다",
  },
  "sigmoid with 1 − e^(−z)": {
    name: "시그모이드에 1 − e^(−z) 사용",
    sentence: "분모는 1 − e^(−z)가 아니라 1 + e^(−z)입니다",
  },
  "tanh for sigmoid": {
    name: "시그모이드 대신 tanh",
    sentence: "이것은 tanh(z)입니다. 시그모이드는 1 / (1 + e^(−z))입니다",
  },
  "sigmoid without the reciprocal": {
    name: "시그모이드에 역수 누락",
    sentence: "이것은 1 + e^(−z)입니다: 시그모이드는 그 역수인 1 / (1 + e^(−z))입니다",
  },

  // layerSizes
  "nX from the columns of X": {
    name: "nX를 X의 열 수로 구함",
    sentence: "nX는 X의 행 수인 X.shape[0]입니다. X.shape[1]은 데이터 개수 m입니다",
  },
  "nY from the columns of Y": {
    name: "nY를 Y의 열 수로 구함",
    sentence: "nY는 Y의 행 수인 Y.shape[0]입니다. Y.shape[1]은 데이터 개수 m입니다",
  },
  "sizes fixed at the planar ones": {
    name: "크기를 planar 데이터 값으로 고정",
    sentence:
      "nX와 nY는 X와 Y의 형태(X.shape[0], Y.shape[0])에서 읽어야 합니다: planar 데이터의 2와 1은 한 가지 경우일 뿐입니다",
  },
  "nH taken from X": {
    name: "nH를 X에서 가져옴",
    sentence:
      "nH는 X의 크기가 아니라 은닉층의 크기이며, 여기서는 4입니다(X.shape[1]은 데이터 개수 m입니다)",
  },
  "nX and nY swapped": {
    name: "nX와 nY가 뒤바뀜",
    sentence: "nX는 X의 행 수, nY는 Y의 행 수입니다: 둘이 서로 뒤바뀌었습니다",
  },

  // initializeParameters
  "weights all zero": {
    name: "가중치가 모두 0",
    sentence:
      "가중치가 모두 0입니다: 은닉층의 유닛들이 서로 달라지도록 rng.randn으로 뽑아야 합니다",
  },
  "W2 drawn before W1": {
    name: "W1보다 W2를 먼저 뽑음",
    sentence: "W1보다 W2를 먼저 뽑았습니다: 같은 생성기에서 W1을 먼저, 그다음에 W2를 뽑아야 합니다",
  },
  "rand for randn": {
    name: "randn 대신 rand",
    sentence: "rng.rand([0, 1) 구간의 균등분포)가 아니라 rng.randn(정규분포)을 사용해야 합니다",
  },
  "weights not scaled": {
    name: "가중치에 scale 미적용",
    sentence: "뽑은 가중치에 `scale`을 곱해야 합니다",
  },
  "scale fixed at 0.01": {
    name: "scale을 0.01로 고정",
    sentence: "고정된 0.01이 아니라 인자 `scale`을 곱해야 합니다(기본값은 0.001입니다)",
  },
  "scale fixed at 0.001": {
    name: "scale을 0.001로 고정",
    sentence: "고정된 0.001이 아니라 인자 `scale`을 곱해야 합니다(0.001은 기본값일 뿐입니다)",
  },
  "biases drawn at random": {
    name: "편향을 무작위로 뽑음",
    sentence:
      "편향은 0에서 시작합니다(np.zeros): 편향까지 뽑으면 W2에 뽑히는 값도 밀려서 달라집니다",
  },
  "W1 with a transposed shape": {
    name: "W1의 형태가 전치됨",
    sentence: "W1은 (nH, nX)입니다: rng.randn(nH, nX)처럼 행을 먼저 씁니다",
  },
  "W2 with a transposed shape": {
    name: "W2의 형태가 전치됨",
    sentence: "W2는 (nY, nH)입니다: rng.randn(nY, nH)처럼 행을 먼저 씁니다",
  },
  "generator seeded inside the function": {
    name: "함수 안에서 생성기에 시드 설정",
    sentence:
      "주어진 생성기 `rng`에서 뽑아야 합니다: 함수 안에서 새 생성기에 시드를 설정하면(np.random.seed(…)) `rng`가 무시됩니다",
  },

  // forwardPropagation
  "sigmoid in the hidden layer": {
    name: "은닉층에 시그모이드",
    sentence: "은닉층에는 시그모이드가 아니라 tanh를 사용합니다",
  },
  "ReLU in the hidden layer": {
    name: "은닉층에 ReLU 사용",
    sentence:
      "이 신경망의 은닉층은 tanh를 씁니다: A1 = np.tanh(Z1)이고, 심층 신경망의 ReLU np.maximum(Z1, 0)이 아닙니다",
  },
  "no activation in the hidden layer": {
    name: "은닉층의 활성화 함수 누락",
    sentence: "A1 = tanh(Z1)입니다: 은닉층의 활성화 함수가 빠졌습니다",
  },
  "tanh at the output": {
    name: "출력층에 tanh",
    sentence: "출력층에는 시그모이드를 사용합니다: tanh(Z2)가 아니라 A2 = σ(Z2)입니다",
  },
  "no sigmoid at the output": {
    name: "출력층의 시그모이드 누락",
    sentence: "A2 = σ(Z2)입니다: 출력층의 시그모이드가 빠졌습니다",
  },
  "b1 left out": {
    name: "b1 누락",
    sentence: "Z1 = W1·X + b1입니다: 편향 b1이 빠졌습니다",
  },
  "b2 left out": {
    name: "b2 누락",
    sentence: "Z2 = W2·A1 + b2입니다: 편향 b2가 빠졌습니다",
  },
  "Z1 into the second layer": {
    name: "두 번째 레이어에 Z1 입력",
    sentence: "두 번째 레이어는 활성화 값을 받습니다: W2·Z1이 아니라 Z2 = W2·A1 + b2입니다",
  },

  // computeCost
  "(1 − y)·log(1 − a) term missing": {
    name: "(1 − y)·log(1 − a) 항 누락",
    sentence: "(1 − y)·log(1 − a) 항이 빠졌습니다",
  },
  "y·log(a) term missing": {
    name: "y·log(a) 항 누락",
    sentence: "y·log(a) 항이 빠졌습니다",
  },
  "log(1 − a) in both terms": {
    name: "두 항 모두 log(1 − a)",
    sentence: "첫 번째 항은 y·log(a)입니다: 1 − A2가 아니라 A2의 로그입니다",
  },
  "(y − 1) for (1 − y)": {
    name: "(1 − y) 대신 (y − 1)",
    sentence:
      "np.subtract(a, b)는 a − b입니다: 두 번째 항의 1 − y는 np.subtract(1, Y)이고, np.subtract(Y, 1)은 y − 1이라서 그 항의 부호가 뒤집힙니다",
  },
  "log(a) in both terms": {
    name: "두 항 모두 log(a)",
    sentence: "두 번째 항은 (1 − y)·log(1 − a)입니다: A2가 아니라 1 − A2의 로그입니다",
  },
  "cost sign flipped": {
    name: "비용의 부호가 반대",
    sentence: "부호가 뒤집혔습니다: J = −(1/m) Σ (…)입니다",
  },
  "cost without 1/m": {
    name: "비용에 1/m 누락",
    sentence: "합을 데이터 개수 m(Y.shape[1])으로 나눠야 합니다",
  },
  "cost as a mean over every entry": {
    name: "비용을 모든 원소의 평균으로 계산",
    sentence:
      "J는 nY·m이 아니라 m(데이터 개수)으로 나눕니다: A2 전체에 np.mean을 쓰면 출력 개수로도 나누게 됩니다. 모든 원소를 더한 뒤 m = Y.shape[1]로 나눠야 합니다",
  },
  "cost divided by the outputs": {
    name: "비용을 출력 개수로 나눔",
    sentence: "m은 데이터 개수인 Y.shape[1]입니다. Y.shape[0]은 출력 개수입니다",
  },
  "cost from matrix products": {
    name: "행렬 곱으로 비용 계산",
    sentence:
      "np.dot(Y, log(A2)ᵀ)는 출력의 각 행을 다른 모든 행과 짝지으므로 nY = 1일 때만 맞습니다: 원소별로 곱하고(np.multiply) 모든 원소를 더해야 합니다",
  },

  // backwardPropagation
  "1 − A1 for tanh's derivative": {
    name: "tanh의 미분으로 1 − A1 사용",
    sentence: "tanh의 미분은 1 − A1이 아니라 1 − A1²입니다",
  },
  "tanh's derivative missing": {
    name: "tanh의 미분 누락",
    sentence: "은닉층의 미분이 빠졌습니다: dZ1 = W2ᵀ·dZ2 ∗ (1 − A1²)입니다",
  },
  "sigmoid's derivative in the hidden layer": {
    name: "은닉층에 시그모이드의 미분",
    sentence:
      "이것은 시그모이드의 미분 A1·(1 − A1)입니다. 은닉층은 tanh이므로 1 − A1²이어야 합니다",
  },
  "1 − Z1² for tanh's derivative": {
    name: "tanh의 미분으로 1 − Z1² 사용",
    sentence: "tanh의 미분은 1 − Z1²이 아니라 1 − tanh(Z1)² = 1 − A1²입니다",
  },
  "(1 − A1)² for tanh's derivative": {
    name: "tanh의 미분으로 (1 − A1)² 사용",
    sentence:
      "tanh의 미분은 1에서 A1의 제곱을 뺀 1 − A1²입니다. 1 − A1을 제곱한 (1 − A1)²이 아닙니다",
  },
  "1 − A2² for tanh's derivative": {
    name: "tanh의 미분으로 1 − A2² 사용",
    sentence: "tanh의 미분은 은닉층에서 구합니다: 1 − A2²이 아니라 1 − A1²입니다",
  },
  "dZ2 = Y − A2": {
    name: "dZ2를 Y − A2로 계산",
    sentence: "dZ2 = A2 − Y입니다: 부호가 뒤집혔고, 그 때문에 모든 기울기의 부호도 뒤집혔습니다",
  },
  "no 1/m in any gradient": {
    name: "모든 기울기에 1/m 누락",
    sentence: "모든 기울기는 m개 데이터에 대한 평균입니다: 각각을 m = X.shape[1]로 나눠야 합니다",
  },
  "dW1 without 1/m": {
    name: "dW1에 1/m 누락",
    sentence: "dW1 = (1/m)·dZ1·Xᵀ입니다: m으로 나눠야 합니다",
  },
  "db1 without 1/m": {
    name: "db1에 1/m 누락",
    sentence: "db1 = (1/m)·Σ dZ1입니다(Σ는 데이터에 대한 합): m으로 나눠야 합니다",
  },
  "dW2 without 1/m": {
    name: "dW2에 1/m 누락",
    sentence: "dW2 = (1/m)·dZ2·A1ᵀ입니다: m으로 나눠야 합니다",
  },
  "db2 without 1/m": {
    name: "db2에 1/m 누락",
    sentence: "db2 = (1/m)·Σ dZ2입니다(Σ는 데이터에 대한 합): m으로 나눠야 합니다",
  },
  "db1 without keepdims": {
    name: "db1에 keepdims 누락",
    sentence: "db1은 (nH, 1) 열 벡터로 남아야 합니다: np.sum(dZ1, 1, true)로 차원을 유지합니다",
  },
  "db2 without keepdims": {
    name: "db2에 keepdims 누락",
    sentence: "db2는 (nY, 1) 열 벡터로 남아야 합니다: np.sum(dZ2, 1, true)로 차원을 유지합니다",
  },
  "db1 summed over axis 0": {
    name: "db1을 axis 0으로 합산",
    sentence: "db1은 dZ1의 각 행을 데이터에 대해 더합니다: axis 0이 아니라 axis 1입니다",
  },
  "db2 summed over axis 0": {
    name: "db2를 axis 0으로 합산",
    sentence: "db2는 dZ2의 각 행을 데이터에 대해 더합니다: axis 0이 아니라 axis 1입니다",
  },
  "db1 summed over every entry": {
    name: "db1을 모든 원소에 대해 합산",
    sentence:
      "db1은 dZ1의 각 행을 더합니다(axis 1, keepdims): axis 없이 np.sum(dZ1)을 쓰면 모든 원소가 하나의 수로 더해집니다",
  },
  "db2 summed over every entry": {
    name: "db2를 모든 원소에 대해 합산",
    sentence:
      "db2는 dZ2의 각 행을 더합니다(axis 1, keepdims): axis 없이 np.sum(dZ2)를 쓰면 모든 원소가 하나의 수로 더해집니다",
  },
  "Z1 for A1 in dW2": {
    name: "dW2에 A1 대신 Z1",
    sentence: "dW2 = (1/m)·dZ2·A1ᵀ에는 Z1이 아니라 활성화 값 A1을 씁니다",
  },

  // updateParameters
  "step added": {
    name: "업데이트 값을 더함",
    sentence: "이렇게 하면 기울기를 따라 올라갑니다: learningRate·dθ를 더하지 말고 빼야 합니다",
  },
  "learning rate fixed at 1.2": {
    name: "학습률을 1.2로 고정",
    sentence: "고정된 1.2가 아니라 인자 learningRate를 사용해야 합니다",
  },
  "learning rate not applied": {
    name: "학습률 미적용",
    sentence: "θ ← θ − learningRate·dθ입니다: 기울기에 학습률을 곱해야 합니다",
  },
  "divided by the learning rate": {
    name: "학습률로 나눔",
    sentence: "기울기를 학습률로 나누지 말고 학습률을 곱해야 합니다",
  },
  "biases not updated": {
    name: "편향을 업데이트하지 않음",
    sentence: "b1과 b2도 함께 업데이트해야 합니다: b ← b − learningRate·db",
  },

  // nnModel
  "nH ignored": {
    name: "nH 무시",
    sentence: "layerSizes의 4가 아니라 nnModel에 주어진 nH를 사용해야 합니다",
  },
  "learning rate ignored": {
    name: "학습률 무시",
    sentence: "learningRate 옵션을 updateParameters에 넘겨야 합니다",
  },
  "seed ignored": {
    name: "시드 무시",
    sentence: "`seed` 옵션으로 생성기의 시드를 설정해야 합니다: np.random.seed(seed)",
  },
  "one iteration too many": {
    name: "반복 한 번 초과",
    sentence: "정확히 numIterations번 반복해야 합니다: for (let i = 0; i < numIterations; i++)",
  },
  "one iteration too few": {
    name: "반복 한 번 부족",
    sentence: "정확히 numIterations번 반복해야 합니다: for (let i = 0; i < numIterations; i++)",
  },
  "update discarded": {
    name: "업데이트 결과를 버림",
    sentence:
      "updateParameters가 반환한 값을 받아 두어야 합니다: parameters = updateParameters(parameters, grads, learningRate)",
  },
  "costs recorded after the update": {
    name: "업데이트 후에 비용을 기록함",
    sentence: "costs[i]는 반복 i에서 업데이트하기 전 파라미터의 비용입니다",
  },

  // predict
  "comparison reversed": {
    name: "비교 방향이 반대",
    sentence: "비교 방향이 반대입니다: A2 > 0.5인 곳이 1입니다",
  },
  "threshold on Z2": {
    name: "Z2에 임계값 적용",
    sentence: "Z2가 아니라 A2(확률)에 임계값을 적용해야 합니다",
  },
  "probabilities returned": {
    name: "확률을 그대로 반환",
    sentence: "0 또는 1을 반환해야 합니다: A2 자체를 반환하지 말고 A2를 0.5와 비교해야 합니다",
  },
  "threshold at 0": {
    name: "임계값을 0으로 설정",
    sentence: "A2는 확률입니다: 임계값은 0이 아니라 0.5입니다",
  },
};
