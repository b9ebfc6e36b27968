import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import {
  actorById,
  guessCountry,
  loadActors,
  recognizeActors,
  resolveAnaphor,
  toActor,
  type RecognizeOptions,
} from './actors.ts';

type Expect = { text: string; id: string; rule?: string };

const found = (sentence: string, opts: RecognizeOptions = {}) =>
  recognizeActors(tokenize(sentence), opts).map((m) => ({ text: m.text, id: m.actor.id, rule: m.rule }));

describe('recognizeActors: named actors', () => {
  it.each<[string, string, RecognizeOptions, Expect[]]>([
    ['plain name', 'شن تنظيم داعش هجوما على قرية قرب دير الزور', {}, [{ text: 'تنظيم داعش', id: 'isis' }]],
    ['conjunction clitic', 'قتل جنديان ونفذ الهجوم مسلحون وداعش يتبنى', {}, [
      { text: 'مسلحون', id: 'unidentified-armed-group', rule: 'label' },
      { text: 'داعش', id: 'isis', rule: 'dictionary' },
    ]],
    ['preposition clitic', 'نسب البيان الهجوم لداعش', {}, [{ text: 'داعش', id: 'isis' }]],
    ['quotes inside a name', 'أعلن تنظيم “الدولة الإسلامية” مسؤوليته عن التفجير', {}, [
      { text: 'تنظيم “الدولة الإسلامية”', id: 'isis' },
    ]],
    ['guillemets inside a name', 'وتبنى تنظيم «داعش» الهجوم', {}, [{ text: 'تنظيم «داعش»', id: 'isis' }]],
    ['longest match: FSA, then the army after لل', 'هاجم الجيش السوري الحر مواقع تابعة للجيش السوري', {}, [
      { text: 'الجيش السوري الحر', id: 'free-syrian-army' },
      { text: 'الجيش السوري', id: 'military-forces-of-syria' },
    ]],
    ['SDF by acronym and full name', 'سيطرت قسد على الحي بعد أن انسحبت منه قوات سوريا الديمقراطية مؤقتا', {}, [
      { text: 'قسد', id: 'sdf' },
      { text: 'قوات سوريا الديمقراطية', id: 'sdf' },
    ]],
    ['asayish in Syrian context', 'فرضت قوى الأمن الداخلي (الأسايش) حظر تجوال في الحسكة', { countryHint: 'SY' }, [
      { text: 'قوى الأمن الداخلي', id: 'asayish', rule: 'dictionary-in-context' },
      { text: 'الأسايش', id: 'asayish' },
    ]],
    ['civilians', 'قتل خمسة مدنيين بينهم أطفال في القصف', {}, [
      { text: 'مدنيين', id: 'civilians' },
      { text: 'أطفال', id: 'civilians', rule: 'label' },
    ]],
    ['unidentified gunmen', 'أطلق مسلحون مجهولون النار على سيارة', {}, [{ text: 'مسلحون مجهولون', id: 'unidentified-armed-group' }]],
    ['state as actor in diplomacy', 'طلبت روسيا عقد جلسة طارئة لمجلس الأمن', {}, [
      { text: 'روسيا', id: 'russia', rule: 'country-as-actor' },
      { text: 'مجلس الأمن', id: 'unsc' },
    ]],
    ['Houthis under a long partisan name', 'قصفت ميليشيات الحوثي الانقلابية أحياء في تعز', {}, [
      { text: 'ميليشيات الحوثي الانقلابية', id: 'houthis' },
    ]],
    ['Houthis after لل', 'وأكد المتحدث أن للحوثيين مواقع في الجبال', {}, [{ text: 'الحوثيين', id: 'houthis' }]],
  ])('%s', (_name, sentence, opts, expected) => {
    expect(found(sentence, opts)).toMatchObject(expected);
  });
});

describe('recognizeActors: context-bound readings', () => {
  it.each<[string, string, RecognizeOptions, Expect[]]>([
    ['generic army from the hint', 'قال الجيش إن وحداته صدت هجوما', { countryHint: 'IQ' }, [
      { text: 'الجيش', id: 'military-forces-of-iraq', rule: 'generic-hint' },
    ]],
    ['adjective beats the hint', 'قصفت الطائرات الروسية بلدة في ريف حماة', { countryHint: 'SY' }, [
      { text: 'الطائرات الروسية', id: 'military-forces-of-russia', rule: 'generic-adjective' },
    ]],
    ['adjective without a hint', 'اعتقلت الشرطة المصرية ثلاثة أشخاص', {}, [
      { text: 'الشرطة المصرية', id: 'police-forces-of-egypt' },
    ]],
    ['indefinite aircraft with adjective', 'نفذت طائرات إسرائيلية غارات على مواقع', {}, [
      { text: 'طائرات إسرائيلية', id: 'military-forces-of-israel', rule: 'generic-adjective' },
    ]],
    ['security forces and protesters', 'فرقت قوات الأمن المحتجين أمام البرلمان', { countryHint: 'TN' }, [
      { text: 'قوات الأمن', id: 'police-forces-of-tunisia', rule: 'generic-hint' },
      { text: 'المحتجين', id: 'protesters' },
    ]],
    ['partisan label in Yemen', 'استهدف الانقلابيون أحياء سكنية في المدينة', { countryHint: 'YE' }, [
      { text: 'الانقلابيون', id: 'houthis', rule: 'label-in-context' },
    ]],
    ['coalition in Yemen', 'شنت طائرات التحالف غارات على صعدة', { countryHint: 'YE' }, [
      { text: 'طائرات التحالف', id: 'saudi-led-coalition', rule: 'dictionary-in-context' },
    ]],
    ['coalition in Syria', 'شنت طائرات التحالف غارات على الرقة', { countryHint: 'SY' }, [
      { text: 'طائرات التحالف', id: 'international-coalition', rule: 'dictionary-in-context' },
    ]],
    ['army in a Palestinian report is Israel\'s', 'اقتحم الجيش مخيم جنين فجرا', { countryHint: 'PS' }, [
      { text: 'الجيش', id: 'military-forces-of-israel', rule: 'generic-hint' },
    ]],
    ['unique context reading without a hint', 'تقدمت قوات النظام نحو البلدة', {}, [
      { text: 'قوات النظام', id: 'military-forces-of-syria' },
    ]],
    ['affiliation inside its term', 'قال ترامب إن بلاده سترد', { date: '2018-05-01' }, [
      { text: 'ترامب', id: 'united-states', rule: 'affiliation' },
    ]],
  ])('%s', (_name, sentence, opts, expected) => {
    expect(found(sentence, opts)).toMatchObject(expected);
  });

  it('an unresolved generic head gets a placeholder of country null', () => {
    const [m] = recognizeActors(tokenize('قال الجيش في بيان إنه صد الهجوم'));
    expect(m.rule).toBe('generic-unresolved');
    expect(m.actor.country).toBeNull();
    expect(m.generic).toBe(true);
  });
});

describe('recognizeActors: negative cases', () => {
  it.each<[string, string, RecognizeOptions]>([
    ['"الدولة" alone is not IS', 'التقى رئيس الدولة بالوفد الزائر', {}],
    ['an Islamic state in general is not IS', 'دعا الخطيب إلى قيام دولة إسلامية', {}],
    ['"الأمن" alone is not an actor', 'ناقش الاجتماع تعزيز الأمن في المدينة', { countryHint: 'EG' }],
    ['a national security council is not the UNSC', 'اجتمع مجلس الأمن القومي برئاسة الرئيس', {}],
    ['civil defence is not civilians', 'انتشلت فرق الدفاع المدني الجثث', {}],
    ['an air base is not al-Qaeda', 'وصلت التعزيزات إلى القاعدة الجوية', {}],
    ['enthusiasm is not Hamas', 'أبدى اللاعبون الحماس قبل المباراة', {}],
    ['an adjective without a head is not a state', 'عبر المسافرون الحدود السورية', {}],
    ['aircraft without a nationality', 'هبطت الطائرات في المطار', { countryHint: 'SY' }],
    ['a partisan label outside its country', 'حاكمت المحكمة الانقلابيين', { countryHint: 'TR' }],
    ['ambiguous coalition without a hint', 'أعلن التحالف انتهاء العملية', {}],
    ['affiliation outside its term', 'قال ترامب إن بلاده سترد', { date: '2015-01-01' }],
    ['group before it existed', 'أعلنت هيئة تحرير الشام النفير', { date: '2016-01-01' }],
  ])('%s', (_name, sentence, opts) => {
    expect(found(sentence, opts)).toEqual([]);
  });
});

describe('mention spans', () => {
  it('keeps proclitics in the span and out of the text', () => {
    const s = 'وقالت مصادر إن وداعش انسحب';
    const [m] = recognizeActors(tokenize(s));
    expect(s.slice(m.start, m.end)).toBe('وداعش');
    expect(s.slice(m.stemStart, m.end)).toBe('داعش');
    expect(m.text).toBe('داعش');
  });

  it('toActor gives the SPEC Actor', () => {
    const [m] = recognizeActors(tokenize('هاجم الحوثيون موقعا'));
    expect(toActor(m)).toEqual({ id: 'houthis', name: 'Houthis', name_ar: 'الحوثيين', text: 'الحوثيون', kind: 'rebel' });
  });

  it('lists alternatives only for truly shared phrases', () => {
    for (const m of recognizeActors(tokenize('قصفت قوات التحالف مواقع الحوثيين'), { countryHint: 'YE' })) {
      expect(m.alternatives).toBeUndefined();
    }
  });
});

describe('anaphora', () => {
  it('"التنظيم" refers back to IS', () => {
    const s = 'تبنى تنظيم داعش الهجوم، وقال التنظيم إن مقاتليه قتلوا جنودا';
    const ms = recognizeActors(tokenize(s), { anaphora: true });
    const ana = ms.find((m) => m.rule === 'anaphor');
    expect(ana).toMatchObject({ text: 'التنظيم', actor: { id: 'isis' }, generic: true });
    const plain = recognizeActors(tokenize(s));
    expect(resolveAnaphor('التنظيم', s.indexOf('وقال'), plain)?.id).toBe('isis');
  });

  it('"الحركة" prefers an actor whose name starts with حركة', () => {
    const s = 'ردت حركة حماس على القصف، ثم دعا حزب الله إلى التهدئة، وقالت الحركة إنها ملتزمة';
    const ms = recognizeActors(tokenize(s));
    expect(resolveAnaphor('والحركة', s.length, ms)?.id).toBe('hamas');
  });

  it('returns null when nothing fits', () => {
    const s = 'قتل مدنيون، وقال التنظيم إنه لم يشارك';
    expect(resolveAnaphor('التنظيم', s.length, recognizeActors(tokenize(s)))).toBeNull();
    expect(resolveAnaphor('المدينة', s.length, recognizeActors(tokenize(s)))).toBeNull();
  });
});

describe('guessCountry', () => {
  it.each([
    ['قصف الحوثيون مدينة مأرب وردت قوات الشرعية', 'YE'],
    ['قالت الحكومة السورية إن الجيش السوري تقدم في ريف دمشق', 'SY'],
    ['لا يوجد هنا أي بلد', null],
  ])('%s → %s', (s, c) => {
    expect(guessCountry(tokenize(s))).toBe(c);
  });
});

describe('dictionary entries', () => {
  it('generated state forces follow ACLED naming and fold to Arabic names', () => {
    expect(actorById('military-forces-of-syria')).toMatchObject({ name: 'Military Forces of Syria', name_ar: 'الجيش السوري' });
    expect(actorById('police-forces-of-egypt')).toMatchObject({ name: 'Police Forces of Egypt', name_ar: 'الشرطة المصرية' });
    expect(actorById('military-forces-of-the-united-states')).toMatchObject({ name: 'Military Forces of the United States' });
    expect(actorById('russia')).toMatchObject({ name: 'Russia', name_ar: 'روسيا', country: 'RU' });
  });

  it('is cached', () => {
    expect(loadActors()).toBe(loadActors());
  });
});
