import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { haversineKm } from './distance.ts';
import { createGeocoder, toEventLocation, type PlaceMention } from './geocoder.ts';
import { geocodeCommand } from './geocode-command.ts';

const geo = createGeocoder();
const recognize = (text: string, countryHint?: string) => geo.recognize(tokenize(text), { countryHint });
const find = (ms: PlaceMention[], text: string) => ms.find((m) => m.text === text);

/** [sentence, mention text, country, lat, lon, precision, qualifier?] — within 10 km. */
type Case = [string, string, string, number, number, 1 | 2 | 3, string?];

describe('[geo/geocoder] proclitics', () => {
  it.each<Case>([
    ['قصفت الطائرات مواقع بالحسكة صباح اليوم', 'الحسكة', 'SY', 36.5024, 40.7477, 1],
    ['فرضت السلطات حظر تجول في الحسكة وقامشلو حتى نهاية الشهر', 'قامشلو', 'SY', 37.0522, 41.2314, 1],
    ['وصلت قافلة مساعدات لإدلب أمس بعد أسابيع من الانتظار', 'إدلب', 'SY', 35.9306, 36.6339, 1],
    ['أرسلت القوات تعزيزات عسكرية للحسكة خلال الليل', 'الحسكة', 'SY', 36.5024, 40.7477, 1],
    ['وفي الموصل عادت الأسواق إلى العمل', 'الموصل', 'IQ', 36.335, 43.1189, 1],
    ['فبنغازي تشهد هدوءا حذرا منذ أيام', 'بنغازي', 'LY', 32.1149, 20.0686, 1],
  ])('%s → %s', (sentence, text, country, lat, lon, precision) => {
    const m = find(recognize(sentence), text);
    expect(m, `no mention "${text}"`).toBeDefined();
    expect(m!.resolved!.country).toBe(country);
    expect(haversineKm(m!.resolved!.lat, m!.resolved!.lon, lat, lon)).toBeLessThan(10);
    expect(m!.geo_precision).toBe(precision);
    // the mention text never carries the proclitic; the evidence span does
    expect(sentence.slice(m!.stemStart, m!.end)).toBe(text === 'الحسكة' && sentence.includes('للحسكة') ? 'لحسكة' : text);
  });
});

describe('[geo/geocoder] phrases around names', () => {
  it.each<Case>([
    ['قتل ثلاثة مدنيين بقصف على ريف إدلب الجنوبي', 'ريف إدلب الجنوبي', 'SY', 35.9306, 36.6339, 2, 'countryside'],
    ['تدور معارك عنيفة في الريف الشرقي لحماة منذ الفجر', 'الريف الشرقي لحماة', 'SY', 35.1318, 36.7578, 2, 'countryside'],
    ['تتواصل هجمات التنظيم في شمال شرق سوريا منذ أشهر', 'شمال شرق سوريا', 'SY', 36.5024, 40.7477, 3, 'direction'],
    ['اندلعت اشتباكات بين فصائل مسلحة في غربي ليبيا', 'غربي ليبيا', 'LY', 32.8874, 13.1873, 3, 'direction'],
    ['خرجت مظاهرات في مدن جنوب العراق احتجاجا على انقطاع الكهرباء', 'جنوب العراق', 'IQ', 30.5085, 47.7804, 3, 'direction'],
    ['ما زالت المعارك مستمرة في الشمال السوري', 'الشمال السوري', 'SY', 36.2012, 37.1612, 3, 'direction'],
    ['سقطت قذائف على أراض زراعية شرق خان يونس', 'شرق خان يونس', 'PS', 31.3402, 34.3063, 2, 'direction'],
    ['انفجرت عبوة ناسفة قرب مدينة الرمادي', 'قرب مدينة الرمادي', 'IQ', 33.4206, 43.3078, 2, 'near'],
    ['فرضت قوى الأمن حظر تجول على مدينة الحسكة', 'الحسكة', 'SY', 36.5024, 40.7477, 1, 'feature'],
    ['دخلت قافلة أممية إلى محافظة دير الزور', 'دير الزور', 'SY', 35.3359, 40.1408, 3, 'feature'],
    ['وصل الوفد إلى العاصمة العراقية مساء أمس', 'العاصمة العراقية', 'IQ', 33.3406, 44.4009, 1, 'capital'],
    ['تجري تدريبات مشتركة داخل الأراضي السورية', 'الأراضي السورية', 'SY', 33.5102, 36.2913, 3, 'land'],
  ])('%s → %s', (sentence, text, country, lat, lon, precision, qualifier) => {
    const m = find(recognize(sentence), text);
    expect(m, `no mention "${text}" in ${JSON.stringify(recognize(sentence).map((x) => x.text))}`).toBeDefined();
    expect(m!.resolved!.country).toBe(country);
    expect(haversineKm(m!.resolved!.lat, m!.resolved!.lon, lat, lon)).toBeLessThan(10);
    expect(m!.geo_precision).toBe(precision);
    expect(m!.qualifier).toBe(qualifier);
  });
});

describe('[geo/geocoder] curated places: neighbourhoods, prisons, camps, bases', () => {
  it.each<[string, string, string, number]>([
    ['اندلعت اشتباكات في حي غويران جنوب مدينة الحسكة', 'غويران', 'sup:ghwayran', 1],
    ['هاجم مسلحون سجن الصناعة في الحسكة بسيارة مفخخة', 'سجن الصناعة', 'sup:sinaa-prison', 1],
    ['نقلت عائلات من مخيم الهول إلى مناطقها الأصلية', 'مخيم الهول', 'sup:al-hol-camp', 1],
    ['استهدفت غارة جوية قاعدة التيفور في ريف حمص الشرقي', 'قاعدة التيفور', 'sup:t4-airbase', 1],
    ['هبطت طائرة شحن في قاعدة حميميم قرب اللاذقية', 'قاعدة حميميم', 'sup:hmeimim-airbase', 1],
    ['أغلقت السلطات معبر كرم أبو سالم أمام البضائع', 'معبر كرم أبو سالم', 'sup:kerem-shalom', 1],
    ['تظاهر آلاف في ساحة التحرير وسط بغداد', 'ساحة التحرير', 'sup:tahrir-square-baghdad', 1],
    ['احتشد المتظاهرون في ساحة التحرير بالقاهرة', 'ساحة التحرير', 'sup:tahrir-square-cairo', 1],
    ['قصفت الطائرات بلدات الغوطة الشرقية طوال الليل', 'الغوطة الشرقية', 'sup:eastern-ghouta', 2],
  ])('%s → %s', (sentence, text, id, precision) => {
    const m = find(recognize(sentence), text);
    expect(m, `no mention "${text}" in ${JSON.stringify(recognize(sentence).map((x) => x.text))}`).toBeDefined();
    expect(m!.resolved!.id).toBe(id);
    expect(m!.geo_precision).toBe(precision);
  });
});

describe('[geo/geocoder] ambiguous names', () => {
  it.each<[string, string, string]>([
    // طرابلس: Libya's capital or Lebanon's northern city, by what else the text names
    ['اندلعت اشتباكات عنيفة في طرابلس بين جماعات مسلحة ليبية بعد هجوم قادم من مصراتة', 'طرابلس', 'LY'],
    ['عاد الهدوء إلى طرابلس شمال لبنان بعد ليلة من الاشتباكات قرب عكار', 'طرابلس', 'LB'],
    // عمان: Amman or Oman
    ['تظاهر المئات في عمان احتجاجا على قانون الضريبة الذي أقرته الحكومة الأردنية في الزرقاء', 'عمان', 'JO'],
    // البيضاء: a Yemeni governorate town and a Libyan city
    ['قتل جنود يمنيون في هجوم على مواقع في البيضاء ورداع وسط اليمن', 'البيضاء', 'YE'],
    ['انعقد البرلمان الليبي في البيضاء شرق ليبيا قرب درنة', 'البيضاء', 'LY'],
  ])('%s → %s in %s', (sentence, text, country) => {
    const m = find(recognize(sentence), text);
    expect(m, `no mention "${text}"`).toBeDefined();
    expect(m!.resolved!.country).toBe(country);
    expect(m!.candidates.length).toBeGreaterThan(1);
  });

  it('a country hint decides a name that the text leaves open', () => {
    expect(find(recognize('وقع انفجار في طرابلس صباح اليوم', 'LB'), 'طرابلس')!.resolved!.country).toBe('LB');
    expect(find(recognize('وقع انفجار في طرابلس صباح اليوم', 'LY'), 'طرابلس')!.resolved!.country).toBe('LY');
  });

  it('containment picks the Syrian town over its namesake elsewhere', () => {
    const m = find(recognize('سيطرت فصائل المعارضة على بلدة حضر في ريف القنيطرة الشمالي'), 'حضر');
    expect(m!.resolved!.country).toBe('SY');
    expect(haversineKm(m!.resolved!.lat, m!.resolved!.lon, 33.28, 35.83)).toBeLessThan(10);
  });

  it('an unknown village is placed at the place that contains it, precision 2', () => {
    const ms = recognize('قتل مدنيان بانفجار لغم في قرية هداج بريف الحسكة الجنوبي');
    const m = find(ms, 'هداج')!;
    expect(m.resolved!.name_ar).toBe('الحسكة');
    expect(m.geo_precision).toBe(2);
    expect(m.reason).toMatch(/unknown-name-in/);
  });

  it('districts known to GeoNames only in Latin are matched by their romanization', () => {
    const ms = recognize('أعلنت القوات الحكومية تحرير مديرية الوازعية غربي تعز بالكامل، وقصفت مديريات شدا وباقم ورازح في صعدة');
    const w = find(ms, 'الوازعية')!;
    expect(w.resolved!.kind).toBe('admin2');
    expect(w.resolved!.country).toBe('YE');
    expect(w.geo_precision).toBe(2);
    expect(['شدا', 'باقم', 'رازح'].every((n) => find(ms, n)?.resolved?.admin1 === 'Şa‘dah')).toBe(true);
  });
});

describe('[geo/geocoder] words that look like names but are not places', () => {
  it.each([
    'قال محمد السلام إن الأمن مستتب في المنطقة',
    'أعلنت قوات سوريا الديمقراطية بدء حملة جديدة',
    'دعت الأمم المتحدة إلى وقف فوري لإطلاق النار',
    'صرح مصدر في الحكومة بأن الاجتماع سيعقد يوم الأحد',
    'انطلقت عاصفة الحزم قبل سنوات بقيادة التحالف',
    'جرت الانتخابات في الخامس عشر من آب الماضي',
    'قصفت الطائرات السورية مواقع للمعارضة',
    'قالت الرئاسة إن الحوار هو الحل الوحيد من أجل مستقبل البلاد',
    'كان الحصار قد بدأ منذ سنوات بحسب البيان',
    'أكد أحمد علي أن الفريق مستعد للمباراة',
  ])('%s', (sentence) => {
    expect(recognize(sentence).map((m) => `${m.text} → ${m.resolved?.name}`)).toEqual([]);
  });

  it('a country named as a state is a country, placed at its capital with precision 3', () => {
    const m = find(recognize('طلبت روسيا عقد اجتماع لمجلس الأمن'), 'روسيا')!;
    expect(m.resolved!.kind).toBe('country');
    expect(m.resolved!.country).toBe('RU');
    expect(m.geo_precision).toBe(3);
  });

  it('the country name "السعودية" is the country although it looks like an adjective', () => {
    const m = find(recognize('عاد الوفد من زيارة إلى السعودية وتركيا'), 'السعودية')!;
    expect(m.resolved!.kind).toBe('country');
    expect(m.resolved!.country).toBe('SA');
  });
});

describe('[geo/geocoder] the seed article', () => {
  const seed = readFileSync(path.join(import.meta.dirname, '..', '..', 'examples', 'articles', 'seed-hasakah.txt'), 'utf8');
  const ms = recognize(seed);
  const at = (text: string) => ms.filter((m) => m.text === text);

  it('places al-Hasakah, Qamishli, Ghwayran and al-Sina\'a prison within 10 km', () => {
    for (const m of at('الحسكة')) expect(haversineKm(m.resolved!.lat, m.resolved!.lon, 36.5024, 40.7477)).toBeLessThan(10);
    expect(at('الحسكة').length).toBeGreaterThan(1);
    const q = at('قامشلو')[0];
    expect(haversineKm(q.resolved!.lat, q.resolved!.lon, 37.0522, 41.2314)).toBeLessThan(10);
    for (const t of ['غويران', 'الغويران', 'سجن الصناعة', 'حوش البعر']) {
      const m = at(t)[0];
      expect(m, t).toBeDefined();
      expect(haversineKm(m.resolved!.lat, m.resolved!.lon, 36.5024, 40.7477)).toBeLessThan(10);
    }
  });

  it('reads "شمال شرق سوريا" as a region, precision 3', () => {
    const m = at('شمال شرق سوريا')[0];
    expect(m.resolved!.kind).toBe('region');
    expect(m.geo_precision).toBe(3);
  });

  it('keeps Russia a country and the United Nations no place', () => {
    expect(at('روسيا').every((m) => m.resolved!.kind === 'country' && m.resolved!.country === 'RU')).toBe(true);
    const un = seed.indexOf('الأمم المتحدة');
    expect(ms.some((m) => m.start <= un && m.end > un)).toBe(false);
  });
});

describe('[geo/geocoder] output shapes', () => {
  it('toEventLocation gives the SPEC location object', () => {
    const m = find(recognize('قصفت الطائرات مواقع بالحسكة'), 'الحسكة')!;
    const loc = toEventLocation(m);
    expect(loc).toMatchObject({ text: 'الحسكة', name_ar: 'الحسكة', country: 'SY', admin1: 'Al-Hasakah', geo_precision: 1, geonames_id: 173811 });
    expect(typeof loc.lat).toBe('number');
  });

  it('geocodeCommand prints mentions, resolutions, reasons and other candidates', () => {
    const out = geocodeCommand('اشتباكات في طرابلس قرب مصراتة');
    expect(out).toMatch(/طرابلس/);
    expect(out).toMatch(/Tripoli/);
    expect(out).toMatch(/why:/);
    expect(out).toMatch(/also:/);
    expect(geocodeCommand('لا شيء هنا')).toBe('no places recognized');
  });
});
