/** 학습자의 호출을 실행하던 프로세스, 또는 모듈을 불러오는 과정에 일어난 일을 한국어로. */
import type { CrashReason, ImportFailure, ThrownCall } from "../../core/outcomes.ts";
import type { Speak } from "../words.ts";
import { arrayAdvice } from "./array-errors.ts";

/** "메모리가 부족해 멈췄습니다", "SIGKILL로 종료되었습니다": 프로세스가 한 일. */
export function wordCrash(reason: CrashReason): string {
  switch (reason.code) {
    case "out-of-memory":
      return "메모리가 부족해 멈췄습니다";
    case "signal":
      return `${reason.signal}로 종료되었습니다`;
    case "exit":
      return `종료 코드 ${reason.exitCode}로 끝났습니다(process.exit를 호출했나요?)`;
    case "protocol":
      return `채점기에 ${reason.what}을(를) 보내서 중지되었습니다`;
    case "unresponsive":
      return "호출이 시작되기 전에 응답을 멈췄습니다(import나 이전 호출이 남겨 둔 코드: 타이머나 끝없이 이어지는 프로미스가 있나요?)";
  }
}

/** 모듈을 불러올 수 없었던 이유를 한 문장으로(오류 이름은 words/import-error.ts). */
export function importMessage(failure: ImportFailure): string {
  switch (failure.code) {
    case "threw":
      return failure.error.message;
    case "never-settles":
      return "모듈의 최상위 코드가 끝나지 않는 프로미스를 await합니다";
    case "too-many-exports":
      return "모듈의 export가 너무 많아 목록을 만들 수 없습니다";
    case "timeout":
      return `모듈을 불러오는 데 ${failure.limitMs} ms보다 오래 걸렸습니다(최상위에 끝나지 않는 코드가 있나요?)`;
    case "protocol":
      return `모듈을 불러오는 동안 채점기에 ${failure.what}을(를) 보냈습니다`;
    case "crashed":
      return `모듈을 불러오는 동안 프로세스가 ${wordCrash(failure.reason)}`;
  }
}

/** 예외를 던진 학습자의 함수: "forwardPropagation에서 TypeError 발생: …". 채점기의 거부는 다시 말합니다. */
export function wordThrown({ fn, name, message, phrase }: ThrownCall, speak: Speak): string {
  return `${fn}에서 ${name} 발생: ${speak(phrase, arrayAdvice(message) ?? message)}`;
}
