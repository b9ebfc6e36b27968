/**
 * @module dates/index.test
 * Table-driven tests of parseDates: [sentence, published, expected mention]. Each expected
 * mention names the text of its span, which must occur once in the sentence; the test checks
 * the span offsets against it. Sentences are written for these tests (the seed article is the
 * only borrowed text).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeWithOffsets } from '../text/normalize.ts';
import { parseDates, parseDatesNormalized, type DateMention } from './index.ts';

type Expected = Partial<Omit<DateMention, 'start' | 'end'>> & { text: string };

/** Finds the mention whose span is `expected.text` and checks its fields and offsets. */
function expectMention(sentence: string, published: string | null, expected: Expected): DateMention {
  const mentions = parseDates(sentence, { published });
  const found = mentions.find((m) => m.text === expected.text);
  if (!found) {
    throw new Error(`[dates] no mention "${expected.text}" in "${sentence}"; got ${JSON.stringify(mentions.map((m) => m.text))}`);
  }
  const at = sentence.indexOf(expected.text);
  expect(found.start, `[dates] start of "${expected.text}"`).toBe(at);
  expect(found.end).toBe(at + expected.text.length);
  const { tags, ...fields } = expected;
  expect(found).toMatchObject(fields);
  for (const t of tags ?? []) expect(found.tags, `[dates] tag ${t}`).toContain(t);
  return found;
}

const THU = '2022-01-27'; // the seed's publication day, a Thursday

const day = (d: string) => ({ startDate: d, endDate: d, precision: 'day' as const });

describe('[dates] relative days', () => {
  it.each<[string, string | null, Expected]>([
    ['قصفت الطائرات الحربية أطراف البلدة أمس وأوقعت جرحى', THU, { text: 'أمس', ...day('2022-01-26'), kind: 'point' }],
    ['اندلعت مواجهات عنيفة في السوق البارحة بين الطرفين', THU, { text: 'البارحة', ...day('2022-01-26') }],
    ['وكانت الاشتباكات قد بدأت أول أمس عند الحاجز', THU, { text: 'أول أمس', ...day('2022-01-25') }],
    ['وأكد المتحدث باسم الشرطة اليوم أن الطريق أعيد فتحه', THU, { text: 'اليوم', ...day('2022-01-27'), implied: ['day', 'month', 'year'] }],
    ['ستعقد الجولة المقبلة من المفاوضات غداً في جنيف', THU, { text: 'غداً', ...day('2022-01-28'), tags: ['future'] }],
    ['وشهدت المدينة الليلة الماضية انفجارات متتالية', THU, { text: 'الليلة الماضية', ...day('2022-01-26'), partOfDay: 'night' }],
    ['وقال مسؤول محلي بالأمس إن المعبر أغلق', THU, { text: 'الأمس', ...day('2022-01-26') }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] weekdays', () => {
  it.each<[string, string | null, Expected]>([
    ['قتل ثلاثة مدنيين بقصف مدفعي يوم الثلاثاء في ريف المدينة', THU, { text: 'يوم الثلاثاء', ...day('2022-01-25'), known: ['weekday'] }],
    ['أعلن الجيش الخميس سيطرته على التلة', THU, { text: 'الخميس', ...day('2022-01-27') }],
    ['جرت الانتخابات البلدية الجمعة الماضية وسط إجراءات أمنية', THU, { text: 'الجمعة الماضية', ...day('2022-01-21') }],
    ['التقى الوزيران الخميس الماضي في العاصمة', THU, { text: 'الخميس الماضي', ...day('2022-01-20') }],
    ['يزور المبعوث بغداد الأحد المقبل لبحث التهدئة', THU, { text: 'الأحد المقبل', ...day('2022-01-30'), tags: ['future'] }],
    ['وقع الانفجار والإثنين الماضي كان هادئاً', THU, { text: 'الإثنين الماضي', ...day('2022-01-24') }],
    ['اعتقلت القوات عشرة أشخاص السبت', '2018-03-15', { text: 'السبت', ...day('2018-03-10') }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] relative day with weekday, parts of the day', () => {
  it.each<[string, string | null, Expected]>([
    ['طلبت الحكومة عقد جلسة طارئة اليوم الخميس لبحث الهجمات', THU, { text: 'اليوم الخميس', ...day('2022-01-27'), known: ['weekday'] }],
    // published the day after: the weekday wins over "اليوم"
    ['عقد المجلس جلسته اليوم الخميس في المقر', '2022-01-28', { text: 'اليوم الخميس', ...day('2022-01-27'), tags: ['weekday-mismatch'] }],
    ['وصلت التعزيزات أمس الأربعاء إلى الجبهة', THU, { text: 'أمس الأربعاء', ...day('2022-01-26') }],
    ['أفاد البيان بأن الهجوم وقع صباح اليوم (الخميس) قرب الجسر', THU, { text: 'صباح اليوم (الخميس)', ...day('2022-01-27'), partOfDay: 'morning' }],
    ['استهدفت غارة جوية مساء الخميس موقعاً عسكرياً', THU, { text: 'مساء الخميس', ...day('2022-01-27'), partOfDay: 'evening' }],
    ['سمعت أصوات انفجارات فجر اليوم في الحي الشرقي', THU, { text: 'فجر اليوم', ...day('2022-01-27'), partOfDay: 'dawn' }],
    ['أطلق سراح الصحفي صباح أمس بعد وساطة عشائرية', THU, { text: 'صباح أمس', ...day('2022-01-26'), partOfDay: 'morning' }],
    ['شهدت المدينة ليلة الأحد اشتباكات متقطعة', THU, { text: 'ليلة الأحد', ...day('2022-01-23'), partOfDay: 'night' }],
    ['وصل الوفد ظهر يوم الثلاثاء إلى المطار', THU, { text: 'ظهر يوم الثلاثاء', ...day('2022-01-25'), partOfDay: 'noon' }],
    ['تظاهر المئات أمس مساءً أمام المبنى', THU, { text: 'أمس مساءً', ...day('2022-01-26'), partOfDay: 'evening' }],
    ['اندلع الحريق في ساعة متأخرة من ليل السبت', THU, { text: 'ساعة متأخرة من ليل السبت', ...day('2022-01-22'), partOfDay: 'night' }],
    ['وقع الهجوم صباح اليوم الساعة العاشرة قرب السوق', THU, { text: 'صباح اليوم', ...day('2022-01-27'), time: '10:00' }],
    ['انفجرت العبوة عند الساعة 11 من مساء الجمعة الماضي', THU, { text: 'مساء الجمعة الماضي', ...day('2022-01-21'), time: '23:00' }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] days of the current or previous month', () => {
  it.each<[string, string | null, Expected]>([
    ['وقع الهجوم في 20 من الشهر الجاري على أطراف المخيم', THU, { text: '20 من الشهر الجاري', ...day('2022-01-20'), known: ['day'], implied: ['month', 'year'] }],
    ['أعلنت اللجنة في بيان صدر في الثالث من الشهر الماضي', THU, { text: 'الثالث من الشهر الماضي', ...day('2021-12-03') }],
    ['بدأت الحملة يوم الـ15 من الشهر الحالي', THU, { text: 'يوم الـ15 من الشهر الحالي', ...day('2022-01-15') }],
    ['ستنطلق المفاوضات في الحادي والثلاثين من هذا الشهر', THU, { text: 'الحادي والثلاثين من هذا الشهر', ...day('2022-01-31'), tags: ['future'] }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] absolute day-month(-year), every regional month name', () => {
  it.each<[string, string | null, Expected]>([
    ['اجتمع الطرفان في 5 كانون الثاني/يناير 2022 في الدوحة', THU, { text: '5 كانون الثاني/يناير 2022', ...day('2022-01-05'), known: ['day', 'month', 'year'], tags: ['lexicon/months.levantine', 'lexicon/months.standard'] }],
    // no year: the most recent 14 February not after publication
    ['أقر البرلمان القانون في 14 شباط بعد جدل طويل', THU, { text: '14 شباط', ...day('2021-02-14'), known: ['day', 'month'], implied: ['year'] }],
    // a few days after publication is still this year (a plan), tagged future
    ['تنتهي المهلة في 30 كانون الثاني وفق الاتفاق', THU, { text: '30 كانون الثاني', ...day('2022-01-30'), tags: ['future'] }],
    ['وقعت المجزرة في الثالث من مارس في القرية', THU, { text: 'الثالث من مارس', ...day('2021-03-03') }],
    ['افتتح المعبر يوم 3 أبريل 2019 أمام المسافرين', THU, { text: 'يوم 3 أبريل 2019', ...day('2019-04-03') }],
    ['وصلت القافلة في 12 ابريل إلى المدينة', '2018-05-01', { text: '12 ابريل', ...day('2018-04-12') }],
    ['نظمت مسيرة في 9 مايو الماضي', '2018-05-01', { text: '9 مايو الماضي', ...day('2017-05-09') }],
    ['أجريت الانتخابات يوم 21 يونيو/حزيران', '2018-07-01', { text: 'يوم 21 يونيو/حزيران', ...day('2018-06-21') }],
    ['أعلنت الهدنة في 4 يوليه', '2018-07-10', { text: '4 يوليه', ...day('2018-07-04') }],
    ['وفي 17 أغسطس عثر على جثة الصحفي', '2018-09-01', { text: '17 أغسطس', ...day('2018-08-17') }],
    ['تعرض الموكب لكمين في 2 سبتمبر الجاري', '2018-09-20', { text: '2 سبتمبر الجاري', ...day('2018-09-02') }],
    ['انسحبت القوات في 30 أكتوبر', '2018-11-02', { text: '30 أكتوبر', ...day('2018-10-30') }],
    ['أغلقت الحدود في 11 نوفمبر 2017', '2018-01-02', { text: '11 نوفمبر 2017', ...day('2017-11-11') }],
    ['بدأ الحصار في 31 ديسمبر', '2018-01-02', { text: '31 ديسمبر', ...day('2017-12-31') }],
    ['تظاهر المحتجون في 14 جانفي 2022 بالعاصمة', THU, { text: '14 جانفي 2022', ...day('2022-01-14'), tags: ['lexicon/months.maghrebi'] }],
    ['أعلن الإضراب العام في 8 فيفري', '2018-03-01', { text: '8 فيفري', ...day('2018-02-08') }],
    ['وقعت الحادثة في 6 أفريل', '2018-05-01', { text: '6 أفريل', ...day('2018-04-06') }],
    ['صدر الحكم يوم 22 ماي', '2018-06-01', { text: 'يوم 22 ماي', ...day('2018-05-22') }],
    ['نفذ الهجوم في 3 جوان', '2018-06-20', { text: '3 جوان', ...day('2018-06-03') }],
    ['بدأت الاحتجاجات في 19 جويلية', '2018-08-01', { text: '19 جويلية', ...day('2018-07-19') }],
    ['أعلن الحداد في 5 أوت', '2018-08-10', { text: '5 أوت', ...day('2018-08-05') }],
    ['قصفت المدينة في 7 نيسان/أبريل 2018', '2018-05-01', { text: '7 نيسان/أبريل 2018', ...day('2018-04-07') }],
    ['في 16 تشرين الثاني/نوفمبر اقتحمت القوات الحي', '2018-06-01', { text: '16 تشرين الثاني/نوفمبر', ...day('2017-11-16') }],
    ['دمرت الجسور في 28 أيار (مايو) 2016', '2018-06-01', { text: '28 أيار (مايو) 2016', ...day('2016-05-28') }],
    ['ووقعت المعركة الأولى في 23 تموز عام 2014 م', '2018-06-01', { text: '23 تموز عام 2014 م', ...day('2014-07-23') }],
    ['عادت العائلات في 8 آب من العام الماضي', '2018-06-01', { text: '8 آب من العام الماضي', ...day('2017-08-08') }],
    ['سقطت القذائف في 2 حزيران/يونيو الجاري', '2018-06-10', { text: '2 حزيران/يونيو الجاري', ...day('2018-06-02') }],
    ['اغتيل الناشط في 19 أيلول', '2018-10-01', { text: '19 أيلول', ...day('2018-09-19') }],
    ['أعلنت الهدنة في 1 تشرين الأول', '2018-10-03', { text: '1 تشرين الأول', ...day('2018-10-01') }],
    ['أطلق سراحه في 25 كانون الأول 2017', '2018-01-03', { text: '25 كانون الأول 2017', ...day('2017-12-25') }],
    ['شهدت البلدة في 20 آذار اشتباكات', '2018-04-01', { text: '20 آذار', ...day('2018-03-20') }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] numeric dates', () => {
  it.each<[string, string | null, Expected]>([
    ['صدر القرار بتاريخ 1/3/2018 عن وزارة الداخلية', '2018-03-05', { text: '1/3/2018', ...day('2018-03-01') }],
    ['نشر التقرير في 2021-12-31 على موقع المنظمة', THU, { text: '2021-12-31', ...day('2021-12-31') }],
    ['وفق الوثيقة المؤرخة 15.06.2019 فإن', THU, { text: '15.06.2019', ...day('2019-06-15') }],
    ['وقعت الحادثة يوم الخميس الموافق 9 / 8 / 2018 في المدينة', '2018-08-12', { text: 'يوم الخميس الموافق 9 / 8 / 2018', ...day('2018-08-09') }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] months, years and relative periods', () => {
  it.each<[string, string | null, Expected]>([
    ['ارتفعت أعداد النازحين خلال شهر ديسمبر الماضي', THU, { text: 'شهر ديسمبر الماضي', startDate: '2021-12-01', endDate: '2021-12-31', precision: 'month' }],
    ['تصاعدت الغارات في آذار/مارس 2021 على المنطقة', THU, { text: 'آذار/مارس 2021', startDate: '2021-03-01', endDate: '2021-03-31', precision: 'month', known: ['month', 'year'] }],
    ['سيطر التنظيم على البلدة في مارس', '2018-06-01', { text: 'مارس', startDate: '2018-03-01', endDate: '2018-03-31', precision: 'month' }],
    ['انسحبت الفصائل أواخر أيلول 2021 من التلال', THU, { text: 'أواخر أيلول 2021', startDate: '2021-09-21', endDate: '2021-09-30', precision: 'range' }],
    ['بدأت الاحتجاجات في منتصف مارس (آذار) 2011', THU, { text: 'منتصف مارس (آذار) 2011', startDate: '2011-03-11', endDate: '2011-03-20' }],
    ['ارتفعت الأسعار خلال شهري يوليو وأغسطس', '2018-09-10', { text: 'شهري يوليو وأغسطس', startDate: '2018-07-01', endDate: '2018-08-31', kind: 'range' }],
    ['وقعت الحرب عام 2015 في الشمال', THU, { text: 'عام 2015', startDate: '2015-01-01', endDate: '2015-12-31', precision: 'year', known: ['year'], tags: ['year-only'] }],
    ['منذ بدء الصراع في 2011 نزح الملايين', THU, { text: '2011', startDate: '2011-01-01', precision: 'year', tags: ['year-only'] }],
    ['تضاعفت الهجمات بين عامي 2012 و2014 في المحافظة', THU, { text: 'عامي 2012 و2014', startDate: '2012-01-01', endDate: '2014-12-31', kind: 'range' }],
    ['شن الجيش هجوماً الشهر الماضي على المعقل', THU, { text: 'الشهر الماضي', startDate: '2021-12-01', endDate: '2021-12-31', precision: 'month' }],
    // weeks start on Sunday: the current week began Sunday 23 January
    ['تعرضت القرية لقصف الأسبوع الماضي', THU, { text: 'الأسبوع الماضي', startDate: '2022-01-16', endDate: '2022-01-22', precision: 'week' }],
    ['تعقد القمة الأسبوع المقبل في الرياض', THU, { text: 'الأسبوع المقبل', startDate: '2022-01-30', endDate: '2022-02-05', tags: ['future'] }],
    ['تراجع عدد الهجمات هذا الأسبوع', THU, { text: 'هذا الأسبوع', startDate: '2022-01-23', endDate: '2022-01-29', precision: 'week' }],
    ['وافقت الحكومة العام الماضي على الخطة', THU, { text: 'العام الماضي', startDate: '2021-01-01', endDate: '2021-12-31', precision: 'year', tags: ['year-only'] }],
    ['أعلن عن الاتفاق مطلع الشهر الجاري', THU, { text: 'مطلع الشهر الجاري', startDate: '2022-01-01', endDate: '2022-01-10', precision: 'range' }],
    ['قتل عشرون شخصاً في الأيام الثلاثة الماضية وفق المرصد', THU, { text: 'الأيام الثلاثة الماضية', startDate: '2022-01-24', endDate: '2022-01-27', kind: 'range' }],
    ['سجلت 40 إصابة خلال الـ24 ساعة الماضية', THU, { text: 'خلال الـ24 ساعة الماضية', startDate: '2022-01-26', endDate: '2022-01-27' }],
    ['شهدت المنطقة خلال الأسبوع الماضي تصعيداً', THU, { text: 'خلال الأسبوع الماضي', startDate: '2022-01-20', endDate: '2022-01-27', tags: ['rolling'] }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] durations ago', () => {
  it.each<[string, string | null, Expected]>([
    ['بدأت القوات هجومها منذ أسبوع على المدينة', THU, { text: 'منذ أسبوع', ...day('2022-01-20'), kind: 'duration-ago' }],
    ['أصيب الطفل منذ يومين بشظايا', THU, { text: 'منذ يومين', ...day('2022-01-25'), kind: 'duration-ago' }],
    ['اختطف الصحفي قبل ثلاثة أيام في وسط المدينة', THU, { text: 'قبل ثلاثة أيام', ...day('2022-01-24') }],
    ['غادر آلاف السكان قبل 3 أشهر', THU, { text: 'قبل 3 أشهر', startDate: '2021-10-20', endDate: '2021-11-03', precision: 'range', tags: ['approximate'] }],
    ['اعتقل المتهم قبل نحو شهر في الريف', THU, { text: 'قبل نحو شهر', startDate: '2021-12-20', endDate: '2022-01-03', precision: 'range' }],
    ['تحاصر القوات المدينة منذ نحو أربع سنوات', THU, { text: 'منذ نحو أربع سنوات', startDate: '2018-01-01', precision: 'year', tags: ['approximate', 'year-only'] }],
    ['قتل الشاب قبل أيام برصاص مجهولين', THU, { text: 'قبل أيام', startDate: '2022-01-20', endDate: '2022-01-26', tags: ['vague'] }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] ranges and open ranges', () => {
  it.each<[string, string | null, Expected]>([
    ['يستمر الحظر من 24 إلى 31 يناير في كامل المحافظة', THU, { text: 'من 24 إلى 31 يناير', startDate: '2022-01-24', endDate: '2022-01-31', precision: 'range', kind: 'range' }],
    ['تعرضت البلدة لقصف متواصل بين 3 و5 مارس', '2018-04-01', { text: 'بين 3 و5 مارس', startDate: '2018-03-03', endDate: '2018-03-05', kind: 'range' }],
    ['تبدأ العطلة اعتباراً من يوم الثلاثاء', THU, { text: 'اعتباراً من يوم الثلاثاء', startDate: '2022-01-25', endDate: null, kind: 'open-range' }],
    ['يطبق القرار ابتداءً من الأول من شباط', THU, { text: 'ابتداءً من الأول من شباط', startDate: '2022-02-01', endDate: null, kind: 'open-range', tags: ['future'] }],
    ['أغلق المعبر من 28 كانون الأول حتى 3 كانون الثاني', THU, { text: 'من 28 كانون الأول حتى 3 كانون الثاني', startDate: '2021-12-28', endDate: '2022-01-03', kind: 'range' }],
    ['استمرت المعارك من مساء الخميس حتى صباح السبت', THU, { text: 'من مساء الخميس حتى صباح السبت', startDate: '2022-01-20', endDate: '2022-01-22', kind: 'range' }],
    ['تشهد البلاد أزمة منذ 2011 حتى الآن', THU, { text: 'منذ 2011 حتى الآن', startDate: '2011-01-01', endDate: '2022-01-27', kind: 'range' }],
    ['تقصف الطائرات المنطقة منذ 18 فبراير', '2018-03-01', { text: 'منذ 18 فبراير', startDate: '2018-02-18', endDate: null, kind: 'open-range', tags: ['since'] }],
    ['وقعت الغارات ليل 5-6 كانون الثاني على المطار', THU, { text: 'ليل 5-6 كانون الثاني', startDate: '2022-01-05', endDate: '2022-01-06', partOfDay: 'night' }],
    ['أغلقت المدارس يومي 3 و4 مارس بسبب العاصفة', '2018-04-01', { text: 'يومي 3 و4 مارس', startDate: '2018-03-03', endDate: '2018-03-04' }],
    ['تستهدف الغارات المنطقة منذ يوم الأحد', THU, { text: 'منذ يوم الأحد', startDate: '2022-01-23', endDate: null, kind: 'open-range' }],
    ['من الأول وحتى الخامس من آذار أغلقت المدارس', '2018-04-01', { text: 'من الأول وحتى الخامس من آذار', startDate: '2018-03-01', endDate: '2018-03-05' }],
    ['وثق المرصد الضربات بين التاسع من كانون الثاني/يناير 2017 و18 كانون الثاني/يناير', '2018-06-01', { text: 'بين التاسع من كانون الثاني/يناير 2017 و18 كانون الثاني/يناير', startDate: '2017-01-09', endDate: '2017-01-18' }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] weekday with its date', () => {
  it.each<[string, string | null, Expected]>([
    ['أعلنت الوزارة الأحد 23 كانون الثاني عن حصيلة جديدة', THU, { text: 'الأحد 23 كانون الثاني', ...day('2022-01-23'), known: ['day', 'month', 'weekday'] }],
    ['عقد الاجتماع يوم الاثنين الموافق 24 من الشهر الجاري', THU, { text: 'يوم الاثنين الموافق 24 من الشهر الجاري', ...day('2022-01-24') }],
    ['أعلنت الشرطة اليوم الخميس 20 أكتوبر 2016 عن اعتقالات', '2016-10-20', { text: 'اليوم الخميس 20 أكتوبر 2016', ...day('2016-10-20') }],
    ['نشر البيان الخميس 21 كانون الثاني', THU, { text: 'الخميس 21 كانون الثاني', ...day('2022-01-21'), tags: ['weekday-mismatch'] }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] times and daily windows', () => {
  it.each<[string, string | null, Expected]>([
    ['فرض حظر التجول من الساعة العاشرة ليلاً حتى الخامسة صباحاً', THU, { text: 'من الساعة العاشرة ليلاً حتى الخامسة صباحاً', kind: 'time', startDate: null, endDate: null, precision: 'unknown', hours: { from: '22:00', to: '05:00' } }],
    ['يمنع التجول بين الساعة 22:00 و05:00 يومياً', THU, { text: 'بين الساعة 22:00 و05:00', hours: { from: '22:00', to: '05:00' } }],
    ['بدأت الهدنة الساعة 18:30 بالتوقيت المحلي', THU, { text: 'الساعة 18:30', kind: 'time', time: '18:30' }],
    ['سمع دوي الانفجار عند الساعة السادسة والنصف صباحاً', THU, { text: 'الساعة السادسة والنصف صباحاً', time: '06:30', partOfDay: 'morning' }],
    ['يبدأ الحظر من الساعة 7 مساءً إلى 6 صباحاً اعتباراً من السبت', THU, { text: 'اعتباراً من السبت', startDate: '2022-01-22', hours: { from: '19:00', to: '06:00' } }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] Hijri dates', () => {
  it.each<[string, string | null, Expected]>([
    ['تأسست الجمعية عام 1400 هـ في المدينة', THU, { text: 'عام 1400 هـ', startDate: '1979-11-21', precision: 'year', hijri: true, tags: ['year-only'] }],
    ['أحيا الزوار ذكرى العاشر من محرم 1443 هـ في المدينة', THU, { text: 'العاشر من محرم 1443 هـ', ...day('2021-08-18'), hijri: true, tags: ['lexicon/months.hijri', 'hijri'] }],
    ['ارتفعت الأسعار خلال شهر رمضان الماضي', THU, { text: 'شهر رمضان الماضي', startDate: '2021-04-13', endDate: '2021-05-12', precision: 'month', hijri: true }],
    ['صدر المرسوم في 5 ذو القعدة', THU, { text: '5 ذو القعدة', hijri: true, ...day('2021-06-15') }],
  ])('%s', (sentence, published, expected) => {
    expectMention(sentence, published, expected);
  });
});

describe('[dates] publication date handling', () => {
  it('[dates] without published, relative dates are unresolved and absolute ones resolved', () => {
    const ms = parseDates('قصفت المدينة أمس بعد هدنة بدأت في 20 يناير 2020 وانتهت الخميس', { published: null });
    expect(ms.map((m) => [m.text, m.startDate, m.endDate, m.precision])).toEqual([
      ['أمس', null, null, 'unknown'],
      ['20 يناير 2020', '2020-01-20', '2020-01-20', 'day'],
      ['الخميس', null, null, 'unknown'],
    ]);
  });

  it('[dates] a date-time with an offset anchors today on its local date', () => {
    expectMention('أعلنت الوزارة اليوم عن إجراءات جديدة', '2022-01-27T23:30:00-05:00', { text: 'اليوم', ...day('2022-01-27') });
    expectMention('أعلنت الوزارة اليوم عن إجراءات جديدة', '2022-01-27T00:15:00+03:00', { text: 'اليوم', ...day('2022-01-27') });
  });

  it('[dates] a malformed published date is treated as missing', () => {
    expectMention('قتل جندي أمس', 'yesterday', { text: 'أمس', startDate: null, precision: 'unknown' });
  });

  it('[dates] the week start is an option', () => {
    const [m] = parseDates('قصفت القرية الأسبوع الماضي', { published: THU }, { weekStart: 6 });
    expect([m.startDate, m.endDate]).toEqual(['2022-01-15', '2022-01-21']);
  });

  it('[dates] spans keep diacritics and tatweel of the original text', () => {
    expectMention('وقعت الغارة مساءَ الـخميسِ الماضي', THU, { text: 'مساءَ الـخميسِ الماضي', ...day('2022-01-20'), partOfDay: 'evening' });
  });
});

describe('[dates] the seed article', () => {
  const text = readFileSync(new URL('../../examples/articles/seed-hasakah.txt', import.meta.url), 'utf8');
  const mentions = parseDates(text, { published: '2022-01-27' });
  const byText = (t: string) => {
    const m = mentions.find((x) => x.text === t);
    if (!m) throw new Error(`[dates/seed] missing "${t}" in ${JSON.stringify(mentions.map((x) => x.text))}`);
    expect(text.slice(m.start, m.end)).toBe(t);
    return m;
  };

  it.each<[string, Partial<DateMention>]>([
    ['اليوم الخميس', { startDate: '2022-01-27', endDate: '2022-01-27', precision: 'day' }],
    ['مساء الـ 20 الشهر الجاري', { startDate: '2022-01-20', endDate: '2022-01-20', partOfDay: 'evening' }],
    ['23 الشهر الجاري', { startDate: '2022-01-23', endDate: '2022-01-23' }],
    ['اعتباراً من 24 ولغاية 31 الشهر الجاري', { startDate: '2022-01-24', endDate: '2022-01-31', precision: 'range', kind: 'range' }],
    ['اعتباراً من يوم الثلاثاء ولغاية 31 الشهر الجاري', { startDate: '2022-01-25', endDate: '2022-01-31', precision: 'range', kind: 'range', hours: { from: '18:00', to: '06:00' } }],
    ['من الساعة السادسة مساءً وحتى السادسة صباحاً', { kind: 'time', hours: { from: '18:00', to: '06:00' } }],
  ])('[dates/seed] %s', (t, fields) => {
    expect(byText(t)).toMatchObject(fields);
  });

  it('[dates/seed] finds nothing else', () => {
    expect(mentions).toHaveLength(6);
  });
});

describe('[dates] pre-normalized input', () => {
  it('[dates] parseDatesNormalized gives the same mentions as parseDates', () => {
    const text = 'وأعلنت الشرطة مساءَ الخميس اعتباراً من 24 ولغاية 31 الشهر الجاري حظراً';
    expect(parseDatesNormalized(text, normalizeWithOffsets(text), { published: THU })).toEqual(parseDates(text, { published: THU }));
  });
});

describe('[dates] proclitics before the first element (candidate positions)', () => {
  // SRC.CLITIC is [وف]?[بل]?: the first element may stand one or two letters into its word
  it.each<[string, string[]]>([
    ['وقال المصدر إن القصف بدأ وأمس استمر حتى الليل', ['أمس']],
    ['قصفت الطائرات البلدة فجرا وبالأمس أعلنت الهدنة', ['الأمس']],
    ['وقعت الاشتباكات فالخميس الماضي شهد هدوءا', ['الخميس الماضي']],
    ['وصلت التعزيزات وبيوم الجمعة بدأ الهجوم', ['يوم الجمعة']],
    ['عاد النازحون ولغاية اليوم لم تصل المساعدات', ['اليوم']],
    ['انتهت المعارك بالسبت الماضي وفي 20 أكتوبر عادت', ['السبت الماضي', '20 أكتوبر']],
    ['قتل ثلاثة وبالثالث من آذار الماضي أعلن الجيش', ['الثالث من آذار الماضي']],
  ])('%s', (sentence, texts) => {
    expect(parseDates(sentence, { published: THU }).map((m) => m.text)).toEqual(texts);
  });
});
