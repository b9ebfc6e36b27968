/**
 * @module events/inputs
 * What the event stage reads: the cleaned text and the mentions the recognizers found in it.
 * Declared structurally here so the event stage depends on shapes, not on recognizer modules.
 */
import type { Span, Actor, EventLocation } from '../types.ts';
import type { TokenizedText } from '../text/tokenize.ts';

export interface DateInput {
  start: number;
  end: number;
  text: string;
  startDate: string | null;
  endDate: string | null;
  precision: 'day' | 'range' | 'week' | 'month' | 'year' | 'unknown';
  kind: 'point' | 'range' | 'open-range' | 'duration-ago' | 'time';
  hours?: { from: string; to: string };
  tags: string[];
}

export interface CasualtyInput {
  kind: 'killed' | 'injured' | 'detained' | 'displaced' | 'missing';
  value: number | null;
  vague?: { min: number; max?: number };
  start: number;
  end: number;
  side?: string;
  negated?: boolean;
  rule: string;
  tags: string[];
}

export interface ActorInput {
  start: number;
  end: number;
  text: string;
  actorId: string;
  kind: string;
  /** A country named as a state (روسيا): an actor in diplomacy, a place elsewhere. */
  countryAsActor: boolean;
  /** Named after a locative preposition or clitic ("في سوريا", "بغزة"): a place here, not an agent. */
  locative: boolean;
  actor: Actor;
  rule: string;
}

export interface PlaceInput {
  start: number;
  end: number;
  text: string;
  /** Resolved location, null when unresolved. */
  location: EventLocation | null;
  /** 'country' | 'admin1' | 'city' | 'region' | … */
  kind: string;
  reason: string;
  /** Start offset of the place this one was named inside ("بقيق بالمنطقة الشرقية"). */
  containerStart?: number;
}

export interface AttributionInput {
  kind: 'reporting' | 'claim';
  start: number;
  end: number;
}

export interface EventInputs {
  docId: string;
  text: string;
  tokens: TokenizedText;
  sentences: Span[];
  published: string | null;
  /** The headline, when the document has one apart from its text (it says what the article is about). */
  title: string | null;
  dates: DateInput[];
  casualties: CasualtyInput[];
  actors: ActorInput[];
  places: PlaceInput[];
  /** Reporting and claim verbs (data/lexicons/ar/attribution.tsv). */
  attributions: AttributionInput[];
}
