/** Every language's catalog, by its code. */
import type { Lang } from "../core/phrase.ts";
import { en } from "./en/index.ts";
import { ko } from "./ko/index.ts";
import type { Words } from "./words.ts";

export const catalogs: Readonly<Record<Lang, Words>> = { en, ko };
