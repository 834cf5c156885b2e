/**
 * A sentence as data: a code and its parameters, which each locale's catalog words. The report
 * keeps an English message for every test; where that message holds sentences the grader does not
 * know by type (an assignment's laws and checks, say), the report keeps their phrases beside it,
 * so that a renderer can word the same report in another language.
 */

/** The languages gradecheck speaks to learners. */
export const LANGS = ["en", "ko"] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (name: string): name is Lang => (LANGS as readonly string[]).includes(name);

/**
 * A phrase's parameter, any JSON value: shown as it is (numbers, shapes, code), data the entry
 * words (a gradient's row), or phrases to word in turn.
 */
export type PhraseParam =
  | string
  | number
  | boolean
  | null
  | readonly PhraseParam[]
  | { readonly [key: string]: PhraseParam };

export type Phrase = {
  code: string;
  params?: Readonly<Record<string, PhraseParam>>;
};

/** Words a nested phrase in the catalog's language. */
export type Say = (phrase: Phrase) => string;

/**
 * A locale's sentences by code. Each entry takes the phrase's parameters (typed by the entry) and
 * `say`, which words a phrase given as a parameter.
 */
// biome-ignore lint/suspicious/noExplicitAny: each entry types its own parameters
export type Catalog = Readonly<Record<string, (params: any, say: Say) => string>>;

/** The same codes as `english`, each taking the same parameters: a catalog's translation. */
export type Translation<C extends Catalog> = { readonly [K in keyof C]: C[K] };

/** Thrown when no catalog has a phrase's code (a renderer then keeps the English text). */
export class UnknownPhrase extends Error {
  override name = "UnknownPhrase";
}

/**
 * Words phrases with the first of `catalogs` that has their code, else with `known` (the words a
 * phrase came with).
 */
export function sayer(
  catalogs: readonly Catalog[],
  known: (phrase: Phrase) => string | undefined = () => undefined,
): Say {
  const say: Say = (phrase) => {
    for (const catalog of catalogs) {
      if (Object.hasOwn(catalog, phrase.code))
        return (catalog[phrase.code] as Catalog[string])(phrase.params ?? {}, say);
    }
    const words = known(phrase);
    if (words !== undefined) return words;
    throw new UnknownPhrase(`no words for the phrase "${phrase.code}"`);
  };
  return say;
}

/** A phrase with its English words, as the code that says it makes it. */
export interface Said {
  text: string;
  phrase: Phrase;
}

/** Text of an assignment's or a check's: the same in every language (math, code), or said. */
export type Text = string | Said;

export const textOf = (text: Text): string => (typeof text === "string" ? text : text.text);
export const phraseOf = (text: Text | undefined): Phrase | undefined =>
  text === undefined || typeof text === "string" ? undefined : text.phrase;

/** A phrase's parameter that is a phrase or plain text, worded. */
export const sayParam = (param: Phrase | string, say: Say): string =>
  typeof param === "string" ? param : say(param);

/** A phrase's parameters as its maker takes them: a nested phrase may come said (with its English). */
export type Given<T> = T extends Phrase
  ? Phrase | Said
  : T extends readonly (infer E)[]
    ? readonly Given<E>[]
    : T extends object
      ? { [K in keyof T]: Given<T[K]> }
      : T;

const isSaid = (value: unknown): value is Said =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Said).text === "string" &&
  typeof (value as Said).phrase === "object";

/** Parameters as a phrase keeps them: each nested Said as its phrase, its English noted in `texts`. */
function stored(value: unknown, texts: Map<Phrase, string>): unknown {
  if (isSaid(value)) {
    texts.set(value.phrase, value.text);
    return value.phrase;
  }
  if (Array.isArray(value)) return value.map((v) => stored(v, texts));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stored(v, texts)]));
  return value;
}

/**
 * The maker of `english`'s phrases, worded as they are made: `said("sigmoid.nan", { z: "0.5" })`
 * is the phrase and its English text. A phrase nested in the parameters, of another catalog, comes
 * said: its English words it here, and the phrase keeps its code for other languages.
 */
export function phrasebook<C extends Catalog>(english: C) {
  return <K extends keyof C & string>(
    code: K,
    params?: { [P in keyof Parameters<C[K]>[0]]: Given<Parameters<C[K]>[0][P]> },
  ): Said => {
    const texts = new Map<Phrase, string>();
    const phrase: Phrase =
      params === undefined
        ? { code }
        : { code, params: stored(params, texts) as Phrase["params"] & object };
    return { text: sayer([english], (p) => texts.get(p))(phrase), phrase };
  };
}
