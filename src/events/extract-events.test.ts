/**
 * The event stage through the whole pipeline, on sentences written for these tests: what is an
 * event (modality, background, relevance), its type and sub-type, its place, date, actors and toll.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline.ts';
import type { RasadEvent } from '../types.ts';

const PUB = '2023-03-16'; // a Thursday
const run = (text: string, published: string | undefined = PUB) => extractDocument({ id: 't', text, ...(published ? { published } : {}) });
const only = (text: string, published?: string): RasadEvent => {
  const r = run(text, published);
  expect(r.events, JSON.stringify(r.events.map((e) => [e.event_type, e.sub_event_type, e.location?.text]))).toHaveLength(1);
  return r.events[0];
};

describe('[events] type and sub-type', () => {
  it.each([
    ['شنت طائرات حربية غارات جوية على بلدة سراقب في ريف إدلب اليوم الخميس.', 'Explosions/Remote violence', 'Air/drone strike'],
    ['سقطت قذائف هاون على حي في مدينة حلب أمس الأربعاء.', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'],
    ['انفجرت عبوة ناسفة بسيارة عسكرية في مدينة درعا اليوم.', 'Explosions/Remote violence', 'Remote explosive/landmine/IED'],
    ['فجر انتحاري حزاماً ناسفاً في سوق بمدينة الموصل اليوم الخميس.', 'Explosions/Remote violence', 'Suicide bomb'],
    ['اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في مدينة الرقة اليوم.', 'Battles', 'Armed clash'],
    ['خطف مسلحون مجهولون خمسة مدنيين من بلدة في ريف درعا أمس.', 'Violence against civilians', 'Abduction/forced disappearance'],
    ['تظاهر مئات المحتجين في مدينة البصرة اليوم للمطالبة بتحسين الخدمات.', 'Protests', 'Peaceful protest'],
    ['فرقت قوات الأمن بالغاز المسيل للدموع تظاهرة في مدينة البصرة اليوم.', 'Protests', 'Protest with intervention'],
    ['أحرق محتجون مبنى المحافظة في مدينة البصرة اليوم خلال احتجاجات غاضبة.', 'Riots', 'Violent demonstration'],
    ['اعتقلت قوات الأمن العراقية عشرة أشخاص في مدينة كركوك اليوم.', 'Strategic developments', 'Arrests'],
    ['اعترضت الدفاعات الجوية السعودية صاروخاً باليستياً أطلقه الحوثيون باتجاه مدينة جازان اليوم.', 'Strategic developments', 'Disrupted weapons use'],
    ['فرضت السلطات حظر التجول في مدينة الحديدة اليوم.', 'Movement restrictions', 'Curfew'],
    ['أعلنت السلطات إغلاق معبر نصيب الحدودي مع الأردن اليوم.', 'Movement restrictions', 'Closure'],
    ['نزح آلاف المدنيين من مدينة معرة النعمان اليوم هرباً من القصف.', 'Displacement', 'Displacement'],
    ['طلبت فرنسا عقد جلسة طارئة لمجلس الأمن الدولي اليوم.', 'Diplomacy', 'Meeting'],
    ['استدعت الأردن سفيرها لدى إسرائيل اليوم احتجاجاً على الاعتداءات.', 'Diplomacy', 'Other'],
    ['أصيب عشرات المحتجين في مواجهات مع قوات الأمن العراقية في مدينة الناصرية اليوم.', 'Protests', 'Protest with intervention'],
    ['قتل 5 متظاهرين في مواجهات مع الشرطة في مدينة الناصرية اليوم.', 'Protests', 'Excessive force against protesters'],
  ])('%s', (text, type, sub) => {
    const e = only(text);
    expect(e.event_type).toBe(type);
    expect(e.sub_event_type).toBe(sub);
    expect(e.evidence.length).toBeGreaterThan(0);
  });
});

describe('[events] not events (modality, relevance, no trigger)', () => {
  it.each([
    ['من المتوقع أن تشن القوات هجوماً على مدينة إدلب الأسبوع المقبل.', 'future'],
    ['سوف تقصف الطائرات مواقع المسلحين في مدينة درعا.', 'future'],
    ['نفى الجيش قصف مدينة حلب أمس.', 'denial'],
    ['هدد التنظيم بتفجير سيارات مفخخة في مدينة بغداد.', 'threat'],
    ['ولم يتم استهداف المطار بقصف، بحسب البيان.', 'negation'],
    ['فاز الأهلي على الزمالك بنتيجة 3-1 في مباراة الدوري، وسجل اللاعب هدفين، وتصدر الفريق الترتيب بفارق نقطة عن المنتخب في البطولة.', 'sport'],
    ['للاستفسار اتصل بالرقم 0223456789 أو راجع المادة 5 من القانون.', 'no trigger'],
    ['وافقت الولايات المتحدة اليوم على صفقة لبيع الكويت صواريخ موجهة بقيمة 300 مليون دولار.', 'weapon as an object'],
    ['قال الوزير إن المتهم خبير في صناعة الصواريخ ويعمل في مدينة الموصل.', 'weapon as an object'],
    ['تقوم الفرق الهندسية في مدينة تعز اليوم بنزع الألغام من الطرقات.', 'weapon as an object'],
    ['وقال الوزير اليوم في عمّان إن بلاده عانت كثيراً من ملف النزوح السوري.', 'an issue, not a movement'],
    ['وأكد المتحدث أن الجيش لا ينوي تغيير قواعد الاشتباك على الحدود مع مدينة غزة.', 'idiom'],
    ['وشارك المئات اليوم في مدينة حلب في إحياء ذكرى المجزرة.', 'anniversary'],
    ['وكانت مدينة الحسيمة قد شهدت في عام 2011 احتجاجات واسعة.', 'a past year'],
    ['ونزح إلى مدينة إربد منذ عام 2012 أكثر من مئتي ألف شخص.', 'an ongoing displacement since long ago'],
  ])('%s (%s)', (text) => {
    expect(run(text).events).toEqual([]);
  });

  it('drops background older than a month', () => {
    expect(run('وكانت طائرات قد قصفت مدينة حلب في 3 كانون الثاني 2015.').events).toEqual([]);
  });
});

describe('[events] arguments', () => {
  it('dates: "أمس" is the day before publication, undated is day before .. publication', () => {
    expect(only('سقطت قذائف على مدينة حلب أمس.').date).toMatchObject({ start: '2023-03-15', end: '2023-03-15' });
    expect(only('سقطت قذائف على مدينة حلب.').date).toMatchObject({ start: '2023-03-15', end: '2023-03-16' });
  });

  it('without a publication date relative dates stay unknown', () => {
    expect(only('سقطت قذائف على مدينة حلب أمس.', '').date).toMatchObject({ start: null, end: null, precision: 'unknown' });
  });

  it('place: the town named inside a province, with clitics stripped in text', () => {
    const e = only('قصفت الطائرات بلدة سراقب بريف إدلب اليوم.');
    expect(e.location).toMatchObject({ text: 'سراقب', country: 'SY', geo_precision: 1 });
  });

  it('one event per town when strikes hit several', () => {
    const r = run('شنت الطائرات غارات على مدينة سراقب اليوم، وغارات أخرى على مدينة دوما في الغوطة الشرقية.');
    const towns = r.events.filter((e) => e.event_type === 'Explosions/Remote violence').map((e) => e.location?.text);
    expect(towns).toEqual(['سراقب', 'دوما']);
  });

  it('curfew: hours window and a date range', () => {
    const e = only('فرضت السلطات حظر التجول في مدينة الحديدة اعتباراً من 10 ولغاية 20 الشهر الجاري من الساعة الثامنة مساءً وحتى السادسة صباحاً.');
    expect(e.date).toMatchObject({ start: '2023-03-10', end: '2023-03-20' });
    expect(e.hours).toEqual({ from: '20:00', to: '06:00' });
  });

  it('actors: agent after the trigger ("غارات للتحالف") and civilian victims', () => {
    const e = only('قتل 12 مدنياً في غارات للتحالف الدولي على بلدة هجين بريف دير الزور اليوم.');
    expect(e.actor1?.id).toBe('international-coalition');
    expect(e.actor2?.id).toBe('civilians');
    expect(e.fatalities).toBe(12);
  });

  it('actors: the reporting ministry is not the attacker; a claim names the agent', () => {
    const e = only('أعلنت وزارة الداخلية أن عبوة ناسفة انفجرت في مدينة عدن اليوم. وتبنى تنظيم داعش التفجير.');
    expect(e.actor1?.id).toBe('isis');
  });

  it('actors: an interceptor acts on the launcher (Disrupted weapons use)', () => {
    const e = only('اعترضت الدفاعات الجوية السعودية اليوم صاروخاً باليستياً أطلقه الحوثيون باتجاه مدينة جازان.');
    expect(e.actor1?.id).toBe('military-forces-of-saudi-arabia');
    expect(e.actor2?.id).toBe('houthis');
  });

  it('actors: "التنظيم" refers back to the group named before; people counted without a side are civilians', () => {
    const r = run('سيطر تنظيم داعش على قرية في ريف دير الزور أمس. وفجّر التنظيم سيارة مفخخة في بلدة هجين اليوم ما أدى إلى مقتل 7 أشخاص.');
    const e = r.events.find((x) => x.event_type === 'Explosions/Remote violence')!;
    expect(e.actor1?.id).toBe('isis');
    expect(e.actor2?.id).toBe('civilians');
  });

  it('actors: a strike that harmed nobody names no civilian victims', () => {
    const e = only('سقط صاروخ أطلقه الحوثيون على مدينة جازان اليوم دون وقوع إصابات.');
    expect(e.actor2?.id).not.toBe('civilians');
  });

  it('protests: the crowd is actor1', () => {
    expect(only('تظاهر مئات المحتجين في مدينة البصرة اليوم.').actor1?.id).toBe('protesters');
  });

  it('fatalities: per-side figures of one statement are added; "no casualties" is 0', () => {
    expect(only('اندلعت اشتباكات بين الجيش وتنظيم داعش في مدينة دير الزور اليوم أسفرت عن مقتل 12 من عناصر التنظيم و3 من الجنود.').fatalities).toBe(15);
    expect(only('سقط صاروخ على مدينة جازان اليوم دون وقوع إصابات.').fatalities).toBe(0);
  });

  it('fatalities: a vague toll stays vague', () => {
    const e = only('قتل العشرات في قصف على مدينة دوما اليوم.');
    expect(e.fatalities).toBeNull();
    expect(e.fatalities_vague).toEqual({ min: 10 });
  });

  it('explains every field it sets with a span and a rule', () => {
    const r = run('قتل 12 مدنياً في غارات للتحالف الدولي على بلدة هجين بريف دير الزور اليوم.');
    const e = r.events[0];
    for (const f of ['event_type', 'location', 'date', 'actor1', 'fatalities']) {
      expect(e.explain?.[f], f).toBeDefined();
      const span = e.explain![f].span!;
      expect(r.document.text.slice(span.start, span.end).length).toBeGreaterThan(0);
    }
  });
});

describe('[events] datelines', () => {
  it('the place a reporter filed from is not where it happened', () => {
    const e = only('دبي، الإمارات العربية المتحدة (CNN) -- قال المرصد السوري إن طائرات حربية شنت غارات على مدينة سراقب اليوم.');
    expect(e.location?.text).toBe('سراقب');
  });
});

describe('[events] places and merging', () => {
  it('a capital named as the one acting is not the place ("حذرت موسكو")', () => {
    const r = run('شنت طائرات حربية غارات على بلدة سراقب في ريف إدلب اليوم، وقالت موسكو إن القصف استهدف مسلحين.');
    expect(r.events.map((e) => e.location?.text)).toEqual(['سراقب']);
  });

  it('a launch site is not the place of a missile strike; the target is', () => {
    const e = only('استهدف الحوثيون مدينة جازان اليوم بصاروخ باليستي أطلقوه من محافظة صعدة.');
    expect(e.location?.text).toContain('جازان');
  });

  it('a figure-only follow-up without a place of its own goes on about the same strike', () => {
    const r = run('قصفت طائرات حربية بلدة سراقب في ريف إدلب اليوم الخميس. وفي مدينة حلب أعلنت السلطات حالة الطوارئ. وقال الدفاع المدني إن القصف أدى إلى مقتل 5 مدنيين.');
    expect(r.events.filter((e) => e.event_type === 'Explosions/Remote violence')).toHaveLength(1);
  });

  it('"للمرة الأولى منذ عام" does not date the strike; the named day does', () => {
    const e = only('ألقت مروحيات براميل متفجرة، للمرة الأولى منذ عام، على أحياء في مدينة درعا الاثنين.', '2023-03-14');
    expect(e.date.start).toBe('2023-03-13');
  });
});

describe('[events] one event per town (CODING.md)', () => {
  it('splits a strike on a list of towns and leaves their shared toll unsplit', () => {
    const r = run('قصفت طائرات حربية اليوم مدن سراقب ومعرة النعمان وأريحا في ريف إدلب، ما أدى إلى مقتل 12 مدنياً.');
    const strikes = r.events.filter((e) => e.event_type === 'Explosions/Remote violence');
    expect(strikes.map((e) => e.location?.name_ar ?? e.location?.text)).toHaveLength(3);
    expect(strikes.every((e) => e.fatalities === null)).toBe(true);
  });

  it('does not split a road "between" two cities', () => {
    const r = run('قصفت طائرات حربية اليوم الطريق الدولي بين حلب ودمشق.');
    expect(r.events.filter((e) => e.event_type === 'Explosions/Remote violence')).toHaveLength(1);
  });
});

describe('[events] confidence', () => {
  // a headline of its own, so the event's first sentence is not also the headline (+0.2)
  const event = (text: string) => {
    const r = extractDocument({ id: 't', title: 'نشرة المساء', text, published: PUB });
    expect(r.events).toHaveLength(1);
    return r.events[0];
  };
  it('an event placed only in a country is less sure than one placed at a town', () => {
    const town = event('قصفت طائرات حربية بلدة سراقب في ريف إدلب اليوم الخميس.');
    const country = event('قصفت طائرات حربية مواقع في سوريا اليوم الخميس.');
    expect(town.location?.geo_precision).toBe(1);
    expect(country.location?.geo_precision).toBe(3);
    expect(town.confidence - country.confidence).toBeCloseTo(0.1, 5);
  });
});
