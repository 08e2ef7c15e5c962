/**
 * English words for search: British and American spellings folded to one
 * (labour and labor, centre and center, organise and organize, travelled and
 * traveled), then a light stemmer, so "passports", "trafficked" and
 * "trafficking" meet "passport" and "traffick". Both the index and the query
 * use these, so only consistency matters, not which spelling wins.
 */

/** Words that carry no subject: dropped from a query unless nothing else is left. */
export const ENGLISH_STOP_WORDS = new Set(
  ('a an and are as at be been being by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my mine of on or our ours she should so than that the their them then there these they this those to was we were ' +
    'what when where which who whom why will with would you your yours am may might must shall not no').split(' '),
);

/** British spellings with the American one, as regular expressions over a whole lower-case word. */
const SPELLINGS: [RegExp, string][] = [
  // -our → -or (labour, neighbour, behaviour, favourite, colourful…), only for these stems.
  [/^(labo|neighbo|behavio|colo|hono|favo|harbo|rumo|humo|endeavo|vigo|savio|armo|odo|flavo|paralo)ur/, '$1r'],
  // -ise → -ize, -isation → -ization (organise, recognised, prioritising…), only for these stems.
  [/^(organi|recogni|reali|apologi|critici|authori|prioriti|speciali|emphasi|minimi|maximi|utili|legali|mobili|penali|standardi|summari|sympathi|categori|characteri|finali|memori|sociali|victimi|criminali|stabili|harmoni|civili|hospitali|normali|neutrali|moderni|computeri|digiti)s(e|es|ed|ing|ation|ations|er|ers)?$/, '$1z$2'],
  // -re → -er (centre, metre, litre, theatre, fibre).
  [/^(cent|met|lit|theat|fib|somb)re(s|d)?$/, '$1er$2'],
  // -ce → -se for these nouns (licence, defence, offence, pretence).
  [/^(licen|defen|offen|preten)ce(s)?$/, '$1se$2'],
  // A doubled l before an ending (travelled, cancelling, counsellor, labelled, modelling, signalling…).
  [/^(travel|cancel|label|counsel|model|fuel|signal|level|marvel|jewel|quarrel|channel|tunnel|total|dial|equal)l(ed|ing|er|ers|or|ors)$/, '$1$2'],
  [/^programme(s)?$/, 'program$1'],
  [/^enrol(ment|ments|s)?$/, 'enroll$1'],
  [/^fulfil(ment|s)?$/, 'fulfill$1'],
  [/^judgement(s)?$/, 'judgment$1'],
  [/^ageing$/, 'aging'],
  [/^mum(s)?$/, 'mom$1'],
];

/** The American spelling of a lower-case word, or the word. */
export function americanSpelling(word: string): string {
  for (const [pattern, replacement] of SPELLINGS) if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}

/**
 * A light English stemmer: enough that "passports", "trafficked" and "trafficking" meet "passport"
 * and "traffick", and "rules" meets "rule" (only the s of -es goes, as in Harman's S-stemmer).
 */
export function stem(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  for (const [suffix, min] of [['ies', 4], ['ing', 5], ['ed', 4], ['ly', 4], ['s', 3]] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min - 1) {
      w = suffix === 'ies' ? `${w.slice(0, -3)}y` : w.slice(0, -suffix.length);
      if (suffix === 's' && (w.endsWith('s') || w.endsWith('u'))) w += 's'; // "class", "status" stay whole
      break;
    }
  }
  return w;
}

/** A word as the index keeps it: American spelling, stemmed. */
export const englishTerm = (word: string) => stem(americanSpelling(word));

/** Damerau–Levenshtein distance up to 1 (one letter added, dropped, changed, or two swapped). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // one dropped or added
}
