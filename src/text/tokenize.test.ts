import { describe, expect, it } from 'vitest';
import { cliticReadings, tokenize } from './tokenize.ts';
import { normalizeWithOffsets, normalizeArabic, toAsciiDigits } from './normalize.ts';
import { PhraseMatcher } from './phrase-matcher.ts';
import { splitSentences } from './sentences.ts';

describe('[text/normalize]', () => {
  it.each([
    ['بالحَسَكة', 'بالحسكه'],
    ['إدلب', 'ادلب'],
    ['آذار', 'اذار'],
    ['مستشفى', 'مستشفي'],
    ['شمـــال', 'شمال'],
    ['مسؤول', 'مسوول'],
    ['٢٠٢٢', '2022'],
    ['۱۷۵', '175'],
    ['“داعش”', '"داعش"'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeWithOffsets(input).text).toBe(expected);
    expect(normalizeArabic(input)).toBe(expected);
  });

  it('keeps an offset map through deleted diacritics and tatweel', () => {
    const original = 'قُتِلَ في مدينـة حلب';
    const n = normalizeWithOffsets(original);
    const i = n.text.indexOf('حلب');
    expect(original.slice(n.map[i], n.map[i + 2] + 1)).toBe('حلب');
    const j = n.text.indexOf('مدينه');
    expect(original.slice(n.map[j], n.map[j + 4] + 1)).toBe('مدينـة');
  });

  it('converts digits', () => expect(toAsciiDigits('قتل ١٢ و۳')).toBe('قتل 12 و3'));
});

describe('[text/tokenize] proclitic readings', () => {
  it.each([
    ['بالحسكه', ['بالحسكه', 'حسكه']],
    ['وقامشلو', ['وقامشلو', 'قامشلو']],
    ['لادلب', ['لادلب', 'ادلب']],
    ['للحسكه', ['للحسكه', 'حسكه', 'لحسكه']],
    ['وزير', ['وزير', 'زير']],
    ['بغداد', ['بغداد', 'غداد']],
  ])('%s', (word, keys) => {
    expect(cliticReadings(word).map((r) => r.key)).toEqual(keys);
  });

  it('gives tokens original spans', () => {
    const text = 'قُتل ١٢ شخصاً بالحسكة، أمس.';
    const t = tokenize(text);
    const words = t.tokens.map((tok) => text.slice(tok.start, tok.end));
    expect(words).toEqual(['قُتل', '١٢', 'شخصاً', 'بالحسكة', '،', 'أمس', '.']);
    expect(t.tokens[1].kind).toBe('number');
    expect(t.tokens[1].norm).toBe('12');
  });
});

describe('[text/phrase-matcher]', () => {
  const m = new PhraseMatcher<string>();
  m.add('الحسكة', 'hasakah');
  m.add('قوات سوريا الديمقراطية', 'sdf');
  m.add('قوات', 'forces');
  m.add('تنظيم داعش', 'isis');
  m.add('داعش', 'isis');

  it.each([
    ['وصلت التعزيزات إلى الحسكة أمس', 'الحسكة', 'الحسكة', 'hasakah'],
    ['انفجار بالحسكة', 'بالحسكة', 'الحسكة', 'hasakah'],
    ['وقاتلت قوات سوريا الديمقراطية', 'وقوات سوريا الديمقراطية'.replace('وقوات', 'قوات'), 'قوات سوريا الديمقراطية', 'sdf'],
    ['هجوم لتنظيم “داعش” على السجن', 'لتنظيم “داعش', 'تنظيم “داعش', 'isis'],
  ])('%s', (text, whole, stem, value) => {
    const found = m.findAll(tokenize(text));
    expect(found.length).toBeGreaterThan(0);
    const f = found[0];
    expect(text.slice(f.start, f.end)).toBe(whole);
    expect(f.text).toBe(stem);
    expect(f.values).toContain(value);
  });

  it('prefers the longest match', () => {
    const found = m.findAll(tokenize('أعلنت قوات سوريا الديمقراطية'));
    expect(found.map((f) => f.values[0])).toEqual(['sdf']);
  });

  it('does not match inside other words', () => {
    expect(m.findAll(tokenize('الحسكاوي وقواتهم'))).toEqual([]);
  });
});

describe('[text/sentences]', () => {
  it('splits on full stops and line breaks but not inside quotes or numbers', () => {
    const text = 'قال المتحدث: "وصلنا. ثم غادرنا." وانتهى الاجتماع. بلغت النسبة 3.5 بالمئة.\nفقرة ثانية';
    const parts = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(parts).toEqual(['قال المتحدث: "وصلنا. ثم غادرنا." وانتهى الاجتماع.', 'بلغت النسبة 3.5 بالمئة.', 'فقرة ثانية']);
  });
  it('handles curly quotes', () => {
    const text = 'وقال “هذا أمر. وذاك أمر” ثم انصرف. وبعدها عاد.';
    expect(splitSentences(text).length).toBe(2);
  });
});

describe('[text/phrase-matcher] لل + article', () => {
  it('restores the article of the name', () => {
    const m = new PhraseMatcher<string>();
    m.add('الأمم المتحدة', 'un');
    const [f] = m.findAll(tokenize('وجه رسالة للأمم المتحدة'));
    expect(f.text).toBe('الأمم المتحدة');
    expect(f.values).toEqual(['un']);
  });
});
