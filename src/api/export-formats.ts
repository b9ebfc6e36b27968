/**
 * @module api/export-formats
 * Streams the store's export rows in one of the export formats of src/export. Rows are pulled
 * one batch at a time from `store.exportRows`, so a large export never sits in memory whole.
 */
import type { StoreExportRow } from '../store/store.ts';
import { EXPORT_MEDIA, exportEvents, type ExportFormat } from '../export/index.ts';

export type { ExportFormat } from '../export/index.ts';

export interface ExportOutput {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  extension: string;
}

/** Turns an async iterable of text chunks into a byte stream (pulled as the client reads). */
function toStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(enc.encode(value));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/**
 * The export of `rows` in `format`.
 * @example exportStream('acled-csv', store.exportRows({ types: ['Battles'] }))
 */
export function exportStream(format: ExportFormat, rows: AsyncIterable<StoreExportRow>): ExportOutput {
  const media = EXPORT_MEDIA[format];
  // CSV for spreadsheets: a BOM makes Excel read the Arabic as UTF-8
  const opts = format === 'acled-csv' || format === 'hxl' ? { bom: true } : {};
  return { body: toStream(exportEvents(format, rows, opts)), contentType: media.contentType, extension: media.extension };
}
