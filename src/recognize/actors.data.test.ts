/**
 * Checks of the real actor data (data/actors/*.tsv): provenance headers, well-formed rows, unique
 * ids, known references, and no unconditional alias naming two actors of different kinds unless
 * data/actors/ambiguous.tsv lists it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { phraseKeys } from '../text/phrase-matcher.ts';
import { actorById, aliasPhrase, articlePattern, loadActors, loadCountries, readTsv } from './actors.ts';

const DIR = fileURLToPath(new URL('../../data/actors/', import.meta.url));
const KINDS = new Set([
  'state-forces',
  'rebel',
  'islamist-militant',
  'militia',
  'political',
  'civilians',
  'protesters',
  'international',
  'government',
  'police',
  'identity',
]);
const tsvFiles = readdirSync(DIR).filter((f) => f.endsWith('.tsv'));

describe('actor data files', () => {
  it.each(tsvFiles)('%s has a provenance header', (f) => {
    const head = readFileSync(DIR + f, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n');
    for (const field of ['source:', 'licence:', 'editor:', 'date:']) expect(head).toContain(field);
  });

  it.each(tsvFiles)('%s rows have as many cells as the header', (f) => {
    const lines = readFileSync(DIR + f, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() && !l.startsWith('#'));
    const width = lines[0].split('\t').length;
    for (const l of lines) expect(l.split('\t').length, l.slice(0, 60)).toBeLessThanOrEqual(width);
  });
});

describe('actors.tsv', () => {
  const rows = readTsv('actors.tsv');
  const countries = loadCountries();

  it('ids are unique kebab-case slugs', () => {
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(rows.map((r) => [r.id, r] as const))('%s parses', (_id, r) => {
    expect(r.name, 'name').toBeTruthy();
    expect(r.name_ar, 'name_ar').toMatch(/[\u0600-\u06FF]/);
    expect(KINDS.has(r.kind), `kind ${r.kind}`).toBe(true);
    expect(r.country === 'intl' || countries.has(r.country), `country ${r.country}`).toBe(true);
    if (r.valid) expect(r.valid).toMatch(/^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/);
    for (const a of r.aliases.split(';').filter(Boolean)) {
      const cond = /@(.+)$/.exec(a)?.[1];
      if (cond) for (const c of cond.split('|')) expect(countries.has(c), `${a}: country ${c}`).toBe(true);
      expect(aliasPhrase(a).length, a).toBeGreaterThan(1);
    }
  });

  it('no alias names two actors of different kinds unless listed as ambiguous', () => {
    const listed = new Set(readTsv('ambiguous.tsv').map((r) => phraseKeys(r.phrase).join(' ')));
    const byPhrase = new Map<string, Map<string, string>>();
    for (const a of loadActors())
      for (const raw of new Set([a.name_ar, ...a.aliases])) {
        if (!/[\u0600-\u06FF]/.test(raw)) continue;
        const phrase = aliasPhrase(raw);
        const cond = raw.includes('@') ? raw.slice(raw.lastIndexOf('@')) : '';
        const key = `${phraseKeys(phrase).join(' ')}|${articlePattern(phrase)}${cond}`;
        if (!byPhrase.has(key)) byPhrase.set(key, new Map());
        byPhrase.get(key)!.set(a.id, a.kind);
      }
    const clashes = [...byPhrase]
      .filter(([k, v]) => new Set(v.values()).size > 1 && !listed.has(k.split('|')[0]))
      .map(([k, v]) => `${k}: ${[...v.keys()].join(', ')}`);
    expect(clashes).toEqual([]);
  });
});

describe('other tables', () => {
  it('affiliations point to known actors with valid dates', () => {
    for (const r of readTsv('affiliations.tsv')) {
      expect(actorById(r.actor_id), r.actor_id).toBeDefined();
      for (const d of [r.from, r.to]) if (d) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('generic heads have a known class', () => {
    for (const r of readTsv('generic.tsv')) {
      expect(['military', 'police', 'government', 'state']).toContain(r.class);
      expect(['yes', 'no']).toContain(r.needs_adjective);
    }
  });

  it('countries have unique ISO2 codes and generated forces', () => {
    const codes = readTsv('countries.tsv').map((r) => r.iso2);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
    expect(actorById('military-forces-of-egypt')?.kind).toBe('state-forces');
  });

  it('overrides and anaphors use known countries and kinds', () => {
    const countries = loadCountries();
    for (const r of readTsv('generic-overrides.tsv')) {
      expect(countries.has(r.hint) && countries.has(r.country)).toBe(true);
    }
    for (const r of readTsv('anaphors.tsv')) for (const k of r.kinds.split(';')) expect(KINDS.has(k), k).toBe(true);
  });

  it('covers the checklist of actors the brief names', () => {
    for (const id of [
      'isis', 'houthis', 'sdf', 'asayish', 'civilians', 'protesters', 'unidentified-armed-group', 'hamas', 'hezbollah',
      'al-shabaab', 'boko-haram', 'taliban', 'un', 'unsc', 'saudi-led-coalition', 'international-coalition', 'nato', 'eu',
      'arab-league', 'russia', 'turkey', 'iran', 'united-states', 'israel', 'france', 'united-kingdom',
      'military-forces-of-syria', 'police-forces-of-egypt', 'lna', 'gna', 'rsf', 'pkk', 'irgc',
    ]) {
      expect(actorById(id), id).toBeDefined();
    }
  });
});
