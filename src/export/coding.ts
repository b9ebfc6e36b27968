/**
 * @module export/coding
 * The ACLED coding tables the acled-csv exporter reads: disorder types, inter codes, note
 * templates (data/export/acled-coding.json) and ACLED country names and regions
 * (data/export/acled-countries.tsv), plus ISO codes from i18n-iso-countries. Loaded once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** A data file that does not have the expected shape. */
export class CodingDataError extends Error {
  override name = 'CodingDataError';
}

export interface NoteTemplate {
  both?: string;
  a1?: string;
  a2?: string;
  none: string;
}

export interface AcledCoding {
  disorderType: Record<string, string>;
  interByKind: Record<string, number>;
  interByActorId: Record<string, number>;
  stateInterCodes: number[];
  foreignStateInter: number;
  notes: Record<string, NoteTemplate>;
}

export interface AcledCountry {
  iso2: string;
  iso3: string | null;
  isoNumeric: number | null;
  name: string;
  region: string;
}

const dataUrl = (name: string) => new URL(`../../data/export/${name}`, import.meta.url);

/** Drops the "_comment" / "_meta" keys that document the JSON file. */
function strip<T>(o: Record<string, T | string>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_') || k === '_default')) as Record<string, T>;
}

function loadCoding(): AcledCoding {
  const raw = JSON.parse(readFileSync(dataUrl('acled-coding.json'), 'utf8'));
  const need = ['disorder_type', 'inter_by_kind', 'inter_by_actor_id', 'notes'];
  for (const k of need) if (!raw[k] || typeof raw[k] !== 'object') throw new CodingDataError(`acled-coding.json: missing object "${k}"`);
  const notes = strip<NoteTemplate>(raw.notes);
  for (const [k, t] of Object.entries(notes)) if (typeof t.none !== 'string') throw new CodingDataError(`acled-coding.json: note template "${k}" has no "none" variant`);
  if (!notes._default) throw new CodingDataError('acled-coding.json: no _default note template');
  return {
    disorderType: strip<string>(raw.disorder_type),
    interByKind: strip<number>(raw.inter_by_kind),
    interByActorId: strip<number>(raw.inter_by_actor_id),
    stateInterCodes: raw.state_inter_codes ?? [1],
    foreignStateInter: raw.foreign_state_inter ?? 8,
    notes,
  };
}

function loadCountries(): Map<string, { name: string; region: string }> {
  const out = new Map<string, { name: string; region: string }>();
  const lines = readFileSync(dataUrl('acled-countries.tsv'), 'utf8').split(/\r?\n/);
  let header = true;
  for (const [i, line] of lines.entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (header) {
      header = false;
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 3) throw new CodingDataError(`acled-countries.tsv:${i + 1}: expected 3 columns, got ${cols.length}`);
    out.set(cols[0].toUpperCase(), { name: cols[1], region: cols[2] });
  }
  return out;
}

let coding: AcledCoding | null = null;
let countryTable: Map<string, { name: string; region: string }> | null = null;

export function acledCoding(): AcledCoding {
  return (coding ??= loadCoding());
}

/** ACLED country name, region and ISO codes for an alpha-2 code; null for an unknown code. */
export function acledCountry(iso2: string | null | undefined): AcledCountry | null {
  if (!iso2) return null;
  const code = iso2.toUpperCase();
  countryTable ??= loadCountries();
  const row = countryTable.get(code);
  const name = row?.name ?? countries.getName(code, 'en', { select: 'alias' }) ?? countries.getName(code, 'en');
  if (!name) return null;
  const numeric = countries.alpha2ToNumeric(code);
  return {
    iso2: code,
    iso3: countries.alpha2ToAlpha3(code) ?? null,
    isoNumeric: numeric ? Number(numeric) : null,
    name,
    region: row?.region ?? '',
  };
}
