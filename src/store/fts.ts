/**
 * @module store/fts
 * Text prepared for full-text search. Both engines index Rasad-normalized text in which every
 * word also appears in its clitic-stripped readings (و ف ب ل ك ال لل removed, definite
 * article dropped), so a search for "الحسكة" finds "بالحسكة" and "الجيش" finds "والجيش".
 * A query word matches any of its own readings (OR), query words are ANDed.
 * SQLite (FTS5, unicode61) then matches these keys exactly; PostgreSQL additionally runs
 * the `arabic` Snowball stemmer over them (so plural and suffixed forms meet as well).
 */
import { normalizeArabic } from '../text/normalize.ts';
import { cliticReadings } from '../text/tokenize.ts';

/** Normalized words (letters and digits) of a text, lower-cased; pass `normalized` when already computed. */
export function ftsWords(text: string, normalized?: string): string[] {
  return (normalized ?? normalizeArabic(text)).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Memo of word → keys: news vocabulary repeats, and readings are pure. */
const keyMemo = new Map<string, string>();

/** The distinct readings keys of one normalized word (the word itself when it has none). */
export function wordKeys(word: string): string[] {
  if (!/\p{L}/u.test(word)) return [word];
  const keys = cliticReadings(word).map((r) => r.key);
  return keys.length ? keys : [word];
}

/** The body to index for a text: each word replaced by its readings keys. */
export function ftsIndexBody(text: string, normalized?: string): string {
  const out: string[] = [];
  for (const w of ftsWords(text, normalized)) {
    let k = keyMemo.get(w);
    if (k === undefined) {
      k = wordKeys(w).join(' ');
      if (keyMemo.size > 100_000) keyMemo.clear();
      keyMemo.set(w, k);
    }
    out.push(k);
  }
  return out.join(' ');
}

/** A query as groups of alternatives: every group must match, any key of a group will do. */
export function ftsQueryGroups(text: string): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const w of ftsWords(text)) {
    if (seen.has(w)) continue;
    seen.add(w);
    groups.push(wordKeys(w));
  }
  return groups;
}

/** FTS5 MATCH expression for the query ('' when it has no words). */
export function fts5Match(text: string): string {
  return ftsQueryGroups(text)
    .map((g) => '(' + g.map((k) => `"${k.replace(/"/g, '""')}"`).join(' OR ') + ')')
    .join(' AND ');
}

/** PostgreSQL to_tsquery source for the query ('' when it has no words). */
export function tsQuerySource(text: string): string {
  return ftsQueryGroups(text)
    .map((g) => '(' + g.map((k) => k.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean).join(' | ') + ')')
    .filter((g) => g !== '()')
    .join(' & ');
}
