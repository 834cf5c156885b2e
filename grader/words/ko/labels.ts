/** 렌더러 자신의 말, 한국어로: words/en/labels.ts와 같은 키. */
import type { TestStatus } from "../../core/report.ts";
import type { Labels } from "../en/labels.ts";

const STATUS: Record<TestStatus, string> = {
  passed: "통과",
  failed: "실패",
  error: "오류",
  timeout: "시간 초과",
  missing: "구현 안 됨",
};

export const labels: Labels = {
  seed: (seed: number) => `시드 ${seed}`,
  couldNotGrade: "채점할 수 없습니다:",
  buildTest: "제출물이 컴파일됨",
  notGraded: "제출물을 채점할 수 없습니다.",
  total: (score: string, max: string, percent: number) =>
    `합계: ${max}점 중 ${score}점 (${percent}%)`,
  partial: (functions: string, tests: number, of: number) =>
    `일부만 채점: ${functions}의 테스트만 실행했습니다(${of}개 중 ${tests}개). 합계는 이 테스트만 셉니다.`,
  reportAt: (path: string) => `보고서: ${path}`,
  alsoWritten: (path: string) => `함께 쓴 파일: ${path}`,
  moreFailing: (n: number) => `… 그리고 실패한 테스트 ${n}개 더: 보고서를 보세요`,
  andMoreFailing: (n: number) => ` (그리고 실패한 테스트 ${n}개 더)`,
  visibleScore: (score: string, max: string) => `공개 테스트 ${max}점 중 ${score}점`,
  hiddenNote: (count: number) =>
    count === 0 ? "" : `숨겨진 테스트 ${count}개, 결과는 채점 후에 공개됩니다.`,
  status: STATUS,
  hiddenSentence: (status: TestStatus) =>
    status === "passed"
      ? "숨겨진 테스트: 통과"
      : `숨겨진 테스트: ${STATUS[status]} (자세한 내용은 강사에게만 보입니다)`,
  hiddenMark: "(숨겨진 테스트)",
  calledWith: (inputs: string) => `호출 인자: ${inputs}`,
  moreLines: (n: number) => `… ${n}줄 더는 보고서에 있습니다`,
  expected: "기댓값",
  yours: "여러분의 값",
  printed: "여러분의 코드가 출력한 내용:",
  printedHeading: "여러분의 코드가 출력한 내용",
  replay: "다시 실행:",
  replayAlone: "이 테스트만 다시 실행:",
  mistake: "실수:",
  and: "그리고",
  warningsHeading: "경고 (감점 없음)",
  whatToFix: "고칠 것",
  tableHeader: ["", "함수", "점수", "통과한 테스트"],
  output: "출력:",
  platformError: "gradecheck가 이 제출물을 채점할 수 없습니다:",
  solutionOnly: (test: string) =>
    `${test}은(는) 참조 답안으로 판정하므로 강사가 채점할 때 실행됩니다`,
  gradient: {
    header: ["기울기", "판정", "차이", "가장 많이 틀린 원소", "힌트"],
    verdict: { right: "맞음", wrong: "틀림", "wrong-shape": "모양이 틀림", missing: "없음" },
    worst: (at: string, yours: string, numeric: string) =>
      `${at}: 여러분 ${yours}, 수치 ${numeric}`,
    couldNotRun: "기울기 검사를 실행할 수 없습니다:",
    none: "이 과제에는 기울기 검사가 없습니다",
  },
  train: {
    referenceName: "참조 답안",
    progress: (iteration: string, seconds: string) => `학습 중… 반복 ${iteration}, ${seconds}초`,
    seconds: (seconds: string) => `${seconds}초`,
    pictures: (paths: string) => `그림: ${paths}`,
    sweepHeader: ["은닉층 크기", "정확도", "시간"],
    yours: "여러분의 모델",
    reference: "참조 답안",
    cost: "비용 J",
    iteration: "반복",
    label: "레이블",
  },
};
