/**
 * A Korean particle after a word that is only known when the sentence is made: 이/가, 을/를, 은/는,
 * 과/와 and (으)로 depend on whether the word's last syllable ends in a consonant (받침). Hangul
 * and digits are read as they sound; a word in code (`backwardPropagation`, `dW1`) gets both
 * forms, 이(가), as Korean software writes it.
 */
type Pair = "이/가" | "을/를" | "은/는" | "과/와" | "으로/로";

/** The last sound's final consonant: 0 for none, 8 for ㄹ, another number for another one. */
const DIGIT_FINALS = [16, 8, 0, 16, 0, 0, 1, 8, 8, 0]; // 영 일 이 삼 사 오 육 칠 팔 구

function finalOf(word: string): number | undefined {
  // "dW1[1,0]" and "σ(0.5)" read to their last number: a closing bracket is not heard, nor a
  // closing quote (’ ”, escaped: the build's script is ASCII, bin/bundle.mjs).
  const last = word.replace(/[\s)\]}'"\u2019\u201D]+$/u, "").at(-1);
  if (last === undefined) return undefined;
  const code = last.codePointAt(0) as number;
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28;
  if (last >= "0" && last <= "9") return DIGIT_FINALS[Number(last)];
  return undefined;
}

export function josa(word: string, pair: Pair): string {
  const [withFinal, without] = pair.split("/") as [string, string];
  const final = finalOf(word);
  if (final === undefined)
    return pair === "으로/로" ? `${word}(으)로` : `${word}${withFinal}(${without})`;
  // ㄹ takes 로, like a word without a final consonant.
  if (pair === "으로/로") return `${word}${final === 0 || final === 8 ? without : withFinal}`;
  return `${word}${final === 0 ? without : withFinal}`;
}
