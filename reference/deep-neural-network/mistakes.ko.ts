/**
 * The mistakes of mistakes.ts in Korean, by their English name: what `--lang ko` shows for a named
 * mistake. Every mistake of the library has an entry (test/words.test.ts checks it).
 */
export const mistakesKo: Readonly<Record<string, { name: string; sentence: string }>> = {
  // initializeParametersDeep
  "weights scaled by 0.01": {
    name: "가중치에 0.01을 곱함",
    sentence:
      "강의의 심층 신경망 응용처럼 각 Wl을 0.01을 곱하는 대신 √n_{l−1}(앞 층의 크기)로 나누세요",
  },
  "√ of the layer's own size": {
    name: "자기 층 크기의 제곱근으로 나눔",
    sentence: "Wl은 층 l 자신이 아니라 앞 층의 크기(layerDims[l − 1])의 제곱근 √n_{l−1}로 나눕니다",
  },
  "W drawn as (n_{l−1}, n_l)": {
    name: "W를 (n_{l−1}, n_l)로 뽑음",
    sentence:
      "Wl은 (n_l, n_{l−1})입니다: 행을 먼저, rng.randn(layerDims[l], layerDims[l − 1])로 뽑으세요",
  },
  "last layer left out": {
    name: "마지막 층 누락",
    sentence:
      "반복문은 l = 1 … L까지 돕니다(L = layerDims.length − 1): 마지막 층의 W와 b가 빠졌습니다",
  },
  "random biases": {
    name: "편향을 무작위로 뽑음",
    sentence: "편향은 0에서 시작합니다: bl = np.zeros([layerDims[l], 1])이고, 뽑지 않습니다",
  },

  // linearForward
  "Z without b": { name: "Z에 b 누락", sentence: "Z = W·A + b입니다: 편향 b가 빠졌습니다" },

  // linearActivationForward
  "activations swapped": {
    name: "활성화 함수가 뒤바뀜",
    sentence:
      'ReLU와 시그모이드가 뒤바뀌었습니다: "relu"는 max(0, Z), "sigmoid"는 1 / (1 + e^(−Z))입니다',
  },
  "A kept as the activation cache": {
    name: "활성화 캐시에 A를 저장함",
    sentence:
      "활성화 캐시는 A가 아니라 활성화 함수의 입력인 Z입니다(역방향 단계에 g′(Z)가 필요합니다)",
  },

  // lModelForward
  "sigmoid in every layer": {
    name: "모든 층에 시그모이드",
    sentence: "은닉층 1 … L − 1은 ReLU를 씁니다. 시그모이드는 마지막 층에서만 씁니다",
  },
  "ReLU in the last layer": {
    name: "마지막 층에 ReLU",
    sentence: "마지막 층은 시그모이드를 써서 AL이 (0, 1) 안의 확률이 되게 합니다",
  },
  "last layer's cache left out": {
    name: "마지막 층의 캐시 누락",
    sentence:
      "마지막 층을 포함해 모든 층의 캐시를 저장하세요: caches에는 층마다 하나씩 L개가 있습니다",
  },
  "hidden-layer loop through layer L": {
    name: "은닉층 반복문이 층 L까지 돎",
    sentence:
      "반복문은 은닉층 l = 1 … L − 1만 돕니다(l < L). 층 L은 반복문이 끝난 뒤 시그모이드로 한 번만 계산합니다",
  },

  // computeCost
  "cost sign flipped": {
    name: "비용의 부호가 뒤집힘",
    sentence: "부호가 뒤집혔습니다: J = −(1/m) Σ (…)입니다",
  },
  "cost without 1/m": {
    name: "비용에 1/m 누락",
    sentence: "합을 예제 개수 m(Y.shape[1])으로 나누세요",
  },
  "log(1 − a) in both terms": {
    name: "두 항 모두 log(1 − a)",
    sentence: "첫 번째 항은 y·log(a)입니다: 1 − AL이 아니라 AL의 로그입니다",
  },
  "(y − 1) for (1 − y)": {
    name: "(1 − y) 대신 (y − 1)",
    sentence:
      "np.subtract(a, b)는 a − b입니다: 두 번째 항의 1 − y는 np.subtract(1, Y)이고, np.subtract(Y, 1)은 y − 1이라서 그 항의 부호가 뒤집힙니다",
  },
  "log(a) in both terms": {
    name: "두 항 모두 log(a)",
    sentence: "두 번째 항은 (1 − y)·log(1 − a)입니다: AL이 아니라 1 − AL의 로그입니다",
  },

  // linearBackward
  "dW without 1/m": {
    name: "dW에 1/m 누락",
    sentence: "dW = (1/m)·dZ·A_{l−1}ᵀ입니다: m으로 나누세요",
  },
  "db without 1/m": {
    name: "db에 1/m 누락",
    sentence: "db = (1/m)·(예제에 대한 dZ의 합)입니다: m으로 나누세요",
  },
  "dAPrev divided by m": {
    name: "dAPrev를 m으로 나눔",
    sentence: "dA_{l−1} = Wᵀ·dZ에는 1/m이 없습니다: 예제에 대한 평균은 dW와 db뿐입니다",
  },
  "db summed over the units": {
    name: "db를 유닛 방향으로 더함",
    sentence: "db는 dZ의 각 행을 예제에 대해 더합니다: np.sum(dZ, 1, true), (n_l, 1) 열입니다",
  },

  // linearActivationBackward
  "derivatives swapped": {
    name: "도함수가 뒤바뀜",
    sentence:
      '도함수가 뒤바뀌었습니다: "relu"는 Z > 0인 곳에서 1, 나머지는 0이고, "sigmoid"는 s = σ(Z)일 때 s·(1 − s)입니다',
  },
  "ReLU's derivative left out": {
    name: "ReLU의 도함수 누락",
    sentence:
      "dZ = dA ∗ g′(Z)입니다: ReLU에서는 Z ≤ 0인 곳의 dA를 0으로 만드세요(np.greater(Z, 0))",
  },
  "sigmoid's derivative without dA": {
    name: "시그모이드 도함수에 dA 누락",
    sentence: "dZ = dA ∗ s·(1 − s)입니다: 흘러 들어온 dA를 도함수에 곱하세요",
  },
  "ReLU's derivative inverted": {
    name: "ReLU 도함수가 뒤집힘",
    sentence:
      "dZ는 유닛이 켜진 곳(Z > 0)에서 dA를 그대로 두고 Z ≤ 0인 곳에서 0입니다: Z ≤ 0의 마스크가 아니라 np.multiply(dA, np.greater(Z, 0))입니다(numpy의 dZ[Z <= 0] = 0은 그 원소들을 0으로 만들지, 남기지 않습니다)",
  },
  "ReLU's derivative read from dA": {
    name: "ReLU의 도함수를 dA에서 읽음",
    sentence:
      "ReLU의 도함수는 층의 입력 Z(캐시의 activationCache)에서 읽습니다: dA의 부호와 상관없이 Z > 0인 곳은 dZ = dA, 나머지는 0입니다(np.greater(dA, 0)나 np.maximum(dA, 0)이 아니라 np.greater(Z, 0))",
  },
  "sigmoid's derivative from Z itself": {
    name: "시그모이드 도함수를 Z 자체로 계산",
    sentence:
      "s·(1 − s)의 s는 캐시에 담긴 Z의 시그모이드 σ(Z)입니다: Z·(1 − Z)가 아니라 먼저 s = sigmoid(Z)를 계산하세요",
  },

  // lModelBackward
  "dAL sign flipped": {
    name: "dAL의 부호가 뒤집힘",
    sentence: "dAL = −(Y / AL − (1 − Y) / (1 − AL))입니다: 앞의 마이너스가 빠졌습니다",
  },
  "dAL's 1 − Y or 1 − AL written backwards": {
    name: "dAL의 1 − Y나 1 − AL을 거꾸로 씀",
    sentence:
      "np.subtract(a, b)는 a − b입니다: 1 − Y는 np.subtract(1, Y), 1 − AL은 np.subtract(1, AL)이어야 dAL = −(Y / AL − (1 − Y) / (1 − AL))입니다. 둘 중 하나라도 거꾸로 쓰면 두 번째 항의 부호가 뒤집힙니다",
  },
  "dAL as AL − Y": {
    name: "dAL을 AL − Y로 계산",
    sentence:
      "AL − Y는 시그모이드 다음의 기울기인 dZL입니다. 역전파는 dAL = −(Y / AL − (1 − Y) / (1 − AL))에서 시작하고, 시그모이드의 역방향 단계가 그것을 AL − Y로 만듭니다",
  },
  "ReLU's backward step in the last layer": {
    name: "마지막 층에 ReLU의 역방향 단계",
    sentence:
      '마지막 층은 시그모이드 층입니다: 역방향 단계는 linearActivationBackward(dAL, caches[L − 1], "sigmoid")입니다',
  },
  "dA stored one layer off": {
    name: "dA를 한 층 어긋나게 저장함",
    sentence:
      "층 l의 역방향 단계는 입력의 기울기인 dA{l − 1}을 줍니다: dA{l}이 아니라 dA{l − 1}로 저장하세요",
  },

  // updateParameters
  "update with + for −": {
    name: "갱신에 − 대신 +",
    sentence: "경사 하강은 기울기의 반대 방향으로 갑니다: θ − learningRate·dθ입니다",
  },
  "update without the learning rate": {
    name: "갱신에 학습률 누락",
    sentence: "한 걸음은 learningRate·dθ입니다: 기울기마다 학습률을 곱하세요",
  },
  "last layer not updated": {
    name: "마지막 층을 갱신하지 않음",
    sentence:
      "반복문은 모든 층 l = 1 … L(L = W의 개수)을 돕니다: 마지막 층의 W와 b가 그대로 남았습니다",
  },
  "biases not updated": {
    name: "편향을 갱신하지 않음",
    sentence: "편향도 학습합니다: bl ← bl − learningRate·dbl입니다",
  },

  // lLayerModel
  "costs recorded every iteration": {
    name: "비용을 반복마다 기록",
    sentence: "강의처럼 100번째 반복마다만(i % 100 === 0) 비용을 기록하세요",
  },
  "seed ignored": {
    name: "시드를 무시함",
    sentence: "고정된 시드가 아니라 주어진 seed로 생성기를 만드세요(np.random.seed(seed))",
  },
  "learning rate ignored": {
    name: "학습률을 무시함",
    sentence: "lLayerModel이 받은 학습률을 updateParameters에 넘기세요",
  },
  "update discarded": {
    name: "업데이트 결과를 버림",
    sentence:
      "updateParameters가 반환한 값을 받아 두어야 합니다: parameters = updateParameters(parameters, grads, learningRate). 이 함수는 받은 매개변수를 바꾸지 않습니다",
  },
};
