import { describe, expect, it } from 'vitest';
import { PhraseMatcher, phraseKeys } from './phrase-matcher.ts';
import { tokenize, type TokenizedText } from './tokenize.ts';

const SKIPPABLE = new Set(['"', "'", '«', '»', '(', ')', '-', '`']);

/** Brute force: longest phrase at token i over every reading of its first word (first reading wins ties). */
function reference(phrases: Array<[string[], string]>, t: TokenizedText, i: number): { end: number; values: string[] } | null {
  const first = t.tokens[i];
  if (!first || first.kind === 'punct') return null;
  let best: { end: number; values: string[] } | null = null;
  for (const reading of first.readings) {
    let bestEnd = -1;
    for (const [keys] of phrases) {
      if (keys[0] !== reading.key) continue;
      let j = i + 1;
      let ok = true;
      for (let k = 1; k < keys.length && ok; k++) {
        while (j < t.tokens.length - 1 && t.tokens[j].kind === 'punct' && SKIPPABLE.has(t.tokens[j].norm)) j++;
        const tok = t.tokens[j];
        if (!tok || tok.kind === 'punct' || tok.key !== keys[k]) ok = false;
        else j++;
      }
      if (ok && j > bestEnd) bestEnd = j;
    }
    if (bestEnd < 0 || (best && bestEnd <= best.end)) continue;
    const values: string[] = [];
    for (const [keys, v] of phrases) {
      if (keys.length === 0 || keys[0] !== reading.key) continue;
      // the phrase spelled by tokens i..bestEnd (quotes skipped), with this reading's first key
      const words = [reading.key, ...t.tokens.slice(i + 1, bestEnd).filter((x) => x.kind !== 'punct').map((x) => x.key)];
      if (words.join(' ') === keys.join(' ') && !values.includes(v)) values.push(v);
    }
    best = { end: bestEnd, values };
  }
  return best;
}

describe('[text/phrase-matcher]', () => {
  const names = ['حلب', 'ريف حلب', 'ريف حلب الشمالي', 'الأمم المتحدة', 'تنظيم داعش', 'داعش', 'قوات سوريا الديمقراطية', 'سوريا'];
  const m = new PhraseMatcher<string>();
  names.forEach((n) => m.add(n, n));

  it('finds longest matches with proclitics and quotes', () => {
    const t = tokenize('قصفت قوات سوريا الديمقراطية مواقع تنظيم “داعش” في ريف حلب الشمالي وللأمم المتحدة مكتب');
    const found = m.findAll(t).map((x) => [x.text, x.values[0]]);
    expect(found).toEqual([
      ['قوات سوريا الديمقراطية', 'قوات سوريا الديمقراطية'],
      ['تنظيم “داعش', 'تنظيم داعش'],
      ['ريف حلب الشمالي', 'ريف حلب الشمالي'],
      ['الأمم المتحدة', 'الأمم المتحدة'],
    ]);
  });

  it('keeps several values of one phrase in order, once each', () => {
    const a = new PhraseMatcher<number>();
    a.add('حلب', 1);
    a.add('حلب', 2);
    a.add('حلب', 1);
    expect(a.matchAt(tokenize('في حلب'), 1)?.values).toEqual([1, 2]);
    expect(a.size).toBe(3);
  });

  it('sees phrases added after it was used', () => {
    const a = new PhraseMatcher<string>();
    a.add('حمص', 'x');
    const t = tokenize('بين حمص وحماة');
    expect(a.findAll(t).length).toBe(1);
    a.add('حماة', 'y');
    expect(a.findAll(t).map((x) => x.values[0])).toEqual(['x', 'y']);
    expect(a.mayStartAt(t, 2)).toBe(true);
  });

  it('works the same beyond the shared start masks (many matchers)', () => {
    const t = tokenize('غارة على ريف حلب الشمالي');
    const many = Array.from({ length: 40 }, () => {
      const x = new PhraseMatcher<string>();
      names.forEach((n) => x.add(n, n));
      return x;
    });
    for (const x of many) expect(x.findAll(t).map((y) => y.text)).toEqual(['ريف حلب الشمالي']);
  });

  it('answers out of range and on marks', () => {
    const t = tokenize('حلب ، حلب');
    expect(m.matchAt(t, -1)).toBeNull();
    expect(m.matchAt(t, 9)).toBeNull();
    expect(m.mayStartAt(t, -1)).toBe(false);
    expect(m.mayStartAt(t, 9)).toBe(false);
    expect(m.mayStartAt(t, 1)).toBe(false);
    expect(m.findAll(t, 1, 3).map((x) => x.startToken)).toEqual([2]);
  });

  it('agrees with a brute-force matcher on many phrases (table growth)', () => {
    const words = ['حلب', 'ريف', 'الشمالي', 'قوات', 'سوريا', 'داعش', 'مدينة', 'الجنوبي', 'بلدة', 'نهر', 'جبل', 'الغربي'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const phrases: Array<[string[], string]> = [];
    const big = new PhraseMatcher<string>();
    for (let k = 0; k < 1500; k++) {
      const len = 1 + rnd(4);
      const p = Array.from({ length: len }, () => words[rnd(words.length)] + (rnd(3) === 0 ? String(rnd(50)) : '')).join(' ');
      big.add(p, `v${k % 700}`);
      phrases.push([phraseKeys(p), `v${k % 700}`]);
    }
    let matched = 0;
    for (let d = 0; d < 20; d++) {
      const text = Array.from({ length: 40 }, () => (rnd(8) === 0 ? '«' : '') + ['و', 'ب', 'لل', ''][rnd(4)] + words[rnd(words.length)] + (rnd(3) === 0 ? String(rnd(50)) : '')).join(' ');
      const t = tokenize(text);
      for (let i = 0; i < t.tokens.length; i++) {
        const got = big.matchAt(t, i);
        const want = reference(phrases, t, i);
        expect(got ? { end: got.endToken, values: got.values } : null).toEqual(want);
        if (got) expect(big.mayStartAt(t, i)).toBe(true);
        if (got && got.endToken > i + 1) matched++;
      }
    }
    expect(matched).toBeGreaterThan(50);
  });
});
