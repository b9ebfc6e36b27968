/**
 * @module events/extract-events
 * From triggers and recognized mentions to SPEC events. Steps, in order:
 *  1. find triggers per sentence and drop those under a modality cue (future, denial, threat…);
 *  2. keep weak triggers only when the sentence also names a place, a figure or an armed actor;
 *  3. refine sub-types from context in the same sentence (dispersal → protest with intervention…);
 *  4. attach arguments (place, date, actors, figures) from the sentence, then its neighbours,
 *     then document defaults (CODING.md: undated → day before publication .. publication);
 *  5. merge mentions of one happening (same type, compatible place and date), split per town.
 */
import type { Actor, EventDate, EventLocation, EventType, RasadEvent, Span } from '../types.ts';
import type { ActorInput, CasualtyInput, DateInput, EventInputs, PlaceInput } from './inputs.ts';
import { getModalityMatcher, getTriggerMatcher, type TriggerRow } from './triggers.ts';
import { haversineKm } from '../eval/score.ts';
import { tokenize } from '../text/tokenize.ts';
import { sideKey, sumPerSide, type CasualtyMention } from '../recognize/casualties.ts';
import { EVENT_RULES, type TypeRules } from './rules.ts';
import { formatDay, isoDayNumber } from '../dates/calendar.ts';

interface TriggerHit {
  row: TriggerRow;
  rows: TriggerRow[];
  start: number;
  end: number;
  sentence: number;
}

interface Mention {
  type: EventType;
  sub: string;
  subRank: number;
  strength: 'strong' | 'weak';
  triggers: TriggerHit[];
  sentence: number;
  /** The part of the sentence this mention covers (one town's clause). */
  segment: Span;
  place: PlaceInput | null;
  placeRule: string;
  date: DateInput | null;
  actors: ActorInput[];
  casualties: CasualtyInput[];
  /** Set when the mention is one town of a list one trigger governs ("في بلدات كفر بتنا وسقبا وحرستا"): the list's id. */
  townList?: number;
}

/** Background older than this many days before publication is not coded (CODING.md). */
const BACKGROUND_DAYS = 30;
/** Events below this confidence are not reported. */
export const MIN_CONFIDENCE = Number(process.env.RASAD_MIN_CONFIDENCE ?? 0.5);
/** Places this close are one place for merging mentions. */
const SAME_PLACE_KM = 15;

function sentenceIndexer(sentences: Span[]) {
  return (offset: number): number => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentences[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Items per sentence; sentences without any share one empty list (never modified: read-only use). */
function bySentence<T extends { start: number }>(items: T[], idx: (o: number) => number, n: number): T[][] {
  const none: T[] = [];
  const out: T[][] = new Array(n).fill(none);
  for (const it of items) {
    const s = idx(it.start);
    if (s < 0 || s >= n) continue;
    if (out[s] === none) out[s] = [it];
    else out[s].push(it);
  }
  return out;
}

/** Index of the first token that ends after `offset` (binary search: tokens are in text order). */
function firstTokenEndingAfter(t: EventInputs['tokens'], offset: number): number {
  let lo = 0;
  let hi = t.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first token at or after index `from` that starts at or after `offset` (binary search). */
function firstTokenStartingFrom(t: EventInputs['tokens'], from: number, offset: number): number {
  let lo = from;
  let hi = t.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when a modality cue governs the trigger (CODING.md: plans, threats, denials are not events).
 * `firstTok`: the sentence's first token (firstTokenEndingAfter(tokens, sentence.start)).
 */
function underModality(inp: EventInputs, sentence: Span, firstTok: number, trigger: { start: number }): string | null {
  const t = inp.tokens;
  const modal = getModalityMatcher();
  const trigTok = firstTokenStartingFrom(t, firstTok, trigger.start);
  // cues count within the clause before the trigger: up to 7 words back ('near' cues: 3), not across a comma
  let from = trigTok;
  for (let k = 0; k < 7 && from > firstTok; k++) {
    const prev = t.tokens[from - 1];
    if (prev.kind === 'punct' && (prev.norm === ',' || prev.norm === ';' || prev.norm === ':')) break;
    from--;
  }
  for (const m of modal.findAll(t, from, trigTok)) {
    const row = m.values[0];
    if (row.scope === 'near' && trigTok - m.endToken > 3) continue;
    if (row.scope === 'after') continue;
    return row.reason;
  }
  // 'after' cues qualify the clause that follows the trigger ("… بصواريخ عدة مرات في الأشهر الأخيرة"): up to 8 words, not past a full stop
  let to = trigTok;
  while (to < t.tokens.length && to - trigTok < 9 && t.tokens[to].start < sentence.end) {
    const tok = t.tokens[to];
    if (tok.kind === 'punct' && (tok.norm === '.' || tok.norm === ';' || tok.norm === ':')) break;
    to++;
  }
  for (const m of modal.findAll(t, trigTok + 1, to)) if (m.values[0].scope === 'after') return m.values[0].reason;
  return null;
}

/** Splits a sentence's triggers of one type into segments, each naming at most one place. */
function segmentByPlace(hits: TriggerHit[], places: PlaceInput[], sentenceEnd: number): Array<{ hits: TriggerHit[]; start: number; end: number }> {
  const sorted = [...hits].sort((a, b) => a.start - b.start);
  const specific = places.filter(isSpecificPlace);
  const segs: Array<{ hits: TriggerHit[]; start: number; end: number }> = [];
  for (const h of sorted) {
    const last = segs[segs.length - 1];
    const placeBetween = last && specific.some((p) => p.start >= last.hits[0].start && p.start < h.start);
    if (last && !placeBetween) last.hits.push(h);
    else segs.push({ hits: [h], start: h.start, end: sentenceEnd });
  }
  for (let i = 0; i + 1 < segs.length; i++) segs[i].end = segs[i + 1].start;
  return segs;
}

function pickDate(dates: DateInput[], anchor: number, published: string | null): DateInput | null {
  const usable = dates.filter((d) => d.kind !== 'time' && (d.startDate || d.endDate) && !d.tags.includes('future'));
  if (!usable.length) return null;
  // a dated mention in the same sentence: the nearest one, preferring one before the trigger's clause end
  usable.sort((a, b) => Math.abs(a.start - anchor) - Math.abs(b.start - anchor));
  const pub = published ? isoDayNumber(published) : null;
  const hasDay = usable.some((d) => d.precision === 'day');
  for (const d of usable) {
    // "للمرة الأولى منذ عام": a coarse look back frames the news; a named day beside it dates it
    if (d.precision === 'year' && (d.kind === 'duration-ago' || hasDay)) continue;
    // "منذ 2011", "منذ بداية الحرب": a span reaching far back frames an ongoing situation, not a happening
    if (isLongFrame(d, pub)) continue;
    return d;
  }
  return null;
}

function isLongFrame(d: DateInput, pub: number | null): boolean {
  const isSpan = d.kind === 'range' || d.kind === 'open-range';
  return isSpan && pub != null && !!d.startDate && isoDayNumber(d.startDate) < pub - BACKGROUND_DAYS && (!d.endDate || isoDayNumber(d.endDate) >= pub - 1);
}

const LEAD_SENTENCES = 3;
/** Types whose long-running state ("منذ 2011") is not itself an event. */
const ONGOING_TYPES = new Set<EventType>(['Displacement']);
const CIVILIAN_SIDES = new Set(['civilian', 'child', 'woman']);

function findLeadDate(datesBy: DateInput[][], sentences: Span[], published: string | null): DateInput | null {
  if (!published) return null;
  const pub = isoDayNumber(published);
  for (let s = 0; s < Math.min(LEAD_SENTENCES, sentences.length); s++) {
    const d = pickDate(datesBy[s], sentences[s].start, published);
    if (d && d.precision === 'day' && d.startDate && pub - isoDayNumber(d.startDate) <= 7 && isoDayNumber(d.startDate) <= pub) return d;
  }
  return null;
}

function defaultDate(published: string | null): EventDate {
  if (!published) return { start: null, end: null, precision: 'unknown', text: null };
  const p = isoDayNumber(published);
  return { start: formatDay(p - 1), end: formatDay(p), precision: 'range', text: null };
}

function toEventDate(d: DateInput | null, published: string | null): EventDate {
  if (!d) return defaultDate(published);
  const start = d.startDate ?? null;
  let end = d.endDate ?? null;
  if (d.kind === 'open-range' && !end && published) end = published.slice(0, 10);
  return { start, end: end ?? start, precision: d.precision, text: d.text };
}

const isSpecificPlace = (p: PlaceInput) => p.location != null && p.kind !== 'country';

/**
 * The place of a trigger: the most specific one (a town named inside a province wins over the
 * province; precision 1 over 3), then one after the trigger (Arabic states the target after the
 * verb), then the nearest.
 */
function nearestPlace(places: PlaceInput[], anchor: number): PlaceInput | null {
  let anySpecific = false;
  let anyResolved = false;
  for (const p of places) {
    if (!p.location) continue;
    anyResolved = true;
    if (isSpecificPlace(p)) anySpecific = true;
  }
  if (!anyResolved) return null;
  let pool: PlaceInput[] = [];
  for (const p of places) if (anySpecific ? isSpecificPlace(p) : p.location) pool.push(p);
  // a place another one of the pool is named inside of gives way to it
  const inner = pool.filter((p) => !pool.some((q) => q.containerStart === p.start));
  if (inner.length) pool = inner;
  let best = Infinity;
  for (const p of pool) best = Math.min(best, p.location!.geo_precision);
  // the nearest of the most precise: after the anchor when there is one there (first of equals wins)
  let nearestAfter: PlaceInput | null = null;
  let nearest: PlaceInput | null = null;
  for (const p of pool) {
    if (p.location!.geo_precision !== best) continue;
    const d = Math.abs(p.start - anchor);
    if (!nearest || d < Math.abs(nearest.start - anchor)) nearest = p;
    if (p.start >= anchor && (!nearestAfter || d < Math.abs(nearestAfter.start - anchor))) nearestAfter = p;
  }
  return nearestAfter ?? nearest;
}

/**
 * The towns coordinated with `place` ("بلدات كفر بتنا وسقبا وحرستا", "مدينتي الحسكة والقامشلي"):
 * specific places joined only by "و" or a comma, not a span "بين … و…".
 */
function townList(text: string, places: PlaceInput[], place: PlaceInput): PlaceInput[] {
  const containers = new Set(places.map((p) => p.containerStart));
  const pool = places.filter((p) => isSpecificPlace(p) && !containers.has(p.start)).sort((a, b) => a.start - b.start);
  const i = pool.indexOf(place);
  if (i < 0) return [];
  const joined = (a: PlaceInput, b: PlaceInput) => /^\s*[،,]?\s*و?\s*$/.test(text.slice(a.end, b.start));
  let from = i;
  let to = i;
  while (from > 0 && joined(pool[from - 1], pool[from])) from--;
  while (to + 1 < pool.length && joined(pool[to], pool[to + 1])) to++;
  const list = pool.slice(from, to + 1);
  if (list.length < 2 || /(?:^|\s)(?:بين|ما بين)\s+(?:\S+\s+)?$/.test(text.slice(Math.max(0, list[0].start - 20), list[0].start))) return [];
  // one place named twice is not a list
  return new Set(list.map((p) => p.location!.name)).size === list.length ? list : [];
}

/** "من صعدة", "من داخل الأراضي اليمنية (محافظة صعدة)": at most three words between "من" and the name. */
const ORIGIN_BEFORE = /(?:^|\s)من\s+((?:\S+\s+){0,3})$/;
/** "بالقرب من", "شرق من": "من" completing a locative, not an origin. */
const LOCATIVE_MIN = /(?:قرب|القريب\S*|مقربه|مقربة|شرق\S*|غرب\S*|شمال\S*|جنوب\S*|محيط|اطراف|أطراف|عدد|مجموعه|مجموعة|كل|اي|أي|عشرات|مئات)\s+من\s+(?:\S+\s+){0,3}$/;
function isOrigin(text: string, p: PlaceInput): boolean {
  // no "من" in the 50 characters before the name: no origin phrase
  const from = Math.max(0, p.start - 50);
  const min = text.indexOf('من', from);
  if (min < 0 || min + 2 > p.start) return false;
  const before = text.slice(from, p.start).replace(/[()،,"«»]/g, ' ');
  const m = ORIGIN_BEFORE.exec(before);
  if (!m || LOCATIVE_MIN.test(before)) return false;
  // another preposition after "من" governs the name instead ("من … في درعا")
  return !/(?:^|\s)(?:في|على|الى|إلى|نحو|باتجاه|ب)\s/.test(' ' + m[1]);
}

function samePlace(a: PlaceInput | null, b: PlaceInput | null): boolean {
  if (!a || !b) return true;
  const la = a.location;
  const lb = b.location;
  if (!la || !lb || la.lat == null || lb.lat == null || la.lon == null || lb.lon == null) return a.text === b.text;
  // a country named alone ("في السعودية") is compatible with any place inside it
  if ((a.kind === 'country' || b.kind === 'country') && la.country && la.country === lb.country) return true;
  return haversineKm({ lat: la.lat, lon: la.lon }, { lat: lb.lat, lon: lb.lon }) <= SAME_PLACE_KM;
}

function sameDate(a: DateInput | null, b: DateInput | null): boolean {
  if (!a || !b) return true;
  const as = a.startDate ? isoDayNumber(a.startDate) : null;
  const ae = a.endDate ? isoDayNumber(a.endDate) : as;
  const bs = b.startDate ? isoDayNumber(b.startDate) : null;
  const be = b.endDate ? isoDayNumber(b.endDate) : bs;
  if (as == null || bs == null) return true;
  return as <= (be ?? bs) + 1 && bs <= (ae ?? as) + 1;
}

const AGENT_BEFORE = /(من قبل|على يد|على أيدي|على ايدي|من جانب|(?:^|\s)[وف]?(?:أطلق|اطلق)\S{0,4})\s*$/;
const TARGET_BEFORE = /(على|ضد|استهدف\S*|مواقع|موقع|مقرات|مقر|معاقل|تجمعات|نقاط|مراكز|مع|عناصر|مسلحي|مقاتلي|بين)\s*(ال)?\S{0,8}\s*$/;
const isArmedActor = (a: ActorInput) => a.kind !== 'civilians' && a.kind !== 'protesters';
/** "من قبل X", "على يد X", "أطلقه X": the actor is named as the one who did it. */
const namedAsAgent = (text: string, a: ActorInput) => AGENT_BEFORE.test(text.slice(Math.max(0, a.start - 14), a.start));

/**
 * Actor roles from Arabic clause patterns around the trigger:
 *  - agent phrases: "من قبل X", "على يد X";
 *  - an agent right after the trigger, as genitive or adjective: "غارات للتحالف", "قصف إسرائيلي";
 *  - target phrases after the trigger: "على X", "ضد X", "استهدف X", "مواقع X";
 *  - otherwise the first actor of the clause is the subject (VSO and SVO both put it first).
 */
function assignActors(
  inp: EventInputs,
  rules: TypeRules,
  actors: ActorInput[],
  trigger: { start: number; end: number },
): { actor1: ActorInput | null; actor2: ActorInput | null; rule: string } {
  // states named as places ("في سوريا") never act; named as subjects ("قصفت إسرائيل") they may;
  // the subject of a reporting verb is the source of a report of violence, not its agent
  const reported = (a: ActorInput) =>
    rules.agentAfterTrigger === true && inp.attributions.some((r) => r.kind === 'reporting' && r.end <= a.start && a.start - r.end <= 3);
  const usable = actors.filter((a) => !a.locative && !reported(a) && (rules.allowCountryActors || !a.countryAsActor || a.start >= trigger.end));
  const text = inp.text;
  let actor1: ActorInput | null = null;
  let actor2: ActorInput | null = null;
  let rule = 'none';
  for (const a of usable) {
    if (namedAsAgent(text, a)) {
      actor1 = a;
      rule = 'agent-phrase';
      break;
    }
  }
  if (!actor1 && rules.agentAfterTrigger) {
    const gap = (a: ActorInput) => text.slice(trigger.end, a.start);
    const adjacent = usable.find(
      (a) => a.start >= trigger.end && /^\s*(\S+\s+){0,1}$/.test(gap(a)) && (a.rule === 'demonym' || /^[وف]?ل/.test(text.slice(a.start, a.start + 2))) && isArmedActor(a),
    );
    if (adjacent) {
      actor1 = adjacent;
      rule = 'agent-after-trigger';
    }
  }
  for (const a of usable) {
    if (a === actor1 || (actor1 && a.actorId === actor1.actorId)) continue;
    const before = text.slice(Math.max(0, a.start - 25), a.start);
    if (a.start >= trigger.start && TARGET_BEFORE.test(before) && !AGENT_BEFORE.test(before)) {
      actor2 = a;
      if (rule === 'none') rule = 'target-phrase';
      break;
    }
  }
  if (!actor1) {
    actor1 = usable.find((a) => a !== actor2 && (!actor2 || a.actorId !== actor2.actorId) && isArmedActor(a)) ?? null;
    if (actor1 && rule === 'none') rule = 'first-actor';
  }
  if (!actor2 && rules.secondActor && actor1) {
    actor2 = usable.find((a) => a.actorId !== actor1!.actorId && isArmedActor(a) && a.start > actor1!.start) ?? null;
    if (actor2) rule += '+second-actor';
  }
  return { actor1, actor2, rule };
}

/**
 * The event's toll by CODING.md: the first sentence that gives killed figures is the report;
 * its per-side figures are added, repeats counted once, conflicts resolved to the lowest
 * (sumPerSide). Figures of later sentences are usually cumulative or background totals.
 */
function fatalitiesOf(cas: CasualtyInput[], sentenceOf: (c: CasualtyInput) => number): { value: number | null; vague?: { min: number; max?: number }; span?: Span; rule: string } {
  const killed = cas.filter((c) => c.kind === 'killed');
  if (!killed.length) return { value: null, rule: 'none' };
  const stated = killed.filter((c) => c.value != null || c.negated);
  if (!stated.length) {
    const v = killed.find((c) => c.vague);
    return { value: null, vague: v?.vague, span: v && { start: v.start, end: v.end }, rule: 'vague' };
  }
  const first = stated[0];
  const report = stated.filter((c) => sentenceOf(c) === sentenceOf(first));
  const value = sumPerSide(report as unknown as CasualtyMention[], 'killed');
  const sides = new Set(report.filter((c) => c.side).map((c) => c.side));
  const rule = report.some((c) => c.negated) && value === 0 ? 'no-casualties' : sides.size > 1 ? 'sum-per-side' : report.length > 1 ? 'reconciled' : 'stated';
  return { value, span: { start: first.start, end: first.end }, rule };
}

function valueOf(cas: CasualtyInput[], kind: CasualtyInput['kind']): number | null {
  const vals = cas.filter((c) => c.kind === kind && c.value != null).map((c) => c.value!);
  return vals.length ? Math.max(...vals) : null;
}

/**
 * The document's mentions grouped by sentence. Built once per document; the phases below each
 * take it, so every phase is its own (smaller) function for V8 to optimise: one function of
 * all phases took ~0.6 s per TurboFan compile, paid again after every deoptimisation.
 */
interface DocIndex {
  nS: number;
  sIdx: (offset: number) => number;
  datesBy: DateInput[][];
  casBy: CasualtyInput[][];
  actorsBy: ActorInput[][];
  placesBy: PlaceInput[][];
  pubDay: number | null;
}

function indexDocument(inp: EventInputs): DocIndex {
  const nS = inp.sentences.length;
  const sIdx = sentenceIndexer(inp.sentences);
  return {
    nS,
    sIdx,
    datesBy: bySentence(inp.dates, sIdx, nS),
    casBy: bySentence(inp.casualties, sIdx, nS),
    actorsBy: bySentence(inp.actors, sIdx, nS),
    placesBy: bySentence(inp.places, sIdx, nS),
    pubDay: inp.published ? isoDayNumber(inp.published) : null,
  };
}

/** Extracts the events of one document. */
export function extractEvents(inp: EventInputs): RasadEvent[] {
  if (!inp.sentences.length) return [];
  const ix = indexDocument(inp);

  // 1–2. triggers per sentence, modality and corroboration
  // most sentences have no trigger: their slot stays empty
  const hitsBy: Array<TriggerHit[] | undefined> = new Array(ix.nS);
  for (const m of getTriggerMatcher().findAll(inp.tokens)) {
    const s = ix.sIdx(m.start);
    const hit: TriggerHit = { row: m.values[0], rows: m.values, start: m.start, end: m.end, sentence: s };
    const list = hitsBy[s];
    if (list) list.push(hit);
    else hitsBy[s] = [hit];
  }
  const mentions: Mention[] = [];
  for (let s = 0; s < ix.nS; s++) {
    const hits = hitsBy[s];
    if (hits) sentenceMentions(inp, ix, s, hits, mentions);
  }
  if (!mentions.length) return [];

  // 4. arguments from neighbours and document defaults
  attachFromNeighbours(inp, ix, mentions);
  // 5. merge mentions of one happening
  const groups = groupMentions(keepCurrent(mentions, ix.pubDay));

  const leadDate = findLeadDate(ix.datesBy, inp.sentences, inp.published);
  const headlineTypes = headlineEventTypes(inp);
  const events: RasadEvent[] = [];
  for (const grp of groups) {
    const e = groupEvent(inp, ix, grp, leadDate, headlineTypes);
    if (e) events.push(e);
  }
  // weakly supported readings are not reported (threshold measured on the development sets)
  const reported = events.filter((e) => e.confidence >= MIN_CONFIDENCE);
  reported.sort((a, b) => a.evidence[0].start - b.evidence[0].start);
  reported.forEach((e, i) => (e.id = `${inp.docId}-e${i + 1}`));
  return reported;
}

/** Steps 1–3 for one sentence with triggers: the mentions it reports, appended to `out`. */
function sentenceMentions(inp: EventInputs, ix: DocIndex, s: number, hits: TriggerHit[], out: Mention[]): void {
  const sentence = inp.sentences[s];
  const context = new Set<string>();
  const byType = new Map<EventType, TriggerHit[]>();
  for (const h of hits) {
    for (const row of h.rows) {
      context.add(row.reason);
      if (row.strength === 'context') continue;
      const hit: TriggerHit = { row, rows: h.rows, start: h.start, end: h.end, sentence: h.sentence };
      const list = byType.get(row.eventType);
      if (list) list.push(hit);
      else byType.set(row.eventType, [hit]);
    }
  }
  const sentenceCtx = { places: ix.placesBy[s], casualties: ix.casBy[s], actors: ix.actorsBy[s] };
  // a type can explain a sentence only if its own conditions hold there
  const admissible = (t: EventType) => {
    const r = EVENT_RULES[t];
    return byType.get(t)!.some((h) => h.row.strength === 'strong') && (!r.requires || r.requires(context, sentenceCtx));
  };
  const firstTok = firstTokenEndingAfter(inp.tokens, sentence.start);
  const armed = ix.actorsBy[s].some((a) => !a.countryAsActor && a.kind !== 'civilians');
  const corroboratedByAll = ix.placesBy[s].some((p) => p.location) || ix.casBy[s].length > 0 || armed;
  for (const [type, list] of byType) {
    const rules = EVENT_RULES[type];
    const live = list.filter((h) => !underModality(inp, sentence, firstTok, h));
    if (!live.length) continue;
    const strong = live.some((h) => h.row.strength === 'strong');
    const corroborated = corroboratedByAll || (rules.allowCountryActors && ix.actorsBy[s].length > 0);
    if (!strong && !corroborated) continue;
    if (rules.requires && !rules.requires(context, sentenceCtx)) continue;
    // suppress a type another trigger in the sentence explains better (a generic "هجوم" beside a car bomb)
    if (rules.yieldsTo?.some((t) => t !== type && byType.has(t) && admissible(t))) continue;
    typeMentions(inp, ix, s, type, live, strong, context, out);
  }
}

/** The mentions of one event type in sentence `s`: one per town segment, sub-type, date and place attached. */
function typeMentions(inp: EventInputs, ix: DocIndex, s: number, type: EventType, live: TriggerHit[], strong: boolean, context: Set<string>, out: Mention[]): void {
  const rules = EVENT_RULES[type];
  const { published } = inp;
  let resolvedType: EventType = type;
  let retypedSub: string | null = null;
  const retyped = rules.retype?.(context, { casualties: ix.casBy[s], actors: ix.actorsBy[s] });
  if (retyped) {
    resolvedType = retyped.type;
    retypedSub = retyped.sub;
  }
  // one mention per town: a new segment starts at a trigger once the previous one named its place
  // ("حظراً كلياً على مدينة الحسكة … وحظراً جزئياً على مدينة قامشلو")
  for (const seg of segmentByPlace(live, ix.placesBy[s], inp.sentences[s].end)) {
    // 3. sub-type: the most specific trigger, refined by context cues
    let best = seg.hits[0];
    for (const h of seg.hits) if (rules.subRank(h.row) > rules.subRank(best.row)) best = h;
    let sub = retypedSub ?? best.row.subEventType;
    const refined = retypedSub ? null : rules.refine?.(sub, context, { casualties: ix.casBy[s], actors: ix.actorsBy[s] });
    if (refined) sub = refined;
    const anchor = best.start;
    const inSeg = <T extends { start: number }>(xs: T[]) => xs.filter((x) => x.start >= seg.start && x.start < seg.end);
    const segDates = inSeg(ix.datesBy[s]);
    const date = pickDate(segDates, anchor, published) ?? pickDate(ix.datesBy[s], anchor, published);
    // dated only by a span reaching far back ("نزح منذ 2011 أكثر من …"): an ongoing situation, not a happening
    if (!date && ONGOING_TYPES.has(resolvedType) && segDates.some((d) => isLongFrame(d, ix.pubDay))) continue;
    let candidates = ix.placesBy[s];
    if (rules.originNotPlace) {
      const targets = candidates.filter((p) => !isOrigin(inp.text, p));
      if (targets.some((p) => p.location)) candidates = targets;
    }
    const segPlaces = inSeg(candidates);
    const place = nearestPlace(segPlaces.filter((p) => p.start >= anchor), anchor) ?? nearestPlace(candidates, anchor);
    const base: Mention = {
      type: resolvedType,
      sub,
      subRank: rules.subRank(best.row),
      strength: seg.hits.some((h) => h.row.strength === 'strong') ? 'strong' : strong ? 'strong' : 'weak',
      triggers: seg.hits,
      sentence: s,
      segment: { start: seg.start, end: seg.end },
      place,
      placeRule: place ? 'same-sentence' : 'none',
      date,
      actors: ix.actorsBy[s],
      casualties: ix.casBy[s],
    };
    // CODING.md: separate towns struck are one event per town, a toll given for all of them is not split
    const towns = rules.needsPlace && place && place.start >= anchor ? townList(inp.text, segPlaces, place) : [];
    if (towns.length > 1) {
      const id = out.length;
      for (const town of towns) out.push({ ...base, place: town, townList: id });
    } else out.push(base);
  }
}

/** Step 4: figures from the next sentence, places from earlier sentences or the document. */
function attachFromNeighbours(inp: EventInputs, ix: DocIndex, mentions: Mention[]): void {
  const { sentences, places } = inp;
  // a figure-only sentence right after an event sentence belongs to it
  const eventSentences = new Set(mentions.map((m) => m.sentence));
  for (const m of mentions) {
    const next = m.sentence + 1;
    if (next < ix.nS && !eventSentences.has(next) && ix.casBy[next].length && !m.casualties.some((c) => c.kind === 'killed')) {
      m.casualties = [...m.casualties, ...ix.casBy[next]];
    }
  }
  // places: previous sentences of the text, then the document's first specific place (dateline)
  const firstSpecific = places.find(isSpecificPlace) ?? null;
  const firstAny = places.find((p) => p.location) ?? null;
  for (const m of mentions) {
    if (m.place) continue;
    for (let s = m.sentence - 1; s >= Math.max(0, m.sentence - 2) && !m.place; s--) {
      const p = nearestPlace(ix.placesBy[s], sentences[s].end);
      if (p && isSpecificPlace(p)) {
        m.place = p;
        m.placeRule = 'previous-sentence';
      }
    }
    if (!m.place && EVENT_RULES[m.type].needsPlace) {
      m.place = firstSpecific ?? firstAny;
      m.placeRule = m.place ? 'document-main-place' : 'none';
    }
  }
}

/** Background and future checks: mentions dated long before publication, or after it, are not coded. */
function keepCurrent(mentions: Mention[], pubDay: number | null): Mention[] {
  return mentions.filter((m) => {
    if (!m.date || pubDay == null) return true;
    const end = m.date.endDate ?? m.date.startDate;
    if (end && isoDayNumber(end) < pubDay - BACKGROUND_DAYS) return false;
    if (m.date.startDate && isoDayNumber(m.date.startDate) > pubDay + 1) return false;
    return true;
  });
}

/** Step 5: mentions of one happening (same type, compatible place and date) in one group. */
function groupMentions(kept: Mention[]): Mention[][] {
  const groups: Mention[][] = [];
  for (const m of kept) {
    // a mention that names no place of its own goes on about the happening already reported
    const inherited = m.placeRule === 'previous-sentence' || m.placeRule === 'document-main-place';
    const g =
      groups.find(
        (grp) =>
          grp[0].type === m.type &&
          grp.every((o) => samePlace(o.place, m.place) && sameDate(o.date, m.date) && !(o.townList !== undefined && o.townList === m.townList)),
      ) ?? (inherited ? groups.findLast((grp) => grp[0].type === m.type && grp.every((o) => sameDate(o.date, m.date))) : undefined);
    if (g) g.push(m);
    else groups.push([m]);
  }
  return groups;
}

/** What the headline (or the first line) is about: a happening of that type is the article's subject. */
function headlineEventTypes(inp: EventInputs): Set<EventType> {
  const headline = inp.title ?? inp.text.slice(inp.sentences[0].start, inp.sentences[0].end);
  const types = new Set<EventType>();
  for (const m of getTriggerMatcher().findAll(tokenize(headline))) for (const r of m.values) if (r.strength !== 'context') types.add(r.eventType);
  return types;
}

/** The event of one group of mentions, or null when a lone weak mention has nothing to stand on. */
function groupEvent(inp: EventInputs, ix: DocIndex, grp: Mention[], leadDate: DateInput | null, headlineTypes: Set<EventType>): RasadEvent | null {
  const { published } = inp;
  const type = grp[0].type;
  const rules = EVENT_RULES[type];
  const lead = grp.reduce((a, b) => (b.subRank > a.subRank ? b : a));
  const strong = grp.some((m) => m.strength === 'strong');
  if (!strong && grp.length < 2 && !rules.weakAlone) {
    // a lone weak mention needs a figure or a named place to stand as an event
    const m = grp[0];
    if (!m.casualties.length && !(m.place && m.placeRule === 'same-sentence')) return null;
  }
  const sameSentencePlaces = grp.filter((m) => m.place && m.placeRule === 'same-sentence').map((m) => m.place!);
  const place = (sameSentencePlaces.length ? nearestPlace(sameSentencePlaces, 0) : null) ?? grp.find((m) => m.place)?.place ?? null;
  const dated = grp.find((m) => m.date) ?? (leadDate ? { date: leadDate } : undefined);
  const date = toEventDate(dated?.date ?? null, published);
  const hours = groupHours(ix, grp);
  const firstTrig = lead.triggers[0];
  const sides = groupActors(inp, rules, grp, lead);
  const { actor1, actor2, roles, explainClaim } = sides;
  const cas = groupCasualties(grp);
  const sharedToll = grp.some((m) => m.townList !== undefined);
  const fat = !rules.countsFatalities
    ? { value: null, rule: 'not-counted' }
    : sharedToll
      ? { value: null, rule: 'toll-shared-by-towns' }
      : fatalitiesOf(cas, (c: CasualtyInput) => ix.sIdx(c.start));
  const evidence: Span[] = [];
  for (const m of grp) for (const t of m.triggers) evidence.push({ start: t.start, end: t.end });
  evidence.sort((a, b) => a.start - b.start);
  const explain: RasadEvent['explain'] = {
    event_type: { span: { start: firstTrig.start, end: firstTrig.end }, rule: `trigger/${firstTrig.row.reason}` },
  };
  if (place) explain.location = { span: { start: place.start, end: place.end }, rule: `place/${lead.placeRule}/${place.reason}` };
  if (dated?.date) explain.date = { span: { start: dated.date.start, end: dated.date.end }, rule: `date/${dated.date.tags[0] ?? 'parsed'}` };
  else explain.date = { rule: published ? 'date/undated-default' : 'date/no-published' };
  if (roles.actor1) explain.actor1 = { span: { start: roles.actor1.start, end: roles.actor1.end }, rule: `actor/${roles.rule}` };
  else if (explainClaim) explain.actor1 = explainClaim;
  if (roles.actor2) explain.actor2 = { span: { start: roles.actor2.start, end: roles.actor2.end }, rule: `actor/${roles.rule}` };
  if (fat.span) explain.fatalities = { span: fat.span, rule: `fatalities/${fat.rule}` };
  const firstSentence = Math.min(...grp.map((m) => m.sentence));
  // a town or district grounds a happening; a country alone does not (commentary and
  // background name countries: on the dev sets a fifth of false alarms were placed at one)
  const confidence = Math.max(
    0.05,
    Math.min(
      0.95,
      0.3 +
        (strong ? 0.15 : 0) +
        (place && isSpecificPlace(place) ? 0.1 : 0) +
        (grp.some((m) => m.date) ? 0.1 : 0) +
        (actor1 || rules.noActors ? 0.05 : 0) +
        Math.min(0.1, (grp.length - 1) * 0.05) +
        (headlineTypes.has(type) ? 0.2 : 0) +
        (firstSentence <= 1 ? 0.1 : firstSentence > ix.nS * 0.6 ? -0.1 : 0) +
        (cas.some((c) => c.kind === 'killed' || c.kind === 'injured') ? 0.05 : 0),
    ),
  );
  const location: EventLocation | null = place?.location ? { ...place.location, text: place.text } : null;
  // properties in SPEC order, the optional ones only when set (no spreads: this runs per event)
  const event: RasadEvent = { id: '', event_type: type, sub_event_type: lead.sub, date } as RasadEvent;
  if (hours) event.hours = hours;
  event.location = location;
  event.actor1 = actor1;
  event.actor2 = actor2;
  event.assoc_actor1 = [];
  event.assoc_actor2 = [];
  event.fatalities = fat.value;
  event.injured = rules.countsFatalities ? valueOf(cas, 'injured') : null;
  event.detained = valueOf(cas, 'detained');
  event.displaced = type === 'Displacement' ? valueOf(cas, 'displaced') : null;
  if (fat.vague) event.fatalities_vague = fat.vague;
  event.evidence = evidence;
  event.confidence = Math.round(confidence * 100) / 100;
  event.explain = explain;
  return event;
}

/** The casualty figures of a group's mentions, in order (a lone mention's own list: read-only use). */
function groupCasualties(grp: Mention[]): CasualtyInput[] {
  if (grp.length === 1) return grp[0].casualties;
  const cas: CasualtyInput[] = [];
  for (const m of grp) for (const c of m.casualties) cas.push(c);
  return cas;
}

/** The hours of a group: its mentions' dates' first, else the first timed date inside a mention's segment. */
function groupHours(ix: DocIndex, grp: Mention[]): DateInput['hours'] {
  for (const m of grp) if (m.date?.hours) return m.date.hours;
  for (const m of grp) {
    for (const d of ix.datesBy[m.sentence]) if (d.hours && d.start >= m.segment.start && d.start < m.segment.end) return d.hours;
  }
  return undefined;
}

/** Who acted on whom in a group: the lead mention's clause, then the others', claims, and the type's rules. */
function groupActors(
  inp: EventInputs,
  rules: TypeRules,
  grp: Mention[],
  lead: Mention,
): { actor1: Actor | null; actor2: Actor | null; roles: ReturnType<typeof assignActors>; explainClaim: { span: Span; rule: string } | null } {
  const { sentences } = inp;
  const roles = assignActors(inp, rules, lead.actors, lead.triggers[0]);
  let actor1: Actor | null = roles.actor1?.actor ?? null;
  let explainClaim: { span: Span; rule: string } | null = null;
  let actor2: Actor | null = roles.actor2?.actor ?? null;
  if (!actor1 && !actor2) {
    for (const m of grp) {
      if (m === lead) continue;
      const r = assignActors(inp, rules, m.actors, m.triggers[0]);
      if (r.actor1) {
        actor1 = r.actor1.actor;
        actor2 = r.actor2?.actor ?? null;
        break;
      }
    }
  }
  if (!actor1 && rules.agentAfterTrigger) {
    // "تبنّت جماعة الحوثي الهجوم": a claim in the event's sentence or the next two names the agent
    const last = Math.max(...grp.map((m) => m.sentence)) + 2;
    const from = sentences[Math.min(...grp.map((m) => m.sentence))].start;
    const to = sentences[Math.min(sentences.length - 1, last)].end;
    for (const c of inp.attributions) {
      if (c.kind !== 'claim' || c.start < from || c.start > to) continue;
      const claimant = inp.actors.find((a) => a.start >= c.end && a.start - c.end <= 3 && !a.countryAsActor);
      if (claimant) {
        actor1 = claimant.actor;
        explainClaim = { span: { start: claimant.start, end: claimant.end }, rule: 'actor/claimed-responsibility' };
        break;
      }
    }
  }
  if (lead.sub === 'Disrupted weapons use') {
    // ACLED: the side that stopped the weapon acts on the side that fired it ("اعترضت … صاروخاً أطلقه الحوثيون")
    const launcher = lead.actors.find((a) => !a.locative && isArmedActor(a) && namedAsAgent(inp.text, a));
    if (launcher) {
      const stopper = lead.actors.find((a) => a.actorId !== launcher.actorId && !a.locative && isArmedActor(a) && a.start < launcher.start);
      actor2 = launcher.actor;
      actor1 = stopper?.actor ?? (actor1?.id === launcher.actor.id ? null : actor1);
    }
  }
  if (rules.crowdActor1) {
    // the crowd acts in protests and riots; the force it met is the second side
    const force = lead.actors.find((a) => !a.countryAsActor && !a.locative && isArmedActor(a));
    actor2 = force?.actor ?? null;
    actor1 = rules.crowdActor1;
  }
  // civilians named in the clause, or civilian victims counted ("مقتل 12 مدنياً", "5 أطفال"), were acted upon
  // so were people counted without a side ("قتل 6 أشخاص") when no armed target is named: ACLED codes them civilians
  // ("لم تقع إصابات" harmed nobody)
  const harmed: CasualtyInput[] = [];
  for (const m of grp) for (const c of m.casualties) if ((c.kind === 'killed' || c.kind === 'injured') && !c.negated && c.value !== 0) harmed.push(c);
  if (
    rules.civilianVictims &&
    !actor2 &&
    (lead.actors.some((a) => a.kind === 'civilians') ||
      harmed.some((c) => c.side && CIVILIAN_SIDES.has(sideKey(c.side))) ||
      (harmed.length > 0 && harmed.every((c) => !c.side)))
  )
    actor2 = rules.civilianVictims;
  if (rules.defaultActor1 && !actor1) actor1 = rules.defaultActor1;
  if (rules.defaultActor2 && !actor2 && actor1?.id !== rules.defaultActor2.id) actor2 = rules.defaultActor2;
  if (rules.noActors) {
    actor1 = null;
    actor2 = null;
  }
  return { actor1, actor2, roles, explainClaim };
}
