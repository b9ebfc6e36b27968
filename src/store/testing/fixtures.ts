/**
 * @module store/testing/fixtures
 * Hand-written Arabic articles and hand-built extraction results for the store tests
 * (conformance suite, crash test, bench). The sentences are written for these tests; the
 * events are what a correct extractor would return, with evidence spans computed from the
 * text so they always point at the right words.
 */
import type { Actor, EventLocation, EventType, ExtractionResult, RasadEvent } from '../../types.ts';

export const ACTORS: Record<string, Actor> = {
  asayish: { id: 'asayish', name: 'Internal Security Forces (Asayish)', name_ar: 'قوى الأمن الداخلي', text: 'قوى الأمن الداخلي' },
  isis: { id: 'isis', name: 'Islamic State', name_ar: 'تنظيم الدولة الإسلامية', text: 'داعش' },
  coalition: { id: 'international-coalition', name: 'International Coalition', name_ar: 'التحالف الدولي', text: 'التحالف الدولي' },
  protesters: { id: 'protesters', name: 'Protesters', name_ar: 'متظاهرون', text: 'المتظاهرين' },
};

export const PLACES: Record<string, EventLocation> = {
  hasakah: { text: 'الحسكة', name: 'Al-Hasakah', name_ar: 'الحسكة', country: 'SY', admin1: 'Al-Hasakah', admin2: 'Al-Hasakah', lat: 36.5024, lon: 40.7477, geo_precision: 1 },
  ghwayran: { text: 'غويران', name: 'Ghwayran', name_ar: 'غويران', country: 'SY', admin1: 'Al-Hasakah', admin2: 'Al-Hasakah', lat: 36.4717, lon: 40.7269, geo_precision: 2 },
  idlib: { text: 'إدلب', name: 'Idlib', name_ar: 'إدلب', country: 'SY', admin1: 'Idlib', admin2: 'Idlib', lat: 35.9306, lon: 36.6339, geo_precision: 1 },
  mosul: { text: 'الموصل', name: 'Mosul', name_ar: 'الموصل', country: 'IQ', admin1: 'Nineveh', admin2: 'Mosul', lat: 36.335, lon: 43.1189, geo_precision: 1 },
  aden: { text: 'عدن', name: 'Aden', name_ar: 'عدن', country: 'YE', admin1: 'Aden', admin2: null, lat: 12.7794, lon: 45.0367, geo_precision: 1 },
};

export interface EventSpec {
  type: EventType;
  sub: string;
  /** The words of the text that anchor the event (first occurrence). */
  anchor: string;
  date: [string | null, string | null];
  place?: keyof typeof PLACES | null;
  actor1?: keyof typeof ACTORS | null;
  actor2?: keyof typeof ACTORS | null;
  fatalities?: number | null;
  confidence?: number;
}

/** Builds a RasadEvent whose evidence is the first occurrence of `anchor` in `text`. */
export function makeEvent(text: string, spec: EventSpec, i = 0): RasadEvent {
  const at = text.indexOf(spec.anchor);
  if (at < 0) throw new Error(`anchor not in text: ${spec.anchor}`);
  const [start, end] = spec.date;
  return {
    id: `e${i + 1}`,
    event_type: spec.type,
    sub_event_type: spec.sub,
    date: { start, end, precision: start == null ? 'unknown' : start === end ? 'day' : 'range', text: null },
    location: spec.place ? { ...PLACES[spec.place] } : null,
    actor1: spec.actor1 ? { ...ACTORS[spec.actor1] } : null,
    actor2: spec.actor2 ? { ...ACTORS[spec.actor2] } : null,
    assoc_actor1: [],
    assoc_actor2: [],
    fatalities: spec.fatalities ?? null,
    injured: null,
    detained: null,
    displaced: null,
    evidence: [{ start: at, end: at + spec.anchor.length }],
    confidence: spec.confidence ?? 0.8,
  };
}

export interface Fixture {
  id: string;
  source: string;
  published: string;
  text: string;
  events: EventSpec[];
}

/** Builds the extraction result of a fixture. */
export function makeResult(f: Fixture): ExtractionResult {
  return {
    document: { id: f.id, title: f.text.slice(0, 40), published: f.published, language: 'ar', text: f.text },
    events: f.events.map((e, i) => makeEvent(f.text, e, i)),
  };
}

const HASAKAH_BODY =
  'قالت مصادر محلية إن قوى الأمن الداخلي فرضت حظر تجوال شاملا في مدينة الحسكة اعتبارا من يوم الاثنين ولمدة أسبوع كامل، ' +
  'وذلك بعد اشتباكات عنيفة اندلعت مع عناصر من تنظيم داعش قرب سجن غويران في الطرف الجنوبي من المدينة. ' +
  'وأضافت المصادر أن المواجهات أسفرت عن مقتل 12 شخصا بينهم عدد من المدنيين، فيما أغلقت الطرق المؤدية إلى حي الزهور. ' +
  'وشهدت الأحياء القريبة من السجن حركة نزوح للأهالي نحو الأحياء الشمالية، وسط تحليق مكثف لطائرات الاستطلاع فوق المنطقة، ' +
  'بينما دعت الإدارة المحلية السكان إلى التزام منازلهم وعدم الاقتراب من محيط السجن حتى إشعار آخر.';

const HASAKAH_EVENTS: EventSpec[] = [
  { type: 'Movement restrictions', sub: 'Curfew', anchor: 'فرضت حظر تجوال', date: ['2022-01-24', '2022-01-31'], place: 'hasakah', actor1: 'asayish' },
  { type: 'Battles', sub: 'Armed clash', anchor: 'اشتباكات عنيفة', date: ['2022-01-23', '2022-01-23'], place: 'ghwayran', actor1: 'asayish', actor2: 'isis', fatalities: 12 },
];

/** The base article, its wire copy from another outlet, an independent report, and events elsewhere. */
export const FIXTURES: Record<string, Fixture> = {
  hasakahA: { id: 'sharq-101', source: 'وكالة الشرق', published: '2022-01-24', text: 'الحسكة - ' + HASAKAH_BODY, events: HASAKAH_EVENTS },
  // the same wire story reposted by another outlet under its own dateline
  hasakahCopy: {
    id: 'khabour-7',
    source: 'موقع الخابور',
    published: '2022-01-24',
    text: 'الحسكة (موقع الخابور) - ' + HASAKAH_BODY,
    events: HASAKAH_EVENTS,
  },
  // an independent report of the same two events, with a lower toll
  hasakahOther: {
    id: 'furat-55',
    source: 'شبكة الفرات',
    published: '2022-01-24',
    text: 'أعلنت قوى الأمن الداخلي حظر التجول في الحسكة بدءا من 24 كانون الثاني حتى نهاية الشهر الجاري. وقالت في بيان إن ثمانية أشخاص قتلوا في المواجهات مع خلايا داعش قرب سجن الصناعة يوم الأحد.',
    events: [
      { type: 'Movement restrictions', sub: 'Curfew', anchor: 'حظر التجول', date: ['2022-01-24', '2022-01-31'], place: 'hasakah', actor1: 'asayish' },
      { type: 'Battles', sub: 'Armed clash', anchor: 'المواجهات', date: ['2022-01-23', '2022-01-23'], place: 'hasakah', actor1: 'asayish', actor2: 'isis', fatalities: 8 },
    ],
  },
  idlib: {
    id: 'shamal-9',
    source: 'شبكة الفرات',
    published: '2022-02-04',
    text: 'خرج مئات المتظاهرين في مدينة إدلب اليوم الجمعة احتجاجا على ارتفاع أسعار الخبز والوقود، ورفعوا لافتات تطالب بتحسين الأوضاع المعيشية.',
    events: [{ type: 'Protests', sub: 'Peaceful protest', anchor: 'خرج مئات المتظاهرين', date: ['2022-02-04', '2022-02-04'], place: 'idlib', actor1: 'protesters' }],
  },
  mosul: {
    id: 'rafidain-3',
    source: 'وكالة الرافدين',
    published: '2022-03-10',
    text: 'قصفت طائرات التحالف الدولي فجر اليوم مواقع لتنظيم داعش في أطراف الموصل، ما أدى إلى مقتل خمسة من عناصره وتدمير مخزن للأسلحة.',
    events: [
      { type: 'Explosions/Remote violence', sub: 'Air/drone strike', anchor: 'قصفت طائرات التحالف الدولي', date: ['2022-03-10', '2022-03-10'], place: 'mosul', actor1: 'coalition', actor2: 'isis', fatalities: 5 },
    ],
  },
  aden: {
    id: 'adengad-12',
    source: 'عدن الغد',
    published: '2022-03-12',
    text: 'تجمع المتظاهرون أمام مبنى المحافظة في عدن للمطالبة بصرف الرواتب المتأخرة منذ أشهر، وسط انتشار أمني كثيف.',
    events: [{ type: 'Protests', sub: 'Peaceful protest', anchor: 'تجمع المتظاهرون', date: ['2022-03-12', '2022-03-12'], place: 'aden', actor1: 'protesters' }],
  },
};

/**
 * A synthetic article number `n` (distinct text, one event) for volume tests: a strike
 * in one of a few towns on a day derived from n.
 */
export function syntheticFixture(n: number): Fixture {
  const places = ['hasakah', 'idlib', 'mosul', 'aden'] as const;
  const place = places[n % places.length];
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const text =
    `تقرير رقم ${n}: سقطت قذائف على حي سكني في ${PLACES[place].name_ar} صباح اليوم وأصيب ${n % 9} أشخاص بجروح، ` +
    `وقال شاهد عيان رقم ${n * 7 + 3} إن القصف استمر ${n % 5} ساعات متواصلة قبل أن يتوقف قرابة الظهر.`;
  return {
    id: `synthetic-${n}`,
    source: `outlet-${n % 3}`,
    published: `2023-${month}-${day}`,
    text,
    events: [{ type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack', anchor: 'سقطت قذائف', date: [`2023-${month}-${day}`, `2023-${month}-${day}`], place, fatalities: null }],
  };
}

/**
 * Reports of ten events by four outlets each, worded differently, with dates a day apart,
 * places a few kilometres apart and differing tolls: 40 documents that must cluster into
 * ten canonical events whatever order (or how many writers) they arrive in.
 */
export function multiOutletFixtures(): Fixture[] {
  const types: Array<[EventType, string]> = [
    ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
    ['Battles', 'Armed clash'],
    ['Violence against civilians', 'Attack'],
  ];
  const places = ['hasakah', 'idlib', 'mosul', 'aden'] as const;
  const out: Fixture[] = [];
  for (let i = 0; i < 10; i++) {
    const [type, sub] = types[i % types.length];
    const place = places[i % places.length];
    for (let j = 0; j < 4; j++) {
      const day = `2023-05-${String(1 + i * 3 + (j % 2)).padStart(2, '0')}`;
      const text = `أفاد المراسل ${j + 1} بوقوع الحادثة ${i + 1} في ${PLACES[place].name_ar} وسقوط ضحايا.`;
      out.push({
        id: `multi-${i}-${j}`,
        source: `outlet-${j}`,
        published: day,
        text,
        events: [{ type, sub, anchor: text.slice(0, -1), date: [day, day], place, fatalities: j === 3 ? null : 10 + j }],
      });
    }
  }
  return out;
}

/**
 * A clash in the same town every day for `days` days, each day reported by two outlets:
 * compatible reports chain from day to day, and must not fold into one long event.
 */
export function dailyClashFixtures(days = 20): Fixture[] {
  const out: Fixture[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.parse('2023-07-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
    for (let o = 0; o < 2; o++) {
      const text = o === 0 ? `تجددت الاشتباكات في إدلب لليوم ${d + 1} على التوالي بين الفصائل.` : `شهدت إدلب مواجهات مسلحة جديدة في يومها ${d + 1} وفق مصادر ميدانية.`;
      out.push({
        id: `daily-${d}-${o}`,
        source: `daily-outlet-${o}`,
        published: day,
        text,
        events: [{ type: 'Battles', sub: 'Armed clash', anchor: text.slice(0, -1), date: [day, day], place: 'idlib' }],
      });
    }
  }
  return out;
}

/**
 * Random reports (seeded): one event each, on random days of a short period, in two nearby
 * places or a third far one, from several outlets; many are compatible with each other.
 */
export function randomReportFixtures(n: number, seed: number): Fixture[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const places = ['hasakah', 'hasakah', 'idlib'] as const;
  const out: Fixture[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.parse('2023-09-01T00:00:00Z') + Math.floor(rand() * 8) * 86_400_000).toISOString().slice(0, 10);
    const end = rand() < 0.3 ? new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10) : day;
    const place = places[Math.floor(rand() * places.length)];
    const text = `نقل المصدر ${i + 1} خبرا عن قصف في ${PLACES[place].name_ar} أسفر عن أضرار.`;
    out.push({
      id: `random-${seed}-${i}`,
      source: `random-outlet-${Math.floor(rand() * 4)}`,
      published: end,
      text,
      events: [{ type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack', anchor: text.slice(0, -1), date: [day, end], place, fatalities: rand() < 0.5 ? Math.floor(rand() * 9) : null }],
    });
  }
  return out;
}
