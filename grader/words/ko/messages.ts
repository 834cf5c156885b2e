/**
 * 테스트 결과를 학습자에게 한국어로: 구조화된 세부 정보에서 만듭니다(말은 마지막에). 함수와 출력을
 * 말하는 첫 문장, 기댓값과 실제 값, 그리고 힌트. 과제의 문장(법칙, 검사)은 그 문구(phrase)로 말합니다.
 */
import type { ImportFailure } from "../../core/outcomes.ts";
import type { Details } from "../../core/report.ts";
import { importErrorName } from "../import-error.ts";
import { messageNumber } from "../numbers.ts";
import type { Speak } from "../words.ts";
import { arrayAdvice } from "./array-errors.ts";
import { namingRule, wordErrorHint, wordHint } from "./hints.ts";
import { josa } from "./josa.ts";
import { importMessage, wordCrash, wordThrown } from "./outcomes.ts";
import { wordNotRun } from "./pipeline.ts";

function loadFailure(failure: ImportFailure): string {
  return `${importErrorName(failure)}: ${importMessage(failure)}`;
}

function where(path: string, index: number[] = []): string {
  const base = path === "" ? "결과" : path;
  return index.length > 0 ? `${base}[${index.join(",")}]` : base;
}

/**
 * A value's type as checks/compare.ts's `typeName` says it in English ("an array (4,1)", "a
 * number"), in Korean; what it does not know (a name such as "null") stays as it is.
 */
export function typeInKorean(english: string): string {
  const array = /^an array \((\d+),(\d+)\)$/.exec(english);
  if (array) return `(${array[1]},${array[2]}) 배열`;
  const list = /^a list of (\d+)$/.exec(english);
  if (list) return `원소 ${list[1]}개의 리스트`;
  const names: Record<string, string> = {
    "a number": "숫자",
    "an object": "객체",
    "a string": "문자열",
    "a boolean": "불리언",
    "a bigint": "bigint",
    "a random generator": "난수 생성기",
  };
  if (Object.hasOwn(names, english)) return names[english] as string;
  for (const [pattern, korean] of UNSUPPORTED) {
    const found = pattern.exec(english);
    if (found) return korean(...(found.slice(1) as string[]));
  }
  return english;
}

/**
 * What a value the wire does not carry is (core/values.ts's `$unsupported`, and the child's result
 * too big to send), in Korean; the parts that are the learner's (a class's name, a key, what a
 * getter threw) as they are. The wire's text may come from the learner's child: what matches none
 * stays as it came.
 */
const UNSUPPORTED: [RegExp, (...parts: string[]) => string][] = [
  [/^a function$/, () => "함수"],
  [/^a symbol$/, () => "심볼"],
  [/^a Proxy$/, () => "Proxy 객체"],
  [/^a cyclic value \(it contains itself\)$/, () => "순환하는 값(자기 자신을 담고 있음)"],
  [/^a value nested too deeply$/, () => "너무 깊이 중첩된 값"],
  [/^a value that threw when read \((.*)\)$/s, (why) => `읽을 때 예외를 던지는 값(${why})`],
  [/^a value with too much text to send$/, () => "보내기에 글자가 너무 많은 값"],
  [/^an array too big to send \((\d+) entries\)$/, (n) => `보내기에 너무 큰 배열(원소 ${n}개)`],
  [/^an array whose data does not match its shape$/, () => "데이터가 shape와 맞지 않는 배열"],
  [/^a list too long to send$/, () => "보내기에 너무 긴 리스트"],
  [
    /^a Promise \(these functions return their value: no async, no await\)$/,
    () => "Promise(이 함수들은 값을 바로 반환합니다: async나 await를 쓰지 마세요)",
  ],
  [/^an object of class (.*)$/s, (name) => `${name} 클래스의 객체`],
  [/^an object with (\d+) keys$/, (n) => `키가 ${n}개인 객체`],
  [/^an object with a "(.*)" key$/s, (key) => `"${key}" 키가 있는 객체`],
  [/^an object with a key of (\d+) characters$/, (n) => `${n}글자짜리 키가 있는 객체`],
  [/^an object too big to send$/, () => "보내기에 너무 큰 객체"],
  [
    /^a value with a getter \(key "(.*)"\), which is not called$/s,
    (key) => `getter가 있는 값(키 "${key}", 호출하지 않습니다)`,
  ],
  [/^a result too big to send to the grader$/, () => "채점기에 보내기에 너무 큰 결과"],
];

function withHint(text: string, hint: string | undefined): string {
  return hint ? `${text} 힌트: ${hint}${/[.?!]$/.test(hint) ? "" : "."}` : text;
}

export function wordMessage(fn: string, details: Details, speak: Speak): string {
  switch (details.type) {
    case "passed":
      return "통과";
    case "mismatch":
      return withHint(
        `${fn}: ${wordMismatch(details)}`,
        details.hint ? wordHint(details.hint) : undefined,
      );
    case "mutated-input":
      return `${fn}이(가) 인자 ${details.argument}을(를) 제자리에서 바꿨습니다(${details.path}): 입력은 그대로 두고 새 배열을 반환하세요.`;
    case "nondeterministic":
      return `${fn}이(가) 같은 호출을 두 번 했을 때 다른 결과를 반환했습니다(${where(details.path)}): 인자가 아닌 무언가에 의존하나요?`;
    case "check": {
      const message = speak(details.phrases?.message, details.message);
      const hint = details.hint ? speak(details.phrases?.hint, details.hint) : undefined;
      return withHint(`${fn}: ${message.replace(/\.$/, "")}.`, hint);
    }
    case "error": {
      const place = details.at
        ? ` (${details.at}${details.line ? `, \`${details.line}\`` : ""})`
        : "";
      // The grader's own refusal of a stand-in's request, worded again; any other error as thrown.
      const message = speak(details.phrase, arrayAdvice(details.message) ?? details.message);
      return withHint(
        `${fn}에서 ${details.name} 발생: ${message}${place}`,
        details.hint ? wordErrorHint(details.hint) : undefined,
      );
    }
    case "property": {
      if (details.outcome === "passed") return "통과";
      const law = speak(details.phrases?.law, details.law);
      if (details.outcome === "interrupted") {
        return `${fn}: 법칙 "${law}"을(를) ${details.timeLimitMs} ms 제한 시간 안에 입력 ${details.runs}개에서만 확인했습니다: 판정하지 않았습니다(너무 느린가요?).`;
      }
      const counterexample = speak(details.phrases?.counterexample, details.counterexample ?? "");
      const why = details.thrown
        ? wordThrown(details.thrown, speak)
        : speak(details.phrases?.reason, details.reason ?? "");
      return (
        withHint(
          `${fn}: 법칙 "${law}"이(가) ${counterexample}에서 성립하지 않습니다: ${why}.`,
          details.thrown?.hint && wordErrorHint(details.thrown.hint),
        ) +
        ` (축소를 ${details.shrinks}번 거쳐 찾은 가장 작은 입력입니다. fast-check 시드 ${details.seed}와 경로 "${details.path}"로 재현됩니다.)`
      );
    }
    case "import-failed":
      return `제출물을 불러올 수 없어 ${fn}을(를) 호출하지 못했습니다: ${loadFailure(details.failure)}.`;
    case "timeout":
      return `${fn}이(가) ${details.limitMs} ms 안에 반환하지 않았습니다(무한 루프이거나 너무 느립니다).`;
    case "crashed":
      return `${fn}을(를) 실행하던 프로세스가 ${wordCrash(details.reason)}.`;
    case "missing":
      return details.reason === "not-implemented"
        ? `${fn}은(는) 아직 구현되지 않았습니다.`
        : `제출물에 ${fn}이라는 이름의 함수가 export되어 있지 않습니다.`;
    case "not-run":
      return `${fn}: 실행하지 않음: ${wordNotRun(details.reason)}.`;
    case "build":
      return "제출물이 컴파일되지 않습니다.";
  }
}

function wordMismatch(m: Extract<Details, { type: "mismatch" }>): string {
  switch (m.problem) {
    case "type":
      return `${josa(where(m.path), "이/가")} ${typeInKorean(m.actual)}입니다. 기댓값은 ${typeInKorean(m.expected)}입니다.`;
    case "missing-key":
      return m.other === undefined
        ? `${where(m.path)}에 "${m.key}"이(가) 없습니다.`
        : `${where(m.path)}에 "${m.key}"이(가) 없고 "${m.other}"이(가) 있습니다: ${namingRule(m.key, m.other)}.`;
    case "length":
      return `${where(m.path)}의 원소가 ${m.actual}개입니다. 기댓값은 ${m.expected}개입니다.`;
    case "shape":
      return `${where(m.path)}의 모양이 (${m.actual.join(",")})입니다. 기댓값은 (${m.expected.join(",")})입니다.`;
    case "value": {
      const share = m.total > 1 ? ` 원소 ${m.total}개 중 ${m.wrong}개가 틀렸습니다.` : "";
      const error = Number.isFinite(m.error)
        ? ` (오차 ${messageNumber(m.error)} > ${messageNumber(m.tolerance.atol)} + ${messageNumber(m.tolerance.rtol)}·|기댓값|)`
        : "";
      return `${josa(where(m.path, m.index), "이/가")} ${messageNumber(m.actual)}입니다. 기댓값은 ${messageNumber(m.expected)}입니다${error}.${share}`;
    }
  }
}
