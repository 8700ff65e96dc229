// Country names, from the `countries-list` package (ISO 3166 names, with their common aliases),
// so "Which countries…?" can tell a quote that names countries from one that only counts them
// ("covering 22 countries"). Loaded on first use; nothing here is specific to one document.

import { continents, countries } from 'countries-list';
import { plainText } from '../catalog/words.js';

let names: { single: Set<string>; longest: number; multi: Set<string>; codes: Set<string> } | undefined;

function load() {
  const single = new Set<string>();
  const multi = new Set<string>();
  // Abbreviations ("UK", "UAE") match only in capitals: "us" is a pronoun, "US" a country.
  const codes = new Set<string>();
  // "America" for the United States would make "North America" a country.
  const continentWords = new Set(Object.values(continents).flatMap((c) => wordsOf(c)));
  let longest = 1;
  for (const c of Object.values(countries) as { name: string; alias?: string[] }[]) {
    for (const name of [c.name, ...(c.alias ?? [])]) {
      if (/^\p{Lu}{2,}$/u.test(name)) {
        codes.add(name);
        continue;
      }
      const words = wordsOf(name);
      if (words.length === 1 && continentWords.has(words[0]!)) continue;
      if (!words.length) continue;
      if (words.length === 1) single.add(words[0]!);
      else multi.add(words.join(' '));
      longest = Math.max(longest, words.length);
    }
  }
  return { single, multi, longest, codes };
}

const wordsOf = (text: string) => plainText(text).toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);

/** The country names a text mentions ("Hong Kong SAR, Indonesia" → hong kong, indonesia), lower-cased. */
export function countriesIn(text: string): string[] {
  names ??= load();
  const words = wordsOf(text);
  const found: string[] = [];
  for (const code of text.match(/\b\p{Lu}{2,}\b/gu) ?? []) if (names.codes.has(code) && !found.includes(code.toLowerCase())) found.push(code.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(names.longest, words.length - i); n >= 1; n--) {
      const phrase = n === 1 ? words[i]! : words.slice(i, i + n).join(' ');
      if (n === 1 ? names.single.has(phrase) : names.multi.has(phrase)) {
        if (!found.includes(phrase)) found.push(phrase);
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

// A continent as people name it, and the adjective they use for it ("Asian countries").
const REGION_WORDS: ReadonlyMap<string, string> = new Map([
  ['africa', 'AF'], ['african', 'AF'],
  ['asia', 'AS'], ['asian', 'AS'],
  ['europe', 'EU'], ['european', 'EU'],
  ['oceania', 'OC'],
]);

let byContinent: Map<string, string[]> | undefined;

/** The country names of the continent a word names ("Asia", "African"), or none. */
export function countriesOfRegion(word: string): readonly string[] {
  const code = REGION_WORDS.get(word.toLowerCase());
  if (!code) return [];
  if (!byContinent) {
    byContinent = new Map();
    for (const c of Object.values(countries) as { name: string; continent: string }[]) {
      const list = byContinent.get(c.continent) ?? [];
      list.push(c.name);
      byContinent.set(c.continent, list);
    }
  }
  return byContinent.get(code) ?? [];
}
