// The tokenizer splits by hand; it must cut text exactly where the Unicode regex split did.

import { describe, expect, it } from 'vitest';
import { joinPrefixes, splitTokens, tokenize } from '../../src/search/text.js';
import { seededRandom } from '../../src/random.js';

const regexSplit = (text: string) => text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);

describe('splitTokens', () => {
  it('cuts tricky text where the Unicode regex split does', () => {
    for (const text of [
      'C143, C 97 and No.143: 58/208 — “quoted” migrants’ rights',
      'naïve café Ærø ÉMIGRATION e\u0301migration',
      'tab\tNUL\u0000zero\u200bwidth\u00a0nbsp',
      'emoji 😀 and 𝐂143 (mathematical bold), 𠀀 (astral letter), lone \ud800 surrogate \udc00',
      'ｍｉｇｒａｎｔ ١٢٣ ⅻ ²',
      '',
      '  ,;. ',
    ]) {
      expect(splitTokens(text), text).toEqual(regexSplit(text));
    }
  });

  it('cuts random text over many scripts where the regex split does', () => {
    const rand = seededRandom(11);
    const ranges = [[0x20, 0x7e], [0xa0, 0x24f], [0x300, 0x36f], [0x2000, 0x206f], [0x4e00, 0x4e40], [0xd800, 0xdfff], [0x1f600, 0x1f640], [0x1d400, 0x1d440]];
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let k = 0; k < 40; k++) {
        const [lo, hi] = ranges[Math.floor(rand() * ranges.length)]!;
        text += String.fromCodePoint(lo! + Math.floor(rand() * (hi! - lo! + 1)));
      }
      expect(splitTokens(text)).toEqual(regexSplit(text));
    }
  });

  it('still joins prefixes and drops invisible characters', () => {
    expect(tokenize('co-operation and multi-lateral, second-generation mi\u200bgrants')).toEqual(['cooperation', 'and', 'multilateral', 'second', 'generation', 'migrants']);
  });
});

describe('joinPrefixes', () => {
  const regexJoin = (text: string) => text.replace(/\b(co|pre|anti|multi|inter|intra|sub|semi|socio|macro|micro)-(?=\p{L})/giu, '$1');

  it('joins where the regex did, and only there', () => {
    for (const text of ['Co-operation, CO-OP and co-op', 'disco-dance, x_co-op, 9co-op', 'éco-op, co-co-op, anti-anti-war', 'pre-école, inter-État, multi-𝒜x', 'co-, -co, co--op, sub- 4', 'Sub-Saharan micro-finance and macro-economic', 'ſub-x', '']) {
      expect(joinPrefixes(text), text).toBe(regexJoin(text));
    }
  });

  it('joins random text where the regex does', () => {
    const rand = seededRandom(7);
    const pieces = ['co', 'pre', 'Multi', 'SUB', 'inter', '-', '-', 'a', 'é', ' ', '_', '9', 'x', '𝒜', 'ſ'];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let k = 0; k < 8; k++) text += pieces[Math.floor(rand() * pieces.length)];
      expect(joinPrefixes(text), text).toBe(regexJoin(text));
    }
  });
});
