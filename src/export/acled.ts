/**
 * @module export/acled
 * ACLED-style CSV: ACLED's own 31 columns in ACLED's order, one row per canonical event.
 * Rasad's three extension types (Movement restrictions, Displacement, Diplomacy) have no ACLED
 * type: they are written as Strategic developments / Other and keep their real type in a
 * `rasad:extension=…` tag. Fatalities follow ACLED (0 when unknown); `tags` says which zeros
 * are "not reported" and keeps vague figures, date ranges, curfew hours and the other counts.
 * One row per event: ACLED splits multi-day events into daily rows, Rasad keeps the range
 * (start date in event_date, the whole range in tags, time_precision 2 or 3).
 */
import { acledCoding, acledCountry } from './coding.ts';
import { csvRecord } from './csv.ts';
import { englishNotes } from './notes.ts';
import type { ExportActor, ExportEvent, ExportOptions } from './types.ts';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string | number | null>;

const ACLED_TYPES = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments']);

/** Whether an event type is one of ACLED's six (the others are Rasad extensions). */
export function isAcledType(type: string): boolean {
  return ACLED_TYPES.has(type);
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const DAY = 86_400_000;

/** ACLED time precision: 1 a known day, 2 a range of up to a week, 3 a month or vaguer. */
export function timePrecision(date: ExportEvent['date']): 1 | 2 | 3 {
  if (!date.start && !date.end) return 3;
  if (date.precision === 'month' || date.precision === 'year' || date.precision === 'unknown') return 3;
  const s = Date.parse(date.start ?? date.end!);
  const e = Date.parse(date.end ?? date.start!);
  const days = Math.round((e - s) / DAY) + 1;
  if (days <= 1) return 1;
  return days <= 7 ? 2 : 3;
}

/** ACLED inter code of an actor (1–8), or null when nothing says which kind it is. */
export function interCode(actor: ExportActor | null, eventCountry: string | null | undefined): number | null {
  if (!actor) return null;
  const c = acledCoding();
  let code: number | null = null;
  if (actor.kind && c.interByKind[actor.kind] !== undefined) code = c.interByKind[actor.kind];
  else {
    const byId = c.interByActorId[actor.id];
    if (byId !== undefined) code = byId;
    else {
      const prefix = Object.keys(c.interByActorId).find((k) => k.endsWith('-') && actor.id.startsWith(k));
      if (prefix) code = c.interByActorId[prefix];
    }
  }
  // State forces acting outside their own country are "external/other forces" to ACLED.
  if (code !== null && c.stateInterCodes.includes(code) && actor.country && eventCountry && actor.country.toUpperCase() !== eventCountry.toUpperCase()) {
    return c.foreignStateInter;
  }
  return code;
}

/** ACLED interaction: the two inter codes, lower first ("17"); a lone actor's code times ten ("20"). */
export function interaction(i1: number | null, i2: number | null): string {
  if (i1 !== null && i2 !== null) return `${Math.min(i1, i2)}${Math.max(i1, i2)}`;
  const one = i1 ?? i2;
  return one === null ? '' : `${one}0`;
}

function disorderType(ev: ExportEvent): string {
  if (!isAcledType(ev.event_type)) return 'Strategic developments';
  const d = acledCoding().disorderType;
  return d[`${ev.event_type}/${ev.sub_event_type}`] ?? d[ev.event_type] ?? '';
}

function round4(x: number | null | undefined): string {
  return x == null || !Number.isFinite(x) ? '' : String(Number(x.toFixed(4)));
}

function unique(xs: Array<string | null | undefined>): string[] {
  return [...new Set(xs.filter((x): x is string => !!x && !!x.trim()))];
}

/** The `tags` column: what ACLED's columns cannot hold. */
export function acledTags(ev: ExportEvent): string {
  const t: string[] = [];
  if (!isAcledType(ev.event_type)) t.push(`rasad:extension=${slug(ev.event_type)}/${slug(ev.sub_event_type)}`);
  if (ev.fatalities == null) {
    const v = ev.fatalities_vague;
    t.push(v ? `rasad:fatalities=vague ${v.max != null ? `${v.min}-${v.max}` : `${v.min}+`}` : 'rasad:fatalities=not reported');
  }
  const { start, end } = ev.date;
  if (!start && !end) t.push('rasad:date=unknown');
  else if (start && end && start !== end) t.push(`rasad:date_range=${start}/${end}`);
  if (ev.hours) t.push(`rasad:hours=${ev.hours.from}-${ev.hours.to}`);
  for (const k of ['injured', 'detained', 'displaced'] as const) if (ev[k] != null) t.push(`rasad:${k}=${ev[k]}`);
  if (ev.corrected || (ev.corrections && ev.corrections.length > 0)) t.push('rasad:corrected');
  if (ev.event_key) t.push(`rasad:key=${ev.event_key}`);
  t.push(`rasad:confidence=${Number(ev.confidence.toFixed(2))}`);
  // "; " separates tags, as in ACLED's own tags column.
  return t.map((x) => x.replace(/;/g, ',')).join('; ');
}

function timestamp(ev: ExportEvent, now: Date): number {
  const t = ev.updated_at ? Date.parse(ev.updated_at) : NaN;
  return Math.floor((Number.isFinite(t) ? t : now.getTime()) / 1000);
}

/** One event as an ACLED row. `index` is the 0-based position, used when the event has no seq or db_id. */
export function toAcledRow(ev: ExportEvent, index: number, opts: ExportOptions = {}): AcledRow {
  const loc = ev.location;
  const country = acledCountry(loc?.country);
  const isAcled = isAcledType(ev.event_type);
  const i1 = interCode(ev.actor1, loc?.country);
  const i2 = interCode(ev.actor2, loc?.country);
  const disorder = disorderType(ev);
  const eventDate = ev.date.start ?? ev.date.end ?? '';
  const civilianTargeting =
    ev.event_type === 'Violence against civilians' || (i2 === 7 && disorder.includes('Political violence')) ? 'Civilian targeting' : '';
  return {
    event_id_cnty: `${country?.iso3 ?? 'XXX'}${ev.seq ?? ev.db_id ?? index + 1}`,
    event_date: eventDate,
    year: eventDate ? Number(eventDate.slice(0, 4)) : '',
    time_precision: timePrecision(ev.date),
    disorder_type: disorder,
    event_type: isAcled ? ev.event_type : 'Strategic developments',
    sub_event_type: isAcled ? ev.sub_event_type : 'Other',
    actor1: ev.actor1?.name ?? '',
    assoc_actor_1: unique((ev.assoc_actor1 ?? []).map((a) => a.name)).join('; '),
    inter1: i1 ?? '',
    actor2: ev.actor2?.name ?? '',
    assoc_actor_2: unique((ev.assoc_actor2 ?? []).map((a) => a.name)).join('; '),
    // ACLED writes 0 when there is no second actor.
    inter2: ev.actor2 ? (i2 ?? '') : 0,
    interaction: interaction(i1, i2),
    civilian_targeting: civilianTargeting,
    iso: country?.isoNumeric ?? '',
    region: country?.region ?? '',
    country: ev.country_name ?? country?.name ?? '',
    admin1: loc?.admin1 ?? '',
    admin2: loc?.admin2 ?? '',
    admin3: '',
    location: loc ? loc.name || loc.text || loc.name_ar : '',
    latitude: round4(loc?.lat),
    longitude: round4(loc?.lon),
    geo_precision: loc?.geo_precision ?? '',
    source: unique(ev.sources.map((s) => s.name)).join('; '),
    source_scale: unique(ev.sources.map((s) => s.scale)).join('; '),
    notes: englishNotes(ev),
    fatalities: ev.fatalities ?? 0,
    tags: acledTags(ev),
    timestamp: timestamp(ev, opts.now ?? new Date()),
  };
}

/** The header line. */
export function acledHeader(opts: ExportOptions = {}): string {
  return (opts.bom ? '\uFEFF' : '') + csvRecord(ACLED_COLUMNS);
}

/** One CSV line for one event. */
export function acledLine(ev: ExportEvent, index: number, opts: ExportOptions = {}): string {
  const row = toAcledRow(ev, index, opts);
  return csvRecord(ACLED_COLUMNS.map((c) => row[c]));
}

/** Header then one line per event. */
export function* acledCsv(rows: Iterable<ExportEvent>, opts: ExportOptions = {}): Generator<string> {
  const o = { ...opts, now: opts.now ?? new Date() };
  yield acledHeader(o);
  let i = 0;
  for (const ev of rows) yield acledLine(ev, i++, o);
}
