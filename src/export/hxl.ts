/**
 * @module export/hxl
 * HXL-tagged CSV (Humanitarian Exchange Language): a humanitarian-friendly subset of columns,
 * a human header row, then the HXL hashtag row that tools such as the HXL Proxy and HDX read.
 * Unlike the ACLED export, counts that were not reported stay empty rather than 0 — an empty
 * cell means "unknown" to humanitarian users. Event types are Rasad's own, extensions included.
 */
import { csvRecord } from './csv.ts';
import { englishNotes } from './notes.ts';
import type { ExportEvent, ExportOptions } from './types.ts';

export const HXL_COLUMNS = [
  ['Event ID', '#event+id'],
  ['Date', '#date'],
  ['Event type', '#event+type'],
  ['Sub-event type', '#event+subtype'],
  ['Actor', '#actor+name'],
  ['Admin 1', '#adm1+name'],
  ['Admin 2', '#adm2+name'],
  ['Location', '#loc+name'],
  ['Latitude', '#geo+lat'],
  ['Longitude', '#geo+lon'],
  ['Killed', '#affected+killed'],
  ['Injured', '#affected+injured'],
  ['Detained', '#affected+detained'],
  ['Displaced', '#affected+displaced'],
  ['Source', '#meta+source'],
  ['Description', '#description'],
] as const;

export function hxlHeader(opts: ExportOptions = {}): string {
  return (opts.bom ? '\uFEFF' : '') + csvRecord(HXL_COLUMNS.map((c) => c[0])) + csvRecord(HXL_COLUMNS.map((c) => c[1]));
}

export function hxlLine(ev: ExportEvent): string {
  const loc = ev.location;
  return csvRecord([
    ev.event_key ?? ev.id,
    ev.date.start ?? ev.date.end,
    ev.event_type,
    ev.sub_event_type,
    ev.actor1?.name,
    loc?.admin1,
    loc?.admin2,
    loc ? loc.name || loc.text || loc.name_ar : null,
    loc?.lat,
    loc?.lon,
    ev.fatalities,
    ev.injured,
    ev.detained,
    ev.displaced,
    [...new Set(ev.sources.map((s) => s.name))].join('; '),
    englishNotes(ev),
  ]);
}

/** Two header rows, then one row per event. */
export function* hxlCsv(rows: Iterable<ExportEvent>, opts: ExportOptions = {}): Generator<string> {
  yield hxlHeader(opts);
  for (const ev of rows) yield hxlLine(ev);
}
