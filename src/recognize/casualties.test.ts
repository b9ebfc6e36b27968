import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casualtyRules, findCasualties, sideKey, sumPerSide, type CasualtyKind, type CasualtyMention } from './casualties.ts';
import { dataPath, readTsv } from '../data/tsv.ts';
import { normalizeArabic } from '../text/normalize.ts';

interface Expected {
  kind: CasualtyKind;
  value: number | null;
  /** Text of the whole phrase (evidence span). */
  phrase: string;
  /** Text of the number span, when there is one. */
  number?: string;
  /** Text of the casualty term span. */
  term?: string;
  vague?: { min: number; max?: number };
  side?: string;
  negated?: boolean;
  tag?: string;
}

const slice = (s: string, sp: { start: number; end: number }) => s.slice(sp.start, sp.end);

function expectMention(sentence: string, ms: CasualtyMention[], e: Expected) {
  const m = ms.find((x) => x.kind === e.kind && slice(sentence, x) === e.phrase);
  expect(m, `no ${e.kind} "${e.phrase}" in ${JSON.stringify(ms.map((x) => [x.kind, x.value, slice(sentence, x)]))}`).toBeDefined();
  expect(m!.value).toBe(e.value);
  if (e.number !== undefined) expect(slice(sentence, m!.numberSpan!)).toBe(e.number);
  if (e.term !== undefined) expect(slice(sentence, m!.termSpan)).toBe(e.term);
  if (e.vague) expect(m!.vague).toEqual(e.vague);
  if (e.side !== undefined) expect(m!.side).toBe(e.side);
  expect(!!m!.negated).toBe(!!e.negated);
  if (e.tag) expect(m!.tags).toContain(e.tag);
  expect(m!.rule).toMatch(/^[a-z0-9-]+$/);
  expect(m!.tags).toContain(`rule/${m!.rule}`);
}

describe('findCasualties: killed', () => {
  it.each<[string, Expected]>([
    ['أعلنت الشرطة مقتل 5 أشخاص في انفجار سيارة مفخخة', { kind: 'killed', value: 5, phrase: 'مقتل 5 أشخاص', number: '5', term: 'مقتل' }],
    ['قُتل 12 مدنياً في غارة على السوق الشعبي', { kind: 'killed', value: 12, phrase: 'قُتل 12 مدنياً', side: 'مدنيا' }],
    ['أدى القصف المدفعي إلى سقوط 20 قتيلاً', { kind: 'killed', value: 20, phrase: '20 قتيلاً', number: '20', term: 'قتيلاً' }],
    ['وارتفعت حصيلة القتلى إلى 40 شخصا', { kind: 'killed', value: 40, phrase: 'ارتفعت حصيلة القتلى إلى 40 شخصا', tag: 'toll-update' }],
    ['وبلغ عدد القتلى في الفيضانات 35 شخصا', { kind: 'killed', value: 35, phrase: 'بلغ عدد القتلى في الفيضانات 35 شخصا', tag: 'toll-update' }],
    ['سقط قتيلان في الاشتباك الليلي', { kind: 'killed', value: 2, phrase: 'قتيلان', tag: 'dual' }],
    ['أكدت المصادر مقتل شخص بنيران قناص', { kind: 'killed', value: 1, phrase: 'مقتل شخص', tag: 'singular' }],
    ['سجل مقتل مدني برصاص مجهولين', { kind: 'killed', value: 1, phrase: 'مقتل مدني', side: 'مدني' }],
    ['استشهد شرطيان وجرح ثلاثة آخرون', { kind: 'killed', value: 2, phrase: 'استشهد شرطيان', side: 'شرطيان' }],
    ['أعلنت الفصائل استشهاد 27 من مقاتليها', { kind: 'killed', value: 27, phrase: 'استشهاد 27' }],
    ['واستشهاد 14 من مقاتلي الفصائل', { kind: 'killed', value: 14, phrase: 'استشهاد 14 من مقاتلي الفصائل', side: 'من مقاتلي الفصايل' }],
    ['لقي 3 حتفهم في انهيار المبنى', { kind: 'killed', value: 3, phrase: 'لقي 3 حتفهم' }],
    ['لقي 6 عمال، على الأقل، مصرعهم في المنجم', { kind: 'killed', value: 6, phrase: 'لقي 6 عمال، على الأقل، مصرعهم' }],
    ['عثر الأهالي على جثث 7 أشخاص قرب النهر', { kind: 'killed', value: 7, phrase: 'جثث 7 أشخاص', tag: 'bodies' }],
    ['وقعت مجزرة قتل فيها 7 قرويين', { kind: 'killed', value: 7, phrase: 'قتل فيها 7 قرويين' }],
    ['أكد المرصد مقتل ما لا يقل عن 12 شخصاً', { kind: 'killed', value: 12, phrase: 'مقتل ما لا يقل عن 12 شخصاً', number: 'ما لا يقل عن 12', tag: 'qualifier/at-least' }],
    ['ذكر الدفاع المدني أن 18 شخصا على الأقل قتلوا في الزلزال', { kind: 'killed', value: 18, phrase: '18 شخصا على الأقل قتلوا' }],
    ['خلفت الغارات أربعة قتلى وسبعة جرحى', { kind: 'killed', value: 4, phrase: 'أربعة قتلى', number: 'أربعة' }],
    ['أعدم المسلحون 4 رجال في الساحة', { kind: 'killed', value: 4, phrase: 'أعدم المسلحون 4 رجال', tag: 'gap' }],
    ['أسفرت الاشتباكات عن مقتل أكثر من ثلاثين مسلحا', { kind: 'killed', value: 30, phrase: 'مقتل أكثر من ثلاثين مسلحا', side: 'مسلحا' }],
    ['تراوحت تقديرات عدد القتلى بين 12 و18 قتيلا', { kind: 'killed', value: 12, phrase: '12 و18 قتيلا', vague: { min: 12, max: 18 } }],
    ['قالت العائلة إن مزارعا لقي مصرعه برصاص الحرس', { kind: 'killed', value: 1, phrase: 'إن مزارعا لقي مصرعه' }],
    ['أدانت النقابة اغتيال الصحفي في منزله', { kind: 'killed', value: 1, phrase: 'اغتيال الصحفي', tag: 'definite' }],
    ['أكد الجيش مقتل جندي تركي', { kind: 'killed', value: 1, phrase: 'مقتل جندي تركي', side: 'جندي تركي' }],
    ['أفادت الوزارة بمقتل 9 فلسطينيين', { kind: 'killed', value: 9, phrase: 'مقتل 9 فلسطينيين', side: 'فلسطينيين' }],
    ['تحدثت الأنباء عن عشرات القتلى في الريف', { kind: 'killed', value: null, phrase: 'عشرات القتلى', vague: { min: 10 }, tag: 'vague' }],
    ['أعلن الدفاع المدني مقتل مدنيين اثنين', { kind: 'killed', value: 2, phrase: 'مقتل مدنيين اثنين' }],
    ['وقالت الوكالة إن 10 متظاهرين لقوا مصرعهم', { kind: 'killed', value: 10, phrase: '10 متظاهرين لقوا' }],
    ['أقدم التنظيم على قطع رؤوس 5 رهائن', { kind: 'killed', value: 5, phrase: 'قطع رؤوس 5 رهائن' }],
    ['أدى انهيار المنجم إلى فقدان 8 عمال لحياتهم', { kind: 'killed', value: 8, phrase: 'فقدان 8 عمال لحياتهم' }],
  ])('%s', (s, e) => {
    expectMention(s, findCasualties(s), e);
  });

  it('tags "killed and injured" figures as ambiguous', () => {
    const s = 'أسفر الهجوم عن مقتل وإصابة 10 جنود';
    const [m] = findCasualties(s);
    expect(m.kind).toBe('killed');
    expect(m.value).toBe(10);
    expect(m.tags).toContain('ambiguous');
    expect(slice(s, m)).toBe('مقتل وإصابة 10 جنود');
    expect(findCasualties(s).filter((x) => x.kind === 'injured')).toEqual([]);
  });

  it('tags "N between killed and wounded" as ambiguous', () => {
    const ms = findCasualties('وتحدث شهود عن سقوط عشرات القتلى والجرحى');
    expect(ms).toHaveLength(1);
    expect(ms[0].value).toBeNull();
    expect(ms[0].vague).toEqual({ min: 10 });
    expect(ms[0].tags).toContain('ambiguous');
  });

  it('adds victims joined by و to the same phrase', () => {
    const s = 'قتل 9 أطفال وامرأتان في القصف';
    const ms = findCasualties(s).filter((m) => m.kind === 'killed');
    expect(ms.map((m) => [m.value, m.side])).toEqual([
      [9, 'اطفال'],
      [2, 'امراتان'],
    ]);
    expect(ms[1].tags).toContain('coordinated');
    expect(sumPerSide(ms)).toBe(11);
  });

  it('keeps per-side figures of one phrase apart', () => {
    const s = 'قُتل 8 من عناصر الأمن و5 من المهاجمين';
    const ms = findCasualties(s);
    expect(ms.map((m) => [m.value, m.side])).toEqual([
      [8, 'من عناصر الامن'],
      [5, 'من المهاجمين'],
    ]);
    expect(sumPerSide(ms)).toBe(13);
  });

  it('does not count a part of a figure ("بينهم 6 أطفال")', () => {
    const ms = findCasualties('أدى القصف إلى مقتل 20 مدنيا بينهم 6 أطفال قتلوا تحت الأنقاض');
    expect(ms.map((m) => m.value)).toEqual([20]);
  });

  it('reads the day name الاثنين as a day, not as two', () => {
    const ms = findCasualties('قتل جندي يوم الاثنين');
    expect(ms.map((m) => [m.kind, m.value])).toEqual([['killed', 1]]);
  });
});

describe('findCasualties: injured, detained, displaced, missing', () => {
  it.each<[string, Expected]>([
    ['أسفر الحادث عن مقتل 5 أشخاص وإصابة 30 آخرين', { kind: 'injured', value: 30, phrase: 'إصابة 30 آخرين', term: 'إصابة' }],
    ['وأصيب 30 آخرون بجروح متفاوتة', { kind: 'injured', value: 30, phrase: 'أصيب 30 آخرون' }],
    ['نقل 4 جرحى إلى المستشفى', { kind: 'injured', value: 4, phrase: '4 جرحى' }],
    ['سقط 11 جريحاً في التدافع', { kind: 'injured', value: 11, phrase: '11 جريحاً' }],
    ['جرح 9 متظاهرين بالرصاص الحي', { kind: 'injured', value: 9, phrase: 'جرح 9 متظاهرين' }],
    ['أسفر الانفجار عن إصابة طفل', { kind: 'injured', value: 1, phrase: 'إصابة طفل', tag: 'singular' }],
    ['أصيب العشرات بحالات اختناق', { kind: 'injured', value: null, phrase: 'أصيب العشرات', vague: { min: 10 } }],
    ['اعتقلت قوات الأمن 15 شخصا في المدينة', { kind: 'detained', value: 15, phrase: 'اعتقلت قوات الأمن 15 شخصا', tag: 'gap' }],
    ['ألقت الشرطة القبض على 4 مشتبه بهم', { kind: 'detained', value: 4, phrase: 'القبض على 4', term: 'القبض على' }],
    ['تواصل احتجاز 9 صيادين منذ أسبوع', { kind: 'detained', value: 9, phrase: 'احتجاز 9 صيادين' }],
    ['أعلن الجيش توقيف 6 مهربين', { kind: 'detained', value: 6, phrase: 'توقيف 6' }],
    ['تمكن المسلحون من أسر جنديين', { kind: 'detained', value: 2, phrase: 'أسر جنديين', tag: 'dual' }],
    ['نددت المنظمة باختطاف 12 طالبا', { kind: 'detained', value: 12, phrase: 'اختطاف 12 طالبا', tag: 'abducted' }],
    ['أدت المعارك إلى نزوح 2000 عائلة من القرى الحدودية', { kind: 'displaced', value: 2000, phrase: 'نزوح 2000 عائلة', tag: 'families' }],
    ['تسبب القصف في فرار آلاف المدنيين من المدينة', { kind: 'displaced', value: null, phrase: 'فرار آلاف المدنيين', vague: { min: 1000 } }],
    ['ندد المجلس بتهجير 500 شخص', { kind: 'displaced', value: 500, phrase: 'تهجير 500 شخص' }],
    ['دفعت المعارك أكثر من 10 آلاف مدني إلى النزوح', { kind: 'displaced', value: 10000, phrase: 'أكثر من 10 آلاف مدني إلى النزوح', tag: 'qualifier/more-than' }],
    ['نزح نحو 3 آلاف شخص خلال يومين', { kind: 'displaced', value: 3000, phrase: 'نزح نحو 3 آلاف شخص' }],
    ['يقيم 40 ألف نازح في المخيم', { kind: 'displaced', value: 40000, phrase: '40 ألف نازح' }],
    ['أبلغت العائلات عن فقدان 6 صيادين في البحر', { kind: 'missing', value: 6, phrase: 'فقدان 6 صيادين' }],
    ['لا يزال 11 شخصا في عداد المفقودين', { kind: 'missing', value: 11, phrase: '11 شخصا في عداد المفقودين' }],
  ])('%s', (s, e) => {
    expectMention(s, findCasualties(s), e);
  });
});

describe('findCasualties: explicit "no casualties"', () => {
  it.each([
    ['سقطت قذيفة على الحي دون وقوع إصابات', 'دون وقوع إصابات'],
    ['لم يسفر الانفجار عن ضحايا', 'لم يسفر الانفجار عن ضحايا'],
    ['لم تسجل إصابات بين المدنيين', 'لم تسجل إصابات'],
    ['لا ضحايا في الحريق', 'لا ضحايا'],
    ['انفجرت العبوة دون أن تسفر عن أي خسائر بشرية', 'دون أن تسفر عن أي خسائر بشرية'],
    ['ولم ترد أنباء عن وقوع إصابات', 'لم ترد أنباء عن وقوع إصابات'],
    ['واقتصرت الأضرار على الماديات', 'اقتصرت الأضرار على الماديات'],
    ['أكد الدفاع المدني عدم وقوع إصابات', 'عدم وقوع إصابات'],
  ])('%s', (s, phrase) => {
    const ms = findCasualties(s);
    const killed = ms.find((m) => m.kind === 'killed');
    expect(killed, JSON.stringify(ms)).toBeDefined();
    expect(killed!.value).toBe(0);
    expect(killed!.negated).toBe(true);
    expect(slice(s, killed!)).toBe(phrase);
    expect(sumPerSide(ms)).toBe(0);
  });
});

describe('findCasualties: the seed article', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // the repository's copy of the seed article (examples/articles/seed-hasakah.txt)
  const seedFile = path.join(here, '..', '..', 'examples', 'articles', 'seed-hasakah.txt');
  const text = readFileSync(seedFile, 'utf8');
  const ms = findCasualties(text);

  it('gives the two killed figures with their sides', () => {
    const killed = ms.filter((m) => m.kind === 'killed');
    expect(killed.map((m) => [m.value, m.side])).toEqual([
      [175, 'من عناصر داعش'],
      [27, 'من مقاتلي قسد'],
    ]);
    expect(slice(text, killed[0])).toBe('مقُتل 175 من عناصر “داعش');
    expect(slice(text, killed[0].numberSpan!)).toBe('175');
    expect(slice(text, killed[0].termSpan)).toBe('مقُتل');
    expect(slice(text, killed[1].termSpan)).toBe('استشهاد');
  });

  it('adds the per-side figures: 175 + 27 = 202', () => {
    expect(sumPerSide(ms)).toBe(202);
  });

  it('finds nothing else (vehicles, escaped prisoners, dates, hours)', () => {
    expect(ms.filter((m) => m.kind !== 'killed')).toEqual([]);
  });
});

describe('sumPerSide', () => {
  const m = (value: number | null, extra: Partial<CasualtyMention> = {}): CasualtyMention => ({
    kind: 'killed',
    value,
    start: 0,
    end: 1,
    termSpan: { start: 0, end: 1 },
    rule: 'test-rule',
    tags: [],
    ...extra,
  });

  it.each<[string, CasualtyMention[], number | null]>([
    ['two sides are added', [m(175, { side: 'من عناصر داعش' }), m(27, { side: 'من مقاتلي قسد' })], 202],
    ['a repeated figure counts once', [m(5, { side: 'جنود' }), m(5, { side: 'من الجنود' })], 5],
    ['a repeated unsided figure counts once', [m(5), m(5)], 5],
    ['"تنظيم داعش" and "داعش" are one side', [m(9, { side: 'من عناصر تنظيم داعش' }), m(9, { side: 'من عناصر داعش' })], 9],
    ['conflicting figures give the lowest', [m(7), m(9)], 7],
    ['a toll update gives the highest', [m(7), m(9, { tags: ['toll-update'] }), m(8, { tags: ['toll-update'] })], 9],
    ['an unsided total above the per-side sum wins', [m(10), m(6, { side: 'مدنيين' }), m(3, { side: 'جنود' })], 10],
    ['children counted among civilians are not added again', [m(20, { side: 'مدنيا' }), m(6, { side: 'اطفال' })], 20],
    ['children and women alone are added', [m(9, { side: 'اطفال' }), m(2, { side: 'امراتان' })], 11],
    ['an explicit "no casualties" is 0', [m(0, { negated: true })], 0],
    ['a figure beats a "no casualties"', [m(0, { negated: true }), m(3)], 3],
    ['vague amounts give null', [m(null, { vague: { min: 10 } })], null],
    ['no mention gives null', [], null],
    ['an ambiguous "killed and injured" figure alone gives null', [m(10, { tags: ['ambiguous'] })], null],
    ['an ambiguous figure is ignored beside a clear one', [m(10, { tags: ['ambiguous'] }), m(4)], 4],
    ['other kinds are ignored', [m(4), m(30, { kind: 'injured' })], 4],
  ])('%s', (_name, ms, expected) => {
    expect(sumPerSide(ms)).toBe(expected);
  });

  it('sums the injured when asked', () => {
    expect(sumPerSide([m(4), m(30, { kind: 'injured', side: 'مدنيين' }), m(2, { kind: 'injured', side: 'جنود' })], 'injured')).toBe(32);
  });

  it.each([
    ['من عناصر تنظيم داعش', 'داعش'],
    ['من مقاتلي قسد', 'قسد'],
    ['مدنيين', 'civilian'],
    ['المدنيين', 'civilian'],
    ['مدنيا', 'civilian'],
    ['فلسطينيين', 'فلسطين'],
    ['الفلسطينيين', 'فلسطين'],
    ['أشخاص', ''],
    [undefined, ''],
  ])('sideKey(%s) = %s', (side, key) => {
    expect(sideKey(side)).toBe(key);
  });
});

describe('casualty lexicons', () => {
  const lex = (f: string, cols: string[]) => readTsv(dataPath('lexicons', 'ar', f), cols);

  it('rules have unique kebab-case reasons and compile', () => {
    const rows = lex('casualty-terms.tsv', ['reason', 'kind', 'pattern']);
    const reasons = rows.map((r) => r.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const r of reasons) expect(r).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(casualtyRules()).toHaveLength(rows.length);
  });

  it('rules emit known kinds or block', () => {
    for (const r of lex('casualty-terms.tsv', ['reason', 'kind', 'pattern'])) {
      const kinds = r.kind === '-' ? [] : r.kind.split(',');
      for (const k of kinds) expect(['killed', 'injured', 'detained', 'displaced', 'missing'], r.reason).toContain(k);
      if (r.value) expect(Number.isInteger(Number(r.value)), r.reason).toBe(true);
    }
  });

  it('every kind has rules', () => {
    const kinds = new Set(casualtyRules().flatMap((r) => r.kinds));
    for (const k of ['killed', 'injured', 'detained', 'displaced', 'missing']) expect(kinds.has(k as CasualtyKind)).toBe(true);
  });

  it('victim nouns are unique with known numbers and classes', () => {
    const rows = lex('casualty-victims.tsv', ['form', 'number', 'class', 'key']);
    const forms = rows.map((r) => normalizeArabic(r.form));
    expect(new Set(forms).size).toBe(forms.length);
    const classes = new Set(['generic', 'civilian', 'child', 'woman', 'combatant', 'security', 'detainee', 'family', 'nationality']);
    for (const r of rows) {
      expect(['pl', 'sg', 'du'], r.form).toContain(r.number);
      expect(classes.has(r.class), r.form).toBe(true);
    }
  });

  it('non-victim nouns and stop words have no duplicates', () => {
    const nv = lex('casualty-nonvictims.tsv', ['word']).map((r) => normalizeArabic(r.word));
    expect(new Set(nv).size).toBe(nv.length);
    const sw = lex('casualty-stopwords.tsv', ['word', 'use']).map((r) => `${normalizeArabic(r.word)}|${r.use}`);
    expect(new Set(sw).size).toBe(sw.length);
  });
});
