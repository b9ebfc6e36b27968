import { describe, expect, it } from 'vitest';
import { findNumbers, isCount, numberLexicons, type NumberMention } from './numbers.ts';
import { dataPath, readTsv } from '../data/tsv.ts';
import { normalizeArabic } from '../text/normalize.ts';

type Expected = { text: string } & Partial<Pick<NumberMention, 'value' | 'vague' | 'qualifier'>> & { tag?: string };

/** The mention whose text is `text`; its span must point at that text in the original. */
function mention(sentence: string, text: string): NumberMention {
  const ms = findNumbers(sentence);
  const m = ms.find((x) => x.text === text);
  expect(m, `no mention "${text}" in ${JSON.stringify(ms.map((x) => x.text))}`).toBeDefined();
  expect(sentence.slice(m!.start, m!.end)).toBe(text);
  return m!;
}

function check(sentence: string, e: Expected) {
  const m = mention(sentence, e.text);
  if ('value' in e) expect(m.value).toBe(e.value);
  if (e.vague) expect(m.vague).toEqual(e.vague);
  else expect(m.vague).toBeUndefined();
  if (e.qualifier) expect(m.qualifier).toBe(e.qualifier);
  if (e.tag) expect(m.tags).toContain(e.tag);
  return m;
}

describe('findNumbers: digits', () => {
  it.each<[string, Expected]>([
    ['قالت الشرطة إن 12 شخصا أصيبوا في الحادث', { text: '12', value: 12, tag: 'digits' }],
    ['سقط ١٧ قتيلاً في القصف', { text: '١٧', value: 17 }],
    ['تضرر 1,500 منزل بسبب السيول', { text: '1,500', value: 1500 }],
    ['نزح ١٬٢٠٠ شخص من الحي', { text: '١٬٢٠٠', value: 1200 }],
    ['فر 2.500 شخص من البلدة', { text: '2.500', value: 2500 }],
    ['ارتفع المؤشر 3.5 نقطة', { text: '3.5', value: 3.5 }],
    ['وصل 3 آلاف لاجئ إلى الحدود', { text: '3 آلاف', value: 3000, tag: 'scale' }],
    ['يعيش 1.5 مليون نازح في المخيمات', { text: '1.5 مليون', value: 1500000 }],
    ['نزوح 270 ألف شخص خلال أسبوعين', { text: '270 ألف', value: 270000 }],
  ])('%s', (s, e) => {
    const m = check(s, e);
    expect(isCount(m)).toBe(true);
  });
});

describe('findNumbers: number words', () => {
  it.each<[string, Expected]>([
    ['أصيب خمسة عشر طالبا في المدرسة', { text: 'خمسة عشر', value: 15 }],
    ['قتل ثلاثة وعشرون مدنيا', { text: 'ثلاثة وعشرون', value: 23 }],
    ['اعتقل مئة وخمسون شابا', { text: 'مئة وخمسون', value: 150 }],
    ['فر ألفان من السكان', { text: 'ألفان', value: 2000 }],
    ['وصل ثلاثمائة لاجئ إلى الميناء', { text: 'ثلاثمائة', value: 300 }],
    ['جرح عشرين متظاهرا', { text: 'عشرين', value: 20 }],
    ['قدرت الأمم المتحدة العدد بثلاثة آلاف وخمسمائة', { text: 'ثلاثة آلاف وخمسمائة', value: 3500 }],
    ['نزح أحد عشر ألفاً من السكان', { text: 'أحد عشر ألفاً', value: 11000 }],
    ['هجر سبعة آلاف و400 شخص', { text: 'سبعة آلاف و400', value: 7400 }],
    ['اعتقل اثنا عشر ناشطا', { text: 'اثنا عشر', value: 12 }],
    ['قتل ثلاث مئة مسلح', { text: 'ثلاث مئة', value: 300 }],
    ['لجأ مليون ونصف إلى الدول المجاورة', { text: 'مليون ونصف', value: 1500000 }],
    ['أعيد واحد وثلاثون صيادا', { text: 'واحد وثلاثون', value: 31 }],
    ['وأربعة جرحى', { text: 'أربعة', value: 4 }],
    ['أصيب بخمسة أشخاص', { text: 'خمسة', value: 5 }],
  ])('%s', (s, e) => {
    check(s, e);
  });

  it('keeps two numbers joined by و apart when the second is not a larger order', () => {
    const ms = findNumbers('قتل ثلاثة وأصيب أربعة');
    expect(ms.map((m) => m.value)).toEqual([3, 4]);
  });

  it.each([
    ['يوم الاثنين الماضي'],
    ['لست متأكدا من الخبر'],
    ['خلال الأيام الثلاثة الأولى'],
    ['عقد الاجتماع يوم الأحد'],
    ['أحد البوابات الخارجية'],
  ])('finds no count in "%s"', (s) => {
    expect(findNumbers(s).filter((m) => isCount(m))).toEqual([]);
  });
});

describe('findNumbers: qualifiers', () => {
  it.each<[string, Expected]>([
    ['قتل أكثر من 500 شخص', { text: 'أكثر من 500', value: 500, qualifier: 'more-than' }],
    ['أكثر من عشرين مدنيا', { text: 'أكثر من عشرين', value: 20, qualifier: 'more-than' }],
    ['أصيب نحو 40 مسلحا', { text: 'نحو 40', value: 40, qualifier: 'about' }],
    ['نزح حوالي خمسين عائلة', { text: 'حوالي خمسين', value: 50, qualifier: 'about' }],
    ['قرابة 200 شخص', { text: 'قرابة 200', value: 200, qualifier: 'about' }],
    ['مقتل ما لا يقل عن 8 جنود', { text: 'ما لا يقل عن 8', value: 8, qualifier: 'at-least' }],
    ['قتل 9 على الأقل', { text: '9 على الأقل', value: 9, qualifier: 'at-least' }],
    ['قتل 9 أشخاص على الأقل', { text: '9', value: 9, qualifier: 'at-least' }],
    ['جرح أقل من 10 أشخاص', { text: 'أقل من 10', value: 10, qualifier: 'less-than' }],
    ['استشهد عدد (3) ضابط', { text: 'عدد (3)', value: 3, qualifier: 'exact' }],
  ])('%s', (s, e) => {
    check(s, e);
  });
});

describe('findNumbers: vague amounts and ranges', () => {
  it.each<[string, Expected]>([
    ['أصيب العشرات في التدافع', { text: 'العشرات', value: null, vague: { min: 10 } }],
    ['نزح المئات من الأهالي', { text: 'المئات', value: null, vague: { min: 100 } }],
    ['تظاهر الآلاف في الساحة', { text: 'الآلاف', value: null, vague: { min: 1000 } }],
    ['عاد آلاف النازحين', { text: 'آلاف', value: null, vague: { min: 1000 } }],
    ['اعتقل عدد من الناشطين', { text: 'عدد من', value: null, vague: { min: 2 } }],
    ['أصيب عدة أشخاص', { text: 'عدة', value: null, vague: { min: 2 } }],
    ['فر عشرات الآلاف من النازحين', { text: 'عشرات الآلاف', value: null, vague: { min: 10000 } }],
    ['وصل بضعة صحفيين', { text: 'بضعة', value: null, vague: { min: 3, max: 9 } }],
    ['قدرت الحصيلة بين 30 و50 قتيلا', { text: '30 و50', value: 30, vague: { min: 30, max: 50 }, tag: 'range' }],
    ['تراوحت التقديرات ما بين عشرين إلى ثلاثين', { text: 'عشرين إلى ثلاثين', value: 20, vague: { min: 20, max: 30 } }],
    ['سقط 20-30 قتيلا', { text: '20-30', value: 20, vague: { min: 20, max: 30 }, tag: 'range' }],
  ])('%s', (s, e) => {
    const m = check(s, e);
    expect(isCount(m)).toBe(true);
  });
});

describe('findNumbers: numbers that are not counts are tagged', () => {
  it.each<[string, string, string]>([
    ['اندلعت الاحتجاجات في عام 2014', '2014', 'year'],
    ['تعيش البلاد أزمة منذ 2011', '2011', 'year'],
    ['وقعت الحادثة في 12 مارس 2019', '12', 'date'],
    ['وقعت الحادثة في 12 مارس 2019', '2019', 'year'],
    ['بين عامي 2012 و2016', '2016', 'year'],
    ['صدر البيان في 3/9/2017', '3/9/2017', 'date'],
    ['تنص المادة 5 من الدستور على ذلك', '5', 'article-ref'],
    ['طالب بتطبيق القرار 2254', '2254', 'article-ref'],
    ['فاز المنتخب على ضيفه 3-1', '3-1', 'score'],
    ['للتواصل اتصلوا على 0933 456 789', '0933 456 789', 'phone'],
    ['انطلقت المسيرة عند الساعة 6 مساء', '6', 'time'],
    ['بدأت الجلسة عند 10:30', '10:30', 'time'],
    ['ارتفعت البطالة إلى 15 بالمئة', '15', 'percent'],
    ['ارتفع التضخم إلى 40 %', '40', 'percent'],
    ['بلغت الكلفة 2 مليون دولار', '2 مليون', 'money'],
    ['استمر الحصار 3 أيام', '3', 'duration'],
    ['يبلغ من العمر 45 عاماً', '45', 'duration'],
    ['أسقطت طائرة سوخوي 24', '24', 'model'],
    ['حلقت مقاتلات F-16 فوق المدينة', '16', 'model'],
    ['في الـ 20 من الشهر الجاري', '20', 'date'],
    ['هاجموا مقر اللواء 47', '47', 'ref'],
    ['على بعد 5 كيلومترات', '5', 'measure'],
  ])('%s: %s is %s', (s, text, tag) => {
    const m = mention(s, text);
    expect(m.tags).toContain(tag);
    expect(isCount(m)).toBe(false);
  });
});

describe('number lexicons', () => {
  it('parse, with known kinds and without duplicate forms', () => {
    const rows = readTsv(dataPath('lexicons', 'ar', 'number-words.tsv'), ['form', 'value', 'kind']);
    const forms = rows.map((r) => normalizeArabic(r.form));
    expect(new Set(forms).size).toBe(forms.length);
    for (const r of rows) expect(Number.isFinite(Number(r.value))).toBe(true);
    expect(numberLexicons().words.size).toBe(forms.length);
  });

  it('cover every unit, ten and hundred', () => {
    const values = new Set([...numberLexicons().words.values()].map((e) => e.value));
    for (const v of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 2000, 1e6, 1e9]) {
      expect(values.has(v), String(v)).toBe(true);
    }
  });

  it('have no duplicate vague phrases or qualifiers', () => {
    for (const [f, col] of [
      ['number-vague.tsv', 'phrase'],
      ['number-qualifiers.tsv', 'phrase'],
    ] as const) {
      const rows = readTsv(dataPath('lexicons', 'ar', f), [col]).map((r) => `${normalizeArabic(r[col])}|${r.position ?? ''}`);
      expect(new Set(rows).size, f).toBe(rows.length);
    }
  });
});
