/**
 * @module store/corrections
 * Analyst corrections applied on read: each correction sets one field path of a canonical
 * event ('fatalities', 'date.start', 'location', 'location.lat', 'actor1' …) to a new
 * value, in the order they were made. The event then says `corrected: true` and keeps the
 * values it had before (`original`, keyed by field path), so nothing the extractor found
 * is lost.
 */
import type { RasadEvent } from '../types.ts';

/** Top-level fields a correction may change (with any sub-path below them). */
export const CORRECTABLE_FIELDS = new Set([
  'event_type',
  'sub_event_type',
  'date',
  'hours',
  'location',
  'actor1',
  'actor2',
  'assoc_actor1',
  'assoc_actor2',
  'fatalities',
  'injured',
  'detained',
  'displaced',
  'fatalities_vague',
  'confidence',
  'notes',
]);

/** True when a field path may be corrected. */
export function isCorrectableField(field: string): boolean {
  const root = field.split('.')[0];
  return CORRECTABLE_FIELDS.has(root) && /^[a-z_0-9]+(\.[a-z_0-9]+)*$/.test(field);
}

/** Reads a dotted path (undefined when a step is missing). */
export function getPath(obj: unknown, path: string): unknown {
  let cur: any = obj;
  for (const p of path.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Sets a dotted path, creating objects on the way. */
export function setPath(obj: Record<string, any>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: any = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (cur[parts[i]] == null || typeof cur[parts[i]] !== 'object') cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value;
}

export interface CorrectionLike {
  id: number;
  field: string;
  new_value: unknown;
}

/** Applies corrections (sorted by id) to a copy of the event. */
export function applyCorrections<E extends RasadEvent>(event: E, corrections: CorrectionLike[]): { event: E; corrected: boolean; original: Record<string, unknown> } {
  if (!corrections.length) return { event, corrected: false, original: {} };
  const out = structuredClone(event) as E;
  const original: Record<string, unknown> = {};
  for (const c of [...corrections].sort((a, b) => a.id - b.id)) {
    if (!(c.field in original)) {
      const v = getPath(event, c.field);
      original[c.field] = v === undefined ? null : structuredClone(v);
    }
    setPath(out as Record<string, any>, c.field, c.new_value);
  }
  return { event: out, corrected: true, original };
}
