/**
 * The mistakes of mistakes.ts in Korean, by their English name: what `--lang ko` shows for a named
 * mistake. Every mistake of the library has an entry (a test checks it).
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
  "sigmoid without the reciprocal": {
    name: "시그모이드에 역수 누락",
    sentence: "이것은 1 + e^(−z)입니다: 시그모이드는 그 역수인 1 / (1 + e^(−z))입니다",
  },
  "tanh for sigmoid": {
    name: "시그모이드 대신 tanh",
    sentence: "이것은 tanh(z)입니다. 시그모이드는 1 / (1 + e^(−z))입니다",
  },

  // initializeWithZeros
  "w as a row": {
    name: "w를 행으로 만듦",
    sentence:
      "w는 특성마다 가중치가 하나인 열입니다: np.zeros([1, dim])이 아니라 np.zeros([dim, 1])입니다",
  },
  "b as an array": {
    name: "b를 배열로 만듦",
    sentence: "b는 (1,1) 배열이 아니라 숫자 0입니다: 숫자여야 뒤의 모든 모양이 수식대로 유지됩니다",
  },

  // propagate
  "A without b": {
    name: "A에 b 누락",
    sentence: "A = σ(wᵀ·X + b)입니다: 편향 b가 빠졌습니다",
  },
  "m from the rows of X": {
    name: "m을 X의 행 수로 구함",
    sentence: "m은 예제 개수인 X.shape[1](열 수)입니다. X.shape[0]은 특성 개수입니다",
  },
  "cost sign flipped": {
    name: "비용의 부호가 뒤집힘",
    sentence: "부호가 뒤집혔습니다: cost = −(1/m) Σ (…)입니다",
  },
  "cost without 1/m": {
    name: "비용에 1/m 누락",
    sentence: "비용의 합을 예제 개수 m으로 나누세요",
  },
  "log(1 − A) in both terms": {
    name: "두 항 모두 log(1 − A)",
    sentence: "첫 번째 항은 Y·log(A)입니다: 1 − A가 아니라 A의 로그입니다",
  },
  "(Y − 1) for (1 − Y)": {
    name: "(1 − Y) 대신 (Y − 1)",
    sentence:
      "np.subtract(a, b)는 a − b입니다: 두 번째 항의 1 − Y는 np.subtract(1, Y)이고, np.subtract(Y, 1)은 Y − 1이라서 그 항의 부호가 뒤집힙니다",
  },
  "log(A) in both terms": {
    name: "두 항 모두 log(A)",
    sentence: "두 번째 항은 (1 − Y)·log(1 − A)입니다: A가 아니라 1 − A의 로그입니다",
  },
  "(1 − Y)·log(1 − A) term missing": {
    name: "(1 − Y)·log(1 − A) 항 누락",
    sentence: "(1 − Y)·log(1 − A) 항이 빠졌습니다",
  },
  "cost with log10": {
    name: "비용에 log10 사용",
    sentence: "비용에는 np.log10이 아니라 자연로그 np.log를 씁니다",
  },
  "cost left an array": {
    name: "비용을 배열로 남김",
    sentence:
      "비용은 숫자입니다: numpy의 np.squeeze가 남기는 것처럼, 축 없이 np.sum으로 모든 원소를 더하세요",
  },
  "dw without 1/m": {
    name: "dw에 1/m 누락",
    sentence: "dw = (1/m)·X·(A − Y)ᵀ입니다: m으로 나누세요",
  },
  "db without 1/m": {
    name: "db에 1/m 누락",
    sentence: "db = (1/m)·Σ (A − Y)입니다: m으로 나누세요",
  },
  "dw with Y − A": {
    name: "dw에 Y − A 사용",
    sentence:
      "dw는 (1/m)·X·(A − Y)ᵀ입니다: Y − A가 아니라 A − Y입니다. 그렇지 않으면 경사 하강이 비용을 올라갑니다",
  },
  "db with Y − A": {
    name: "db에 Y − A 사용",
    sentence:
      "db는 (1/m)·Σ (A − Y)입니다: Y − A가 아니라 A − Y입니다. 그렇지 않으면 경사 하강이 비용을 올라갑니다",
  },
  "db left an array": {
    name: "db를 배열로 남김",
    sentence:
      "db는 숫자입니다: (1,1) 배열이 아니라, 축 없이 np.sum(A − Y)를 구해 m으로 나눈 값입니다",
  },
  "dw from A alone": {
    name: "dw를 A만으로 계산",
    sentence: "dw = (1/m)·X·(A − Y)ᵀ입니다: 레이블 Y가 빠졌습니다. A − Y입니다",
  },

  // optimize
  "update with + for −": {
    name: "갱신에 − 대신 +",
    sentence:
      "경사 하강은 기울기의 반대 방향으로 갑니다: w = w − learningRate·dw이고(b도 마찬가지), +가 아닙니다",
  },
  "update without the learning rate": {
    name: "갱신에 학습률 누락",
    sentence: "한 걸음은 learningRate·dw입니다: 기울기에 학습률을 곱하세요",
  },
  "b not updated": {
    name: "b를 갱신하지 않음",
    sentence: "b도 학습합니다: 반복마다 b = b − learningRate·db입니다",
  },
  "costs recorded every iteration": {
    name: "비용을 반복마다 기록",
    sentence: "강의처럼 100번째 반복마다만(i % 100 === 0) 비용을 기록하세요",
  },
  "costs recorded after the update": {
    name: "비용을 갱신 뒤에 기록",
    sentence: "costs[i/100]은 반복 i의 비용, 곧 그 반복의 갱신 전에 propagate가 돌려준 비용입니다",
  },

  // predict
  "threshold on wᵀx + b": {
    name: "wᵀx + b에 임곗값 적용",
    sentence: "wᵀ·X + b 자체가 아니라 확률 A = σ(wᵀ·X + b)를 0.5와 비교하세요",
  },
  "threshold at 0": {
    name: "임계값을 0으로 설정",
    sentence: "A는 확률입니다: 임계값은 0이 아니라 0.5입니다",
  },
  "predict without b": {
    name: "예측에 b 누락",
    sentence: "A = σ(wᵀ·X + b)입니다: 편향 b가 빠졌습니다",
  },
  "probabilities returned": {
    name: "확률을 그대로 반환",
    sentence: "이것은 확률 A입니다. 예측은 A > 0.5인 곳에서 1, 아니면 0입니다",
  },

  // model
  "optimize called with its defaults": {
    name: "optimize를 기본값으로 호출",
    sentence:
      "numIterations와 learningRate를 optimize에 넘기세요: optimize의 기본값(100과 0.009)은 model이 받은 값이 아닙니다",
  },
  "w sized by the examples": {
    name: "w의 크기를 예제 수로 잡음",
    sentence:
      "w는 특성마다 가중치가 하나입니다: XTrain의 열(그림마다 하나)인 XTrain.shape[1]이 아니라 행인 initializeWithZeros(XTrain.shape[0])입니다",
  },
  "test predictions made on the training set": {
    name: "테스트 예측을 훈련 세트로 만듦",
    sentence: "yPredictionTest는 predict(w, b, XTest)입니다: 훈련 그림이 아니라 테스트 그림입니다",
  },
  "predictions with the initial parameters": {
    name: "초기 파라미터로 예측",
    sentence: "처음의 0이 아니라 optimize가 학습한 w와 b(params.w, params.b)로 예측하세요",
  },
};
