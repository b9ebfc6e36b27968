import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/store.ts';
import { ACLED_COLUMNS, acledTags, interaction, interCode, timePrecision, toAcledRow } from './acled.ts';
import { ALL_EVENTS, carBomb, curfew, kidnapping, protest, request } from './fixtures.ts';
import { datePhrase, englishNotes } from './notes.ts';
import { EXPORT_FORMATS, exportEvents, exportEventsSync, ExportFormatError, formatter } from './index.ts';
import type { ExportEvent } from './types.ts';

const NOW = new Date('2022-05-01T00:00:00Z');
const text = (format: (typeof EXPORT_FORMATS)[number], rows = ALL_EVENTS, opts = {}) => [...exportEventsSync(format, rows, { now: NOW, ...opts })].join('');

// The store's rows must be exportable as they are (compile-time check).
const _storeRowsFit = (e: StoredEvent): ExportEvent => e;
void _storeRowsFit;

describe('acled-csv', () => {
  const csv = text('acled-csv');
  const records: string[][] = parse(csv, { relax_column_count: false });

  it('has exactly ACLED\'s 31 columns in ACLED\'s order, and one row per event', () => {
    expect(records[0]).toEqual([...ACLED_COLUMNS]);
    expect(records[0]).toHaveLength(31);
    expect(records).toHaveLength(1 + ALL_EVENTS.length);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  const rows = parse(csv, { columns: true }) as Record<string, string>[];

  it('maps the seed car bomb like an ACLED coder would', () => {
    expect(rows[0]).toEqual({
      event_id_cnty: 'SYR17',
      event_date: '2022-01-20',
      year: '2022',
      time_precision: '1',
      disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Remote explosive/landmine/IED',
      actor1: 'Islamic State',
      assoc_actor_1: '',
      inter1: '2',
      actor2: 'Asayish',
      assoc_actor_2: '',
      inter2: '1',
      interaction: '12',
      civilian_targeting: '',
      iso: '760',
      region: 'Middle East',
      country: 'Syria',
      admin1: 'Al-Hasakah',
      admin2: 'Al-Hasakah',
      admin3: '',
      location: 'Al-Hasakah',
      latitude: '36.5024',
      longitude: '40.7477',
      geo_precision: '1',
      source: 'Enab Baladi; SANA',
      source_scale: 'National',
      notes: 'On 20 January 2022, Islamic State detonated an explosive device targeting Asayish in Al-Hasakah (Al-Hasakah, Syria). 202 fatalities reported. 12 people injured.',
      fatalities: '202',
      tags: 'rasad:injured=12; rasad:key=k-carbomb; rasad:confidence=0.8',
      timestamp: String(Date.parse('2022-01-28T10:00:00Z') / 1000),
    });
  });

  it('writes an extension type as Strategic developments / Other with a tag, and keeps the range and hours', () => {
    expect(rows[1]).toMatchObject({
      event_id_cnty: 'SYR5',
      event_date: '2022-01-24',
      time_precision: '3',
      disorder_type: 'Strategic developments',
      event_type: 'Strategic developments',
      sub_event_type: 'Other',
      inter1: '1',
      inter2: '0',
      interaction: '10',
      fatalities: '0',
      timestamp: String(NOW.getTime() / 1000),
      notes: 'Between 24 and 31 January 2022, Asayish imposed a curfew from 18:00 to 06:00 in Al-Hasakah (Al-Hasakah, Syria).',
    });
    expect(rows[1].tags.split('; ')).toEqual([
      'rasad:extension=movement-restrictions/curfew',
      'rasad:fatalities=not reported',
      'rasad:date_range=2022-01-24/2022-01-31',
      'rasad:hours=18:00-06:00',
      'rasad:corrected',
      'rasad:confidence=0.8',
    ]);
  });

  it('codes excessive force as both disorder types, state forces against protesters', () => {
    expect(rows[2]).toMatchObject({
      disorder_type: 'Political violence; Demonstrations',
      inter1: '1',
      inter2: '6',
      interaction: '16',
      civilian_targeting: '',
      fatalities: '0',
      event_id_cnty: 'SYR3',
      notes: 'On 6 March 2022, Military Forces of Syria used excessive force against Protesters (Syria) near Daraa al-Balad (Dar\'a, Syria). No fatalities reported.',
    });
  });

  it('round-trips quotes, commas, newlines and Arabic through the CSV parser', () => {
    expect(rows[3].actor1).toBe('Militia "Al-Nasr", Sabratha\nbrigade');
    expect(rows[3].source).toBe('ليبيا الأحرار; Libya Observer');
    expect(rows[3]).toMatchObject({
      event_id_cnty: 'LBY4',
      iso: '434',
      region: 'Northern Africa',
      country: 'Libya',
      time_precision: '3',
      disorder_type: 'Political violence',
      civilian_targeting: 'Civilian targeting',
      assoc_actor_1: 'Wagner Group',
      interaction: '37',
      fatalities: '0',
    });
    expect(rows[3].tags).toContain('rasad:fatalities=vague 10+');
    expect(rows[3].tags).toContain('rasad:detained=7');
    expect(rows[3].notes).toBe(
      'In April 2022, Militia "Al-Nasr", Sabratha\nbrigade and Wagner Group abducted Civilians in Sabratha (Zawiya, Libya). An unspecified number of fatalities reported (at least 10). 7 people detained.',
    );
  });

  it('leaves place columns empty for an event without a place', () => {
    expect(rows[4]).toMatchObject({ event_id_cnty: 'XXX5', iso: '', country: '', location: '', latitude: '', longitude: '', geo_precision: '' });
    expect(rows[4].notes).toBe('On 27 January 2022, Russia held or requested a meeting.');
  });

  it('can start with a byte-order mark for spreadsheets', () => {
    const withBom = text('acled-csv', [carBomb], { bom: true });
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(parse(withBom, { bom: true })[0]).toEqual([...ACLED_COLUMNS]);
  });
});

describe('ACLED coding helpers', () => {
  it.each([
    [{ start: '2022-01-20', end: '2022-01-20', precision: 'day' }, 1],
    [{ start: '2022-01-20', end: '2022-01-23', precision: 'range' }, 2],
    [{ start: '2022-01-24', end: '2022-01-30', precision: 'week' }, 2],
    [{ start: '2022-01-01', end: '2022-01-20', precision: 'range' }, 3],
    [{ start: '2022-01-01', end: '2022-01-31', precision: 'month' }, 3],
    [{ start: null, end: null, precision: 'unknown' }, 3],
  ] as const)('time precision of %j is %d', (date, p) => {
    expect(timePrecision({ ...date, text: null })).toBe(p);
  });

  it.each([
    [1, 7, '17'],
    [7, 1, '17'],
    [2, 2, '22'],
    [6, null, '60'],
    [null, 7, '70'],
    [null, null, ''],
  ] as const)('interaction(%s, %s) = %s', (a, b, out) => {
    expect(interaction(a, b)).toBe(out);
  });

  it.each([
    [{ id: 'x', name: 'X', name_ar: '', text: '', kind: 'rebel' }, 'SY', 2],
    [{ id: 'civilians', name: 'Civilians', name_ar: '', text: '' }, 'SY', 7],
    [{ id: 'protesters-iraq', name: 'Protesters (Iraq)', name_ar: '', text: '' }, 'IQ', 6],
    [{ id: 'military-forces-of-russia', name: 'Military Forces of Russia', name_ar: '', text: '', kind: 'state-forces', country: 'RU' }, 'SY', 8],
    [{ id: 'military-forces-of-syria', name: 'Military Forces of Syria', name_ar: '', text: '', kind: 'state-forces', country: 'SY' }, 'SY', 1],
    [{ id: 'unknown-group', name: 'Unknown', name_ar: '', text: '' }, 'SY', null],
  ])('inter code of %j in %s is %s', (actor, country, code) => {
    expect(interCode(actor, country)).toBe(code);
  });

  it('uses the store db_id, else the position, for event_id_cnty', () => {
    expect(toAcledRow({ ...carBomb, db_id: undefined }, 41, { now: NOW }).event_id_cnty).toBe('SYR42');
  });

  it('keeps semicolons inside a tag from splitting it', () => {
    expect(acledTags({ ...request, hours: { from: '18:00;x', to: '06:00' } })).toContain('rasad:hours=18:00,x-06:00');
  });
});

describe('notes', () => {
  it.each([
    [{ start: '2022-01-30', end: '2022-02-02', precision: 'range' }, 'Between 30 January and 2 February 2022'],
    [{ start: '2021-12-30', end: '2022-01-02', precision: 'range' }, 'Between 30 December 2021 and 2 January 2022'],
    [{ start: '2022-01-01', end: '2022-12-31', precision: 'year' }, 'In 2022'],
    [{ start: null, end: '2022-01-05', precision: 'unknown' }, 'On 5 January 2022'],
    [{ start: null, end: null, precision: 'unknown' }, 'On an unknown date'],
  ] as const)('%j → %s', (date, phrase) => {
    expect(datePhrase({ ...date, text: null })).toBe(phrase);
  });

  it('falls back to the template without actors', () => {
    expect(englishNotes({ ...carBomb, actor1: null, actor2: null, fatalities: 1, injured: null })).toBe(
      'On 20 January 2022, an explosive device detonated in Al-Hasakah (Al-Hasakah, Syria). 1 fatality reported.',
    );
  });
});

describe('hxl', () => {
  const csv = text('hxl');
  const records: string[][] = parse(csv);

  it('has a header row, then the HXL hashtag row, then one row per event', () => {
    expect(records[1]).toEqual([
      '#event+id', '#date', '#event+type', '#event+subtype', '#actor+name', '#adm1+name', '#adm2+name', '#loc+name',
      '#geo+lat', '#geo+lon', '#affected+killed', '#affected+injured', '#affected+detained', '#affected+displaced', '#meta+source', '#description',
    ]);
    expect(records[0][0]).toBe('Event ID');
    expect(records).toHaveLength(2 + ALL_EVENTS.length);
  });

  it('keeps Rasad types and leaves unreported counts empty', () => {
    const rows = records.slice(2);
    expect(rows[0].slice(0, 15)).toEqual(['k-carbomb', '2022-01-20', 'Explosions/Remote violence', 'Remote explosive/landmine/IED', 'Islamic State', 'Al-Hasakah', 'Al-Hasakah', 'Al-Hasakah', '36.50237', '40.74769', '202', '12', '', '', 'Enab Baladi; SANA']);
    expect(rows[1].slice(2, 4)).toEqual(['Movement restrictions', 'Curfew']);
    expect(rows[1][10]).toBe(''); // null fatalities: unknown, not zero
    expect(rows[2][10]).toBe('0'); // an explicit zero stays zero
  });
});

describe('geojson', () => {
  const gj = text('geojson');

  it('is valid RFC 7946 GeoJSON (checked by @placemarkio/check-geojson)', () => {
    const parsed = check(gj);
    expect(parsed.type).toBe('FeatureCollection');
  });

  const fc = JSON.parse(gj);

  it('has one Point per located event, [lon, lat], keyed by the event key', () => {
    expect(fc.features).toHaveLength(4); // the diplomatic request has no place
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [40.74769, 36.50237] });
    expect(fc.features[0].id).toBe('k-carbomb');
    expect(fc.features.map((f: { properties: { event_id: string } }) => f.properties.event_id)).toEqual(['e2', 'e3', 'p1', 'v1']);
  });

  it('flattens properties, certainty and rules included', () => {
    const p = fc.features[0].properties;
    expect(p).toMatchObject({
      event_type: 'Explosions/Remote violence',
      date_start: '2022-01-20',
      date_precision: 'day',
      location_name_ar: 'الحسكة',
      country_name: 'Syria',
      actor1_id: 'isis',
      actor1_name_ar: 'تنظيم الدولة الإسلامية',
      actor2_kind: 'police',
      fatalities: 202,
      certainty_date: 'implied',
      certainty_location: 'stated',
      rule_fatalities: 'killed-sum-sides',
      source_names: 'Enab Baladi; SANA',
      source_count: 2,
      report_count: 3,
      corrected: false,
    });
    expect(p.sources[0]).toEqual({ name: 'Enab Baladi', url: 'https://example.org/a', document_id: 'seed-hasakah', published: null });
    expect(fc.features[1].properties).toMatchObject({ hours_from: '18:00', hours_to: '06:00', corrected: true });
    expect(fc.features[3].properties.fatalities_vague_min).toBe(10);
  });

  it('with includeUnlocated writes null geometry, still valid', () => {
    const all = text('geojson', ALL_EVENTS, { includeUnlocated: true });
    check(all);
    const parsed = JSON.parse(all);
    expect(parsed.features).toHaveLength(5);
    expect(parsed.features[4].geometry).toBeNull();
  });

  it('skips out-of-range coordinates, and an empty export is still a valid collection', () => {
    const bad = { ...carBomb, location: { ...carBomb.location!, lat: 136.5 } };
    const gj2 = text('geojson', [bad]);
    check(gj2);
    expect(JSON.parse(gj2).features).toEqual([]);
  });
});

describe('jsonl', () => {
  it('writes one event per line, losslessly', () => {
    const lines = text('jsonl').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(ALL_EVENTS)));
  });
});

describe('exportEvents (async, streaming)', () => {
  it.each(EXPORT_FORMATS)('%s gives the same text from an async source, chunk by chunk', async (format) => {
    async function* rows() {
      for (const e of ALL_EVENTS) yield e;
    }
    const chunks: string[] = [];
    for await (const c of exportEvents(format, rows(), { now: NOW })) chunks.push(c);
    expect(chunks.join('')).toBe(text(format));
    expect(chunks.length).toBeGreaterThanOrEqual(ALL_EVENTS.length - 1);
  });

  it('pulls rows lazily (first chunk before the source is drained)', async () => {
    let pulled = 0;
    function* rows() {
      for (const e of ALL_EVENTS) {
        pulled++;
        yield e;
      }
    }
    const it = exportEvents('jsonl', rows())[Symbol.asyncIterator]();
    await it.next();
    expect(pulled).toBe(1);
  });

  it('rejects an unknown format', () => {
    expect(() => formatter('xlsx' as never)).toThrow(ExportFormatError);
  });
});

void kidnapping;
void protest;
void curfew;
