/** 채점 파이프라인이 스스로 하는 말을 한국어로: 테스트가 실행되지 않은 이유, 주석이 덧붙이는 말. */
import type { Note, NotRunReason } from "../../core/report.ts";

const list = (names: readonly string[]) => names.join(", ");

/** 테스트가 실행되지 않은 이유. */
export function wordNotRun(reason: NotRunReason): string {
  switch (reason.code) {
    case "hung":
      return `테스트 ${reason.test}에서 ${reason.limitMs} ms 안에 반환하지 않아 나머지 테스트를 실행하지 않았습니다`;
    case "unreadable":
      return "제출물을 읽을 수 없습니다";
    case "unbuilt":
      return "제출물이 컴파일되지 않습니다";
    case "no-fixture":
      return "기댓값을 만들려면 참조 답안이 필요한데, 여기에는 없습니다";
    case "no-property":
      return `과제에 "${reason.name}"라는 성질이 없습니다`;
    case "needs-reference":
      return `검사 "${reason.check}"에는 참조 답안이 필요합니다`;
    case "run-time-up":
      return "채점 전체의 시간 제한에 걸렸습니다(앞서 시간을 초과한 테스트들이 시간을 다 썼습니다: 그것부터 고치세요)";
    case "grader-fault":
      return `이 테스트에서 gradecheck 자체가 실패했습니다(${reason.what}). 여러분의 코드가 아니라 gradecheck의 버그이니 알려 주세요`;
  }
}

/** 주석 하나를 메시지에 덧붙인 문장. */
export function wordNote(note: Note, message: string, fn: string, meaning: string): string {
  switch (note.code) {
    case "meaning":
      return `${message} ${meaning}.`;
    case "not-graded":
      return `채점하지 않으므로 감점도 없습니다: 이 검사는 여러분의 ${list(note.needs)}을(를) 사용하는데, ${list(note.unmet)}이(가) 자신의 테스트를 통과하지 못합니다. 이 검사가 찾은 것: ${message}`;
    case "unpaid":
      return `통과했지만 점수는 아직 없습니다: 이 테스트의 점수는 ${note.fn}의 비교 테스트가 통과해야 주어집니다(상수를 반환하는 함수도 이 테스트는 통과할 수 있습니다).`;
    case "pipeline":
      return note.culprits.length === 0
        ? `${message} 여러분의 ${list(note.pipeline)}은(는) 각자 자신의 테스트를 통과합니다: 문제는 함수들이 함께 동작하는 방식에 있습니다.`
        : `${message} 여러분의 ${list(note.culprits)}이(가) 자신의 테스트를 통과하지 못합니다: 그것부터 고치세요.`;
    case "callees":
      return `${message} 참고: ${fn}은(는) 여러분의 ${list(note.callees)}을(를) 호출하는데, 그 함수가 자신의 테스트를 통과하지 못합니다: 그것부터 고치세요.`;
  }
}
