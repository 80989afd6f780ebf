import type { Language } from '../domain/vocabulary.js';

/** Lower case without diacritics, so "přihlášení" and "prihlaseni" meet on the same term. */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

// Words that carry no topic: without them an unrelated question shares no term with any article.
const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  cs: new Set(
    (
      'a aby aj ale ani asi az bez bude budu by byl byla bylo byt co coz do i ja jak jake jaky je jeho jej jen jeste ' +
      'ji jsem jsme jsou jste k kam kde kdo kdy kdyz ke ktera ktere ktery mi mne mit mam mate me moje muj mu muze ' +
      'muzu mohu na nad nam nas ne neco nebo nez ni o od po pod pokud pro proc protoze pri s se si sve svuj svym ' +
      'ta tak take tam te tedy ten tento tato toto to tu ty u uz v ve vas vam vy z za ze zda dobry den dekuji prosim'
    ).split(' '),
  ),
  en: new Set(
    (
      'a about am an and any are as at be been but by can could did do does for from had has have hello hi how i ' +
      'if in is it its me my of on or our please so than that the their them then there this to was we were what ' +
      'when where which who why will with would you your thanks thank'
    ).split(' '),
  ),
};

// Czech inflects by suffix; stripping the commonest case and verb endings (longest first) lets
// "přihlášení", "přihlášením" and "přihlásit" share a stem. Applied to folded text, so no diacritics.
const CS_SUFFIXES = [
  'ovani',
  'ovat',
  'ujete',
  'ujeme',
  'ujes',
  'uje',
  'atech',
  'etem',
  'atum',
  'ech',
  'ich',
  'ych',
  'ymi',
  'imi',
  'ami',
  'emi',
  'eho',
  'emu',
  'ymu',
  'iho',
  'imu',
  'ovi',
  'ove',
  'ovy',
  'eni',
  'ani',
  'ite',
  'ete',
  'ila',
  'ilo',
  'ili',
  'ali',
  'ala',
  'alo',
  'it',
  'et',
  'at',
  'il',
  'al',
  'ou',
  'em',
  'om',
  'am',
  'ym',
  'im',
  'ho',
  'mu',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
];
// Possessive and adjectival "-ov-" survives case stripping in some forms ("dvoufázovým") but not others.
const CS_SECOND_PASS = ['ov'];
const EN_SUFFIXES = ['ings', 'ing', 'ies', 'ied', 'ed', 'es', 's'];
const MIN_STEM = 3;

function stripSuffix(term: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (term.length - suffix.length >= MIN_STEM && term.endsWith(suffix)) {
      return term.slice(0, -suffix.length);
    }
  }
  return term;
}

/** The term processor shared by indexing and querying: fold, drop stop words, stem lightly. */
export function termProcessor(language: Language): (term: string) => string | null {
  const stopWords = STOP_WORDS[language];
  const suffixes = language === 'cs' ? CS_SUFFIXES : EN_SUFFIXES;
  return (term) => {
    const folded = foldTerm(term);
    if (folded.length < 2 || stopWords.has(folded)) return null;
    const stem = stripSuffix(folded, suffixes);
    return language === 'cs' ? stripSuffix(stem, CS_SECOND_PASS) : stem;
  };
}
