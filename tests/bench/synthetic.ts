// Synthetic corpora for the benchmark, made deterministically from the real paper's sentences:
// shuffled into new passages and varied (a place name, a year, a number per passage) so that
// common words like "migration" and "workers" match most passages, as in a real library of
// migration papers, while the vocabulary keeps growing with the corpus.

import type { Passage } from '../../src/corpus/types.js';
import { splitSentences } from '../../src/answer/sentences.js';
import { seededRandom } from '../../src/random.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'to', 'ne', 'su', 'va', 'dor', 'lin', 'bar', 'tes', 'mon', 'gal', 'ri', 'sha'];


export function syntheticPassages(source: readonly Passage[], count: number, seed = 2006): Passage[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sentences = source.flatMap((p) => splitSentences(p.text).map((s) => s.text));
  const sections = [...new Set(source.map((p) => p.section))];
  const place = () => {
    const n = 2 + Math.floor(rand() * 2);
    let name = '';
    for (let i = 0; i < n; i++) name += pick(SYLLABLES);
    return name[0]!.toUpperCase() + name.slice(1);
  };
  const passages: Passage[] = [];
  const docs = Math.max(1, Math.round(count / 60));
  for (let i = 0; i < count; i++) {
    const doc = i % docs;
    const n = 2 + Math.floor(rand() * 4);
    const body: string[] = [];
    for (let k = 0; k < n; k++) body.push(pick(sentences));
    body.push(`In ${place()}, the ${1990 + Math.floor(rand() * 35)} review counted ${10 + Math.floor(rand() * 990)} cases.`);
    const section = `${pick(sections)}`;
    passages.push({
      id: `synthetic-${doc}/${i}`,
      doc: `synthetic-${doc}`,
      document: `Synthetic migration paper ${doc + 1}`,
      section,
      text: body.join(' '),
    });
  }
  return passages;
}
