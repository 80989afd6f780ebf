import { isWoman, vocative } from 'czech-vocative';

const NAME = /^\p{Lu}[\p{Ll}'-]+$/u;

/**
 * How a Czech letter addresses the customer: "pane Nováku", "paní Svobodová" (the vocative of the
 * surname after the title). Undefined when the form is uncertain (one word, initials, a first name and
 * a surname that disagree on gender, as foreign names often do): no name is better than a wrong one.
 */
export function czechAddress(fullName: string | undefined): string | undefined {
  const names = fullName?.trim().split(/\s+/u) ?? [];
  if (names.length < 2 || !names.every((name) => NAME.test(name))) return undefined;
  const first = names[0] as string;
  const surname = names[names.length - 1] as string;
  const woman = isWoman(surname);
  if (isWoman(first) !== woman) return undefined;
  return woman ? `paní ${surname}` : `pane ${vocative(surname, false, true)}`;
}
