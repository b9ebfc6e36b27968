import { readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../types.ts';
import { acledCoding, acledCountry } from './coding.ts';

const ACLED_REGIONS = new Set([
  'Middle East', 'Northern Africa', 'Western Africa', 'Middle Africa', 'Eastern Africa', 'Southern Africa',
  'South Asia', 'Southeast Asia', 'East Asia', 'Caucasus and Central Asia', 'Europe', 'North America',
  'Central America', 'Caribbean', 'South America', 'Oceania', 'Antarctica',
]);

const tsv = readFileSync(new URL('../../data/export/acled-countries.tsv', import.meta.url), 'utf8');
const rows = tsv.split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map((l) => l.split('\t'));

describe('data/export/acled-countries.tsv', () => {
  it('names its source, licence and editor', () => {
    expect(tsv).toMatch(/^# source:/m);
    expect(tsv).toMatch(/^# licence:/m);
    expect(tsv).toMatch(/^# editor:/m);
  });

  it('has valid, unique ISO codes and only ACLED region names', () => {
    const codes = rows.map((r) => r[0]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [iso2, name, region] of rows) {
      expect(countries.isValid(iso2), iso2).toBe(true);
      expect(name.trim(), iso2).not.toBe('');
      expect(ACLED_REGIONS.has(region), `${iso2}: ${region}`).toBe(true);
    }
  });

  it('covers every Arab League state', () => {
    for (const c of ['DZ', 'BH', 'KM', 'DJ', 'EG', 'IQ', 'JO', 'KW', 'LB', 'LY', 'MR', 'MA', 'OM', 'PS', 'QA', 'SA', 'SO', 'SD', 'SY', 'TN', 'AE', 'YE']) {
      expect(acledCountry(c)?.region, c).not.toBe('');
    }
  });

  it('falls back to the ISO name for countries not listed', () => {
    expect(acledCountry('IS')?.name).toBe('Iceland');
    expect(acledCountry('AQ')).toMatchObject({ iso3: 'ATA', region: '' });
    expect(acledCountry('QQ')).toBeNull();
  });
});

describe('data/export/acled-coding.json', () => {
  const c = acledCoding();
  it('has a note template for every sub-event type, with {a1}/{a2} only in the variants that have them', () => {
    for (const [type, subs] of Object.entries(EVENT_TYPES)) {
      for (const sub of subs) {
        const t = c.notes[`${type}/${sub}`] ?? c.notes[sub];
        expect(t, `${type}/${sub}`).toBeDefined();
        expect(t.none).not.toMatch(/\{a[12]\}/);
        if (t.a1) expect(t.a1).not.toMatch(/\{a2\}/);
        if (t.a2) expect(t.a2).not.toMatch(/\{a1\}/);
      }
    }
  });

  it('codes every ACLED type with a disorder type and uses inter codes 1–8 only', () => {
    for (const t of ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments']) {
      expect(c.disorderType[t], t).toMatch(/^(Political violence|Demonstrations|Strategic developments)/);
    }
    for (const v of [...Object.values(c.interByKind), ...Object.values(c.interByActorId)]) expect(v >= 1 && v <= 8).toBe(true);
  });

  it('knows every actor kind used by the actor dictionary', () => {
    const actors = readFileSync(new URL('../../data/actors/actors.tsv', import.meta.url), 'utf8');
    const header = actors.split('\n').find((l) => l.startsWith('id\t'))!.split('\t');
    const kindCol = header.indexOf('kind');
    const kinds = new Set(
      actors.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('id\t')).map((l) => l.split('\t')[kindCol]).filter(Boolean),
    );
    for (const k of kinds) expect(c.interByKind[k], `kind ${k}`).toBeDefined();
  });
});
