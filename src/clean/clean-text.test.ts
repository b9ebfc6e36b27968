import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boilerplateRules, Cleaner, cleanText, parseBoilerplateLexicon } from './clean-text.ts';

const SEED = readFileSync(new URL('../../examples/articles/seed-hasakah.txt', import.meta.url), 'utf8');

// Article sentences written for these tests.
const TITLE = 'حظر تجول ليلي في المدينة بعد اشتباكات الأحياء الشرقية';
const P1 = 'أعلنت السلطات المحلية فرض حظر تجول ليلي اعتباراً من مساء اليوم الأحد، بعد اشتباكات متقطعة شهدتها الأحياء الشرقية خلال الأيام الماضية.';
const P2 = 'وقال مسؤول في المحافظة إن القرار يشمل جميع الطرق الرئيسية ويستمر حتى إشعار آخر، مشيراً إلى أن دوريات الشرطة ستنتشر عند مداخل الأحياء.';
const SUBHEADING = 'ردود فعل الأهالي';
const P3 = 'وعبّر عدد من الأهالي عن قلقهم من استمرار التوتر، مطالبين بفتح ممرات آمنة لنقل المرضى إلى المستشفيات.';
const BODY = [TITLE, '', P1, '', P2, '', SUBHEADING, '', P3].join('\n');

const lines = (...ls: string[]) => ls.join('\n');

describe('cleanText on the seed article', () => {
  const { text, removed } = cleanText(SEED);

  it('ends with the last real paragraph', () => {
    expect(text.endsWith('باتجاه الأحياء الأكثر أماناً.')).toBe(true);
  });

  it.each(['شارك المقال على', 'مقالات ذات صلة', 'أرشيف الاتحاد', 'مساحة نسوية', 'تقارير وتحقيقات', 'آخر الأخبار'])('drops "%s"', (furniture) => {
    expect(text).not.toContain(furniture);
  });

  it('keeps the title, the mid-body subheading and every paragraph', () => {
    expect(text.split('\n')[0]).toBe('روسيا تطلب عقد اجتماع لمجلس الأمن الدولي لبحث هجمات “داعش” في شمال شرق سوريا');
    expect(text).toContain('\n\nهجمات “داعش” الأخيرة\n\n');
    const bodyParagraphs = SEED.split('شارك المقال على:')[0]
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const p of bodyParagraphs) expect(text).toContain(p);
  });

  it('reports each removed line with a reason', () => {
    expect(removed).toEqual([
      { text: 'شارك المقال على:', reason: 'share-article' },
      { text: 'مقالات ذات صلة:', reason: 'related-articles' },
      { text: 'تقارير وتحقيقات', reason: 'block:related-articles' },
      { text: 'آخر الأخبار', reason: 'block:related-articles' },
      { text: 'مساحة نسوية', reason: 'block:related-articles' },
      { text: 'أرشيف الاتحاد', reason: 'block:related-articles' },
    ]);
  });
});

describe('cleanText removes furniture around a body', () => {
  it.each([
    ['share bar after the body', lines(BODY, '', 'شارك هذا الخبر', 'فيسبوك', 'تويتر', 'واتساب')],
    ['follow-us line', lines(BODY, 'تابعونا على تويتر وفيسبوك للمزيد من الأخبار العاجلة')],
    ['related block with full-sentence teasers', lines(BODY, '', 'اقرأ أيضاً:', 'وزير الداخلية يتفقد الحواجز الأمنية على الطريق الدولي ويعد بتحسين الأوضاع خلال أسابيع قليلة بحسب مصادر.', 'انقطاع الكهرباء عن ثلاث مناطق بسبب عطل فني في المحطة الرئيسية للمدينة.')],
    ['most-read block', lines(BODY, '', 'الأكثر قراءة', 'ارتفاع أسعار الخبز', 'افتتاح معرض الكتاب')],
    ['copyright footer and what follows', lines(BODY, '', '© 2024 صحيفة المدينة. جميع الحقوق محفوظة', 'سياسة الخصوصية', 'اتصل بنا')],
    ['hashtag-only lines', lines(BODY, '#حظر_التجول #الأحياء_الشرقية', '#أخبار')],
    ['URL-only line', lines(BODY, 'https://example.com/news/2024/03/10/curfew')],
    ['agency credit line', lines(BODY, '', 'فرانس24/ أ ف ب')],
    ['separator and app promotion', lines(BODY, '______________', 'يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيقنا على هاتفكم المحمول.')],
    ['tags heading', lines(BODY, '', 'الكلمات المفتاحية:', 'حظر تجول', 'الشرطة')],
    ['trailing menu of short lines', lines(BODY, '', 'الرئيسية', 'سياسة', 'اقتصاد', 'رياضة')],
    ['leading menu of short lines', lines('الرئيسية', 'أخبار', 'سياسة', 'اقتصاد', '', BODY)],
    ['leading breadcrumb and byline', lines('الرئيسية > أخبار > محليات', 'بقلم: سامر الحلبي', '', BODY)],
    ['byline with colon', lines('كتب: فريق التحرير', BODY)],
    ['last-updated stamp', lines(BODY, 'آخر تحديث: 10 مارس 2024 - 21:15')],
    ['link-to-story line', lines(BODY, 'رابط الخبر بموقع الصحيفة: حظر تجول ليلي في المدينة')],
    ['opinion disclaimer at the top', lines('هذا المقال بقلم كاتب ضيف ولا يعكس بالضرورة رأي الموقع.', BODY)],
    ['comments heading', lines(BODY, '', 'التعليقات', 'أضف تعليقك', 'الاسم', 'البريد الإلكتروني')],
    ['comments heading with a count, then comments', lines(BODY, 'التعليقات (3)', 'سامي: تغطية ممتازة شكراً لكم', 'ريم: متى يرفع الحظر؟')],
  ])('%s', (_name, input) => {
    expect(cleanText(input).text).toBe(BODY);
  });

  it.each([
    ['photo caption lines', lines(TITLE, '', 'مصدر الصورة Getty Images', 'التعليق على الصورة دوريات الشرطة عند مدخل الحي', P1, '', P2), lines(TITLE, '', P1, '', P2)],
    ['one-line teasers inside the body', lines(P1, 'اقرأ أيضاً: مجلس المحافظة يناقش خطة الطوارئ', P2, 'شاهد.. لقطات من شوارع المدينة الخالية', P3), lines(P1, P2, P3)],
    ['a mid-text related heading takes the headline-like lines after it', lines(P1, '', 'مواضيع ذات صلة', 'افتتاح جسر جديد', 'ارتفاع أسعار الوقود', '', P2, '', P3, '', P1), lines(P1, '', P2, '', P3, '', P1)],
    ['a related heading written with diacritics', lines(P1, P2, P3, 'اِقْرَأ أيضًا', 'عنوان آخر'), lines(P1, P2, P3)],
    ['a lone short word after the body', lines(P1, P2, 'إعلان'), lines(P1, P2)],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input).text).toBe(expected);
  });
});

describe('cleanText keeps real body lines', () => {
  it.each([
    ['a short subheading between paragraphs', lines(P1, '', SUBHEADING, '', P2)],
    ['a sentence that starts with "شارك" (took part)', lines(P1, 'شارك مئات المتظاهرين في مسيرة سلمية وسط المدينة للمطالبة بالإفراج عن المعتقلين.', P2)],
    ['a sentence that starts with "شاهد" (witness)', lines(P1, 'شاهد عيان قال إن سيارتين عسكريتين أغلقتا الطريق المؤدي إلى المستشفى.', P2)],
    ['a minister who wrote a tweet ("كتب" without a colon)', lines(P1, 'وكتب وزير الخارجية في تغريدة أن بلاده ترفض أي تدخل في شؤونها الداخلية.')],
    ['an agency named inside a sentence', lines(P1, 'وقالت رويترز إن الشرطة اعتقلت ثلاثة أشخاص.')],
    ['a closing short sentence without a full stop', lines(P1, P2, 'وقتل مدني آخر برصاص مجهولين')],
    ['a title followed by a dek', lines('انفجار في السوق', 'عشرات الجرحى', '', P1, '', P2)],
    ['a dated list inside the body', lines(P1, '- 2023 -', 'آذار/مارس: قصف استهدف مستودعاً للذخيرة قرب المطار.', P2)],
    ['rights named in a sentence (not a copyright line)', lines(P1, 'وطالبت منظمات حقوق الإنسان بفتح تحقيق مستقل في ظروف الاعتقال.', P2)],
    ['"المزيد" inside a sentence', lines(P1, 'وأرسل الجيش المزيد من التعزيزات إلى المنطقة الحدودية.', P2)],
  ])('%s', (_name, input) => {
    expect(cleanText(input).text).toBe(input);
  });
});

describe('cleanText normalizes whitespace', () => {
  it.each([
    ['Windows line ends', `${P1}\r\n\r\n${P2}\r\n`, `${P1}\n\n${P2}`],
    ['old Mac line ends', `${P1}\r${P2}`, `${P1}\n${P2}`],
    ['runs of blank lines collapse to one', `${P1}\n\n\n\n \n\t\n${P2}`, `${P1}\n\n${P2}`],
    ['trailing and leading spaces trimmed', `  ${P1}   \n\t${P2}\t`, `${P1}\n${P2}`],
    ['inner runs of spaces and tabs collapse', 'وفي  25 آذار\tشن المسلحون هجوماً.', 'وفي 25 آذار شن المسلحون هجوماً.'],
    ['no-break spaces become spaces', 'قتل\u00A0شخصان في القصف.', 'قتل شخصان في القصف.'],
    ['bidi marks and zero-width spaces dropped', 'وقع الهجوم يوم 9\u200F/8\u200F/2018\u200B.', 'وقع الهجوم يوم 9/8/2018.'],
    ['blank lines at both ends dropped', `\n\n${P1}\n\n`, P1],
    ['inline hashtags become words', 'قصفت الطائرات مواقع في #سوريا واستهدفت مقار #وحدات_حماية_الشعب قرب الحدود.', 'قصفت الطائرات مواقع في سوريا واستهدفت مقار وحدات حماية الشعب قرب الحدود.'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input).text).toBe(expected);
  });

  it('returns empty text for furniture only', () => {
    expect(cleanText('شارك المقال على:\n#أخبار\nhttps://example.com').text).toBe('');
  });
});

describe('boilerplate lexicon', () => {
  const rules = boilerplateRules();

  it('has unique, well-formed reasons', () => {
    const reasons = rules.map((r) => r.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const r of reasons) expect(r).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('covers each kind of furniture', () => {
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(['line', 'heading', 'footer']));
  });

  it.each([
    ['bad kind', 'cue\tkind\twhere\tmax_words\tzone\treason\nشارك\tdelete\tstart\t3\tany\tshare'],
    ['missing reason', 'cue\tkind\twhere\tmax_words\tzone\treason\nشارك\tline\tstart\t3\tany'],
    ['non-numeric length', 'cue\tkind\twhere\tmax_words\tzone\treason\nشارك\tline\tstart\tmany\tany\tshare'],
  ])('rejects a malformed row: %s', (_name, tsv) => {
    expect(() => parseBoilerplateLexicon(tsv)).toThrow(/boilerplate lexicon line 2/);
  });

  it('drives the cleaner: a cue added as data is removed', () => {
    const cleaner = new Cleaner([...rules, { cue: 'نشرة الظهيرة', kind: 'line', where: 'start', maxWords: 5, zone: 'any', reason: 'noon-bulletin' }]);
    expect(cleaner.clean(lines('نشرة الظهيرة', P1, P2)).removed).toEqual([{ text: 'نشرة الظهيرة', reason: 'noon-bulletin' }]);
  });
});
