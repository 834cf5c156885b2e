import { sayParam, type Translation } from "../../core/phrase.ts";
import type { phrases as english, FileKind, ImportRefusal } from "../en/phrases.ts";
import { messageNumber, someOf } from "../numbers.ts";

const more = (n: number) => ` 외 ${n}개`;

import { gradientLine } from "./gradient.ts";
import { josa } from "./josa.ts";
import { importMessage, wordCrash } from "./outcomes.ts";

const KINDS: Record<FileKind, string> = {
  folder: "폴더",
  pipe: "이름 있는 파이프",
  socket: "소켓",
  device: "장치",
  link: "심볼릭 링크",
  other: "일반 파일이 아닌 것",
};

const IMPORT_REFUSALS: Record<ImportRefusal, string> = {
  attributes: "import 속성(with { … })은 쓸 수 없습니다",
  "not-node": "Node의 모듈이 아닙니다",
  "node-not-allowed": "제출물이 쓸 수 있는 Node 모듈이 아닙니다",
  "no-such-file":
    "제출물에 그런 파일이 없습니다(2 MB가 넘는 파일, 200번째 뒤의 파일, node_modules나 숨김 폴더 안의 파일은 빠집니다)",
  "not-a-file": "제출물의 파일이 아닙니다",
  outside: "제출물 밖에 있습니다",
  "not-source": "TypeScript나 JavaScript 파일이 아닙니다",
};
const ALLOWED_IMPORTS =
  "제출물은 gradecheck/np, Node 자체 모듈, 그리고 제출물 안의 TypeScript와 JavaScript 파일만 import할 수 있습니다";

const alsoNeed = (tests: string[]) =>
  tests.length > 0 ? ` (${tests.join(", ")}도 참조 답안이 필요해 실행하지 않았습니다)` : "";

export const phrases: Translation<typeof english> = {
  "report.total": (p) => `${p.maxScore}점 중 ${p.score}점`,
  "report.verbatim": (p) => p.text,
  "read.cannot": (p) => `${p.what}을(를) 읽을 수 없습니다(${p.errno})`,
  "read.not-a-file": (p) => `${p.what}은(는) 파일이 아니라 ${KINDS[p.kind]}입니다`,
  "read.too-big": (p) =>
    `${p.what}의 크기가 ${p.bytes}바이트입니다: 제출물의 파일 하나는 최대 ${p.file}바이트, 전체는 ${p.total}바이트까지입니다`,
  "read.none": (p) => `${p.what}이(가) 없습니다`,
  "find.empty": (p) => `${p.folder}은(는) 비어 있습니다: 채점할 것이 없습니다`,
  "find.none": (p) =>
    `${p.folder}에는 model.ts도, assignments/<id>/model.ts도, 채점할 다른 .ts 파일도 없습니다: 들어 있는 것은 ${someOf(p.names, more)}입니다`,
  "find.bad-zip": (p) =>
    `${p.zip}은(는) 읽을 수 있는 zip 파일이 아니거나, 제출물이 가질 수 있는 크기보다 큽니다`,
  "find.which": (p) =>
    `${p.folder}은(는) 여러 과제(${p.ids.join(", ")})가 든 저장소입니다: 채점할 과제를 --assignment로 지정하세요`,
  "find.several": (p) =>
    `${p.folder}에 .ts 파일이 여러 개 있는데 model.ts는 없습니다(${someOf(p.names, more)}): 채점할 파일의 이름을 model.ts로 바꾸세요`,
  "read.no-model": (p) => `${p.folder} 폴더에 model.ts가 없습니다`,
  "read.not-a-submission": (p) =>
    `${p.what}은(는) 제출물이 아닙니다: 제출물은 .ts 파일이거나 model.ts가 든 폴더입니다`,
  "read.link-to-nothing": (p) =>
    `${p.what}은(는) 아무것도 가리키지 않는 심볼릭 링크입니다: 파일 자체를 제출하세요`,
  "read.link-outside": (p) =>
    `${p.what}은(는) 폴더 밖의 파일을 가리키는 심볼릭 링크입니다: 파일 자체를 제출하세요`,
  "hidden.not-run": (p) =>
    `숨겨진 테스트 ${p.count}개를 실행하지 않았습니다: 제출물을 ${p.could === "built" ? "컴파일할" : "읽을"} 수 없었습니다`,
  "hidden.ran": (p) =>
    `숨겨진 테스트 ${p.count}개를 실행했습니다. 그 입력은 학습자에게 보여 주지 않습니다`,
  "hidden.skipped": (p) => `숨겨진 테스트 ${p.count}개를 건너뛰었습니다(--no-hidden)`,
  "hidden.none": (p) => `여기에는 숨겨진 테스트가 없습니다${alsoNeed(p.also)}`,
  "hidden.need-reference": (p) =>
    `숨겨진 테스트 ${p.count}개는 참조 답안이 필요해 실행하지 않았습니다. 점수는 공개 테스트만 셉니다${alsoNeed(p.also)}`,
  "warning.not-alone": (p) =>
    `함수마다 따로 판정할 수 없었습니다(${p.why}): 한 함수의 실수가 그 함수를 호출하는 함수의 점수도 깎을 수 있습니다`,
  "warning.between-tests": (p) =>
    `두 테스트 사이에 제출물의 코드가 ${p.what}(이 일로 점수를 잃은 테스트는 없습니다)`,
  "warning.types-skipped": (p) => `타입을 검사하지 않았습니다: ${p.reason}`,
  "warning.type-error": (p) =>
    `타입 오류(코드는 타입을 지우고 실행되므로 그대로 채점했습니다): ${p.error}`,
  "warning.syntax-fenced": (p) =>
    `${p.fn}에 문법 오류가 있어 그 함수의 테스트는 이 오류로 실패하고, 다른 함수들은 채점했습니다: ${p.error}`,
  "gradient.compared": (p, say) =>
    `${josa(sayParam(p.against, say), "과/와")} 비교했습니다. ${p.rows.map(gradientLine).join(" ")}`,
  "gradient.rows": (p) => p.rows.map(gradientLine).join(" "),
  "checker.not-a-number": (p) =>
    `숫자가 아닌 ${p.type}을(를) 반환했습니다: 계산한 차이(difference)를 반환해야 합니다`,
  "checker.no-verdict": () =>
    "판정을 출력하라고 했지만 아무 판정도 출력하지 않았습니다: 문서 주석에 적힌 문장대로, 역전파가 잘 동작한다거나 실수가 있다는 줄을 출력하세요",
  "checker.missed": (p, say) =>
    `기울기가 맞다고 하지만, 알려진 버그가 있습니다${p.bug ? `(${sayParam(p.bug, say)})` : ""}: 차이가 ${messageNumber(p.actual)}인데, 공식으로는 임계값 ${messageNumber(p.threshold)}보다 큰 ${messageNumber(p.expected)}입니다`,
  "checker.false-alarm": (p) =>
    `기울기가 틀렸다고 하지만, 참조 구현의 올바른 기울기입니다: 차이가 ${messageNumber(p.actual)}인데, 공식으로는 임계값 ${messageNumber(p.threshold)}보다 작은 ${messageNumber(p.expected)}입니다`,
  "checker.figure": (p) =>
    `차이가 ${messageNumber(p.actual)}인데, 공식으로는 ${messageNumber(p.expected)}입니다(이 입력에서 공식 자체의 반올림 오차 ± ${messageNumber(p.tolerance)})`,
  refused: (p) =>
    `${p.grew ? "입력에 값을" : "값을"} ${p.returned}개 ${p.grew ? "남겼습니다" : "반환했습니다"}. 이 테스트의 입력과 답이 담은 것(${p.held}개)보다 훨씬 많아(최대 ${p.limit}개) 판정 전에 거부했습니다`,
  "call.threw": (p, say) => `${p.fn}에서 ${p.name} 발생: ${sayParam(p.message, say)}`,
  "call.timeout": (p) => `${p.fn}이(가) ${p.limitMs} ms 안에 반환하지 않았습니다`,
  "call.crashed": (p) => `${p.fn}을(를) 실행하던 프로세스가 ${wordCrash(p.reason)}`,
  "call.missing": (p) => `제출물에 ${p.fn}이라는 이름의 함수가 export되어 있지 않습니다`,
  "call.import-failed": (p) => `제출물을 불러올 수 없었습니다: ${importMessage(p.failure)}`,
  "call.refused": (p) =>
    `${p.fn}이(가) 값을 ${p.returned}개 반환했습니다. 입력이 담은 것보다 훨씬 많아(최대 ${p.limit}개) 판정 전에 거부했습니다`,
  "call.failed": (p) => `${p.fn}이(가) 실패했습니다`,
  "build.cannot-import": (p) =>
    `"${p.path}"을(를) import할 수 없습니다: ${IMPORT_REFUSALS[p.why]}. ${ALLOWED_IMPORTS}`,
  "build.reaches-outside": () =>
    `import가 제출물 밖의 파일에 닿습니다(경로를 \`\${…}\`로 만들었나요?). ${ALLOWED_IMPORTS}`,
  "build.at": (p, say) => `${p.where}: ${say(p.error)}\n${p.frame}`,
  "standIn.not-served": (p) =>
    `gradecheck: ${p.fn}은(는) 채점기가 대신 계산해 주는 함수가 아닙니다`,
  "standIn.not-called": (p) =>
    `gradecheck: ${p.judged}이(가) 호출하지 않는 ${p.fn}의 참조 구현 값을 요청했습니다: 채점기는 각 함수가 호출하는 함수만 대신 계산합니다`,
  "standIn.time-up": (p) =>
    `gradecheck: 여러분의 함수 대신 쓰인 참조 구현 ${p.fn}이(가) 이 테스트의 시간을 다 썼습니다`,
  "standIn.too-many": (p) =>
    `gradecheck: ${p.fn}에 값 ${p.entries}개를 넘겼습니다. 채점기가 대신 계산하는 한도(${p.limit}개)보다 많습니다`,
  "standIn.unreadable-generator": (p) =>
    `gradecheck: ${p.fn}의 난수 생성기를 읽을 수 없습니다: ${p.why}`,
  "standIn.reference-failed": (p) =>
    `gradecheck: 이 함수를 따로 채점하는 동안 여러분의 ${p.fn} 대신 쓰인 참조 구현이, 여러분의 코드가 넘긴 입력(${p.inputs})으로 실행되지 못했습니다: ${p.reason}`,
};
