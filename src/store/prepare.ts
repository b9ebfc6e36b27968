/**
 * @module store/prepare
 * The part of saving a document that depends on the document alone, not on the database:
 * content hash, SimHash fingerprint, full-text index body, and each report's key, anchor,
 * evidence text and search context. Pure and synchronous, so batch ingest computes it in the
 * extraction threads (src/ingest/extract-pool.ts) and the single writer only runs the
 * transaction; `saveDocumentResult` computes it itself when it is not given.
 */
import { normalizeArabic } from '../text/normalize.ts';
import { splitSentences } from '../text/sentences.ts';
import { ftsIndexBody } from './fts.ts';
import { simhash, type Fingerprint } from '../merge/simhash.ts';
import { foldKey } from '../merge/cluster.ts';
import { anchorText, contentHash, eventKeysFor } from './keys.ts';
import type { RasadEvent, Span } from '../types.ts';
import type { SaveDocumentInput } from './store.ts';

/** One report of a document as the store needs it, before any database work. */
export interface PreparedReport {
  ev: RasadEvent;
  key: string;
  ordinal: number;
  evidence: Span[];
  evidenceText: string[];
  /** Folded anchor evidence text (copy rule). */
  anchor: string;
  /** Folded search text of the evidence sentences. */
  context: string;
  /** Folded location name ('' when none). */
  locKey: string;
  actorIds: string[];
}

/** A document ready for the writer (see the module comment). */
export interface PreparedDocument {
  hash: string;
  fp: Fingerprint;
  title: string | null;
  /** Full-text index body of the title and text. */
  docBody: string;
  sourceName: string;
  reports: PreparedReport[];
}

/** Evidence sentences of an event (for full-text search), at most 2000 characters. */
function contextText(text: string, sentences: Span[], evidence: Span[]): string {
  const parts: string[] = [];
  for (const s of sentences) {
    if (evidence.some((e) => e.start < s.end && e.end > s.start)) parts.push(text.slice(s.start, s.end));
  }
  if (!parts.length) for (const e of evidence) parts.push(text.slice(e.start, e.end));
  return parts.join(' ').slice(0, 2000);
}

/** Keys, anchors and search context of a document's events. */
export function prepareReports(hash: string, text: string, events: RasadEvent[]): PreparedReport[] {
  const keys = eventKeysFor(hash, text, events);
  const sentences = events.length ? splitSentences(text) : [];
  return events.map((ev, i) => {
    const evidence = (ev.evidence ?? []).filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end));
    const loc = ev.location;
    const actorIds = [...(ev.assoc_actor1 ?? []), ...(ev.assoc_actor2 ?? [])].map((a) => a?.id).filter((x): x is string => !!x);
    return {
      ev,
      key: keys[i],
      ordinal: i,
      evidence,
      evidenceText: evidence.map((s) => text.slice(s.start, s.end)),
      anchor: foldKey(anchorText(text, ev)),
      context: ftsIndexBody(contextText(text, sentences, evidence)),
      locKey: loc ? foldKey(loc.text || loc.name_ar || loc.name) : '',
      actorIds,
    };
  });
}

/** Everything about a save that needs no database (see the module comment). */
export function prepareDocument(input: SaveDocumentInput): PreparedDocument {
  const { doc, result } = input;
  const text = result.document.text ?? '';
  const norm = normalizeArabic(text); // once, for the hash, the fingerprint and the index
  const hash = doc.content_hash ?? contentHash(text, norm);
  const fp = simhash(text, norm);
  const title = result.document.title ?? doc.title ?? null;
  return {
    hash,
    fp,
    title,
    docBody: `${ftsIndexBody(title ?? '')} ${ftsIndexBody(text, norm)}`,
    sourceName: (input.sourceName ?? doc.source ?? result.document.source ?? 'unknown') || 'unknown',
    reports: prepareReports(hash, text, result.events ?? []),
  };
}
