/**
 * @module export
 * Events → text in one of four formats, streamed: `exportEvents(format, rows)` pulls rows
 * one at a time from any iterable or async iterable (e.g. `store.exportRows(filter)`) and
 * yields text chunks, so memory does not grow with the export.
 *
 * @example
 *   import { Readable } from 'node:stream';
 *   Readable.from(exportEvents('acled-csv', store.exportRows({ countries: ['SY'] }))).pipe(process.stdout);
 */
import { acledHeader, acledLine } from './acled.ts';
import { eventFeature, GEOJSON_HEAD, GEOJSON_TAIL } from './geojson.ts';
import { hxlHeader, hxlLine } from './hxl.ts';
import { jsonlLine } from './jsonl.ts';
import type { ExportEvent, ExportOptions } from './types.ts';

export const EXPORT_FORMATS = ['acled-csv', 'geojson', 'jsonl', 'hxl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Media type and file extension of each format. */
export const EXPORT_MEDIA: Record<ExportFormat, { contentType: string; extension: string }> = {
  'acled-csv': { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  geojson: { contentType: 'application/geo+json; charset=utf-8', extension: 'geojson' },
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
  hxl: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'hxl.csv' },
};

/** A format as three steps, so that sync and async drivers share it. */
export interface Formatter {
  head(): string;
  /** Text for one event; '' to leave it out. */
  row(ev: ExportEvent): string;
  tail(): string;
}

/** Thrown for an unknown format name (a usage error). */
export class ExportFormatError extends Error {
  override name = 'ExportFormatError';
}

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** A fresh formatter (they keep per-export state: row numbers, the first-feature comma). */
export function formatter(format: ExportFormat, opts: ExportOptions = {}): Formatter {
  const o = { ...opts, now: opts.now ?? new Date() };
  switch (format) {
    case 'acled-csv': {
      let i = 0;
      return { head: () => acledHeader(o), row: (ev) => acledLine(ev, i++, o), tail: () => '' };
    }
    case 'geojson': {
      let first = true;
      return {
        head: () => GEOJSON_HEAD,
        row: (ev) => {
          const f = eventFeature(ev, o);
          if (!f) return '';
          const s = (first ? '\n' : ',\n') + JSON.stringify(f);
          first = false;
          return s;
        },
        tail: () => GEOJSON_TAIL,
      };
    }
    case 'jsonl':
      return { head: () => '', row: jsonlLine, tail: () => '' };
    case 'hxl':
      return { head: () => hxlHeader(o), row: hxlLine, tail: () => '' };
    default:
      throw new ExportFormatError(`unknown export format ${String(format)}; expected one of ${EXPORT_FORMATS.join(', ')}`);
  }
}

/** Streams an export from an iterable or async iterable of rows. */
export async function* exportEvents(format: ExportFormat, rows: AsyncIterable<ExportEvent> | Iterable<ExportEvent>, opts: ExportOptions = {}): AsyncGenerator<string> {
  const f = formatter(format, opts);
  const head = f.head();
  if (head) yield head;
  for await (const ev of rows) {
    const s = f.row(ev);
    if (s) yield s;
  }
  const tail = f.tail();
  if (tail) yield tail;
}

/** The same, synchronously, for in-memory rows. */
export function* exportEventsSync(format: ExportFormat, rows: Iterable<ExportEvent>, opts: ExportOptions = {}): Generator<string> {
  const f = formatter(format, opts);
  const head = f.head();
  if (head) yield head;
  for (const ev of rows) {
    const s = f.row(ev);
    if (s) yield s;
  }
  const tail = f.tail();
  if (tail) yield tail;
}

export { ACLED_COLUMNS, acledCsv, toAcledRow, acledTags, interCode, interaction, timePrecision, isAcledType, type AcledRow } from './acled.ts';
export { geojson, eventFeature, eventProperties, eventCoordinates } from './geojson.ts';
export { HXL_COLUMNS, hxlCsv } from './hxl.ts';
export { jsonl } from './jsonl.ts';
export { englishNotes, datePhrase } from './notes.ts';
export { csvField, csvRecord } from './csv.ts';
export type { ExportEvent, ExportSource, ExportOptions, ExportCorrection, ExportActor } from './types.ts';
