// Compound words written the other way from the documents: "intra corporate" for the passages'
// "intra-corporate" (which the tokenizer joins: see text.ts), "extrabudgetary" for their
// "extra-budgetary" (which it splits). Both sides of the index then see the same terms.

/** How the question's tokens are judged: a token's term, or null for a stop word; whether passages hold a term. */
export interface CompoundContext {
  term(token: string): string | null;
  known(term: string): boolean;
}

// Parts shorter than this are rarely words ("re", "un"); a split of a short word is rarely meant,
// and a very long token is no compound (a pasted hash, a URL): it is not tried part by part.
const MIN_PART = 3;
const MIN_SPLIT_LENGTH = 7;
const MAX_SPLIT_LENGTH = 30;

/**
 * The question's tokens with compounds matched to the documents' form: two tokens become one
 * when passages hold the joined word and not one of the parts ("intra corporate"); an unknown
 * token becomes two when passages hold both parts ("extrabudgetary").
 */
export function matchCompounds(tokens: readonly string[], context: CompoundContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined && joins(token, next, context)) {
      out.push(token + next);
      i++;
      continue;
    }
    out.push(...(split(token, context) ?? [token]));
  }
  return out;
}

function joins(a: string, b: string, { term, known }: CompoundContext): boolean {
  if (/\d/.test(a + b)) return false;
  const [ta, tb] = [term(a), term(b)];
  // Stop words never join ("any one" is not "anyone"); two words the documents both use stay two.
  if (!ta || !tb || (known(ta) && known(tb))) return false;
  const joined = term(a + b);
  return !!joined && known(joined);
}

function split(token: string, { term, known }: CompoundContext): [string, string] | undefined {
  const own = term(token);
  if (!own || known(own) || token.length < MIN_SPLIT_LENGTH || token.length > MAX_SPLIT_LENGTH || /\d/.test(token)) return undefined;
  // The longest known first part: "extrabudgetary" is "extra" + "budgetary".
  for (let k = token.length - MIN_PART; k >= MIN_PART; k--) {
    const [left, right] = [token.slice(0, k), token.slice(k)];
    const [tl, tr] = [term(left), term(right)];
    if (tl && tr && known(tl) && known(tr)) return [left, right];
  }
  return undefined;
}
