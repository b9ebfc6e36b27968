/**
 * @module export/notes
 * The English `notes` sentence of an ACLED row, generated from the event's fields only (never
 * from the article text, which stays in the store): date phrase, who did what to whom from the
 * sub-type's template (data/export/acled-coding.json), place, then the reported counts.
 * "On 20 January 2022, Islamic State detonated an explosive device in Al-Hasakah (Al-Hasakah,
 * Syria). 5 fatalities reported."
 */
import { acledCoding, acledCountry, type NoteTemplate } from './coding.ts';
import type { ExportActor, ExportEvent } from './types.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(iso: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/** "20 January 2022". */
export function longDate(iso: string): string {
  const p = parts(iso);
  return p ? `${p.d} ${MONTHS[p.m - 1]} ${p.y}` : iso;
}

/** "On 20 January 2022", "Between 20 and 23 January 2022", "In January 2022" … */
export function datePhrase(date: ExportEvent['date']): string {
  const s = date.start ? parts(date.start) : null;
  const e = date.end ? parts(date.end) : null;
  if (!s && !e) return 'On an unknown date';
  const a = s ?? e!;
  const b = e ?? s!;
  if (date.precision === 'year') return `In ${a.y}`;
  if (date.precision === 'month' && a.y === b.y && a.m === b.m) return `In ${MONTHS[a.m - 1]} ${a.y}`;
  if (a.y === b.y && a.m === b.m && a.d === b.d) return `On ${a.d} ${MONTHS[a.m - 1]} ${a.y}`;
  if (a.y === b.y && a.m === b.m) return `Between ${a.d} and ${b.d} ${MONTHS[a.m - 1]} ${a.y}`;
  if (a.y === b.y) return `Between ${a.d} ${MONTHS[a.m - 1]} and ${b.d} ${MONTHS[b.m - 1]} ${a.y}`;
  return `Between ${a.d} ${MONTHS[a.m - 1]} ${a.y} and ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  const n = [...new Set(names.filter(Boolean))];
  if (n.length <= 1) return n[0] ?? '';
  return `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

function side(main: ExportActor | null, assoc: ExportActor[]): string {
  return joinNames([main?.name ?? '', ...assoc.map((a) => a.name)]);
}

function template(ev: ExportEvent): NoteTemplate {
  const notes = acledCoding().notes;
  return notes[`${ev.event_type}/${ev.sub_event_type}`] ?? notes[ev.sub_event_type] ?? notes._default;
}

function placePhrase(ev: ExportEvent): string {
  const loc = ev.location;
  if (!loc) return '';
  const name = loc.name || loc.text || loc.name_ar;
  if (!name) return '';
  const country = ev.country_name ?? acledCountry(loc.country)?.name ?? null;
  const within = [loc.admin1, country].filter((x): x is string => !!x);
  const prep = loc.geo_precision === 1 ? 'in' : loc.geo_precision === 2 ? 'near' : 'in the area of';
  return ` ${prep} ${name}${within.length ? ` (${within.join(', ')})` : ''}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The notes sentence(s) for one event. */
export function englishNotes(ev: ExportEvent): string {
  const a1 = side(ev.actor1, ev.assoc_actor1 ?? []);
  const a2 = side(ev.actor2, ev.assoc_actor2 ?? []);
  const t = template(ev);
  const pattern = a1 && a2 ? (t.both ?? t.a1 ?? t.none) : a1 ? (t.a1 ?? t.none) : a2 ? (t.a2 ?? t.none) : t.none;
  const clause = pattern.replace(/\{a1\}/g, a1).replace(/\{a2\}/g, a2);
  const hours = ev.hours ? ` from ${ev.hours.from} to ${ev.hours.to}` : '';
  const out = [`${datePhrase(ev.date)}, ${clause}${hours}${placePhrase(ev)}.`];
  if (ev.fatalities === 0) out.push('No fatalities reported.');
  else if (ev.fatalities != null) out.push(`${count(ev.fatalities, 'fatality', 'fatalities')} reported.`);
  else if (ev.fatalities_vague) {
    const v = ev.fatalities_vague;
    out.push(`An unspecified number of fatalities reported (${v.max != null ? `${v.min} to ${v.max}` : `at least ${v.min}`}).`);
  }
  if (ev.injured != null && ev.injured > 0) out.push(`${count(ev.injured, 'person', 'people')} injured.`);
  if (ev.detained != null && ev.detained > 0) out.push(`${count(ev.detained, 'person', 'people')} detained.`);
  if (ev.displaced != null && ev.displaced > 0) out.push(`${count(ev.displaced, 'person', 'people')} displaced.`);
  return out.join(' ');
}
