/** 틀린 답의 힌트를 한국어로: words/en/hints.ts와 같은 코드를 같은 내용으로 말합니다. */
import type {
  ErrorHint,
  Hint,
  NamedMistake,
  NUMPY_METHODS,
  PatternHint,
} from "../../core/report.ts";
import {
  definedProducts,
  firstOf,
  MISNAMED_SHOWN,
  outsideKeys,
  sameShapes,
  shape,
  snakeFor,
  TYPESCRIPT_FOR,
  TYPESCRIPT_FOR_METHOD,
} from "../numbers.ts";
import { josa } from "./josa.ts";

/** numpy에는 있지만 배열 모듈의 배열에는 없는 메서드 대신 쓸 것. */
const NUMPY_METHOD_FOR: Record<(typeof NUMPY_METHODS)[number], string> = {
  astype:
    "astype은 numpy의 메서드입니다: 배열 모듈의 배열은 float64 숫자만 담으므로 변환할 것이 없습니다(np.where(condition, 1, 0)이 0과 1을 줍니다)",
  flatten:
    "flatten은 numpy의 메서드입니다: np.reshape(x, [1, -1])로 배열의 원소를 (1, n) 행으로 만드세요",
  ravel:
    "ravel은 numpy의 메서드입니다: np.reshape(x, [1, -1])로 배열의 원소를 (1, n) 행으로 만드세요",
  squeeze:
    "squeeze는 numpy의 메서드입니다: 배열 모듈의 배열은 언제나 2차원 (rows, cols)입니다. (1,1) 배열의 숫자는 x.item()으로 얻고, axis 없는 np.sum(x)는 숫자를 줍니다",
};

/** `found`가 키 `expected`가 아닌 이유: 대소문자나 밑줄만 다릅니다. */
export const namingRule = (expected: string, found: string): string =>
  snakeFor(expected, found)
    ? "여기서 이름은 Python의 snake_case가 아니라 camelCase로 씁니다"
    : "이름은 대소문자를 구분합니다";

const quoted = (m: NamedMistake) => `“${m.name}”`;

/** 이름 붙은 실수는 주장입니다: 결과가 그 실수의 결과와 정확히 같다고 말합니다. */
function wordMistakes(mistakes: NamedMistake[], then: PatternHint | undefined): string {
  const [first, second] = mistakes as [NamedMistake, NamedMistake | undefined];
  if (second)
    return `결과가 두 실수를 함께 했을 때의 결과와 정확히 같습니다: ${quoted(first)}(${first.sentence}), 그리고 ${quoted(second)}(${second.sentence})`;
  if (then)
    return `결과가 실수 ${quoted(first)}의 결과와 정확히 같고(${first.sentence}), 게다가 ${wordHint(then)}`;
  return `결과가 실수 ${quoted(first)}의 결과와 정확히 같습니다: ${first.sentence}`;
}

export function wordHint(hint: Hint): string {
  switch (hint.code) {
    case "array-for-number":
      return "(1,1) 배열이 아니라 숫자 하나를 반환하세요: axis 없이 np.sum(x)를 쓰면 숫자가 나오고, .item()을 써도 됩니다";
    case "row-for-column":
      if (hint.keepdims === undefined)
        return "(n, 1) 열이 나와야 할 자리에 (1, n) 행이 나왔습니다: axis 1을 따라 더한 결과라면 np.sum(x, 1, true)로 차원을 유지하세요";
      return hint.keepdims
        ? "(n, 1) 열이 나와야 할 자리에 (1, n) 행이 나왔습니다: axis 1을 따라 더할 때는 keepdims가 필요합니다, np.sum(x, 1, true)"
        : "(n, 1) 열이 나와야 할 자리에 (1, n) 행이 나왔습니다";
    case "transposed-shape":
      return `결과가 전치되어 있습니다: (${hint.expected.join(",")}) 대신 (${hint.actual.join(",")})`;
    case "square-for-column":
      return hint.keepdims === false
        ? "(n, 1) 열이 나와야 할 자리에 (n, n) 결과가 나왔습니다: 행과 열이 서로 브로드캐스트되었습니다"
        : "(n, 1) 열이 나와야 할 자리에 (n, n) 결과가 나왔습니다: 행과 열이 서로 브로드캐스트되었습니다. keepdims 없이 더했나요?";
    case "all-zeros":
      return "결과가 모두 0입니다";
    case "transposed":
      return "결과가 전치되어 있습니다";
    case "sign":
      return "부호가 반대입니다";
    case "m-times":
      return `정확히 m = ${hint.m}배 큽니다: 1/m이 빠졌습니다`;
    case "m-times-smaller":
      return `정확히 m = ${hint.m}배 작습니다: m으로 두 번 나누었나요?`;
    case "twice":
      return "기댓값의 정확히 두 배입니다: 2가 한 번 더 곱해졌습니다";
    case "half":
      return "기댓값의 정확히 절반입니다: 2가 빠졌습니다";
    case "rows-for-columns":
      return `기댓값의 ${hint.cols}/${hint.rows}배입니다: ${hint.cols}로 나눠야 할 곳을 ${hint.rows}로 나눴습니다. (${hint.rows},${hint.cols}) 입력의 열 수 shape[1] 대신 행 수 shape[0]을 읽으면 그렇게 됩니다(예제의 수 m은 X.shape[1]입니다)`;
    case "factor":
      return `기댓값에 ${hint.factor.toPrecision(4)}을 곱한 값입니다: 상수 배가 틀렸습니다`;
    case "varies":
      return "같은 입력으로 두 번 호출했더니 결과가 달랐습니다(Math.random처럼 인자가 아닌 것을 쓰나요)";
    case "reciprocal":
      return "정확히 기댓값의 역수입니다: np.divide(a, b)는 a / b입니다. 피연산자의 순서가 바뀌지 않았나요(x / m을 뜻한 np.divide(m, x))?";
    case "one-minus":
      return "정확히 1에서 기댓값을 뺀 값입니다(x가 나와야 할 자리에 1 − x)";
    case "mistake":
      return wordMistakes(hint.mistakes, hint.then);
    case "tuple-for-object":
      return `Python이라면 튜플을 반환하겠지만, 여기서는 { ${hint.keys.join(", ")} }처럼 키가 값의 이름인 객체를 반환하세요${hint.inOrder ? ". 리스트의 값들은 그 순서대로 맞습니다" : ""}`;
    case "entries-for-array":
      return wordEntries(hint);
    case "every-kth":
      if (hint.k === null) return "리스트에 기댓값 중 첫 번째 값만 들어 있습니다";
      return hint.of === "expected"
        ? `리스트에 기댓값을 ${hint.k}개마다 하나씩(원소 0, ${hint.k}, ${2 * hint.k}, …)만 담았습니다. 기댓값은 하나도 빠짐없이 담은 리스트입니다`
        : `기댓값은 여러분의 값을 ${hint.k}개마다 하나씩(원소 0, ${hint.k}, ${2 * hint.k}, …) 담은 리스트입니다. 전부 담지 마세요`;
    case "no-return":
      return "return 문이 없는 함수, 또는 return 없이 끝나는 경로는 undefined를 반환합니다. 값을 넣지 않은 변수를 반환해도 그렇습니다";
    case "infinite":
      return "유한한 값이 나와야 할 자리에 무한대가 나왔습니다: 0으로 나누기, np.log(0)(−Infinity), 큰 수의 np.exp가 무한대를 만듭니다";
    case "text-for-number":
      return `숫자의 텍스트가 아니라 숫자 자체를 반환하세요(toFixed와 String은 텍스트를 만듭니다)${hint.same ? ". 값은 맞습니다" : ""}`;
    case "nan":
      return "NaN입니다: Python이라면 오류가 날 곳에서 TypeScript는 undefined로 계산해 NaN을 냅니다. 없는 키나 인덱스, 변수(Y.shape[2], 철자가 틀린 이름)가 NaN을 만들고, 0/0과 0·log(0), 음수의 로그도 그렇습니다(np.subtract(a, b)는 a − b라서, 1 − A를 뜻한 np.subtract(A, 1)은 음수입니다)";
    case "flattened":
      return `${josa(hint.keys.join(", "), "은/는")} ${josa(hint.key, "과/와")} 나란히 두지 말고 ${hint.key} 안에 넣으세요: { ${hint.key}: { ${hint.keys.join(", ")} }, … }`;
    case "part-for-whole":
      return `결과가 ${hint.part} 하나의 형태입니다: { ${hint.keys.join(", ")} } 객체 전체를 반환하세요`;
    case "misnamed":
      return wordMisnamed(hint);
  }
}

/** 맞는 값이 다른 이름에 있을 때: 여러분의 어느 값이 어느 기댓값인지. */
function wordMisnamed({ pairs, shift }: Extract<Hint, { code: "misnamed" }>): string {
  const [shown, more] = firstOf(pairs, MISNAMED_SHOWN);
  const which = shown.map(
    ({ yours, expected }) => `여러분의 ${josa(yours, "이/가")} ${expected}의 기댓값`,
  );
  if (more > 0) which.push(`그 밖에 ${more}개`);
  const numbered =
    shift === undefined
      ? ""
      : `: 이름의 번호가 기댓값보다 ${Math.abs(shift)} ${shift < 0 ? "작습니다" : "큽니다"}`;
  return `맞는 값이 다른 이름 아래 있습니다(${which.join(", ")})${numbered}`;
}

/** 배열 대신 그 원소를 반환했을 때: 원소로 배열을 만드는 법, 또는 만들 필요가 없다는 것. */
function wordEntries(hint: Extract<Hint, { code: "entries-for-array" }>): string {
  const wanted = `${shape(hint.shape)} 배열을 반환하세요`;
  const same = hint.same ? ". 원소들은 순서까지 맞습니다" : "";
  switch (hint.from) {
    case "typed":
      return `${wanted}. 원소만 담은 형식화 배열(Float64Array 등)이 아니라요(x.data는 배열의 원소를 모양 없이 담습니다): np.greater, np.where 같은 연산은 배열 전체에 작동하므로 .data를 도는 반복문이 필요 없습니다`;
    case "list":
      return `${wanted}. 원소의 리스트가 아니라요: np.array([entries])로 원소들의 (1, n) 행을 만들고, np.reshape(row, [rows, cols])로 모양을 맞추세요${same}`;
    case "rows":
      return `${wanted}. 행의 리스트(x.tolist())가 아니라요: np.array(rows)로 배열을 만드세요${same}`;
  }
}

/** 정의되는 곱들을 코드와 모양으로: np.dot(first, second.T), 즉 (4,2)·(2,400) 행렬곱. */
function wordProducts(hint: Extract<ErrorHint, { product: string }>): string {
  return definedProducts(hint)
    .map(([call, left, right]) => `${call}, 즉 ${left}·${right} 행렬곱`)
    .join(" 또는 ");
}

/** 곱이 둘이면 원하는 모양으로 고릅니다. */
const choice = (hint: Extract<ErrorHint, { product: string }>) =>
  definedProducts(hint).length > 1 ? " (원하는 모양이 나오는 쪽을 고르세요)" : "";

/** 학습자 코드에서 던져진 오류가 시사하는 것. */
export function wordErrorHint(hint: ErrorHint): string {
  switch (hint.code) {
    case "broadcast-transposed": {
      const [moved, other] = hint.operand === "first" ? [hint.a, hint.b] : [hint.b, hint.a];
      const which = hint.operand === "first" ? "첫째" : "둘째";
      const transposed = shape([moved[1], moved[0]]);
      return `np.${hint.op}의 ${which} 피연산자 ${josa(shape(moved), "을/를")} 전치한 ${josa(transposed, "은/는")} ${josa(shape(other), "과/와")} 브로드캐스트됩니다: 열이어야 할 것이 행인가요(b1 같은 편향은 (n, 1) 열입니다), 아니면 그 반대인가요?`;
    }
    case "entrywise-for-product":
      return `행렬곱이 필요한 곳에서 원소별 곱(${shape(hint.a)} ∗ ${shape(hint.b)})을 했습니다: ${wordProducts(hint)}${choice(hint)}`;
    case "product-not-aligned":
      return `${shape(hint.a)}·${shape(hint.b)}의 안쪽 크기가 다릅니다. 이 모양으로는 ${wordProducts(hint)}이 정의됩니다${choice(hint)}: 둘 중 하나가 전치되었거나 모양이 틀리지 않았나요?${sameShapes(hint) ? ` 둘 다 ${shape(hint.a)}입니다: 원소별 곱은 np.multiply(first, second)입니다.` : ""}`;
    case "maker-shape":
      return hint.op === "reshape"
        ? "np.reshape는 모양을 두 크기의 리스트 하나로 받습니다: (rows, cols)가 아니라 np.reshape(x, [rows, cols])입니다(한쪽에 -1을 쓰면 계산해 줍니다). Python의 튜플은 TypeScript에서 쉼표 연산자가 되어 마지막 항목의 값만 남습니다"
        : `np.${hint.op}는 모양을 두 크기의 리스트 하나 [rows, cols]로 받습니다: 열 벡터는 np.${hint.op}(n)도 np.${hint.op}((n, 1))도 아닌 np.${hint.op}([n, 1])입니다. Python의 튜플은 TypeScript에서 쉼표 연산자가 되어 마지막 항목의 값만 남습니다`;
    case "generator-shape":
      return `rng.${hint.method}는 두 크기를 숫자 두 개로 받습니다: rng.${hint.method}(rows, cols), 예를 들어 rng.${hint.method}(nH, nX). 모양 배열은 rng.${hint.method}(...shape)처럼 펼쳐서 넘길 수 있습니다`;
    case "mistake": {
      const [mistake] = hint.mistakes as [NamedMistake];
      return `실수 ${quoted(mistake)}도 이 입력에서 바로 이 오류를 냅니다: ${mistake.sentence}`;
    }
    case "near-key":
      return `${hint.input}에는 "${hint.wrote}" 키가 없어 undefined로 읽히고, ${josa(`"${hint.key}"`, "이/가")} 있습니다: ${namingRule(hint.key, hint.wrote)}`;
    case "list-method":
      return `${hint.method}는 JavaScript 리스트의 메서드인데, 배열 모듈의 배열은 리스트가 아닙니다: np의 함수들(np.where, np.greater, np.exp…)은 배열 전체에 작동하고, Array.from(x.data)로 배열의 원소를 리스트로 얻을 수 있습니다`;
    case "python-method":
      return `${hint.method}는 Python 리스트나 dict의 메서드입니다. TypeScript에서는 ${josa(TYPESCRIPT_FOR_METHOD[hint.method], "으로/로")} 씁니다`;
    case "numpy-method":
      return NUMPY_METHOD_FOR[hint.method];
    case "numbered-key":
      return `${hint.input}의 키는 ${hint.prefix}${hint.first}부터 ${hint.prefix}${hint.last}까지입니다: 그 밖의 번호(${outsideKeys(hint).join(", ")})에서 ${josa(hint.read, "은/는")} undefined로 읽힙니다. 반복문이 하나 일찍 시작하거나 하나 늦게 끝나지 않나요?`;
    case "list-index":
      return hint.length === 0
        ? `${josa(hint.input, "은/는")} 빈 리스트라서 ${josa(hint.read, "은/는")} 인덱스와 상관없이 undefined로 읽힙니다`
        : `${hint.input}에는 원소가 ${hint.length}개(${hint.input}[0]부터 ${hint.input}[${hint.length - 1}]까지) 있습니다: 그 밖의 인덱스(−1, ${hint.length})에서 ${josa(hint.read, "은/는")} undefined로 읽힙니다. 인덱스가 하나 어긋나지 않았나요?`;
    case "object-length":
      return `${josa(hint.input, "은/는")} 객체라서 length가 없습니다(undefined로 읽힙니다). Python의 len은 dict의 키를 세지만, 여기서는 Object.keys(${hint.input}).length가 셉니다`;
    case "floor-division":
      return `\`${hint.written}\`에서 //는 TypeScript의 주석 시작이라 그 뒤의 나눗셈은 계산되지 않습니다: Python의 정수 나눗셈 a // b는 Math.floor(a / b)입니다`;
    case "global-random":
      return `np.random.${hint.method}는 numpy의 전역 생성기인데, 이 배열 모듈에는 없습니다: 함수가 받은 생성기에서 뽑으세요. 예: rng.randn(rows, cols)(생성기에는 randn과 rand가 있고, np.random.seed(s)가 생성기를 만듭니다)`;
    case "keyword-argument":
      return `${hint.name}=…는 파이썬의 키워드 인자입니다. TypeScript에는 키워드 인자가 없어서 ${hint.name} = …는 선언한 적 없는 변수에 값을 넣는 것이 됩니다: 인자를 순서대로 넘기세요. axis 1에 keepdims라면 np.sum(x, 1, true)입니다`;
    case "python-name":
      return `${hint.name}은(는) 파이썬에만 있는 이름입니다. TypeScript에서는 다음과 같이 씁니다: ${TYPESCRIPT_FOR[hint.name]}`;
    case "text-for-array":
      return "이 값은 배열로 만든 텍스트입니다: TypeScript에서 배열에 +를 쓰면(다른 배열, 숫자, 텍스트와) numpy처럼 더하지 않고 텍스트를 이어 붙입니다. 배열은 np.add(a, b)로 더하세요";
    case "list-for-object":
      return "함수가 반환한 값을 리스트처럼 나눕니다, const [a, b] = f(…): 파이썬의 a, b = f(…)가 튜플을 푸는 것처럼요. 여기의 함수는 객체를 반환합니다: 반환하는 이름 그대로 const { a, b } = f(…)처럼 이름으로 꺼내세요";
  }
}
