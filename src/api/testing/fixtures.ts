/**
 * @module api/testing/fixtures
 * Hand-made documents and extraction results for the API and browser tests: short Arabic
 * reports written for these tests (not taken from any corpus), with events whose evidence
 * and `explain` spans are found in the text by substring, so the offsets are right by
 * construction. One document carries HTML/script payloads to prove the reader renders them
 * as text.
 */
import type { Actor, EventLocation, ExtractionResult, InputDocument, RasadEvent, Span } from '../../types.ts';
import type { Store, TokenRole } from '../../store/store.ts';

/** Finds `needle` in `text` at or after `from` (else anywhere) or throws: fixtures must be exact. */
export function spanOf(text: string, needle: string, from = 0): Span {
  let at = text.indexOf(needle, from);
  if (at < 0) at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not found in text`);
  return { start: at, end: at + needle.length };
}

const actor = (id: string, name: string, name_ar: string, text = name_ar): Actor => ({ id, name, name_ar, text });
const place = (name: string, name_ar: string, admin1: string, lat: number, lon: number, country = 'SY'): EventLocation => ({
  text: name_ar,
  name,
  name_ar,
  country,
  admin1,
  admin2: null,
  lat,
  lon,
  geo_precision: 1,
});

interface EventSpec extends Partial<Omit<RasadEvent, 'evidence' | 'explain'>> {
  event_type: RasadEvent['event_type'];
  sub_event_type: string;
  /** Substrings of the text that support the event. */
  evidence: string[];
  /** Field → substring that supports it. */
  explain?: Record<string, string>;
}

/** Builds a RasadEvent from a spec, locating evidence/explain spans in `text`. */
export function makeEvent(text: string, id: string, spec: EventSpec): RasadEvent {
  const { evidence, explain, ...rest } = spec;
  const spans = evidence.map((e) => spanOf(text, e));
  // a field's evidence is looked for inside the event's evidence first, as an extractor would
  const from = spans[0]?.start ?? 0;
  return {
    id,
    date: { start: null, end: null, precision: 'unknown', text: null },
    location: null,
    actor1: null,
    actor2: null,
    assoc_actor1: [],
    assoc_actor2: [],
    fatalities: null,
    injured: null,
    detained: null,
    displaced: null,
    confidence: 0.8,
    ...rest,
    evidence: spans,
    explain: explain
      ? Object.fromEntries(Object.entries(explain).map(([field, s]) => [field, { span: spanOf(text, s, from), rule: `fixture/${field}` }]))
      : undefined,
  };
}

export interface Fixture {
  doc: InputDocument;
  result: ExtractionResult;
}

function fixture(doc: InputDocument & { text: string }, events: (text: string) => RasadEvent[]): Fixture {
  return {
    doc,
    result: {
      document: { id: doc.id, title: doc.title ?? null, published: doc.published ?? null, language: 'ar', text: doc.text, url: doc.url ?? null, source: doc.source ?? null },
      events: events(doc.text),
    },
  };
}

const ISIS = actor('isis', 'Islamic State', 'تنظيم الدولة الإسلامية', 'داعش');
const SDF = actor('sdf', 'Syrian Democratic Forces', 'قوات سوريا الديمقراطية');
const ASAYISH = actor('asayish', 'Internal Security Forces', 'قوى الأمن الداخلي');
const CIVILIANS = actor('civilians', 'Civilians', 'مدنيون', 'مدنيين');
const PROTESTERS = actor('protesters', 'Protesters', 'متظاهرون', 'الأهالي');
const POLICE = actor('syria-police', 'Police Forces of Syria', 'الشرطة السورية', 'قوات الأمن');

export const HASAKAH = place('Al-Hasakah', 'الحسكة', 'Al-Hasakah', 36.5024, 40.7477);
export const DARAT_IZZA = place('Darat Izza', 'دارة عزة', 'Aleppo', 36.2833, 36.85);
export const DARAA = place('Daraa', 'درعا', 'Daraa', 32.6189, 36.1021);
export const HOMS = place('Homs', 'حمص', 'Homs', 34.7324, 36.7137);

/** The four test documents (sentences written for these tests). */
export const FIXTURES: readonly Fixture[] = [
  fixture(
    {
      id: 'test-hasakah',
      title: 'اشتباكات في مدينة الحسكة وحظر تجوال',
      published: '2022-01-24',
      source: 'وكالة الاختبار',
      url: 'https://example.org/news/hasakah',
      text:
        'اشتباكات في مدينة الحسكة وحظر تجوال\n\n' +
        'اندلعت اشتباكات عنيفة أمس الأحد بين قوات سوريا الديمقراطية وعناصر من داعش قرب سجن في حي غويران جنوب مدينة الحسكة، ما أسفر عن مقتل 12 شخصاً من الطرفين.\n\n' +
        'وفي سياق متصل، أعلنت قوى الأمن الداخلي فرض حظر تجوال في الحسكة لمدة سبعة أيام اعتباراً من اليوم الاثنين.',
    },
    (text) => [
      makeEvent(text, 'e1', {
        event_type: 'Battles',
        sub_event_type: 'Armed clash',
        date: { start: '2022-01-23', end: '2022-01-23', precision: 'day', text: 'أمس الأحد' },
        location: { ...HASAKAH, text: 'الحسكة' },
        actor1: ISIS,
        actor2: SDF,
        fatalities: 12,
        evidence: ['اندلعت اشتباكات عنيفة أمس الأحد بين قوات سوريا الديمقراطية وعناصر من داعش قرب سجن في حي غويران جنوب مدينة الحسكة، ما أسفر عن مقتل 12 شخصاً من الطرفين.'],
        explain: { event_type: 'اشتباكات عنيفة', date: 'أمس الأحد', actor1: 'داعش', actor2: 'قوات سوريا الديمقراطية', fatalities: 'مقتل 12 شخصاً' },
      }),
      makeEvent(text, 'e2', {
        event_type: 'Movement restrictions',
        sub_event_type: 'Curfew',
        date: { start: '2022-01-24', end: '2022-01-30', precision: 'range', text: 'لمدة سبعة أيام' },
        location: { ...HASAKAH, text: 'الحسكة' },
        actor1: ASAYISH,
        evidence: ['أعلنت قوى الأمن الداخلي فرض حظر تجوال في الحسكة لمدة سبعة أيام اعتباراً من اليوم الاثنين'],
        explain: { event_type: 'حظر تجوال', actor1: 'قوى الأمن الداخلي', date: 'لمدة سبعة أيام' },
      }),
    ],
  ),
  fixture(
    {
      id: 'test-darat-izza',
      title: 'قصف مدفعي على ريف حلب الغربي',
      published: '2022-02-01',
      source: 'شبكة الرصد التجريبية',
      text:
        'قصف مدفعي على ريف حلب الغربي\n\n' +
        'قُتل ثلاثة مدنيين وأصيب خمسة آخرون صباح اليوم الثلاثاء جراء قصف مدفعي استهدف بلدة دارة عزة في ريف حلب الغربي.',
    },
    (text) => [
      makeEvent(text, 'e1', {
        event_type: 'Explosions/Remote violence',
        sub_event_type: 'Shelling/artillery/missile attack',
        date: { start: '2022-02-01', end: '2022-02-01', precision: 'day', text: 'اليوم الثلاثاء' },
        location: { ...DARAT_IZZA, text: 'دارة عزة' },
        actor2: CIVILIANS,
        fatalities: 3,
        injured: 5,
        evidence: ['قُتل ثلاثة مدنيين وأصيب خمسة آخرون صباح اليوم الثلاثاء جراء قصف مدفعي استهدف بلدة دارة عزة في ريف حلب الغربي.'],
        explain: { event_type: 'قصف مدفعي', fatalities: 'قُتل ثلاثة مدنيين', injured: 'أصيب خمسة', location: 'دارة عزة' },
      }),
    ],
  ),
  fixture(
    {
      id: 'test-daraa',
      title: 'وقفة احتجاجية في درعا',
      published: '2022-02-04',
      source: 'وكالة الاختبار',
      text: 'وقفة احتجاجية في درعا\n\nتظاهر مئات من الأهالي في مدينة درعا اليوم الجمعة للمطالبة بالإفراج عن المعتقلين، ولم تسجل أي مواجهات.',
    },
    (text) => [
      makeEvent(text, 'e1', {
        event_type: 'Protests',
        sub_event_type: 'Peaceful protest',
        date: { start: '2022-02-04', end: '2022-02-04', precision: 'day', text: 'اليوم الجمعة' },
        location: { ...DARAA, text: 'درعا' },
        actor1: PROTESTERS,
        evidence: ['تظاهر مئات من الأهالي في مدينة درعا اليوم الجمعة للمطالبة بالإفراج عن المعتقلين'],
        explain: { event_type: 'تظاهر', location: 'درعا', date: 'اليوم الجمعة' },
      }),
    ],
  ),
  fixture(
    {
      id: 'test-homs-hostile',
      // the title, source and text carry markup: the dashboard must show it as text
      title: 'اعتقالات في حمص <img src=x onerror=alert(1)>',
      published: '2022-02-02',
      source: 'موقع <b>مجهول</b>',
      text:
        'اعتقالات في حمص\n\n' +
        'نشر حساب مجهول تعليقاً جاء فيه <img src=x onerror=alert(1)> ثم <script>alert(1)</script> دون أي معنى.\n\n' +
        'واعتقلت قوات الأمن خمسة شبان في حي الوعر بمدينة حمص مساء الأربعاء <img src=x onerror=alert(2)> بحسب ناشطين.',
    },
    (text) => [
      makeEvent(text, 'e1', {
        event_type: 'Strategic developments',
        sub_event_type: 'Arrests',
        date: { start: '2022-02-02', end: '2022-02-02', precision: 'day', text: 'مساء الأربعاء' },
        location: { ...HOMS, text: 'حمص' },
        actor1: { ...POLICE, name: 'Police <script>alert(3)</script>' },
        detained: 5,
        evidence: ['واعتقلت قوات الأمن خمسة شبان في حي الوعر بمدينة حمص مساء الأربعاء <img src=x onerror=alert(2)> بحسب ناشطين.'],
        explain: { event_type: 'اعتقلت', detained: 'خمسة شبان', date: 'مساء الأربعاء <img src=x onerror=alert(2)>' },
      }),
    ],
  ),
];

/** Saves the fixtures into a store; returns the canonical event keys per document id. */
export async function loadFixtures(store: Store, fixtures: readonly Fixture[] = FIXTURES): Promise<Map<string, string[]>> {
  const keys = new Map<string, string[]>();
  for (const f of fixtures) {
    const saved = await store.saveDocumentResult({ doc: f.doc, result: structuredClone(f.result), sourceName: f.doc.source });
    keys.set(f.doc.id, saved.eventKeys);
  }
  return keys;
}

/** An extraction stand-in for ingest tests: returns the fixture with the same id, else no events. */
export function fixtureExtract(doc: InputDocument): ExtractionResult {
  const f = FIXTURES.find((x) => x.doc.id === doc.id);
  if (f) return structuredClone(f.result);
  return {
    document: { id: doc.id, title: doc.title ?? null, published: doc.published ?? null, language: 'ar', text: doc.text ?? '' },
    events: [],
  };
}

/** Creates one token per role; returns role → plaintext. */
export async function makeTokens(store: Store): Promise<Record<TokenRole, string>> {
  return {
    viewer: await store.createToken('viewer-vera', 'viewer'),
    editor: await store.createToken('editor-amal', 'editor'),
    admin: await store.createToken('admin-sami', 'admin'),
  };
}
