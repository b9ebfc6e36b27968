/**
 * @module eval/ner
 * Name-recognition evaluation against a CoNLL-style gold corpus (one `token TAG` per line, IOB tags
 * B-/I- LOC, ORG, PERS, MISC and O; ANERcorp is the one in mind). It measures how well Rasad finds
 * places, organizations and persons with the very recognizers the pipeline runs (src/pipeline.ts):
 *
 * - the corpus is cut into sentences (after `.` `!` `?` `؟` tokens tagged O, at blank lines and -DOCSTART-),
 *   sentences are rebuilt as text (tokens joined by a space) and batched into documents of about
 *   20 sentences, each token keeping its character span;
 * - each document goes through `tokenize`, `geocoder.recognize`, `recognizeActors` (country hint
 *   from the places, anaphora on) and `recognizePersons`, exactly as the pipeline calls them;
 * - every predicted character span is mapped to the corpus tokens it touches and given a class by
 *   {@link nameClassOfActor} (places → LOC, named organizations and forces → ORG, persons → PERS);
 * - scores are entity-level: exact (same tokens, same class) and partial (any shared token, same
 *   class, one-to-one), per class and micro-averaged over LOC/ORG/PERS. Gold MISC is not scored.
 *
 * Measurement only: nothing here changes what the recognizers find, and no corpus text is kept.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { tokenize, type TokenizedText } from '../text/tokenize.ts';
import { PhraseMatcher } from '../text/phrase-matcher.ts';
import { createGeocoder, type Geocoder, type PlaceMention } from '../geo/geocoder.ts';
import { readTsv, recognizeActors, type ActorMention } from '../recognize/actors.ts';
import { recognizePersons } from '../recognize/entities.ts';

export const NER_CLASSES = ['LOC', 'ORG', 'PERS'] as const;
export type NerClass = (typeof NER_CLASSES)[number];

/** A malformed corpus file: the message names the file and line. */
export class CorpusFormatError extends Error {}

/** One corpus token with its gold tag ("O", "B-LOC", "I-PERS", …) and its line in the file. */
export interface GoldToken {
  text: string;
  tag: string;
  line: number;
}

/** A name over tokens [start, end) of one document; `cls` is the gold or predicted class. */
export interface NameSpan {
  cls: string;
  start: number;
  end: number;
}

/** A batch of sentences rebuilt as text, with each token's character span and the gold names. */
export interface NerDocument {
  text: string;
  /** Character span [start, end) of each corpus token in `text`. */
  offsets: Array<[number, number]>;
  gold: NameSpan[];
}

/** A name one recognizer found: a character span, its class (null: not a name this evaluation scores) and where it came from. */
export interface PredictedName {
  cls: NerClass | null;
  source: string;
  start: number;
  end: number;
}

export interface Score {
  /** Matched pairs (one gold name, one prediction). */
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassReport {
  gold: number;
  predicted: number;
  exact: Score;
  partial: Score;
}

/** Predictions of one source, with how many cover exactly the tokens of a gold name, by the gold name's class. */
export interface SourceReport {
  source: string;
  /** The class the source is scored as, or null when it is left out. */
  countedAs: NerClass | null;
  predicted: number;
  exactGold: Record<NerClass | 'MISC', number>;
}

export interface NerReport {
  input: string;
  sentences: number;
  documents: number;
  tokens: number;
  /** Lines whose token is empty (whitespace only): left out of the text. */
  emptyTokens: number;
  classes: Record<NerClass, ClassReport>;
  /** Micro average over LOC, ORG and PERS. */
  micro: ClassReport;
  sources: SourceReport[];
  elapsedMs: number;
}

export interface NerOptions {
  /** Score only the first N sentences. */
  limit?: number;
  sentencesPerDocument?: number;
  geocoder?: Geocoder;
}

/** ANERcorp writes persons PERS; other corpora write PER. */
const CLASS_ALIASES: Record<string, string> = { PER: 'PERS' };
const TAG = /^(O|[BI]-[A-Za-z]+)$/;
const SENTENCE_END = new Set(['.', '!', '?', '؟']);
const DEFAULT_SENTENCES_PER_DOCUMENT = 20;

/**
 * Reads CoNLL-style text into sentences of gold tokens. The tag is the last field of a line and the
 * token everything before it (ANERcorp has a few tokens with a space inside). Lines whose token is
 * empty are counted and dropped. Reading stops after `limit` sentences. Throws
 * {@link CorpusFormatError} on a line without a valid tag.
 */
export function parseConll(content: string, source = 'input', limit = Infinity): { sentences: GoldToken[][]; emptyTokens: number } {
  const sentences: GoldToken[][] = [];
  let current: GoldToken[] = [];
  let emptyTokens = 0;
  const endSentence = () => {
    if (current.length) sentences.push(current);
    current = [];
  };
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length && sentences.length < limit; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim() || line.startsWith('-DOCSTART-')) {
      endSentence();
      continue;
    }
    const m = /^(.*?)\s+(\S+)\s*$/.exec(line);
    if (!m || !TAG.test(m[2])) {
      const shown = line.length > 40 ? line.slice(0, 40) + '…' : line;
      throw new CorpusFormatError(`${source}:${i + 1}: expected "token TAG" with TAG O, B-<class> or I-<class>, got "${shown}"`);
    }
    const text = m[1].trim();
    if (!text) {
      emptyTokens++;
      continue;
    }
    const [prefix, cls] = m[2].split('-');
    const tag = cls ? `${prefix}-${CLASS_ALIASES[cls.toUpperCase()] ?? cls.toUpperCase()}` : 'O';
    current.push({ text, tag, line: i + 1 });
    // a dot inside a name ("إف . بي . آي" tagged ORG) abbreviates, it does not end the sentence
    if (SENTENCE_END.has(text) && tag === 'O') endSentence();
  }
  if (sentences.length < limit) endSentence();
  if (!sentences.length) throw new CorpusFormatError(`${source}: no tokens`);
  return { sentences, emptyTokens };
}

/**
 * Names in a tag sequence, conlleval style: a name starts at B-X, or at an I-X that does not
 * continue an X name (IOB1 files and tagging slips), and runs over the I-X tags after it.
 */
export function goldSpans(tags: readonly string[]): NameSpan[] {
  const out: NameSpan[] = [];
  let open: NameSpan | null = null;
  tags.forEach((tag, i) => {
    const [prefix, cls] = tag.split('-');
    if (open && prefix === 'I' && cls === open.cls) {
      open.end = i + 1;
      return;
    }
    open = null;
    if (prefix === 'B' || prefix === 'I') {
      open = { cls, start: i, end: i + 1 };
      out.push(open);
    }
  });
  return out;
}

/** Rebuilds sentences as documents: tokens joined by a space, sentences by a newline. */
export function buildDocuments(sentences: readonly GoldToken[][], sentencesPerDocument = DEFAULT_SENTENCES_PER_DOCUMENT): NerDocument[] {
  const docs: NerDocument[] = [];
  for (let s = 0; s < sentences.length; s += sentencesPerDocument) {
    let text = '';
    const offsets: Array<[number, number]> = [];
    const gold: NameSpan[] = [];
    for (const sentence of sentences.slice(s, s + sentencesPerDocument)) {
      if (text) text += '\n';
      const first = offsets.length;
      sentence.forEach((tok, k) => {
        if (k) text += ' ';
        offsets.push([text.length, text.length + tok.text.length]);
        text += tok.text;
      });
      // names are read per sentence: a cut never runs through one
      for (const g of goldSpans(sentence.map((t) => t.tag))) gold.push({ cls: g.cls, start: g.start + first, end: g.end + first });
    }
    docs.push({ text, offsets, gold });
  }
  return docs;
}

/**
 * The corpus tokens [start, end) a character span touches, or null when it touches none. Rasad's
 * spans may start inside a corpus token (after a proclitic: "و|حزب الله") and still name that token.
 */
export function toTokenSpan(start: number, end: number, offsets: ReadonlyArray<readonly [number, number]>): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < offsets.length; i++) {
    const [s, e] = offsets[i];
    if (s >= end) break;
    if (e > start) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? null : [first, last + 1];
}

/** Actor rules that read a state or its capital as an actor: in NER terms the name is a place. */
const PLACE_AS_ACTOR_RULES = new Set(['country-as-actor', 'capital-as-actor']);
/** Rules that read a proper name from the actor dictionary. */
const NAMED_ACTOR_RULES = new Set(['dictionary', 'dictionary-in-context', 'dictionary-guess']);
/** Actor kinds that are kinds of people ("المدنيين", "المتظاهرين", "الأكراد"), not organizations. */
const PEOPLE_KINDS = new Set(['civilians', 'protesters', 'identity']);

let roleWords: PhraseMatcher<true> | null = null;
/** Role nouns (data/actors/roles.tsv) such as "الرئيس": an affiliation starting with one names an office, not a person. */
function roleAt(t: TokenizedText, i: number): boolean {
  if (!roleWords) {
    roleWords = new PhraseMatcher<true>();
    for (const r of readTsv('roles.tsv')) if (r.type === 'role') roleWords.add(r.phrase, true);
  }
  return roleWords.matchAt(t, i) !== null;
}

/**
 * The NER class of an actor mention, by its rule and kind:
 * - country-as-actor, capital-as-actor ("روسيا طلبت", "موسكو") → LOC: ANERcorp tags a state's name
 *   LOC whether it acts or not;
 * - affiliation (a name standing for an actor: "حسن نصر الله", "بوتين") → PERS, unless it starts
 *   with a role noun ("الرئيس الروسي"): an office is not a name and is left out;
 * - a dictionary name (dictionary, dictionary-in-context, dictionary-guess) of an organization,
 *   group or force (kinds government, state-forces, police, international, political,
 *   islamist-militant, rebel, militia) → ORG;
 * - left out (null): dictionary names of kinds of people (civilians, protesters, identity), generic
 *   heads ("الجيش", "طائرات روسية": a description, not a name), labels ("المسلحين"), demonyms
 *   ("السوريين") and anaphors ("التنظيم").
 */
export function nameClassOfActor(m: ActorMention, t: TokenizedText): { cls: NerClass | null; source: string } {
  if (PLACE_AS_ACTOR_RULES.has(m.rule)) return { cls: 'LOC', source: `actor ${m.rule}` };
  if (m.rule === 'affiliation') return roleAt(t, m.startToken) ? { cls: null, source: 'actor affiliation (office)' } : { cls: 'PERS', source: 'actor affiliation' };
  if (NAMED_ACTOR_RULES.has(m.rule)) {
    return PEOPLE_KINDS.has(m.actor.kind) ? { cls: null, source: `actor ${m.actor.kind}` } : { cls: 'ORG', source: `actor ${m.actor.kind}` };
  }
  // generic-adjective/-hint/-unresolved → "generic", label/label-in-context → "label"
  return { cls: null, source: `actor ${m.rule.replace(/-(adjective|hint|unresolved|in-context)$/, '')}` };
}

/**
 * The country a document names most, weighting places in it above the country itself: the
 * pipeline's hint for generic forces and context-bound aliases (mostNamedCountry in src/pipeline.ts,
 * which only resolved places feed).
 */
function countryHintOf(places: readonly PlaceMention[]): string | null {
  const weight = new Map<string, number>();
  for (const p of places) {
    const c = p.resolved?.country;
    if (c) weight.set(c, (weight.get(c) ?? 0) + (p.resolved!.kind === 'country' ? 1 : 2));
  }
  let best: string | null = null;
  let most = 0;
  for (const [c, w] of weight) if (w > most) [best, most] = [c, w];
  return best;
}

/**
 * Runs Rasad's recognizers on a text as the pipeline does (no publication date) and returns every
 * name they find. Spans start after proclitics and feature words (`stemStart`): "مدينة إدلب" names
 * إدلب, the name a NER corpus tags.
 */
export function recognizeNames(text: string, geocoder: Geocoder): PredictedName[] {
  const tokens = tokenize(text);
  const places = geocoder.recognize(tokens);
  const countryHint = countryHintOf(places);
  const actors = recognizeActors(tokens, { countryHint, date: null, anaphora: true });
  const persons = recognizePersons(tokens, { actors, countryHint, date: null });
  const out: PredictedName[] = [];
  for (const p of places) out.push({ cls: 'LOC', source: p.resolved ? 'place' : 'place (unresolved)', start: p.stemStart, end: p.end });
  for (const a of actors) out.push({ ...nameClassOfActor(a, tokens), start: a.stemStart, end: a.end });
  for (const p of persons) out.push({ cls: 'PERS', source: 'person', start: p.start, end: p.end });
  return out;
}

interface Counts {
  gold: number;
  predicted: number;
  exact: number;
  partial: number;
}

/**
 * Counts gold and predicted names of one document per class. Predictions of one class over the same
 * tokens count once (a country found both as a place and as an actor is one LOC). Exact: same
 * tokens. Partial: one-to-one, exact pairs first, then each remaining gold name takes the first
 * unpaired prediction of its class sharing a token with it.
 */
export function countMatches(gold: readonly NameSpan[], predicted: readonly NameSpan[]): Record<NerClass, Counts> {
  const key = (s: NameSpan) => `${s.cls}:${s.start}:${s.end}`;
  const out = {} as Record<NerClass, Counts>;
  for (const cls of NER_CLASSES) {
    const g = gold.filter((s) => s.cls === cls);
    const p = [...new Map(predicted.filter((s) => s.cls === cls).map((s) => [key(s), s])).values()];
    const predKeys = new Set(p.map(key));
    const goldPaired = g.map((s) => predKeys.has(key(s)));
    const exact = goldPaired.filter(Boolean).length;
    const predPaired = new Set(g.filter((_, i) => goldPaired[i]).map(key));
    let partial = exact;
    g.forEach((s, i) => {
      if (goldPaired[i]) return;
      const hit = p.find((q) => !predPaired.has(key(q)) && q.start < s.end && s.start < q.end);
      if (hit) {
        predPaired.add(key(hit));
        partial++;
      }
    });
    out[cls] = { gold: g.length, predicted: p.length, exact, partial };
  }
  return out;
}

function toScore(matched: number, predicted: number, gold: number): Score {
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { matched, precision, recall, f1 };
}

function toClassReport(c: Counts): ClassReport {
  return { gold: c.gold, predicted: c.predicted, exact: toScore(c.exact, c.predicted, c.gold), partial: toScore(c.partial, c.predicted, c.gold) };
}

/** Scores Rasad on CoNLL-style text already read; `input` names it in the report and in errors. */
export function evaluateNerText(content: string, input: string, opts: NerOptions = {}): NerReport {
  const started = Date.now();
  const parsed = parseConll(content, input, opts.limit);
  const sentences = parsed.sentences;
  const docs = buildDocuments(sentences, opts.sentencesPerDocument);
  const geocoder = opts.geocoder ?? createGeocoder();
  const totals = Object.fromEntries(NER_CLASSES.map((c) => [c, { gold: 0, predicted: 0, exact: 0, partial: 0 }])) as Record<NerClass, Counts>;
  const sources = new Map<string, SourceReport>();
  for (const doc of docs) {
    const predicted: NameSpan[] = [];
    const goldAt = new Map(doc.gold.map((g) => [`${g.start}:${g.end}`, g.cls]));
    for (const name of recognizeNames(doc.text, geocoder)) {
      const span = toTokenSpan(name.start, name.end, doc.offsets);
      if (!span) continue;
      if (name.cls) predicted.push({ cls: name.cls, start: span[0], end: span[1] });
      const row = sources.get(name.source) ?? { source: name.source, countedAs: name.cls, predicted: 0, exactGold: { LOC: 0, ORG: 0, PERS: 0, MISC: 0 } };
      sources.set(name.source, row);
      row.predicted++;
      const goldCls = goldAt.get(`${span[0]}:${span[1]}`) as keyof SourceReport['exactGold'] | undefined;
      if (goldCls && goldCls in row.exactGold) row.exactGold[goldCls]++;
    }
    const counts = countMatches(doc.gold, predicted);
    for (const cls of NER_CLASSES) for (const k of ['gold', 'predicted', 'exact', 'partial'] as const) totals[cls][k] += counts[cls][k];
  }
  const micro = { gold: 0, predicted: 0, exact: 0, partial: 0 };
  for (const cls of NER_CLASSES) for (const k of ['gold', 'predicted', 'exact', 'partial'] as const) micro[k] += totals[cls][k];
  const classOrder = (c: NerClass | null) => (c ? NER_CLASSES.indexOf(c) : NER_CLASSES.length);
  return {
    input,
    sentences: sentences.length,
    documents: docs.length,
    tokens: docs.reduce((n, d) => n + d.offsets.length, 0),
    emptyTokens: parsed.emptyTokens,
    classes: Object.fromEntries(NER_CLASSES.map((c) => [c, toClassReport(totals[c])])) as Record<NerClass, ClassReport>,
    micro: toClassReport(micro),
    sources: [...sources.values()].sort((a, b) => classOrder(a.countedAs) - classOrder(b.countedAs) || b.predicted - a.predicted),
    elapsedMs: Date.now() - started,
  };
}

/** Reads a CoNLL-style file and scores Rasad on it (the file is a few MB: read whole). */
export function evaluateNer(path: string, opts: NerOptions = {}): NerReport {
  return evaluateNerText(readFileSync(path, 'utf8'), path, opts);
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const num = (n: number, width = 0) => n.toLocaleString('en-US').padStart(width);

/** The report as a plain-text table. */
export function formatNerReport(r: NerReport): string {
  const lines: string[] = [];
  lines.push(
    `${basename(r.input)}: ${num(r.sentences)} sentences in ${num(r.documents)} documents, ${num(r.tokens)} tokens` +
      `${r.emptyTokens ? ` (${r.emptyTokens} empty token lines skipped)` : ''}; ${(r.elapsedMs / 1000).toFixed(1)} s`,
  );
  lines.push('');
  const scoreCells = (s: Score) => `${num(s.matched, 7)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`;
  const scoreHead = (title: string) => `${title.padStart(7)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`;
  lines.push(`${'class'.padEnd(6)} ${'gold'.padStart(7)} ${'pred'.padStart(7)} | ${scoreHead('exact')} | ${scoreHead('partial')}`);
  const row = (name: string, c: ClassReport) => `${name.padEnd(6)} ${num(c.gold, 7)} ${num(c.predicted, 7)} | ${scoreCells(c.exact)} | ${scoreCells(c.partial)}`;
  for (const cls of NER_CLASSES) lines.push(row(cls, r.classes[cls]));
  lines.push(row('micro', r.micro));
  lines.push('');
  lines.push('exact: same tokens and class; partial: one-to-one, any shared token, same class; P, R, F1 in %; MISC not scored');
  lines.push('');
  lines.push('predictions by source, and how many cover exactly the tokens of a gold name (by its class):');
  const goldClasses = ['LOC', 'ORG', 'PERS', 'MISC'] as const;
  lines.push(`${'source'.padEnd(28)} ${'counted as'.padEnd(10)} ${'pred'.padStart(7)} ${goldClasses.map((c) => c.padStart(6)).join(' ')}`);
  for (const s of r.sources) {
    lines.push(`${s.source.padEnd(28)} ${(s.countedAs ?? '—').padEnd(10)} ${num(s.predicted, 7)} ${goldClasses.map((c) => num(s.exactGold[c], 6)).join(' ')}`);
  }
  return lines.join('\n');
}
