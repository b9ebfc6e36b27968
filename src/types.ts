/**
 * @module types
 * Domain types shared by every pipeline stage. Field names of the output follow SPEC.md
 * (sections 1–2); everything else is internal.
 */

/** A half-open span [start, end) of JavaScript string indices into the cleaned text. */
export interface Span {
  start: number;
  end: number;
}

/** An input document (SPEC section 1). */
export interface InputDocument {
  id: string;
  text?: string;
  html?: string;
  title?: string;
  published?: string;
  url?: string;
  source?: string;
}

export type DatePrecision = 'day' | 'range' | 'week' | 'month' | 'year' | 'unknown';

export interface EventDate {
  start: string | null;
  end: string | null;
  precision: DatePrecision;
  text: string | null;
}

export interface Actor {
  id: string;
  name: string;
  name_ar: string;
  text: string;
  kind?: string;
}

export interface EventLocation {
  text: string;
  name: string;
  name_ar: string;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
  geonames_id?: number;
}

export const EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
  'Movement restrictions': ['Curfew', 'Closure'],
  Displacement: ['Displacement', 'Return'],
  Diplomacy: ['Meeting', 'Other'],
} as const;

export type EventType = keyof typeof EVENT_TYPES;

/** One output event (SPEC section 2, "Event"). */
export interface RasadEvent {
  id: string;
  event_type: EventType;
  sub_event_type: string;
  date: EventDate;
  hours?: { from: string; to: string };
  location: EventLocation | null;
  actor1: Actor | null;
  actor2: Actor | null;
  assoc_actor1: Actor[];
  assoc_actor2: Actor[];
  fatalities: number | null;
  injured: number | null;
  detained: number | null;
  displaced: number | null;
  fatalities_vague?: { min: number; max?: number };
  evidence: Span[];
  confidence: number;
  /** Why each field has its value: field name → evidence span and the rule that fired. */
  explain?: Record<string, { span?: Span; rule: string }>;
}

export interface ResultDocument {
  id: string;
  title: string | null;
  published: string | null;
  language: string;
  text: string;
  url?: string | null;
  source?: string | null;
}

/** One output object per document (SPEC section 2). */
export interface ExtractionResult {
  document: ResultDocument;
  events: RasadEvent[];
  entities?: Entity[];
  warnings?: string[];
}

export interface Entity {
  kind: 'person' | 'organization' | 'place';
  text: string;
  start: number;
  end: number;
  id?: string;
  role?: string;
}

/** An error record in place of a result (SPEC section 1). */
export interface ErrorRecord {
  line: number;
  id: string | null;
  error: { code: string; message: string };
}
