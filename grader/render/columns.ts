/**
 * Text laid out in columns on a terminal, by the width it takes there: a Hangul syllable (or any
 * wide character) takes two columns, so `String.padEnd` would misalign a Korean table.
 */
import stringWidth from "string-width";

export const displayWidth = (text: string): number => stringWidth(text);

export const padEnd = (text: string, width: number): string =>
  text + " ".repeat(Math.max(0, width - displayWidth(text)));

export const padStart = (text: string, width: number): string =>
  " ".repeat(Math.max(0, width - displayWidth(text))) + text;
