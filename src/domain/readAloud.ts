/**
 * Reading a page aloud with the phone's own speech engine: which voice to use
 * for the page's language, and where its sentences start and end. Pure (no
 * DOM, no speechSynthesis), so the rules are unit-tested in Node.
 */

/** What the reader needs of a SpeechSynthesisVoice. */
export interface VoiceLike {
  lang: string;
  name: string;
  localService: boolean;
  default?: boolean;
}

/** A voice speaks a language when its tag's first part is the language: `km-KH`, `km`, `km_KH`. */
export function voiceSpeaks(voice: Pick<VoiceLike, 'lang'>, language: string): boolean {
  return voice.lang.toLowerCase().replace('_', '-').split('-')[0] === language.toLowerCase();
}

/**
 * The voice for a page in `language`, or undefined when the phone has none.
 * A voice that runs on the phone comes before one that needs the network (its
 * engine would send the text away); then the engine's default; then the list's order.
 */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], language: string): V | undefined {
  const speaking = voices.filter((v) => voiceSpeaks(v, language));
  const rank = (v: V) => (v.localService ? 0 : 2) + (v.default ? 0 : 1);
  return [...speaking].sort((a, b) => rank(a) - rank(b))[0];
}

/** Reading speeds offered (SpeechSynthesisUtterance.rate): slow, normal, fast. */
export const SPEEDS = [0.75, 1, 1.25] as const;
export type Speed = (typeof SPEEDS)[number];

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Sentence ends when Intl.Segmenter is missing: Khmer khan ។ and bariyoosan ៕, and . ! ? followed by a space. */
const FALLBACK_END = /[។៕!?]+[\s»”"')\]]*|\.(?=\s)[\s»”"')\]]*/g;

/**
 * The sentences of `text` as offsets into it, trimmed of the spaces around
 * them; pieces with nothing to say (spaces, punctuation alone) are dropped.
 * `Intl.Segmenter` knows Khmer's ។ and English abbreviations; without it a
 * simple rule splits after the marks that end a sentence.
 */
export function splitSentences(text: string, language: string): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) {
    for (const s of new Segmenter(language, { granularity: 'sentence' }).segment(text)) raw.push({ start: s.index, end: s.index + s.segment.length });
  } else {
    let start = 0;
    for (const m of text.matchAll(FALLBACK_END)) {
      const end = (m.index ?? 0) + m[0].length;
      raw.push({ start, end });
      start = end;
    }
    if (start < text.length) raw.push({ start, end: text.length });
  }
  const spans: SentenceSpan[] = [];
  let carry: number | undefined;
  for (let { start, end } of raw) {
    while (start < end && /\s/.test(text[start]!)) start += 1;
    while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
    const piece = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(piece)) continue;
    // A list number alone ("1.", "១២.") is read with the sentence it numbers.
    if (/^\p{N}{1,3}[.)]$/u.test(piece)) { carry ??= start; continue; }
    spans.push({ start: carry ?? start, end });
    carry = undefined;
  }
  return spans;
}

/** The language part of a page's `lang` (`km`, `en-GB` → `en`). */
export function languageOf(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? tag;
}
