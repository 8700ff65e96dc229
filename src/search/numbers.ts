// Numbers written in words become digits, so "nineteen forty-nine" finds "1949", "ninety-second
// session" finds "92nd session" and "eighty-six million" finds "86 million". Works on the tokens
// of a text (hyphens already split "forty-nine" in two), the same way for passages and questions.
// Lone small numbers ("four", "fourth") are left to the term step (text.ts), which turns them into digits.

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

const unit = new Map(UNITS.map((w, i) => [w, i]));
const tens = new Map(TENS.map((w, i) => [w, i * 10]).filter(([w]) => w) as [string, number][]);
const ordinalUnit = new Map(ORDINAL_UNITS.map((w, i) => [w, i]).filter(([w]) => w) as [string, number][]);
const ordinalTens = new Map(ORDINAL_TENS.map((w, i) => [w, i * 10]).filter(([w]) => w) as [string, number][]);
const SCALE = new Map([['hundred', 100], ['thousand', 1000], ['million', 1_000_000], ['billion', 1_000_000_000]]);

/** Cardinal number words: units, tens and scales ("four", "ninety", "million"). */
export const CARDINAL_WORDS: readonly string[] = [...UNITS, ...tens.keys(), ...SCALE.keys()];

/** The digits of a number word below twenty ("four" → "4"), which the term step writes for it. */
export function unitDigits(word: string): string | undefined {
  const n = unit.get(word);
  return n === undefined ? undefined : String(n);
}

const ORDINAL_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const smallOrdinal = new Map([...ordinalUnit, ...ORDINAL_TEENS.map((w, i) => [w, i + 10] as [string, number])]);

/** The digits of an ordinal word below twenty ("fourth" → "4th"), so "the 4th issue" finds "the fourth issue". */
export function ordinalDigits(word: string): string | undefined {
  const n = smallOrdinal.get(word);
  return n === undefined ? undefined : `${n}${ordinalSuffix(n)}`;
}

/** The number of an ordinal below twenty, in words or digits ("fourth", "4th" → 4). */
export function ordinalNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  const digits = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(lower);
  return digits ? Number(digits[1]) : smallOrdinal.get(lower);
}

interface Read {
  value: number;
  /** Index of the token after the number. */
  end: number;
  ordinal: boolean;
  /** Made of a tens word ("forty", "forty-nine"), so it can be the second half of a year. */
  tensBased: boolean;
}

const lower = (tokens: readonly string[], i: number) => tokens[i]?.toLowerCase();

/** A number below a hundred at i: "seven", "forty", "forty nine", "sixty first", "twentieth". */
function belowHundred(tokens: readonly string[], i: number): Read | undefined {
  const w = lower(tokens, i);
  if (w === undefined) return undefined;
  const t = tens.get(w);
  if (t !== undefined) {
    const next = lower(tokens, i + 1);
    const u = next === undefined ? undefined : unit.get(next);
    if (u !== undefined && u > 0 && u < 10) return { value: t + u, end: i + 2, ordinal: false, tensBased: true };
    const o = next === undefined ? undefined : ordinalUnit.get(next);
    if (o !== undefined) return { value: t + o, end: i + 2, ordinal: true, tensBased: true };
    return { value: t, end: i + 1, ordinal: false, tensBased: true };
  }
  const ot = ordinalTens.get(w);
  if (ot !== undefined) return { value: ot, end: i + 1, ordinal: true, tensBased: true };
  const u = unit.get(w);
  if (u !== undefined) return { value: u, end: i + 1, ordinal: false, tensBased: false };
  return undefined;
}

/** A whole number phrase at i, or undefined when none starts there. */
function readNumber(tokens: readonly string[], i: number): Read | undefined {
  const first = belowHundred(tokens, i);
  if (!first) return undefined;
  // "nineteen forty-nine", "nineteen ninety", "twenty twenty": a year.
  if (!first.ordinal && first.value >= 11 && first.value <= 20) {
    const second = belowHundred(tokens, first.end);
    if (second && second.tensBased) return { value: first.value * 100 + second.value, end: second.end, ordinal: second.ordinal, tensBased: false };
  }
  // "two hundred and five", "two thousand and four", "eighty-six million" (a scale word ends the phrase).
  let value = first.value;
  let end = first.end;
  let ordinal = first.ordinal;
  while (!ordinal) {
    const scale = SCALE.get(lower(tokens, end) ?? '');
    if (!scale || scale >= 1_000_000) break;
    value *= scale;
    end++;
    const and = lower(tokens, end) === 'and' ? end + 1 : end;
    const rest = belowHundred(tokens, and);
    if (!rest) break;
    value += rest.value;
    end = rest.end;
    ordinal = rest.ordinal;
  }
  return { value, end, ordinal, tensBased: false };
}

function ordinalSuffix(n: number): string {
  const last2 = n % 100;
  if (last2 >= 11 && last2 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

// Every word a number phrase can start with: most tokens are passed over on one lookup.
const STARTERS: ReadonlySet<string> = new Set([...unit.keys(), ...tens.keys(), ...ordinalTens.keys()]);

// Their first two letters (lower case), as one code each: most tokens fail here, before the set is hashed.
const STARTER_PAIRS: ReadonlySet<number> = new Set([...STARTERS].map((w) => w.charCodeAt(0) * 128 + w.charCodeAt(1)));

function startsNumber(token: string): boolean {
  if (token.length < 3 || token.length > 10) return false;
  const c = token.charCodeAt(0);
  if (!STARTER_PAIRS.has((c | 32) * 128 + (token.charCodeAt(1) | 32))) return false;
  // Most words are lower case: fold only a capitalised one ("Ninety-three countries").
  return STARTERS.has(c >= 65 && c <= 90 ? token.toLowerCase() : token);
}

/** The tokens with number phrases of more than one word, and tens words, written as digits. */
export function numberPhrases(tokens: readonly string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!startsNumber(token)) {
      out?.push(token);
      continue;
    }
    const read = readNumber(tokens, i);
    // A lone unit word ("four") is left as it is: the term step reads it.
    if (!read || (read.end === i + 1 && unit.has(token.toLowerCase()))) {
      out?.push(token);
      continue;
    }
    out ??= tokens.slice(0, i);
    out.push(read.ordinal ? `${read.value}${ordinalSuffix(read.value)}` : String(read.value));
    i = read.end - 1;
  }
  return out ?? (tokens as string[]);
}
