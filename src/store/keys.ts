/**
 * @module store/keys
 * Stable identities: a document's content hash, and an event report's key
 * sha1(content hash + event_type + anchor evidence text). The anchor is the earliest evidence
 * span; its text is normalized so that whitespace or diacritic changes in cleaning do not
 * move the key. Keys are what analyst corrections attach to across re-extraction.
 */
import { createHash } from 'node:crypto';
import { normalizeArabic } from '../text/normalize.ts';
import type { RasadEvent, Span } from '../types.ts';

/** SHA-256 of the normalized, whitespace-collapsed text (hex); pass `normalized` when already computed. */
export function contentHash(text: string, normalized?: string): string {
  return createHash('sha256').update(normalized ?? normalizeArabic(text), 'utf8').digest('hex');
}

/** The anchor evidence span: the earliest one (the first when none are given, [0,0]). */
export function anchorSpan(ev: Pick<RasadEvent, 'evidence'>): Span {
  const spans = (ev.evidence ?? []).filter((s) => s && s.end >= s.start);
  if (!spans.length) return { start: 0, end: 0 };
  return spans.reduce((a, b) => (b.start < a.start || (b.start === a.start && b.end > a.end) ? b : a));
}

/** Normalized text of the anchor span in the cleaned text. */
export function anchorText(text: string, ev: Pick<RasadEvent, 'evidence'>): string {
  const s = anchorSpan(ev);
  return normalizeArabic(text.slice(s.start, s.end));
}

/** sha1(content hash, event type, anchor text), hex. */
export function eventKey(contentHashHex: string, eventType: string, anchor: string): string {
  return createHash('sha1').update(`${contentHashHex}\u0000${eventType}\u0000${anchor}`, 'utf8').digest('hex');
}

/**
 * Keys for all events of one document, in order. Two events with the same type and anchor
 * get ':2', ':3' … in order of appearance, so keys stay unique.
 */
export function eventKeysFor(contentHashHex: string, text: string, events: RasadEvent[]): string[] {
  const seen = new Map<string, number>();
  return events.map((ev) => {
    const base = eventKey(contentHashHex, ev.event_type, anchorText(text, ev));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}:${n}`;
  });
}

/** SHA-256 of an API token (only this is stored). */
export function tokenHash(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}
