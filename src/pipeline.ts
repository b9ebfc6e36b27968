/**
 * @module pipeline
 * The one pipeline: decode → clean → normalize/tokenize → recognize (places, actors, numbers,
 * dates) → events. Data flows one way; each stage is its own module. Storage is not here:
 * callers (CLI, ingest, API) hand the result to the store.
 */
import type { Actor, ExtractionResult, InputDocument, RasadEvent, Span } from './types.ts';
import { cleanText } from './clean/clean-text.ts';
import { extractHtmlArticle } from './clean/clean-html.ts';
import { detectLanguage } from './decode/decode.ts';
import { tokenize, type TokenizedText } from './text/tokenize.ts';
import { PhraseMatcher } from './text/phrase-matcher.ts';
import { dataPath, readTsv } from './data/tsv.ts';
import { splitSentences } from './text/sentences.ts';
import { isSpaceCode } from './text/char-codes.ts';
import { parseDatesNormalized } from './dates/index.ts';
import { findCasualties } from './recognize/casualties.ts';
import { loadActors, recognizeActors, toActor } from './recognize/actors.ts';
import { recognizePersons } from './recognize/entities.ts';
import { createGeocoder, toEventLocation, type Geocoder } from './geo/geocoder.ts';
import { extractEvents } from './events/extract-events.ts';
import { setRoleActors } from './events/rules.ts';
import { offTopicDomain } from './events/relevance.ts';
import type { ActorInput, AttributionInput, DateInput, EventInputs, PlaceInput } from './events/inputs.ts';

export interface PipelineOptions {
  geocoder?: Geocoder;
}

let sharedGeocoder: Geocoder | null = null;
let roleActorsReady = false;

function ensureRoleActors(): void {
  if (roleActorsReady) return;
  const roles: Record<string, Actor> = {};
  for (const a of loadActors()) {
    if (a.id === 'civilians' || a.id === 'protesters' || a.id === 'rioters')
      roles[a.id] = { id: a.id, name: a.name, name_ar: a.name_ar, text: a.name_ar };
  }
  setRoleActors(roles);
  roleActorsReady = true;
}

/** The day a `published` value anchors on: its local date (SPEC: offset date-times keep their local day). */
export function publishedDay(published: string | null | undefined): string | null {
  if (!published) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(published.trim());
  return m ? m[1] : null;
}

/** Cleans a document's body: HTML through Readability, plain text through the furniture rules. */
export function cleanDocument(doc: InputDocument): { text: string; title: string | null; published: string | null } {
  if (doc.html != null && (doc.text == null || doc.text === '')) {
    const art = extractHtmlArticle(doc.html, { url: doc.url });
    return { text: art.text, title: doc.title ?? art.title, published: doc.published ?? art.published };
  }
  return { text: cleanText(doc.text ?? '').text, title: doc.title ?? null, published: doc.published ?? null };
}

/**
 * Texts longer than this are extracted in paragraph-aligned chunks. The recognizers' working
 * state grows with the text (about 50 bytes of heap per character), so a 5 MB page would need a
 * gigabyte; chunks keep memory flat. Mentions merge within a chunk, not across chunks.
 */
export const CHUNK_CHARS = 200_000;

/** Runs the whole extraction on one document. */
export function extractDocument(doc: InputDocument, opts: PipelineOptions = {}): ExtractionResult {
  const cleaned = cleanDocument(doc);
  const text = cleaned.text;
  const published = publishedDay(cleaned.published);
  const language = detectLanguage(text);
  const result: ExtractionResult = {
    document: {
      id: doc.id,
      title: cleaned.title,
      published: cleaned.published ?? null,
      language,
      text,
      url: doc.url ?? null,
      source: doc.source ?? null,
    },
    events: [],
  };
  if (language !== 'ar') {
    result.warnings = [`document ${doc.id} is not in Arabic: no events extracted`];
    return result;
  }
  ensureRoleActors();
  const chunks = paragraphChunks(text, CHUNK_CHARS);
  const events: RasadEvent[] = [];
  const entities: NonNullable<ExtractionResult['entities']> = [];
  const offTopic: string[] = [];
  for (const [from, to] of chunks) {
    const part = extractText(from === 0 && to === text.length ? text : text.slice(from, to), doc.id, published, cleaned.title, opts);
    if ('offTopic' in part) {
      offTopic.push(part.offTopic);
      continue;
    }
    for (const e of part.events) events.push(from ? shiftEvent(e, from) : e);
    for (const x of part.entities) entities.push(from ? { ...x, start: x.start + from, end: x.end + from } : x);
  }
  if (offTopic.length === chunks.length) {
    result.warnings = [`relevance gate: reads as ${offTopic[0]}, not a conflict report; no events extracted`];
    return result;
  }
  if (chunks.length > 1) {
    events.forEach((e, i) => (e.id = `${doc.id}-e${i + 1}`));
    result.warnings = [
      `document of ${text.length} characters extracted in ${chunks.length} chunks of at most ${CHUNK_CHARS} characters; mentions are merged within a chunk only` +
        (offTopic.length ? ` (${offTopic.length} chunk(s) read as off-topic and skipped)` : ''),
    ];
  }
  result.events = events;
  result.entities = entities;
  return result;
}

/** [start, end) pieces of at most `max` characters, cut after a line break when there is one. */
export function paragraphChunks(text: string, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  while (text.length - from > max) {
    let cut = text.lastIndexOf('\n', from + max);
    if (cut <= from) cut = text.lastIndexOf(' ', from + max);
    if (cut <= from) cut = from + max;
    else cut += 1;
    out.push([from, cut]);
    from = cut;
  }
  out.push([from, text.length]);
  return out;
}

function shiftEvent(e: RasadEvent, by: number): RasadEvent {
  const shift = (sp: Span): Span => ({ start: sp.start + by, end: sp.end + by });
  const explain = e.explain && Object.fromEntries(Object.entries(e.explain).map(([k, v]) => [k, v.span ? { ...v, span: shift(v.span) } : v]));
  return { ...e, evidence: e.evidence.map(shift), ...(explain ? { explain } : {}) };
}

/** The recognizers and the event stage over one text (a whole document or one chunk of it). */
function extractText(
  text: string,
  docId: string,
  published: string | null,
  title: string | null,
  opts: PipelineOptions,
): { offTopic: string } | { events: RasadEvent[]; entities: NonNullable<ExtractionResult['entities']> } {
  const tokens = tokenize(text);
  const offTopic = offTopicDomain(tokens);
  if (offTopic) return { offTopic };
  const sentences = splitSentences(text);
  const geocoder = opts.geocoder ?? (sharedGeocoder ??= createGeocoder());
  const placeMentions = geocoder.recognize(tokens);
  const places: PlaceInput[] = [];
  for (const m of placeMentions) {
    const p: PlaceInput = {
      start: m.start,
      end: m.end,
      text: m.text,
      location: m.resolved ? toEventLocation(m) : null,
      kind: m.resolved?.kind ?? 'unresolved',
      reason: m.reason,
    };
    const container = m.containedIn !== undefined ? placeMentions[m.containedIn] : undefined;
    if (container) p.containerStart = container.start;
    places.push(p);
  }
  const countryHint = mostNamedCountry(places);
  const actorMentions = recognizeActors(tokens, { countryHint, date: published, anaphora: true });
  const actors: ActorInput[] = [];
  for (const m of actorMentions) {
    const countryAsActor = m.rule === 'country-as-actor' || m.rule === 'capital-as-actor';
    actors.push({
      start: m.start,
      end: m.end,
      text: m.text,
      actorId: m.actor.id,
      kind: m.actor.kind,
      countryAsActor,
      locative: countryAsActor && isLocative(text, m.start, m.stemStart),
      actor: toActor(m),
      rule: m.rule,
    });
  }
  const dates: DateInput[] = parseDatesNormalized(text, tokens.norm, { published });
  const inputs: EventInputs = {
    docId,
    text,
    tokens,
    sentences,
    published,
    title,
    dates,
    casualties: findCasualties(text, tokens.norm),
    actors,
    places: eventPlaces(tokens, places, actors),
    attributions: findAttributions(tokens),
  };
  const events = extractEvents(inputs);
  // persons with their roles, organisations and places named (reported, not scored)
  const entities: NonNullable<ExtractionResult['entities']> = [];
  for (const p of recognizePersons(tokens, { actors: actorMentions, countryHint, date: published })) {
    const person: NonNullable<ExtractionResult['entities']>[number] = { kind: 'person', text: p.text, start: p.start, end: p.end, role: p.role };
    if (p.actorId) person.id = p.actorId;
    entities.push(person);
  }
  for (const a of actors) if (!a.countryAsActor) entities.push({ kind: 'organization', text: a.text, start: a.start, end: a.end, id: a.actorId });
  for (const p of places) if (p.location) entities.push({ kind: 'place', text: p.text, start: p.start, end: p.end });
  return { events, entities: entities.sort((a, b) => a.start - b.start) };
}


let placeBlockers: PhraseMatcher<string> | null = null;
let attributionCues: PhraseMatcher<AttributionInput['kind']> | null = null;

/** Reporting and claim verbs, for who-said versus who-did (data/lexicons/ar/attribution.tsv). */
function findAttributions(tokens: TokenizedText): AttributionInput[] {
  if (!attributionCues) {
    const m = new PhraseMatcher<AttributionInput['kind']>();
    for (const r of readTsv(dataPath('lexicons', 'ar', 'attribution.tsv'), ['phrase', 'kind'])) for (const alt of r.phrase.split('|')) m.add(alt, r.kind as AttributionInput['kind']);
    attributionCues = m;
  }
  return attributionCues.findAll(tokens).map((m) => ({ kind: m.values[0], start: m.start, end: m.end }));
}

/**
 * The places an event may happen at: not a state acting ("روسيا طلبت"), not a name that qualifies
 * an actor, a clock or an origin ("بقيادة واشنطن", "بتوقيت موسكو", data/lexicons/ar/place-blockers.tsv).
 */
function eventPlaces(tokens: TokenizedText, places: PlaceInput[], actors: ActorInput[]): PlaceInput[] {
  if (!placeBlockers) {
    const m = new PhraseMatcher<string>();
    for (const r of readTsv(dataPath('lexicons', 'ar', 'place-blockers.tsv'), ['phrase', 'reason'])) for (const alt of r.phrase.split('|')) m.add(alt, r.reason);
    placeBlockers = m;
  }
  const blocks = placeBlockers.findAll(tokens);
  const dateline = datelineEnd(tokens.original);
  const actingStates = new Set<number>();
  for (const a of actors) if (a.countryAsActor && !a.locative) actingStates.add(a.start);
  const kept: PlaceInput[] = [];
  for (const p of places) {
    // "دبي، الإمارات العربية المتحدة (CNN) --": where the reporter filed, not where it happened
    if (p.start < dateline) continue;
    // a state or its capital named as the one acting or spoken to ("حذرت روسيا واشنطن", "دعت طهران رعاياها")
    if (actingStates.has(p.start)) continue;
    // a blocker right before the place (at most one short word between)
    if (!blockedBefore(blocks, p.start)) kept.push(p);
  }
  return kept;
}

function blockedBefore(blocks: ReadonlyArray<{ end: number }>, start: number): boolean {
  for (const b of blocks) if (b.end <= start && start - b.end <= 6) return true;
  return false;
}

/** End of a dateline ("بيروت، لبنان (رويترز) -" / "دبي (CNN)--") at the start of the text, else 0. */
export function datelineEnd(text: string): number {
  // the bracket must come within 60 characters of the first non-space one (the first bracket of the text: none comes before it)
  let first = 0;
  while (first < text.length && isSpaceCode(text.charCodeAt(first))) first++;
  const bracket = text.indexOf('(');
  if (bracket < 0 || bracket > first + 60) return 0;
  // a place and maybe its country, no figures, then a short agency name in brackets and a dash
  const m = /^\s*([^\n.؟!()\d\u0660-\u0669]{2,60}?)\((?:[A-Za-z .]{2,12}|[\u0600-\u06FF .]{2,20})\)\s*(?:--|—|–|-|:)/.exec(text);
  return m && m[1].trim().split(/\s+/).length <= 5 ? m[0].length : 0;
}

const LOCATIVE_LAST_LETTERS = new Set([0x64a, 0x649, 0x644, 0x628, 0x642, 0x621]);

/** "في سوريا", "بسوريا", "إلى دمشق": a state named as a place, not as the one acting. */
function isLocative(text: string, start: number, stemStart: number): boolean {
  const clitics = text.slice(start, stemStart);
  if (/[بل]/.test(clitics)) return true;
  // every preposition below ends in one of ي ى ل ب ق ء and is followed by white space: most names fail this at once
  let e = start;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e === start || !LOCATIVE_LAST_LETTERS.has(text.charCodeAt(e - 1))) return false;
  return /(^|\s)(في|إلى|الى|داخل|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي|أنحاء|انحاء)\s+$/.test(text.slice(Math.max(0, start - 12), start));
}

function mostNamedCountry(places: PlaceInput[]): string | null {
  const counts = new Map<string, number>();
  for (const p of places) {
    const c = p.location?.country;
    if (c) counts.set(c, (counts.get(c) ?? 0) + (p.kind === 'country' ? 1 : 2));
  }
  let best: string | null = null;
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  return best;
}
