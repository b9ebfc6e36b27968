/**
 * @module export/jsonl
 * JSON Lines: every field of every event, one event per line — the lossless export, and the
 * one to re-import.
 */
import type { ExportEvent } from './types.ts';

export function jsonlLine(ev: ExportEvent): string {
  return `${JSON.stringify(ev)}\n`;
}

export function* jsonl(rows: Iterable<ExportEvent>): Generator<string> {
  for (const ev of rows) yield jsonlLine(ev);
}
