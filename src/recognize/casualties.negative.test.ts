import { describe, expect, it } from 'vitest';
import { findCasualties, type CasualtyKind } from './casualties.ts';
import { findNumbers, isCount } from './numbers.ts';

/** Sentences with numbers that are no casualty figure at all. */
describe('no casualty figure', () => {
  it.each([
    // sports scores
    ['فاز الفريق على ضيفه 3-1 في مباراة مثيرة'],
    ['تغلب المنتخب على منافسه بنتيجة 2 - 0 وقتل الوقت في الشوط الثاني'],
    ['انتهت المباراة بالتعادل 1-1 وأصيب المدافع في الدقيقة 70'],
    // phone numbers
    ['للاستفسار اتصلوا على الرقم 0944123456'],
    ['للإبلاغ عن المفقودين يرجى الاتصال على 0933 456 789'],
    ['رقم الطوارئ +963 11 2345678'],
    // articles of law and references
    ['تنص المادة 5 من القانون على حماية المدنيين'],
    ['طالبت الدول بتطبيق القرار 2254 لوقف القتل'],
    ['وقع الهجوم على مقر اللواء 47 قرب المدينة'],
    // dates and times
    ['وقعت الحادثة في 12 مارس 2016'],
    ['اعتقل الناشط في عام 2015'],
    ['اندلع القتال منذ 2011 في المنطقة'],
    ['صدر الحكم في 3/9/2017 في قضية الفساد'],
    ['انطلقت المسيرة الساعة 6 مساء'],
    ['بدأت الاشتباكات الـ 20 من الشهر الجاري'],
    // vehicles, weapons, buildings
    ['شاركت القوات البرية بـ 14 عربة ودبابتين'],
    ['دمرت الغارة 6 منازل وأصابت 3 سيارات'],
    ['أعلن الجيش إصابة 5 أهداف للعدو'],
    ['أسفر القصف عن تدمير 20 آلية عسكرية'],
    ['أطلق المسلحون 3 صواريخ على المطار'],
    ['وإصابة سبع طائرات بأضرار طفيفة'],
    // durations, money, percentages, measures
    ['اعتقل الناشط لمدة 5 سنوات'],
    ['حكم عليه بالسجن 10 سنوات'],
    ['تبلغ تكلفة إعادة الإعمار 2 مليون دولار'],
    ['ارتفعت نسبة البطالة إلى 15 بالمئة'],
    ['وصلت درجة الحرارة إلى 45 درجة'],
    ['يقع المخيم على بعد 5 كيلومترات من الحدود'],
    // escape and release are not displacement or detention; attempts are not killings
    ['أسفر الاستعصاء عن هروب العشرات من عناصر التنظيم المتشدد'],
    ['فر 12 سجينا من السجن المركزي'],
    ['أعلنت الحكومة الإفراج عن 50 معتقلا'],
    ['نجا الوزير من محاولة اغتيال'],
    ['أدانت المنظمة القتل الجماعي'],
    // plain counts of other things
    ['يبلغ عدد سكان المدينة 300 ألف نسمة'],
    ['اجتمع 20 وزيرا في العاصمة'],
    ['عقد المجلس جلسته يوم الاثنين'],
  ])('%s', (s) => {
    expect(findCasualties(s)).toEqual([]);
  });
});

/** Sentences with one real figure and a number that must not become another one. */
describe('the right figure only', () => {
  it.each<[string, CasualtyKind, number[]]>([
    ['قتل جندي يوم الاثنين', 'killed', [1]],
    ['قتل الناشط في عام 2015', 'killed', [1]],
    ['صدر الحكم في 3/9/2017 بعد مقتل الضابط', 'killed', [1]],
    ['قتل 4 أشخاص في 12 مارس 2016', 'killed', [4]],
    ['قتل 3 مدنيين في قصف استمر 3 أيام', 'killed', [3]],
    ['أصيب 6 أشخاص في هجوم على الطريق رقم 5', 'injured', [6]],
    ['مقتل 7 أشخاص بانفجار في مبنى من 14 طابقا', 'killed', [7]],
    ['قتل 5 جنود وأصيب 3 آخرون بعد تدمير 4 آليات', 'killed', [5]],
    ['قتل 5 جنود وأصيب 3 آخرون بعد تدمير 4 آليات', 'injured', [3]],
  ])('%s → %s %j', (s, kind, values) => {
    expect(findCasualties(s).filter((m) => m.kind === kind).map((m) => m.value)).toEqual(values);
  });

  it('the escape of fighters is not a displacement', () => {
    const ms = findCasualties('أسفر الهجوم عن فرار العشرات من عناصر التنظيم ونزوح مئات العائلات');
    expect(ms.map((m) => [m.kind, m.vague])).toEqual([['displaced', { min: 100 }]]);
  });
});

/** The numbers themselves are found but tagged as not counts. */
describe('non-count numbers are tagged', () => {
  it.each<[string, string, string]>([
    ['فاز الفريق على ضيفه 3-1', '3-1', 'score'],
    ['للاستفسار اتصلوا على الرقم 0944123456', '0944123456', 'phone'],
    ['تنص المادة 5 من القانون', '5', 'article-ref'],
    ['قتل الناشط في عام 2015', '2015', 'year'],
    ['انطلقت المسيرة الساعة 6 مساء', '6', 'time'],
    ['وقعت الحادثة في 12 مارس', '12', 'date'],
  ])('%s', (s, text, tag) => {
    const m = findNumbers(s).find((x) => x.text === text);
    expect(m).toBeDefined();
    expect(m!.tags).toContain(tag);
    expect(isCount(m!)).toBe(false);
  });
});

/**
 * The required-word pre-check (every required literal of a rule must be written at or after
 * where the rule is tried, found for all rule words in one pass over the text): a phrase whose
 * later words come after it is kept; a head word whose required words stand only before it
 * may be skipped, and gives nothing.
 */
describe('required words after the rule start', () => {
  it.each([
    ['انفجرت سيارة مفخخة في السوق لكنها لم تسفر عن وقوع إصابات', true],
    ['لم يسجل أي ضحايا في القصف الذي طال المدينة ليلا', true],
    ['ذكرت التقارير أن الإصابات كثيرة، ولم يسفر الاجتماع عن اتفاق', false],
    ['الضحايا كانوا من المدنيين ولم يسجل المراقبون الحادثة', false],
  ])('%s', (text, negated) => {
    expect(findCasualties(text).some((m) => m.negated === true)).toBe(negated);
  });
});
