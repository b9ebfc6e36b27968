import { describe, expect, it } from 'vitest';
import { KeyFilter, keyHash } from './key-filter.ts';
import { PhraseMatcher } from './phrase-matcher.ts';
import { tokenize } from './tokenize.ts';

describe('[text/key-filter]', () => {
  const keys = ['حسكه', 'قوات', 'داعش', 'حلب', 'مدنيين', 'شخصا'];
  const f = KeyFilter.of(keys);

  it.each(keys)('knows %s', (k) => expect(f.mayHave(keyHash(k))).toBe(true));

  it('says no to most other words (one hash, 16 bits a key)', () => {
    const others = tokenize('أعلنت وزارة الدفاع اليوم أن الطائرات قصفت مواقع في ريف إدلب الجنوبي وأسفرت الغارات عن دمار كبير').tokens.map((t) => t.key);
    expect(others.filter((k) => f.mayHave(keyHash(k))).length).toBeLessThanOrEqual(1);
  });

  it('is FNV-1a over UTF-16 code units', () => {
    expect(keyHash('')).toBe(0x811c9dc5);
    expect(keyHash('a')).toBe(0xe40c292c);
  });
});

describe('[text/tokenize] keys and hashes the matchers use', () => {
  it.each([
    ['قُتل ١٢ شخصاً بالحسكة', ['قتل', '12', 'شخصا', 'بالحسكه']],
    ['وصلت القوات إلى الحسكة', ['وصلت', 'قوات', 'الي', 'حسكه']],
    ['هجوم لتنظيم “داعش”', ['هجوم', 'لتنظيم', '"', 'داعش', '"']],
  ])('%s', (text, expected) => {
    const t = tokenize(text);
    expect(t.tokens.map((tok) => tok.key)).toEqual(expected);
    for (const tok of t.tokens) for (const r of tok.readings) expect(r.hash).toBe(keyHash(r.key));
  });
});

describe('[text/phrase-matcher] first-key filter', () => {
  it.each([
    // text, phrase added after a first lookup, expected value
    ['قصفت الطائرات مدينة الحسكة', 'الحسكة', 'hasakah'],
    ['اشتباكات مع قوات سوريا الديمقراطية في الرقة', 'قوات سوريا الديمقراطية', 'sdf'],
    ['هجوم لتنظيم “داعش” على السجن', 'تنظيم داعش', 'isis'],
  ])('finds phrases added after the filter was built: %s', (text, phrase, value) => {
    const m = new PhraseMatcher<string>();
    m.add('مدينة', 'city');
    m.findAll(tokenize(text));
    m.add(phrase, value);
    expect(m.findAll(tokenize(text)).flatMap((x) => x.values)).toContain(value);
  });
});

describe('[text/phrase-matcher] findAll skips tokens no phrase can start at', () => {
  const m = new PhraseMatcher<string>();
  m.add('قوات سوريا الديمقراطية', 'sdf');
  m.add('تنظيم داعش', 'isis');
  m.add('الحسكة', 'hasakah');
  /** findAll as it was before the inline pre-check: matchAt at every token. */
  const everyToken = (text: string) => {
    const t = tokenize(text);
    const out = [];
    for (let i = 0; i < t.tokens.length; ) {
      const x = m.matchAt(t, i);
      if (x) {
        out.push(x);
        i = x.endToken;
      } else i++;
    }
    return out;
  };
  it.each([
    // text, values it must keep (none: every token may be skipped)
    ['اشتباكات بين قوات سوريا الديمقراطية وتنظيم “داعش” بريف الحسكة', ['sdf', 'isis', 'hasakah']],
    ['وصلت القوات إلى الحسكة بعد هجوم لتنظيم داعش', ['hasakah', 'isis']],
    ['أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة', []],
  ])('%s', (text, values) => {
    const found = m.findAll(tokenize(text));
    expect(found.flatMap((x) => x.values)).toEqual(values);
    expect(found).toEqual(everyToken(text));
  });
});

describe('[text/phrase-matcher] mayStartAt', () => {
  const m = new PhraseMatcher<string>();
  m.add('تنظيم داعش', 'isis');
  m.add('الحسكة', 'hasakah');
  it.each([
    'هجوم لتنظيم “داعش” على سجن في الحسكة',
    'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد',
  ])('is true wherever matchAt finds a phrase: %s', (text) => {
    const t = tokenize(text);
    for (let i = 0; i <= t.tokens.length; i++) if (m.matchAt(t, i)) expect(m.mayStartAt(t, i)).toBe(true);
    expect(m.mayStartAt(t, t.tokens.length)).toBe(false);
  });
});
