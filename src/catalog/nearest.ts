// "Did you mean …": how close a mistyped or half-remembered name is to each name and alias.

/** Below this, a suggestion is more likely to puzzle than to help. */
const MIN_SIMILARITY = 0.6;

/** 0..1 similarity of two lookup keys: typos by edit distance, partial names by word containment. */
export function similarity(query: string, candidate: string): number {
  if (!query || !candidate) return 0;
  const longest = Math.max(query.length, candidate.length);
  let score = 1 - editDistance(query, candidate) / longest;
  // "berne" for "berne initiative": a whole-word part of the name is a good hint, more so the
  // more of the name it covers.
  const shorter = query.length <= candidate.length ? query : candidate;
  const longer = shorter === query ? candidate : query;
  if (` ${longer} `.includes(` ${shorter} `)) score = Math.max(score, 0.6 + 0.4 * (shorter.length / longer.length));
  return score;
}

export function isNearEnough(score: number): boolean {
  return score >= MIN_SIMILARITY;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
