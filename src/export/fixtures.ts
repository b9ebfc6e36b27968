/**
 * @module export/fixtures
 * Events for the exporters' tests, written by hand: the seed article's car bomb in
 * Al-Hasakah, a curfew (extension type), a protest dispersed by force, a kidnapping with a
 * name that needs CSV quoting, and an unlocated diplomatic request.
 */
import type { Actor, EventLocation } from '../types.ts';
import type { ExportEvent } from './types.ts';

const isis: Actor = { id: 'isis', name: 'Islamic State', name_ar: 'تنظيم الدولة الإسلامية', text: 'داعش', kind: 'islamist-militant' };
const asayish: Actor = { id: 'asayish', name: 'Asayish', name_ar: 'قوى الأمن الداخلي', text: 'قوى الأمن الداخلي', kind: 'police' };
const civilians: Actor = { id: 'civilians', name: 'Civilians', name_ar: 'مدنيون', text: 'المدنيين' };

const hasakah: EventLocation = {
  text: 'الحسكة',
  name: 'Al-Hasakah',
  name_ar: 'الحسكة',
  country: 'SY',
  admin1: 'Al-Hasakah',
  admin2: 'Al-Hasakah',
  lat: 36.50237,
  lon: 40.74769,
  geo_precision: 1,
  geonames_id: 173819,
};

const base = { assoc_actor1: [], assoc_actor2: [], injured: null, detained: null, displaced: null, evidence: [{ start: 0, end: 10 }], confidence: 0.8 };

export const carBomb: ExportEvent = {
  ...base,
  id: 'e2',
  event_key: 'k-carbomb',
  db_id: 17,
  event_type: 'Explosions/Remote violence',
  sub_event_type: 'Remote explosive/landmine/IED',
  date: { start: '2022-01-20', end: '2022-01-20', precision: 'day', text: 'مساء الخميس' },
  location: hasakah,
  actor1: isis,
  actor2: asayish,
  fatalities: 202,
  injured: 12,
  sources: [
    { name: 'Enab Baladi', url: 'https://example.org/a', document_id: 'seed-hasakah', scale: 'National' },
    { name: 'Enab Baladi', url: 'https://example.org/b', document_id: 'seed-copy', scale: 'National' },
    { name: 'SANA', url: null, document_id: 'sana-1', scale: 'National' },
  ],
  certainty: { date: 'implied', location: 'stated' },
  explain: { fatalities: { rule: 'killed-sum-sides' } },
  updated_at: '2022-01-28T10:00:00Z',
};

export const curfew: ExportEvent = {
  ...base,
  id: 'e3',
  seq: 5,
  event_type: 'Movement restrictions',
  sub_event_type: 'Curfew',
  date: { start: '2022-01-24', end: '2022-01-31', precision: 'range', text: 'من 24 ولغاية 31 الشهر الجاري' },
  hours: { from: '18:00', to: '06:00' },
  location: hasakah,
  actor1: asayish,
  actor2: null,
  fatalities: null,
  sources: [{ name: 'Enab Baladi', document_id: 'seed-hasakah' }],
  corrected: true,
};

export const protest: ExportEvent = {
  ...base,
  id: 'p1',
  event_type: 'Protests',
  sub_event_type: 'Excessive force against protesters',
  date: { start: '2022-03-06', end: '2022-03-06', precision: 'day', text: 'صباح الأحد' },
  location: { text: 'درعا البلد', name: 'Daraa al-Balad', name_ar: 'درعا البلد', country: 'SY', admin1: 'Dar\'a', admin2: null, lat: 32.6128, lon: 36.1036, geo_precision: 2 },
  actor1: { id: 'military-forces-of-syria', name: 'Military Forces of Syria', name_ar: 'الجيش السوري', text: 'قوات النظام', kind: 'state-forces' },
  actor2: { id: 'protesters-syria', name: 'Protesters (Syria)', name_ar: 'متظاهرون', text: 'المحتجين' },
  fatalities: 0,
  fatalities_vague: undefined,
  sources: [{ name: 'Horan Free League', document_id: 'd-9' }],
};

export const kidnapping: ExportEvent = {
  ...base,
  id: 'v1',
  event_type: 'Violence against civilians',
  sub_event_type: 'Abduction/forced disappearance',
  date: { start: '2022-04-01', end: '2022-04-30', precision: 'month', text: 'الشهر الماضي' },
  location: { text: 'صبراتة', name: 'Sabratha', name_ar: 'صبراتة', country: 'LY', admin1: 'Zawiya', admin2: null, lat: 32.7933, lon: 12.4885, geo_precision: 1 },
  actor1: { id: 'militia-x', name: 'Militia "Al-Nasr", Sabratha\nbrigade', name_ar: 'كتيبة النصر', text: 'كتيبة النصر', kind: 'militia' },
  assoc_actor1: [{ id: 'wagner', name: 'Wagner Group', name_ar: 'فاغنر', text: 'فاغنر', kind: 'international' }],
  actor2: civilians,
  fatalities: null,
  fatalities_vague: { min: 10 },
  detained: 7,
  sources: [{ name: 'ليبيا الأحرار', document_id: 'ly-1' }, { name: 'Libya Observer', document_id: 'ly-2' }],
};

export const request: ExportEvent = {
  ...base,
  id: 'e1',
  event_type: 'Diplomacy',
  sub_event_type: 'Meeting',
  date: { start: '2022-01-27', end: '2022-01-27', precision: 'day', text: 'اليوم الخميس' },
  location: null,
  actor1: { id: 'russia', name: 'Russia', name_ar: 'روسيا', text: 'روسيا', kind: 'government', country: 'RU' },
  actor2: null,
  fatalities: null,
  sources: [{ name: 'Enab Baladi', document_id: 'seed-hasakah' }],
};

export const ALL_EVENTS: ExportEvent[] = [carBomb, curfew, protest, kidnapping, request];
