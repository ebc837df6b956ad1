/**
 * The "skeleton" of a name: what a reviewer sees, with the differences they cannot see taken out,
 * after Unicode TR #39 (confusable detection). Two names with the same skeleton are the same name
 * for uniqueness: `Essex Police`, `Essex  Police`, `Еssex Police` (Cyrillic Е), `Essex Pol\u200Bice`.
 *
 * The confusable table is the common Latin look-alikes from Cyrillic and Greek, plus the digits and
 * letters that pass for each other in most fonts; enough for names typed into a YAML file.
 */

const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  А: 'a',
  а: 'a',
  В: 'b',
  в: 'b',
  Е: 'e',
  е: 'e',
  Ё: 'e',
  ё: 'e',
  К: 'k',
  к: 'k',
  М: 'm',
  м: 'm',
  Н: 'h',
  н: 'h',
  О: 'o',
  о: 'o',
  Р: 'p',
  р: 'p',
  С: 'c',
  с: 'c',
  Т: 't',
  т: 't',
  У: 'y',
  у: 'y',
  Х: 'x',
  х: 'x',
  І: 'l',
  і: 'i',
  Ј: 'j',
  ј: 'j',
  Ѕ: 's',
  ѕ: 's',
  ԁ: 'd',
  Ԛ: 'q',
  ԛ: 'q',
  Ԝ: 'w',
  ԝ: 'w',
  Ӏ: 'l',
  ӏ: 'l',
  һ: 'h',
  ո: 'n',
  ս: 'u',
  // Greek
  Α: 'a',
  α: 'a',
  Β: 'b',
  β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'l',
  ι: 'i',
  Κ: 'k',
  κ: 'k',
  Μ: 'm',
  Ν: 'n',
  ν: 'v',
  Ο: 'o',
  ο: 'o',
  Ρ: 'p',
  ρ: 'p',
  Τ: 't',
  τ: 't',
  Υ: 'y',
  υ: 'u',
  Χ: 'x',
  χ: 'x',
  // Latin and digits that pass for each other
  I: 'l',
  '1': 'l',
  '|': 'l',
  '0': 'o',
};

/** Invisible characters, which NFKC keeps: format characters (zero-width, bidirectional) and fillers. */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;

export function skeleton(name: string): string {
  return Array.from(name.normalize('NFKC').replace(INVISIBLE, ''), (c) => CONFUSABLES[c] ?? c)
    .join('')
    .toLowerCase()
    .replace(/rn/g, 'm')
    .replace(/\s+/g, ' ')
    .trim();
}
