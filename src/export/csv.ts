/**
 * @module export/csv
 * RFC 4180 CSV: fields with a comma, a double quote, CR or LF are quoted, quotes doubled;
 * records end with CRLF. Null and undefined are empty fields.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** One field, quoted when needed. */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, with its CRLF terminator. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
