/**
 * @module events/triggers
 * Trigger and modality lexicons (data/lexicons/ar/triggers.tsv, modality.tsv) compiled once
 * into phrase matchers.
 */
import { PhraseMatcher } from '../text/phrase-matcher.ts';
import { dataPath, readTsv, LexiconParseError } from '../data/tsv.ts';
import { EVENT_TYPES, type EventType } from '../types.ts';

export type TriggerStrength = 'strong' | 'weak' | 'context';

export interface TriggerRow {
  phrase: string;
  eventType: EventType;
  subEventType: string;
  strength: TriggerStrength;
  reason: string;
}

export interface ModalityRow {
  phrase: string;
  kind: string;
  scope: 'before' | 'near' | 'after';
  reason: string;
}

let triggerMatcher: PhraseMatcher<TriggerRow> | null = null;
let modalityMatcher: PhraseMatcher<ModalityRow> | null = null;

/** Parses and validates the trigger lexicon (exported for the lexicon's own tests). */
export function loadTriggerRows(file = dataPath('lexicons', 'ar', 'triggers.tsv')): TriggerRow[] {
  const rows = readTsv(file, ['phrase', 'event_type', 'sub_event_type', 'strength', 'reason']);
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const type = r.event_type as EventType;
    const subs = (EVENT_TYPES as Record<string, readonly string[]>)[type];
    if (!subs) throw new LexiconParseError(file, i + 1, `unknown event_type "${r.event_type}"`);
    if (!subs.includes(r.sub_event_type)) throw new LexiconParseError(file, i + 1, `unknown sub_event_type "${r.sub_event_type}"`);
    if (!['strong', 'weak', 'context'].includes(r.strength)) throw new LexiconParseError(file, i + 1, `bad strength "${r.strength}"`);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.reason) || seen.has(r.reason))
      throw new LexiconParseError(file, i + 1, `reason "${r.reason}" is not a unique kebab-case name`);
    seen.add(r.reason);
    return { phrase: r.phrase, eventType: type, subEventType: r.sub_event_type, strength: r.strength as TriggerStrength, reason: r.reason };
  });
}

/** The compiled trigger matcher: every alternative of every row. */
export function getTriggerMatcher(): PhraseMatcher<TriggerRow> {
  if (!triggerMatcher) {
    const m = new PhraseMatcher<TriggerRow>();
    for (const row of loadTriggerRows()) for (const alt of row.phrase.split('|')) m.add(alt, row);
    triggerMatcher = m;
  }
  return triggerMatcher;
}

/** The compiled modality-cue matcher. */
export function getModalityMatcher(): PhraseMatcher<ModalityRow> {
  if (!modalityMatcher) {
    const m = new PhraseMatcher<ModalityRow>();
    const rows = readTsv(dataPath('lexicons', 'ar', 'modality.tsv'), ['phrase', 'kind', 'scope', 'reason']);
    for (const r of rows) {
      const row: ModalityRow = { phrase: r.phrase, kind: r.kind, scope: r.scope === 'after' || r.scope === 'near' ? r.scope : 'before', reason: r.reason };
      for (const alt of r.phrase.split('|')) m.add(alt, row);
    }
    modalityMatcher = m;
  }
  return modalityMatcher;
}
