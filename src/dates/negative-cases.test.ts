/**
 * @module dates/negative-cases.test
 * Texts that look like dates and are not: phone numbers, article and chapter numbers, sports
 * scores, counts, ordinals, the verb مارس, names that contain a date, "the day" rather than
 * "today". Each must give no date mention at all (times alone may only come back as kind 'time').
 */
import { describe, expect, it } from 'vitest';
import { parseDates } from './index.ts';

const PUBLISHED = '2022-01-27';

describe('[dates/negative] no mention at all', () => {
  it.each([
    ['للاستفسار اتصلوا على الرقم 0933-123-456 أو 011-2233445'],
    ['وتنص المادة 5 من الدستور على حرية التعبير'],
    ['فاز الفريق 3-1 على منافسه في المباراة النهائية'],
    ['وبحسب الفصل 20 من القانون الجنائي يعاقب المخالف'],
    ['انتهت المباراة بنتيجة 2 صفر لصالح الضيوف'],
    ['مارس الجيش ضغوطا كبيرة على السكان لمغادرة منازلهم'],
    ['وصل النازحون في اليوم التالي إلى الحدود'],
    ['في ذلك اليوم قتل عشرة أشخاص بحسب الشهود'],
    ['قتل 5 أشخاص وأصيب 20 آخرون في الحادث'],
    ['وانتقد الأمين العام السابق للأمم المتحدة القرار'],
    ['وكان المدعي العام المقبل قد تعهد بالتحقيق'],
    ['شارك آلاف الشباب في ثورة 25 يناير وما تلاها'],
    ['وانتقدت قوى 14 آذار تصريحات الوزير'],
    ['أغلقت الشرطة شارع 26 يوليو وسط العاصمة'],
    ['ولعب الأحد عشر لاعباً بروح عالية'],
    ['وصل سعر اللتر إلى 3.50 دولار'],
    ['احتل المنتخب المرتبة السادسة في الترتيب'],
    ['وأظهرت النتائج أن النسبة بلغت 12/5 في المئة'],
    ['وقالت قناة روسيا اليوم إن الوفد وصل'],
    ['اعتقل قبل يومين من الانتخابات عدد من الناشطين'],
    ['وحذر من تكرار أخطاء الأسبوع الأول من الحملة'],
    ['تعادل الفريقان 1-1 في الشوط الأول'],
    ['بلغ عدد المصابين 1500 شخص في المدينة'],
    ['وأشار التقرير إلى 2000 منزل مدمر في 300 قرية'],
    ['ركب الزوار سيارات نيسان حديثة'],
    ['قصفت الطائرات مفاعل تموز النووي قرب بغداد'],
    ['وقال في مدينة 6 أكتوبر إن المصنع أغلق'],
  ])('%s', (text) => {
    expect(parseDates(text, { published: PUBLISHED })).toEqual([]);
  });
});

describe('[dates/negative] times alone are only times', () => {
  it.each([
    ['سمع دوي انفجار عند الساعة السادسة مساءً', 'الساعة السادسة مساءً'],
    ['يفتح المعبر أبوابه من الساعة 8 حتى الساعة 14', 'من الساعة 8 حتى الساعة 14'],
  ])('%s', (text, span) => {
    const ms = parseDates(text, { published: PUBLISHED });
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ text: span, kind: 'time', startDate: null, endDate: null, precision: 'unknown' });
  });
});

describe('[dates/negative] ordinals that are not days', () => {
  it('[dates/negative] "الأسبوع الأول من مارس" is not 1 March', () => {
    const ms = parseDates('تراجعت الهجمات في الأسبوع الأول من مارس', { published: PUBLISHED });
    expect(ms.some((m) => m.precision === 'day')).toBe(false);
  });

  it('[dates/negative] "كانون الأول" is a month, not the first day', () => {
    const ms = parseDates('وقع الهجوم في 12 كانون الأول', { published: PUBLISHED });
    expect(ms.map((m) => [m.text, m.startDate])).toEqual([['12 كانون الأول', '2021-12-12']]);
  });

  it('[dates/negative] "السادس والعشرين" is one ordinal, not a range', () => {
    const ms = parseDates('أقيمت المباراة في السادس والعشرين من مايو', { published: '2018-06-01' });
    expect(ms.map((m) => [m.text, m.kind, m.startDate])).toEqual([['السادس والعشرين من مايو', 'point', '2018-05-26']]);
  });
});
