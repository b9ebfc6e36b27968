import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTsv } from '../data/tsv.ts';
import { normalizeArabic } from '../text/normalize.ts';
import { GAZETTEER_DATA_DIR } from './build-index.ts';
import { haversineKm } from './distance.ts';
import { importance, loadGazetteer, nameKey, type GazPlace } from './gazetteer.ts';

const gaz = loadGazetteer();
const table = (f: string) => readTsv(path.join(GAZETTEER_DATA_DIR, f));

describe('[geo/gazetteer] lookups', () => {
  it.each([
    ['الحسكة', 'SY', 36.5024, 40.7477],
    ['قامشلو', 'SY', 37.0522, 41.2314],
    ['القامشلي', 'SY', 37.0522, 41.2314],
    ['دير الزور', 'SY', 35.3359, 40.1408],
    ['كفرنبل', 'SY', 35.6138, 36.5645],
    ['كفر نبل', 'SY', 35.6138, 36.5645],
    ['التحيتا', 'YE', 14.1836, 43.2264],
    ['Al-Hasakah', 'SY', 36.5024, 40.7477],
    ['Qamishli', 'SY', 37.0522, 41.2314],
  ])('%s → %s', (name, country, lat, lon) => {
    const hits = gaz.lookup(name).filter((p) => p.country === country);
    expect(hits.length).toBeGreaterThan(0);
    expect(haversineKm(hits[0].lat, hits[0].lon, lat, lon)).toBeLessThan(10);
  });

  it('finds places by id and keeps their GeoNames source', () => {
    const p = gaz.byId('gn:173811')!;
    expect(p.name_ar).toBe('الحسكة');
    expect(p.source).toBe('geonames:173811');
    expect(p.admin1Code).toBe('SY.01');
    expect(gaz.byId('sup:al-hol-camp')!.kind).toBe('camp');
    expect(gaz.byId('nope')).toBeNull();
  });

  it('gives countries their Arabic name and capital', () => {
    const sy = gaz.country('SY')!;
    expect(sy.name_ar).toBe('سوريا');
    expect(sy.capital.name).toBe('Damascus');
    expect(gaz.country('US')!.capital.names_ar).toContain('واشنطن');
    expect(gaz.country('PS')!.capital.name).toBe('Ramallah');
    expect(gaz.countryByName('السورية')!.iso2).toBe('SY');
    expect(gaz.countryByName('الولايات المتحدة')!.iso2).toBe('US');
  });

  it('names admin areas in English and Arabic', () => {
    expect(gaz.admin1Name('SY.01')).toMatchObject({ name: 'Al-Hasakah', name_ar: 'الحسكة' });
    expect(gaz.admin1Seat('SY.08')!.name).toBe('Dūmā');
    expect(gaz.admin2Name(gaz.byId('gn:173377')!.admin2Code)!.name).toBe('Al-Qamishli');
  });

  it('orders lookups by importance', () => {
    const hits = gaz.lookup('طرابلس');
    expect(hits[0].country).toBe('LY');
    expect(importance(hits[0])).toBeGreaterThanOrEqual(importance(hits[1]));
  });
});

describe('[geo/gazetteer] data files', () => {
  const supplement = table('supplement.tsv');
  const countryBox = (cc: string) => gaz.country(cc)!.bbox;

  it('supplement rows are well formed and unique', () => {
    const ids = new Set<string>();
    for (const r of supplement) {
      expect(r.id, JSON.stringify(r)).toMatch(/^[a-z0-9-]+$/);
      expect(ids.has(r.id), r.id).toBe(false);
      ids.add(r.id);
      expect(r.source, r.id).toMatch(/^(?:geonames:\d+|knowledge ±\d+ km)$/);
      expect(r.names_ar, r.id).toMatch(/[\u0621-\u064A]/);
      expect(r.names_en, r.id).toMatch(/[A-Za-z]/);
      expect(['neighbourhood', 'prison', 'camp', 'crossing', 'airport', 'base', 'port', 'oilfield', 'dam', 'region', 'town', 'village', 'settlement', 'square']).toContain(r.kind);
      if (r.admin1) expect(gaz.admin1Name(r.admin1), `${r.id} admin1 ${r.admin1}`).not.toBeNull();
    }
  });

  it.each(supplement.map((r) => [r.id, r] as const))('%s lies in its country and near its parent town', (_id, r) => {
    const lat = Number(r.lat);
    const lon = Number(r.lon);
    const [s, w, n, e] = countryBox(r.country);
    expect(lat).toBeGreaterThanOrEqual(s);
    expect(lat).toBeLessThanOrEqual(n);
    expect(lon).toBeGreaterThanOrEqual(w);
    expect(lon).toBeLessThanOrEqual(e);
    if (!r.parent) return;
    const parent = resolveParent(r.parent, r.country);
    expect(parent, `parent ${r.parent}`).not.toBeNull();
    const maxKm = Number(r.max_km) || 30;
    expect(haversineKm(lat, lon, parent!.lat, parent!.lon)).toBeLessThanOrEqual(maxKm);
    // the entry is indexed with its names
    const placed = gaz.byId(`sup:${r.id}`)!;
    expect(placed.names_ar.length).toBeGreaterThan(0);
  });

  it('aliases point at GeoNames places that now carry the alias', () => {
    for (const r of table('aliases.tsv')) {
      const p = gaz.byId(`gn:${r.geonames_id}`);
      expect(p, r.geonames_id).not.toBeNull();
      for (const n of r.names_ar.split('|')) expect(p!.names_ar.map(nameKey)).toContain(nameKey(n));
    }
  });

  it('admin1 and admin2 tables name real GeoNames codes with a seat', () => {
    for (const r of table('admin1-ar.tsv')) {
      expect(gaz.admin1Place(r.code), r.code).not.toBeNull();
      expect(gaz.admin1Seat(r.code)!.country).toBe(r.code.split('.')[0]);
    }
    for (const r of table('admin2-ar.tsv')) expect(gaz.byId(`adm2:${r.code}`), r.code).not.toBeNull();
  });

  it('the word lexicon uses known categories and the stoplist has no duplicates', () => {
    const cats = new Set(['feature', 'countryside', 'direction', 'near', 'connector', 'capital', 'land', 'prefix', 'country-ref', 'descriptor']);
    for (const r of table('words.tsv')) expect(cats.has(r.category), `${r.word}: ${r.category}`).toBe(true);
    const seen = new Set<string>();
    for (const r of table('stoplist.tsv')) {
      const k = normalizeArabic(r.text);
      expect(seen.has(k), r.text).toBe(false);
      seen.add(k);
      expect(['stop', 'weak', 'phrase']).toContain(r.kind);
    }
  });

  it('directional regions have seats in their country', () => {
    for (const r of table('regions.tsv')) {
      const cc = r.of.split('.')[0];
      expect(['n', 's', 'e', 'w', 'c', 'ne', 'nw', 'se', 'sw']).toContain(r.dir);
      const seat = resolveParent(r.seat, cc);
      expect(seat, `${r.of} ${r.dir}`).not.toBeNull();
    }
  });
});

/** A parent reference as the build reads it: gn:<id>, sup:<id>, or an Arabic name in the country. */
function resolveParent(ref: string, cc: string): GazPlace | null {
  if (/^gn:\d+$/.test(ref) || ref.startsWith('sup:')) return gaz.byId(ref);
  const hits = gaz.lookupArabic(ref).filter((p) => p.country === cc && p.id.startsWith('gn:'));
  return hits.sort((a, b) => importance(b) - importance(a))[0] ?? null;
}
