import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { recognizePersons } from './entities.ts';

const persons = (s: string, date = '2018-05-01') =>
  recognizePersons(tokenize(s), { date }).map((p) => ({ text: p.text, role: p.role, actorId: p.actorId }));

describe('recognizePersons', () => {
  it.each<[string, string, Array<{ text: string; role: string; actorId?: string }>]>([
    ['role with actors and modifiers between', 'وقال النائب الأول لمندوب روسيا الدائم لدى الأمم المتحدة دميتري بوليانسكي إن بلاده ترفض القرار', [
      { text: 'دميتري بوليانسكي', role: 'النائب الأول لمندوب روسيا الدائم لدى الأمم المتحدة' },
    ]],
    ['minister with a country adjective, known to the dictionary', 'وأكد وزير الخارجية الأمريكي مايك بومبيو أن المحادثات مستمرة', [
      { text: 'مايك بومبيو', role: 'وزير الخارجية الأمريكي', actorId: 'united-states' },
    ]],
    ['construct role', 'وقال رئيس مجلس النواب نبيه بري، إن الجلسة تأجلت', [
      { text: 'نبيه بري', role: 'رئيس مجلس النواب' },
    ]],
    ['object after the name is cut', 'استقبل الرئيس الفرنسي إيمانويل ماكرون وفدا من المعارضة', [
      { text: 'إيمانويل ماكرون', role: 'الرئيس الفرنسي', actorId: 'france' },
    ]],
    ['spokesperson of a ministry', 'وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو تدين الضربة', [
      { text: 'ماريا زاخاروفا', role: 'المتحدثة باسم الخارجية الروسية' },
    ]],
  ])('%s', (_n, s, expected) => {
    expect(persons(s)).toEqual(expected.map((e) => ({ actorId: undefined, ...e })));
  });

  it.each([
    ['a role without a name', 'وقال الرئيس في خطاب متلفز إن البلاد بخير'],
    ['a construct that is not a name', 'وقال رئيس البرلمان إن الجلسة انتهت'],
    ['a team is not a general', 'فاز الفريق بالمباراة أمس'],
    ['an adverb is not a name', 'ورأى الوزير مناسباً تأجيل الزيارة'],
  ])('no person: %s', (_n, s) => {
    expect(persons(s)).toEqual([]);
  });

  it.each([
    ['quoted name before the role', 'وقال “دميتري بوليانسكي”، النائب الأول لمندوب روسيا الدائم لدى الأمم المتحدة، إن', 'دميتري بوليانسكي', 'النائب الأول لمندوب روسيا الدائم لدى الأمم المتحدة'],
    ['name after a speech verb before the role', 'وأكد سامر خليل، المتحدث باسم البلدية، أن الطريق أغلق', 'سامر خليل', 'المتحدث باسم البلدية'],
  ])('apposition: %s', (_n, s, name, role) => {
    expect(persons(s)).toEqual([{ text: name, role, actorId: undefined }]);
  });

  it('keeps offsets into the original text', () => {
    const s = 'التقى العاهل الأردني الملك عبد الله الثاني بالوفد';
    const [p] = recognizePersons(tokenize(s));
    expect(s.slice(p.start, p.end)).toBe(p.text);
    expect(p.kind).toBe('person');
  });
});
