/**
 * @module geo/geocoder
 * Finds place names in Arabic text and resolves each to a gazetteer place with an ACLED-style
 * geo-precision. Recognition reads Arabic morphology through the tokenizer's proclitic readings
 * (بالحسكة، وقامشلو، لإدلب) and the phrases around a name: feature words ("مدينة", "مخيم",
 * "محافظة"), "ريف X", compass directions ("شمال شرق سوريا", "جنوبي X"), "قرب X" and containment
 * ("X في ريف حلب", "X التابعة لـ Y"). Disambiguation weighs the countries the document names,
 * containment, distance to the other places named, the kind of place the text implies and
 * population; every resolution keeps its candidates and the reasons for the choice.
 */
import type { TokenizedText, Token } from '../text/tokenize.ts';
import type { PhraseMatch } from '../text/phrase-matcher.ts';
import type { EventLocation } from '../types.ts';
import { normalizeArabic } from '../text/normalize.ts';
import { stripArticle } from '../text/tokenize.ts';
import { KeyTable } from './key-table.ts';
import { loadGazetteer, BLOCK, STOP_BARE, STOP_DEFINITE, type Gazetteer, type GazPlace, type NameRef } from './gazetteer.ts';
import type { WordRow } from './build-index.ts';
import { haversineKm, bearingDeg } from './distance.ts';
import { arabicSkeleton } from './skeleton.ts';

export interface PlaceCandidate {
  id: string;
  name: string;
  name_ar: string;
  country: string;
  admin1: string | null;
  admin2: string | null;
  lat: number;
  lon: number;
  /** city|town|village|neighbourhood|camp|prison|base|airport|crossing|region|country|admin1|admin2|… */
  kind: string;
  population: number;
  geonames_id?: number;
  source: string;
  /** Disambiguation score (higher is better); reported for analysts. */
  score?: number;
}

export type PlaceQualifier = 'countryside' | 'direction' | 'feature' | 'containment' | 'near' | 'capital' | 'land';

export interface PlaceMention {
  /** Whole phrase, proclitics included (evidence span). */
  start: number;
  end: number;
  /** Where `text` starts. */
  stemStart: number;
  /** The place as written, without attached proclitics (feature words before a name are left out). */
  text: string;
  candidates: PlaceCandidate[];
  resolved: PlaceCandidate | null;
  geo_precision: 1 | 2 | 3;
  /** Why this candidate: comma-separated kebab-case tags. */
  reason: string;
  qualifier?: PlaceQualifier;
  featureWord?: string;
  /** Index (in the returned list) of the mention this one is said to lie in. */
  containedIn?: number;
}

export interface RecognizeOptions {
  /** ISO2 country the caller knows the document is about. */
  countryHint?: string;
}

export interface Geocoder {
  recognize(text: TokenizedText, opts?: RecognizeOptions): PlaceMention[];
  readonly gazetteer: Gazetteer;
}

export interface GeocoderOptions {
  gazetteer?: Gazetteer;
  /** Index file to load (default build/gazetteer.json). */
  indexFile?: string;
}

/** Arab League members plus Israel/Palestine: Rasad's news domain gets a prior. */
const FOCUS = new Set(['SY', 'IQ', 'YE', 'LY', 'LB', 'PS', 'SD', 'EG', 'TN', 'SA', 'JO', 'DZ', 'MA', 'MR', 'KW', 'QA', 'BH', 'AE', 'OM', 'SO', 'DJ', 'KM', 'IL']);
/** Feature kinds after which an unknown word is looked up by romanization skeleton among districts. */
const SKELETON_OK = new Set(['admin2', 'admin3']);
/** Feature kinds after which an unknown word is still read as a place name. */
const UNKNOWN_NAME_OK = new Set(['city', 'town', 'village', 'neighbourhood', 'camp']);
/** Facilities that lie in or beside a town: named by the town alone they are precision 2. */
const FACILITY = new Set(['neighbourhood', 'camp', 'prison', 'crossing', 'airport', 'base', 'port', 'oilfield', 'dam', 'area']);
/** Candidate kinds each feature word agrees with. */
const FEATURE_FITS: Record<string, string[]> = {
  city: ['city', 'town'],
  town: ['town', 'village', 'city'],
  village: ['village', 'town'],
  neighbourhood: ['neighbourhood'],
  camp: ['camp'],
  prison: ['prison'],
  crossing: ['crossing'],
  airport: ['airport', 'base'],
  base: ['base', 'airport'],
  port: ['port'],
  oilfield: ['oilfield'],
  dam: ['dam'],
  admin1: ['admin1'],
  admin2: ['admin2'],
  admin3: ['town', 'village'],
  area: ['region', 'admin2', 'admin1', 'town', 'village', 'neighbourhood'],
  island: ['island', 'town', 'village'],
};
const DEFAULT_POP: Record<string, number> = {
  PPLC: 500000, PPLA: 50000, PPLA2: 20000, PPLA3: 5000, PPLA4: 2000,
};
const KIND_POP: Record<string, number> = {
  city: 50000, town: 10000, village: 1000, neighbourhood: 20000, camp: 20000, prison: 5000, base: 10000, airport: 10000,
  crossing: 5000, port: 10000, oilfield: 5000, dam: 5000, region: 100000, settlement: 3000, square: 5000,
};
const DIRS: Record<string, [number, number]> = { n: [0, -1], s: [180, -1], e: [90, -1], w: [270, -1], ne: [45, -1], nw: [315, -1], se: [135, -1], sw: [225, -1] };
const SKIPPABLE = new Set(['"', "'", '«', '»', '(', ')', '-', '`']);

interface Raw {
  startTok: number;
  endTok: number;
  start: number;
  end: number;
  stemStart: number;
  text: string;
  /** Normalized name as written (article kept): the stoplist key. */
  surface: string;
  nameTokens: number;
  refs: NameRef[];
  qualifier?: PlaceQualifier;
  featureWord?: string;
  featureKind?: string;
  dir?: string;
  countryRef?: boolean;
  adjCountry?: string;
  unknownName?: boolean;
  /** Candidates came from a romanization skeleton (districts without an Arabic name). */
  skeleton?: boolean;
  /** Only a place if its container (the next mention) agrees. */
  needsContainer?: boolean;
  container?: number;
  weak?: boolean;
}

type RawCore = Pick<Raw, 'startTok' | 'endTok' | 'start' | 'end' | 'stemStart' | 'text' | 'surface' | 'nameTokens' | 'refs'>;

/**
 * A Raw with every field present, in one order: raws made by spreading their optional fields
 * had a hidden class per combination, and the passes over them (filter, resolve, votes) were
 * deoptimized on each new one. Absent fields read as undefined as before.
 */
function makeRaw(c: RawCore, extra: Partial<Raw>): Raw {
  return {
    startTok: c.startTok,
    endTok: c.endTok,
    start: c.start,
    end: c.end,
    stemStart: c.stemStart,
    text: c.text,
    surface: c.surface,
    nameTokens: c.nameTokens,
    refs: c.refs,
    qualifier: extra.qualifier,
    featureWord: extra.featureWord,
    featureKind: extra.featureKind,
    dir: extra.dir,
    countryRef: extra.countryRef,
    adjCountry: extra.adjCountry,
    unknownName: extra.unknownName,
    skeleton: extra.skeleton,
    needsContainer: extra.needsContainer,
    container: extra.container,
    weak: extra.weak,
  };
}

interface LexHit {
  cliticLength: number;
  rows: WordRow[];
}
const NO_HITS: LexHit[] = [];

/** Lexicon categories as bits: a token's categories are one integer (see lexMask). */
const CATEGORY_BIT = new Map<string, number>(
  ['feature', 'direction', 'connector', 'near', 'countryside', 'capital', 'land', 'country-ref', 'descriptor', 'prefix'].map((c, k) => [c, 1 << k]),
);
/** Any category the list above lacks. */
const OTHER_CATEGORY = 1 << 30;
const categoryBit = (c: string): number => CATEGORY_BIT.get(c) ?? OTHER_CATEGORY;
const COUNTRYSIDE = categoryBit('countryside');
const DIRECTION = categoryBit('direction');
const NEAR = categoryBit('near');
const CAPITAL = categoryBit('capital');
const LAND = categoryBit('land');
const FEATURE = categoryBit('feature');
/** Categories a structural phrase (ريف X, شمال X, قرب X, العاصمة X, الأراضي X, مدينة X) opens with. */
const STRUCTURAL = COUNTRYSIDE | DIRECTION | NEAR | CAPITAL | LAND | FEATURE;

/** A lexicon word's rows with their categories as bits. */
interface LexEntry {
  rows: WordRow[];
  mask: number;
}
/** What a reading's key is in the gazetteer's word lists. */
interface KeyInfo {
  /** Its gaz.words rows, or null. */
  word: LexEntry | null;
  /** The country it is the adjective of (gaz.adjectives), or null. */
  adjective: string | null;
}

/** What the geocoder derives from a gazetteer's word lists, once per gazetteer. */
interface GeoLexicon {
  /** The keys of gaz.words and gaz.adjectives, looked up by the hash every reading carries. */
  keys: KeyTable<KeyInfo>;
  /** The list sizes it was made from (remade if they change). */
  words: number;
  adjectives: number;
}
const GEO_LEXICONS = new WeakMap<Gazetteer, GeoLexicon>();

function geoLexicon(gaz: Gazetteer): GeoLexicon {
  let lex = GEO_LEXICONS.get(gaz);
  if (!lex || lex.words !== gaz.words.size || lex.adjectives !== gaz.adjectives.size) {
    const info = new Map<string, KeyInfo>();
    for (const [key, rows] of gaz.words) {
      let mask = 0;
      for (const row of rows) mask |= categoryBit(row.category);
      info.set(key, { word: { rows, mask }, adjective: null });
    }
    for (const [key, iso] of gaz.adjectives) {
      const known = info.get(key);
      if (known) known.adjective = iso;
      else info.set(key, { word: null, adjective: iso });
    }
    GEO_LEXICONS.set(gaz, (lex = { keys: new KeyTable(info), words: gaz.words.size, adjectives: gaz.adjectives.size }));
  }
  return lex;
}

interface Scored {
  place: GazPlace;
  score: number;
  /** Why it scored so: filled in for the winner of the final pass only (nothing reads the others'). */
  reasons: readonly string[];
}
const NO_REASONS: readonly string[] = Object.freeze([]);

interface Resolution {
  place: GazPlace | null;
  candidate: PlaceCandidate | null;
  scored: Scored[];
  precision: 1 | 2 | 3;
  reasons: string[];
}

/** Memoized normalizeArabic: the same few thousand words come back in every document. */
function memoized(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size > 50000) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}
const normAr = memoized(normalizeArabic);
/**
 * wordKey of text that is normalized already (a token's norm, a surface): normalizing again
 * changes nothing, so only the article goes.
 */
const normalizedKey = stripArticle;

/** Letters of a key, spaces between its words not counted (a normalized key has single spaces only). */
function keyLetters(key: string): number {
  let n = key.length;
  for (let k = key.indexOf(' '); k >= 0; k = key.indexOf(' ', k + 1)) n--;
  return n;
}

const EDGE_QUOTES = /^["'«»“”]+|["'«»“”]+$/g;
const isQuoteCode = (c: number) => c === 34 || c === 39 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d;

/** Strips quotes at both ends; the regex runs only when an end is a quote (names rarely have any). */
function trimQuotes(s: string): string {
  if (s.length === 0 || (!isQuoteCode(s.charCodeAt(0)) && !isQuoteCode(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(EDGE_QUOTES, '');
}

/** Lexicon categories that keep a word from being an unknown place name (unknownNameWord). */
const NOT_NAME_CATS = new Set(['feature', 'direction', 'connector', 'near', 'countryside', 'capital', 'land', 'country-ref']);
/** Lexicon categories that are never places by themselves (filter). */
const NEVER_PLACE_CATS = new Set(['feature', 'direction', 'connector', 'near', 'countryside', 'capital', 'land', 'country-ref', 'descriptor']);
/** Geo words after which a feature noun's name slot is a phrase of its own (nameAfterFeature). */
const PHRASE_CATS = new Set(['direction', 'countryside', 'near', 'capital', 'land', 'country-ref', 'feature']);
const KIND_PRIOR: Record<string, number> = { country: 10, admin1: 2.5, admin2: 0.5, region: 3, historical: -4 };
const HEAD_FEATURES = new Set(['admin1', 'admin2', 'city']);

const combineDirs = (a: string, b: string | undefined): string => {
  if (!b || a === b) return a;
  const ns = [a, b].find((d) => d === 'n' || d === 's');
  const ew = [a, b].find((d) => d === 'e' || d === 'w');
  return ns && ew ? ns + ew : a;
};

/** A lexicon row as the parsers read it: feature values without their '/pl' mark, and the proclitic length of the reading. */
type RowInfo = Readonly<{ value: string; word: string; clitic: number; plural: boolean }>;
const ROW_INFO = new WeakMap<WordRow, RowInfo[]>();

/** The RowInfo of a row read with `clitic` proclitic letters: made once per row and length, then shared. */
function rowInfo(row: WordRow, clitic: number): RowInfo {
  let byClitic = ROW_INFO.get(row);
  if (!byClitic) ROW_INFO.set(row, (byClitic = []));
  return (byClitic[clitic] ??= { value: row.value.replace(/\/pl$/, ''), word: row.word, clitic, plural: row.value.endsWith('/pl') });
}

/** Recognizes and resolves the places of one document. */
class DocumentGeocoder {
  private readonly tokens: Token[];
  private raws: Raw[] = [];
  private countryVotes = new Map<string, number>();
  private weights = new Map<string, number>();
  private mainCountry: string | null = null;
  private pass1: Array<Resolution | null> = [];
  /** matchAt per token (undefined: not looked up yet); the parsers ask for the same tokens again and again. */
  private matches: Array<PhraseMatch<NameRef> | null | undefined> = [];
  /** placeAt per token (undefined: not looked up yet). */
  private places: Array<PhraseMatch<NameRef> | 'block' | null | undefined> = [];
  /** Country adjectives counted over the tokens (the same in both votes). */
  private adjCount: Map<string, number> | null = null;
  /** anchors(i, pass1) per mention. */
  private anchorCache: GazPlace[][] = [];
  /** Per token: lexicon hits of its readings, their categories (lexMask), its country adjective. */
  private lex: Array<LexHit[] | undefined> = [];
  private lexMasks: number[] = [];
  private adjs: Array<string | null> = [];
  /** Per mention: its candidate places and their pass-independent scores (both passes use them). */
  private cands: Array<{ places: GazPlace[]; base: number[] } | undefined> = [];

  private readonly lexicon: GeoLexicon;

  constructor(
    private readonly gaz: Gazetteer,
    private readonly t: TokenizedText,
    private readonly opts: RecognizeOptions,
  ) {
    this.tokens = t.tokens;
    this.lexicon = geoLexicon(gaz);
  }

  run(): PlaceMention[] {
    this.readTokens();
    this.collect();
    this.filter();
    this.linkContainment();
    this.voteCountries(null);
    this.pass1 = this.raws.map((r, i) => this.resolve(r, i, null));
    this.voteCountries(this.pass1);
    const final = this.raws.map((r, i) => this.resolve(r, i, this.pass1));
    const out: PlaceMention[] = [];
    /** Per raw: its index in `out`, or -1. */
    const outIndex: number[] = [];
    for (let i = 0; i < this.raws.length; i++) {
      const r = this.raws[i];
      const res = final[i];
      if (!res || !res.candidate) {
        outIndex.push(-1);
        continue;
      }
      outIndex.push(out.length);
      const m: PlaceMention = {
        start: r.start,
        end: r.end,
        stemStart: r.stemStart,
        text: r.text,
        candidates: res.scored.slice(0, 5).map((s) => this.toCandidate(s.place, s.score)),
        resolved: res.candidate,
        geo_precision: res.precision,
        reason: res.reasons.length === 1 ? res.reasons[0] : res.reasons.join(', '),
      };
      if (r.qualifier) m.qualifier = r.qualifier;
      if (r.featureWord) m.featureWord = r.featureWord;
      out.push(m);
    }
    for (let i = 0; i < this.raws.length; i++) {
      const container = this.raws[i].container;
      if (outIndex[i] >= 0 && container !== undefined && outIndex[container] >= 0) out[outIndex[i]].containedIn = outIndex[container];
    }
    return out;
  }

  // ---------- recognition ----------

  /** The lexicon row of a token in a category; feature values lose their '/pl' mark (see `plural`). */
  private wordRow(tok: Token | undefined, category: string): RowInfo | null {
    if (!tok || tok.kind !== 'word') return null;
    // as gaz.wordInfo(reading.key, category) over the readings, first hit wins
    for (const h of this.lexHits(tok)) {
      for (const row of h.rows) {
        if (row.category === category) return rowInfo(row, h.cliticLength);
      }
    }
    return null;
  }

  /** The readings of a token that the geo lexicon knows, with their rows; kept per token of the document. */
  private lexHits(tok: Token): LexHit[] {
    if (this.tokens[tok.index] === tok) return this.lex[tok.index]!;
    // a token made up by a caller (districtBeforeContainer's first reading alone)
    let out = NO_HITS;
    for (const r of tok.readings) {
      const entry = this.lexicon.keys.get(r.key, r.hash)?.word;
      if (!entry) continue;
      if (out === NO_HITS) out = [];
      out.push({ cliticLength: r.cliticLength, rows: entry.rows });
    }
    return out;
  }

  /** The categories (bits) of the lexicon rows of token i's readings. */
  private lexMask(i: number): number {
    return this.lexMasks[i];
  }

  /**
   * Reads every token's lexicon hits, their categories and its country adjective in one pass
   * over the readings: collect asks for nearly every token's, the votes for every one's.
   */
  private readTokens(): void {
    const keys = this.lexicon.keys;
    for (const tok of this.tokens) {
      let hits = NO_HITS;
      let mask = 0;
      let adjective: string | null = null;
      for (const r of tok.readings) {
        const info = keys.get(r.key, r.hash);
        if (!info) continue;
        if (info.word) {
          if (hits === NO_HITS) hits = [];
          hits.push({ cliticLength: r.cliticLength, rows: info.word.rows });
          mask |= info.word.mask;
        }
        // the first reading that is an adjective names the country
        if (adjective === null && tok.kind === 'word') adjective = info.adjective;
      }
      this.lex.push(hits);
      this.lexMasks.push(mask);
      this.adjs.push(adjective);
    }
  }

  /** Whether any reading of a token has a lexicon row in one of the categories (as isCategory). */
  private inCategories(tok: Token | undefined, cats: Set<string>): boolean {
    if (!tok || tok.kind !== 'word') return false;
    for (const h of this.lexHits(tok)) for (const row of h.rows) if (cats.has(row.category)) return true;
    return false;
  }

  /** The phrase matcher's longest match at token j, looked up once per document. */
  private matchAt(j: number): PhraseMatch<NameRef> | null {
    if (j < 0 || j >= this.tokens.length) return this.gaz.matcher.matchAt(this.t, j);
    let m = this.matches[j];
    if (m === undefined) {
      // most words start no name: the matcher's bit filter on the readings' hashes answers at once
      this.matches[j] = m = this.gaz.matcher.mayStartAt(this.t, j) ? this.gaz.matcher.matchAt(this.t, j) : null;
    }
    return m;
  }

  private adjectiveCountry(tok: Token | undefined): string | null {
    return tok ? this.adjs[tok.index] : null;
  }

  /** A place-name match at token j: the match, 'block' for a stop phrase, or null. */
  private placeAt(j: number): PhraseMatch<NameRef> | 'block' | null {
    const own = j >= 0 && j < this.tokens.length;
    if (own) {
      const known = this.places[j];
      if (known !== undefined) return known;
    }
    const m = this.matchAt(j);
    // stop phrases carry the shared BLOCK ref (the only one with place < 0): compared by identity
    const found = m && m.values.includes(BLOCK) ? 'block' : m;
    if (own) this.places[j] = found;
    return found;
  }

  /** A feature word that is itself the start of a known name ("مطار حلب", "مخيم اليرموك"). */
  private knownPhraseAt(j: number): boolean {
    const m = this.placeAt(j);
    return m !== null && m !== 'block' && m.endToken - m.startToken > 1 && this.wordRow(this.tokens[j], 'feature') !== null;
  }

  private skipQuotes(j: number): number {
    while (j < this.tokens.length && this.tokens[j].kind === 'punct' && SKIPPABLE.has(this.tokens[j].norm)) j++;
    return j;
  }

  /** Name text as written without proclitics; "للحسكة" gives "الحسكة", not "لحسكة". */
  private nameText(m: PhraseMatch<NameRef>): string {
    const first = this.tokens[m.startToken];
    const conj = first.norm[0] === 'و' || first.norm[0] === 'ف' ? 1 : 0;
    if (first.norm.startsWith('لل', conj) && m.stemStart > first.start && this.t.original[m.stemStart] === 'ل') {
      const orig = this.t.original.slice(m.stemStart, m.end);
      if (normAr(orig).startsWith('ل') && !m.text.startsWith('ال')) return 'ال' + orig.slice(1);
    }
    return m.text;
  }

  /**
   * normAr(text) for a match's name text. A one-word name taken as written (no article given
   * back, no quotes) needs no normalizing: its normalized letters are the token's own.
   */
  private surfaceOf(m: PhraseMatch<NameRef>, text: string): string {
    const clitic = this.oneWordClitic(m, text);
    if (clitic >= 0) {
      const norm = this.tokens[m.startToken].norm;
      // without an article the surface is the matched key, a string the matcher has hashed already
      if (m.firstKey !== undefined && norm.length - clitic === m.firstKey.length && norm.endsWith(m.firstKey)) return m.firstKey;
      return clitic === 0 ? norm : norm.slice(clitic);
    }
    return normAr(text);
  }

  /** For a one-word name taken as written (no article given back, no quotes), its proclitic letters (stemOffset); else -1. */
  private oneWordClitic(m: PhraseMatch<NameRef>, text: string): number {
    return m.endToken - m.startToken === 1 && text === m.text && text.length === m.end - m.stemStart ? this.stemOffset(m) : -1;
  }

  /**
   * stopWords.has(surfaceOf(m, text)) for a one-word name, read off its refs: most matched words
   * are stop words, and a set lookup per match cost more than the flag. Null: not such a name.
   */
  private stoppedByKey(m: PhraseMatch<NameRef>, text: string): boolean | null {
    const key = m.firstKey;
    if (key === undefined) return null;
    const clitic = this.oneWordClitic(m, text);
    if (clitic < 0) return null;
    const norm = this.tokens[m.startToken].norm;
    const length = norm.length - clitic;
    // the gazetteer marked each one-word name's refs (all of the matched key's) with the answer
    const stop = m.values[0].stop;
    if (stop < 0 || !norm.endsWith(key)) return null;
    if (length === key.length) return (stop & STOP_BARE) !== 0;
    if (length === key.length + 2 && norm.startsWith('ال', clitic)) return (stop & STOP_DEFINITE) !== 0;
    return null;
  }

  /**
   * How many normalized letters of its first token lie before a match's stem (the proclitics),
   * or -1 if the stem starts on none of them. The original text from the token's start to the
   * stem normalizes to those letters: they are the token's norm up to there.
   */
  private stemOffset(m: PhraseMatch<NameRef>): number {
    const tok = this.tokens[m.startToken];
    const map = this.t.norm.map;
    let k = tok.nstart;
    while (k < tok.nend && map[k] < m.stemStart) k++;
    return k < tok.nend && map[k] === m.stemStart ? k - tok.nstart : -1;
  }

  /**
   * The raw of a bare name at token i, or null when filter() would drop it: a stop word or a name
   * that counts only after a feature word. Most matches are such words; no Raw is made for them.
   */
  private plainRaw(m: PhraseMatch<NameRef>, i: number): Raw | null {
    const text = trimQuotes(this.nameText(m));
    const stopped = this.stoppedByKey(m, text);
    if (stopped) return null;
    const surface = this.surfaceOf(m, text);
    if (stopped === null && this.gaz.stopWords.has(surface)) return null;
    let bare = false;
    for (const v of m.values) {
      if (!v.needsFeature) {
        bare = true;
        break;
      }
    }
    if (!bare) return null;
    return this.rawFromMatch(m, i, {}, undefined, text, surface);
  }

  private rawFromMatch(m: PhraseMatch<NameRef>, startTok: number, extra: Partial<Raw>, wholeFromTok?: number, text = trimQuotes(this.nameText(m)), surface = this.surfaceOf(m, text)): Raw {
    const whole = wholeFromTok !== undefined ? this.tokens[wholeFromTok] : this.tokens[startTok];
    const core = {
      startTok: wholeFromTok ?? startTok,
      endTok: m.endToken,
      start: whole.start,
      end: m.end,
      stemStart: m.stemStart,
      text,
      surface,
      nameTokens: m.endToken - m.startToken,
      refs: m.values,
    };
    // extra never holds core fields (qualifier, feature, direction, country flags)
    return makeRaw(core, extra);
  }

  /** Phrase-level raw (ريف X, شمال X …): text runs from the first word's stem to the end; `surface` is the name normalized (a token's norm is). */
  private phraseRaw(i: number, endTok: number, clitic: number, refs: NameRef[], nameTokens: number, surface: string, extra: Partial<Raw>): Raw {
    const first = this.tokens[i];
    const last = this.tokens[endTok - 1];
    const stemStart = this.t.norm.map[first.nstart + clitic];
    const core = {
      startTok: i,
      endTok,
      start: first.start,
      end: last.end,
      stemStart,
      text: this.t.original.slice(stemStart, last.end),
      surface,
      nameTokens,
      refs,
    };
    // extra never holds core fields (qualifier, feature, direction, country flags)
    return makeRaw(core, extra);
  }

  private trailingDirs(j: number): { dir: string | undefined; end: number } {
    let dir: string | undefined;
    let end = j;
    for (let k = 0; k < 2; k++) {
      const d = this.wordRow(this.tokens[end], 'direction');
      // "ريف دمشق وشمال البلاد": a conjunction starts the next phrase
      if (!d || d.clitic > 0) break;
      dir = dir ? combineDirs(dir, d.value) : d.value;
      end++;
    }
    return { dir, end };
  }

  private parseCountryside(i: number): Raw | null {
    const c = this.wordRow(this.tokens[i], 'countryside');
    if (!c) return null;
    let j = i + 1;
    const before = this.trailingDirs(j);
    j = before.end;
    const feat = this.knownPhraseAt(j) ? null : this.wordRow(this.tokens[j], 'feature');
    if (feat && (feat.value === 'admin1' || feat.value === 'city')) j++;
    const m = this.placeAt(j);
    if (!m || m === 'block') return null;
    const after = this.trailingDirs(m.endToken);
    const dir = before.dir ?? after.dir;
    return this.phraseRaw(i, after.end, c.clitic, m.values, m.endToken - m.startToken, this.surfaceOf(m, this.nameText(m)), { qualifier: 'countryside', dir, featureKind: feat?.value });
  }

  private parseDirection(i: number): Raw | null {
    const d1 = this.wordRow(this.tokens[i], 'direction');
    if (!d1) return null;
    let j = i + 1;
    let dir = d1.value;
    const d2 = this.wordRow(this.tokens[j], 'direction');
    if (d2) {
      dir = combineDirs(dir, d2.value);
      j++;
    }
    if (this.tokens[j]?.norm === 'من') j++;
    const feat = this.knownPhraseAt(j) ? null : this.wordRow(this.tokens[j], 'feature');
    if (feat) j++;
    const tok = this.tokens[j];
    if (!tok) return null;
    if (this.wordRow(tok, 'country-ref')) return this.phraseRaw(i, j + 1, d1.clitic, [], 1, tok.norm, { qualifier: 'direction', dir, countryRef: true });
    const adj = this.adjectiveCountry(tok);
    // "الشمال السوري": a direction noun with the article, then the country adjective (which wins
    // over a one-word place spelled like it)
    const pm = this.placeAt(j);
    const multiWord = pm !== null && pm !== 'block' && pm.endToken - pm.startToken > 1;
    if (adj && /^ال/.test(this.tokens[i].norm.slice(d1.clitic)) && !multiWord) {
      return this.phraseRaw(i, j + 1, d1.clitic, [], 1, tok.norm, { qualifier: 'direction', dir, adjCountry: adj });
    }
    const m = this.placeAt(j);
    if (!m || m === 'block') return null;
    return this.phraseRaw(i, m.endToken, d1.clitic, m.values, m.endToken - m.startToken, this.surfaceOf(m, this.nameText(m)), { qualifier: 'direction', dir, featureKind: feat?.value });
  }

  private parseNear(i: number): Raw | null {
    const n = this.wordRow(this.tokens[i], 'near');
    if (!n) return null;
    let j = i + 1;
    if (this.tokens[j]?.norm === 'من') j++;
    const feat = this.knownPhraseAt(j) ? null : this.wordRow(this.tokens[j], 'feature');
    if (feat) j++;
    const m = this.placeAt(j);
    if (!m || m === 'block') return null;
    return this.phraseRaw(i, m.endToken, n.clitic, m.values, m.endToken - m.startToken, this.surfaceOf(m, this.nameText(m)), { qualifier: 'near', featureKind: feat?.value });
  }

  private parseCapital(i: number): Raw | null {
    const c = this.wordRow(this.tokens[i], 'capital');
    if (!c) return null;
    const j = i + 1;
    const adj = this.adjectiveCountry(this.tokens[j]);
    if (adj) return this.phraseRaw(i, j + 1, c.clitic, [], 1, this.tokens[j].norm, { qualifier: 'capital', adjCountry: adj });
    const m = this.placeAt(this.skipQuotes(j));
    if (!m || m === 'block') return null;
    const featureWord = this.t.original.slice(this.t.norm.map[this.tokens[i].nstart + c.clitic], this.tokens[i].end);
    return this.rawFromMatch(m, m.startToken, { qualifier: 'capital', featureKind: 'capital', featureWord }, i);
  }

  private parseLand(i: number): Raw | null {
    const l = this.wordRow(this.tokens[i], 'land');
    if (!l) return null;
    const adj = this.adjectiveCountry(this.tokens[i + 1]);
    if (!adj) return null;
    return this.phraseRaw(i, i + 2, l.clitic, [], 1, this.tokens[i + 1].norm, { qualifier: 'land', adjCountry: adj });
  }

  private parseFeature(i: number): Raw | null {
    const f = this.wordRow(this.tokens[i], 'feature');
    if (!f) return null;
    const featureWord = this.t.original.slice(this.t.norm.map[this.tokens[i].nstart + f.clitic], this.tokens[i].end);
    // "مدينة X" names a place; "المدينة" (the city) and plurals ("قرى") refer back or list, so
    // only names the gazetteer knows may follow them
    const definite = this.tokens[i].norm.slice(f.clitic).startsWith('ال');
    return this.nameAfterFeature(i, this.skipQuotes(i + 1), f.value, featureWord, false, !definite && !f.plural);
  }

  /**
   * The name that follows a feature word at token j (or, with `conj`, a "وX" that continues a
   * list after one: "مديريات شدا وباقم ورازح"). Known names first; then a district by
   * romanization skeleton; then an unknown name the feature word vouches for.
   */
  private nameAfterFeature(i: number, j: number, kind: string, featureWord: string, conj: boolean, allowUnknown = false): Raw | null {
    const extra = { qualifier: 'feature' as const, featureKind: kind, featureWord };
    // "مدن جنوب العراق": a direction or other geo word after the feature noun starts its own phrase
    if (this.inCategories(this.tokens[j], PHRASE_CATS)) return null;
    const m = this.placeAt(j);
    if (m === 'block') return null;
    if (m) {
      const clitic = this.stemOffset(m);
      const lead = clitic >= 0 ? this.tokens[m.startToken].norm.slice(0, clitic) : normAr(this.t.original.slice(this.tokens[m.startToken].start, m.stemStart));
      // the name after a feature word carries no proclitic ("مدينة الحسكة", not "السجن كحي …")
      if (lead === (conj ? 'و' : '')) return this.rawFromMatch(m, m.startToken, extra, i);
      return null;
    }
    const tok = this.tokens[j];
    if (!tok || tok.kind !== 'word') return null;
    if (conj && !tok.norm.startsWith('و')) return null;
    const word = (t: Token) => (conj && t === tok ? t.norm.slice(1) : t.norm);
    const skipped = conj ? 1 : 0;
    if (!this.unknownNameWord(tok, skipped, true)) return null;
    let end = j + 1;
    const next = this.tokens[j + 1];
    if (this.gaz.wordInfo(normalizedKey(word(tok)), 'prefix') && this.unknownNameWord(next, 0) && !next.norm.startsWith('و')) end = j + 2;
    const last = this.tokens[end - 1];
    const stemStart = this.t.norm.map[tok.nstart + skipped];
    const text = this.t.original.slice(stemStart, last.end);
    const core: RawCore = { startTok: i, endTok: end, start: this.tokens[i].start, end: last.end, stemStart, text, surface: normAr(text), nameTokens: end - j, refs: [] };
    if (SKELETON_OK.has(kind)) {
      const skel = arabicSkeleton(normAr(text));
      const hits = skel.length >= 2 ? this.gaz.bySkeleton(skel) : [];
      if (hits.length && hits.length <= 6) return makeRaw({ ...core, refs: hits.map((p) => ({ place: p.index, needsFeature: false, stop: -1 })) }, { ...extra, skeleton: true });
    }
    if (!allowUnknown || !UNKNOWN_NAME_OK.has(kind) || !this.unknownNameWord(tok, skipped)) return null;
    return makeRaw(core, { ...extra, unknownName: true });
  }

  /** Whether a token can be (the start of) a place name the gazetteer does not know. */
  private unknownNameWord(tok: Token | undefined, skip = 0, loose = false): boolean {
    if (!tok || tok.kind !== 'word' || tok.norm.length - skip < 3) return false;
    const w = tok.norm.slice(skip);
    if (!/^[\u0621-\u064A]+$/.test(w)) return false;
    // a conjunction or preposition glued to an article starts a new phrase, not a name
    if (/^(?:وال|فال|بال|كال|لل|وب|ول)/.test(w)) return false;
    const key = normalizedKey(w);
    const rows = this.gaz.words.get(key);
    if (rows) for (const row of rows) if (NOT_NAME_CATS.has(row.category)) return false;
    if (this.gaz.adjectives.has(key) || this.gaz.stopWords.has(w)) return false;
    if (loose) return true;
    for (const suffix of ['', 'ه', 'ين', 'ون', 'ات']) {
      if (suffix && !key.endsWith(suffix)) continue;
      const base = suffix ? key.slice(0, -suffix.length) : key;
      if (this.gaz.wordInfo(base, 'descriptor')) return false;
    }
    // verb forms ("يسيطر", "تسبب", "كانوا") are not names
    if (/^[يت].{3,}$/.test(w) && !w.startsWith('تل') || /(?:وا|ون)$/.test(w)) return false;
    // an adjective agreeing with the feature noun ("الحدودية", "السكنية") is not a name
    return !/^ال.+(?:يه|ية)$/.test(w);
  }

  private collect(): void {
    const n = this.tokens.length;
    for (let i = 0; i < n; ) {
      const tok = this.tokens[i];
      if (tok.kind !== 'word') {
        i++;
        continue;
      }
      const m = this.placeAt(i);
      // every structural parser opens with a lexicon word of its category (wordRow of token i): most tokens have none
      const cats = this.lexMask(i);
      const structural = cats & STRUCTURAL ? this.parseStructural(i, cats) : null;
      if (m === 'block') {
        const b = this.matchAt(i)!;
        if (!structural || structural.endTok <= b.endToken) {
          i = b.endToken;
          continue;
        }
      }
      const plain = m && m !== 'block' ? m : null;
      if (plain && (!structural || plain.endToken >= structural.endTok)) {
        const raw = this.plainRaw(plain, i);
        if (raw) this.raws.push(raw);
        i = plain.endToken;
      } else if (structural) {
        this.raws.push(structural);
        i = structural.endTok;
        // a feature word governs the names listed after it: "مديريات شدا وباقم ورازح"
        let prev = structural;
        while (prev.qualifier === 'feature' && prev.featureKind && prev.featureKind !== 'capital' && i < n) {
          const next = this.nameAfterFeature(i, i, prev.featureKind, prev.featureWord ?? '', true);
          if (!next) break;
          this.raws.push(next);
          prev = next;
          i = next.endTok;
        }
      } else {
        const d = this.districtBeforeContainer(i);
        if (d) {
          this.raws.push(d);
          i = d.endTok;
        } else i++;
      }
    }
  }

  /** The first structural phrase at token i, trying only the parsers whose opening category the token has. */
  private parseStructural(i: number, cats: number): Raw | null {
    return (
      (cats & COUNTRYSIDE ? this.parseCountryside(i) : null) ??
      (cats & DIRECTION ? this.parseDirection(i) : null) ??
      (cats & NEAR ? this.parseNear(i) : null) ??
      (cats & CAPITAL ? this.parseCapital(i) : null) ??
      (cats & LAND ? this.parseLand(i) : null) ??
      (cats & FEATURE ? this.parseFeature(i) : null)
    );
  }

  /**
   * "الملاجم بمحافظة البيضاء": a word the gazetteer does not know, right before a containment
   * phrase, read as a district of the container when its romanization skeleton names one there.
   */
  private districtBeforeContainer(i: number): Raw | null {
    const tok = this.tokens[i];
    const next = this.tokens[i + 1];
    if (!next) return null;
    // the cheap tests on the next word first: most words are followed by no containment phrase
    const viaFi = next.norm === 'في' && this.headAt(this.tokens[i + 2]);
    const c0 = next.norm.charCodeAt(0);
    const viaClitic = !viaFi && (c0 === 0x628 || c0 === 0x644) && this.headAt(next) && !this.headAt({ ...next, readings: next.readings.slice(0, 1) } as Token);
    if (!viaFi && !viaClitic) return null;
    if (!this.unknownNameWord(tok, 0, true)) return null;
    const skel = arabicSkeleton(tok.norm);
    const hits = skel.length >= 3 ? this.gaz.bySkeleton(skel) : [];
    if (!hits.length || hits.length > 6) return null;
    const text = this.t.original.slice(tok.start, tok.end);
    return makeRaw(
      { startTok: i, endTok: i + 1, start: tok.start, end: tok.end, stemStart: tok.start, text, surface: normAr(text), nameTokens: 1, refs: hits.map((p) => ({ place: p.index, needsFeature: false, stop: -1 })) },
      { skeleton: true, needsContainer: true, qualifier: 'containment' },
    );
  }

  /** A word that heads a containment phrase: "ريف", "محافظة", "مدينة" … */
  private headAt(t: Token | undefined): boolean {
    // most words are in neither category: the token's category bits answer
    if (t && this.tokens[t.index] === t && !(this.lexMask(t.index) & (COUNTRYSIDE | FEATURE))) return false;
    if (this.wordRow(t, 'countryside') !== null) return true;
    const f = this.wordRow(t, 'feature');
    return f !== null && HEAD_FEATURES.has(f.value);
  }

  /** Drops what the stoplist, article-adjectives and feature-only names rule out. */
  private filter(): void {
    this.raws = this.raws.filter((r) => {
      const hasFeature = r.qualifier === 'feature' && r.featureKind !== 'capital';
      if (!hasFeature && r.refs.some((v) => v.needsFeature)) r.refs = r.refs.filter((v) => !v.needsFeature);
      if (r.unknownName || r.adjCountry || r.countryRef) return true;
      if (!r.refs.length) return false;
      // bare names (no qualifier: plainRaw's) were tested against the stoplist already
      const stopped = r.qualifier !== undefined && this.gaz.stopWords.has(r.surface);
      if (hasFeature && !r.skeleton) {
        // a feature word lets a common word be a name ("حي السلام") only when a place of that kind
        // in the region is spelled exactly so
        if (stopped) {
          r.refs = r.refs.filter((v) => {
            const p = this.gaz.place(v.place);
            return FEATURE_FITS[r.featureKind ?? '']?.includes(p.kind) && (FOCUS.has(p.country) || p.id.startsWith('sup:')) && p.names_ar.some((n) => normAr(n) === r.surface);
          });
          return r.refs.length > 0;
        }
        return true;
      }
      if (hasFeature) return true;
      if (stopped) return false;
      const key = normalizedKey(r.surface);
      if (r.nameTokens === 1) {
        const tok = this.tokens[r.endTok - 1];
        if (tok.kind !== 'word') return false;
        if (keyLetters(key) <= 2) return false;
        // lexicon words (directions, feature nouns …) are never places by themselves
        const rows = this.gaz.words.get(key);
        if (rows) for (const row of rows) if (NEVER_PLACE_CATS.has(row.category)) return false;
        // "سوري", "السورية" are the adjective, not a place (but "السعودية" is the country's name)
        const countryName = () =>
          r.refs.some((v) => {
            const p = this.gaz.place(v.place);
            return p.kind === 'country' && p.names_ar.some((n) => normAr(n) === r.surface);
          });
        if (this.gaz.adjectives.has(key) && !countryName()) return false;
      }
      r.weak = this.gaz.weakWords.has(r.surface);
      return true;
    });
  }

  /** "X في ريف Y", "X التابعة لـ Y", "X بمحافظة Y", "X شمال Y": Y contains X. */
  private linkContainment(): void {
    for (let k = 0; k + 1 < this.raws.length; k++) {
      const a = this.raws[k];
      const b = this.raws[k + 1];
      const gap = this.tokens.slice(a.endTok, b.startTok);
      if (gap.length > 3) continue;
      const lead = this.leadClitics(b);
      // "X وY" lists places side by side; it says nothing about containment
      if (lead.startsWith('و') || gap.some((g) => g.norm === 'و')) continue;
      if (!gap.every((g) => (g.kind === 'punct' && (g.norm === ',' || g.norm === '"')) || this.isLink(g))) continue;
      const connector = gap.some((g) => this.isLink(g));
      const bClitic = /[بل]/.test(lead);
      const bQualified = b.qualifier === 'countryside' || b.qualifier === 'direction' || b.qualifier === 'near';
      if (!(connector || (bClitic && gap.length <= 1) || (bQualified && gap.length === 0))) continue;
      if (a.refs.length && a.refs.every((v) => this.gaz.place(v.place).kind === 'country')) continue;
      a.container = k + 1;
    }
  }

  private isLink(g: Token): boolean {
    return this.wordRow(g, 'connector') !== null || g.norm === 'ل' || g.norm === 'ب';
  }

  /** Normalized proclitics on the first word of a raw mention ("ب" of "بريف", "و" of "وحلب"). */
  private leadClitics(r: Raw): string {
    const tok = this.tokens[r.startTok];
    if (r.qualifier && r.stemStart > tok.end) {
      // feature phrase: the clitics sit on the feature word
      const f = this.wordRow(tok, 'feature') ?? this.wordRow(tok, 'capital');
      return f ? tok.norm.slice(0, f.clitic) : '';
    }
    const upto = Math.min(r.stemStart, tok.end);
    return normAr(this.t.original.slice(tok.start, upto));
  }

  // ---------- country context ----------

  private voteCountries(res: Array<Resolution | null> | null): void {
    const votes = new Map<string, number>();
    const add = (c: string, w: number) => votes.set(c, (votes.get(c) ?? 0) + w);
    if (this.opts.countryHint) add(this.opts.countryHint.toUpperCase(), 4);
    // country adjectives ("السورية") say what the document is about
    let adjCount = this.adjCount;
    if (!adjCount) {
      adjCount = new Map<string, number>();
      for (const tok of this.tokens) {
        const c = this.adjectiveCountry(tok);
        if (c) adjCount.set(c, (adjCount.get(c) ?? 0) + 1);
      }
      this.adjCount = adjCount;
    }
    for (const [c, n] of adjCount) add(c, Math.min(3, n * 0.5));
    for (let i = 0; i < this.raws.length; i++) {
      const r = this.raws[i];
      if (r.adjCountry) {
        add(r.adjCountry, 1);
        continue;
      }
      if (res) {
        const p = res[i]?.place;
        // countries are named as actors too (روسيا طلبت …): a town says more about where things happen
        if (p && res[i]!.candidate) add(p.country, p.kind === 'country' ? 0.75 : 1.5);
        continue;
      }
      if (r.weak || !r.refs.length) continue;
      // a name all of whose places lie in one country votes for it
      const only = this.gaz.place(r.refs[0].place).country;
      let isCountry = false;
      let strong = false;
      for (const v of r.refs) {
        const p = this.gaz.place(v.place);
        if (p.country !== only) {
          strong = false;
          break;
        }
        if (p.kind === 'country') isCountry = true;
        // a foreign name of a small place is no evidence
        if (!strong) strong = p.kind === 'country' || p.kind === 'admin1' || p.id.startsWith('sup:') || FOCUS.has(p.country) || effPop(p) >= 200000;
      }
      if (strong) add(only, isCountry ? 0.75 : 1.5);
    }
    this.countryVotes = votes;
    // the largest vote, and the first country to reach it (as a stable sort by votes would give)
    let max = 0;
    let main: string | null = null;
    for (const [c, v] of votes) {
      if (v > max) {
        max = v;
        main = c;
      }
    }
    const weights = new Map<string, number>();
    for (const [c, v] of votes) weights.set(c, max ? v / max : 0);
    this.weights = weights;
    this.mainCountry = main;
  }

  // ---------- resolution ----------

  private anchors(except: number, pass: Array<Resolution | null> | null): GazPlace[] {
    if (!pass) return [];
    // the final pass asks once per candidate: pass1 does not change, so its anchors are kept
    const cacheable = pass === this.pass1 && except >= 0;
    if (cacheable && this.anchorCache[except]) return this.anchorCache[except];
    const out: GazPlace[] = [];
    const surface = this.raws[except]?.surface;
    for (let i = 0; i < pass.length; i++) {
      const r = pass[i];
      if (i === except || !r?.place || !r.candidate) continue;
      if (this.raws[i].surface === surface) continue;
      const k = r.place.kind;
      if (k === 'country' || k === 'admin1' || k === 'region') continue;
      out.push(r.place);
    }
    if (cacheable) this.anchorCache[except] = out;
    return out;
  }

  /** The part of a candidate's score that does not depend on the pass (see score). */
  private baseScore(r: Raw, p: GazPlace, hasCity: string[]): number {
    let s = Math.log10(effPop(p) + 1);
    s += KIND_PRIOR[p.kind] ?? 0;
    if (p.fcode === 'PPLC') s += 2;
    else if (p.fcode === 'PPLA') s += 1.5;
    else if (p.fcode === 'PPLA2') s += 1;
    if (p.id.startsWith('sup:')) s += 2;
    if (FOCUS.has(p.country)) s += 1.5;
    // a bare name that is both a governorate and its seat means the town
    if ((p.kind === 'admin1' || p.kind === 'admin2') && !(r.qualifier === 'feature' && FEATURE_FITS[r.featureKind ?? '']?.includes(p.kind)) && hasCity.includes(p.admin1Code)) s -= 3;
    return s;
  }

  /**
   * A candidate's score; with `reasons`, also why (the tags are built only then: reasons?.push
   * evaluates nothing without it). `container` is containerPlace(r, pass), `nearKm` the distance
   * to the nearest other place of the pass (nearestAnchorKm).
   */
  private score(r: Raw, p: GazPlace, base: number, container: GazPlace | null, nearKm: number, reasons: string[] | null): number {
    // baseScore first, then the additions in the same order (float sums are order-sensitive)
    let s = base;
    const w = this.weights.get(p.country) ?? 0;
    if (w > 0) {
      s += 6 * w;
      if (w >= 0.5) reasons?.push(`country-context:${p.country}`);
    }
    if (r.featureKind && FEATURE_FITS[r.featureKind]) {
      if (FEATURE_FITS[r.featureKind].includes(p.kind)) {
        s += r.featureKind === 'admin1' || r.featureKind === 'admin2' ? 6 : 4;
        reasons?.push(`feature:${r.featureKind}`);
      } else if (p.kind === 'country' || (p.kind === 'admin1' && r.featureKind !== 'area')) s -= 4;
    }
    if (r.featureKind === 'capital' && p.fcode === 'PPLC') {
      s += 5;
      reasons?.push('capital');
    }
    if (container) {
      const c = this.containmentFit(p, container);
      s += c;
      if (c > 0) reasons?.push(`containment:${this.raws[r.container!].text}`);
    }
    // no other place (d = Infinity) adds nothing
    if (p.kind !== 'country') {
      const d = nearKm;
      if (d < 30) s += 3;
      else if (d < 100) s += 2;
      else if (d < 300) s += 1;
      if (d < 100) reasons?.push(`near-other-place:${Math.round(d)}km`);
    }
    return Math.round(s * 100) / 100;
  }

  /** The place a raw's container stands for: a country for "شمال غربي ليبيا", else its resolution. */
  private containerPlace(r: Raw, pass: Array<Resolution | null> | null): GazPlace | null {
    if (r.container === undefined || !pass) return null;
    const res = pass[r.container];
    if (!res?.place) return null;
    if (res.candidate?.kind === 'region' && res.candidate.id.startsWith('region:country:')) return this.gaz.country(res.place.country)?.place ?? null;
    if (res.candidate?.kind === 'region' && res.candidate.id.startsWith('region:adm1:')) return this.gaz.admin1Place(res.place.admin1Code) ?? res.place;
    return res.place;
  }

  private containmentFit(p: GazPlace, container: GazPlace): number {
    if (container.kind === 'country') return p.country === container.country ? 6 : -6;
    if (container.kind === 'admin1') return p.admin1Code && p.admin1Code === container.admin1Code ? 6 : haversineKm(p.lat, p.lon, container.lat, container.lon) < 150 ? 2 : -4;
    const d = haversineKm(p.lat, p.lon, container.lat, container.lon);
    return d <= 25 ? 8 : d <= 60 ? 5 : d <= 120 ? 2 : -4;
  }

  private resolve(r: Raw, idx: number, pass: Array<Resolution | null> | null): Resolution | null {
    // country by adjective or by "البلاد"
    if (r.adjCountry || r.countryRef) {
      const iso = r.adjCountry ?? this.mainCountry;
      const c = iso ? this.gaz.country(iso) : null;
      if (!c) return null;
      if (r.qualifier === 'capital') return this.done(c.capital, [], 1, ['capital-of-country-adjective']);
      if (r.qualifier === 'direction' && r.dir) return this.regionOf(c.place, r.dir, [], r.countryRef ? 'country-ref' : 'country-adjective');
      return this.done(c.place, [], 3, ['country-adjective']);
    }
    if (r.unknownName) {
      const cp = r.container !== undefined && pass ? pass[r.container]?.place : null;
      if (cp) return this.done(cp, [], 2, [`unknown-name-in:${this.raws[r.container!].text}`]);
      // else the nearest town named just before or after in the same stretch of text
      const near = this.nearbyTown(idx, pass);
      if (near) return this.done(near.place, [], 2, [`unknown-name-beside:${near.text}`]);
      return null;
    }
    let c = this.cands[idx];
    if (!c) {
      // the distinct places, in the order the refs name them first
      const places: GazPlace[] = [];
      for (const v of r.refs) {
        const p = this.gaz.place(v.place);
        if (!places.includes(p)) places.push(p);
      }
      // governorates (admin1 codes) that also have a GeoNames town of this name
      const hasCity: string[] = [];
      for (const p of places) if (p.id.startsWith('gn:') && p.kind !== 'historical' && !hasCity.includes(p.admin1Code)) hasCity.push(p.admin1Code);
      const base: number[] = [];
      for (const p of places) base.push(this.baseScore(r, p, hasCity));
      this.cands[idx] = c = { places, base };
    }
    const places = c.places;
    const cp = this.containerPlace(r, pass);
    const anchors = this.anchors(idx, pass);
    const nearKm: number[] = [];
    const scored: Scored[] = [];
    for (let k = 0; k < places.length; k++) {
      nearKm.push(nearestAnchorKm(places[k], anchors));
      scored.push({ place: places[k], score: this.score(r, places[k], c.base[k], cp, nearKm[k], null), reasons: NO_REASONS });
    }
    sortByScore(scored);
    const best = scored[0];
    if (!best) return null;
    const bestK = places.indexOf(best.place);
    // the winner's reasons, scored again with them: the first pass's are never read
    if (pass) {
      const reasons: string[] = [];
      this.score(r, best.place, c.base[bestK], cp, nearKm[bestK], reasons);
      best.reasons = reasons;
    }
    // the text puts the place inside another one that none of its namesakes lies in: a place the
    // gazetteer lacks ("بلدة حضر في ريف القنيطرة" while GeoNames knows only an Iraqi Hadar)
    if (r.needsContainer) {
      if (!cp || this.containmentFit(best.place, cp) <= 0) return null;
    }
    if (r.container !== undefined && pass) {
      const vouched = r.qualifier === 'feature' || r.skeleton;
      if (vouched && cp && cp.kind !== 'country' && places.every((p) => this.containmentFit(p, cp) < 0)) {
        return this.done(cp, scored, 2, [`not-in-gazetteer-inside:${this.raws[r.container].text}`]);
      }
    }
    const reasons = places.length === 1 ? ['only-candidate', ...best.reasons] : [...best.reasons];
    if (places.length > 1 && !best.reasons.length) reasons.push(best.place.kind === 'country' ? 'country-name' : 'population-and-rank');
    if (!this.accept(r, best, nearKm[bestK])) return null;
    const p = best.place;
    switch (r.qualifier) {
      case 'countryside':
        return this.done(p, scored, p.kind === 'country' ? 3 : 2, ['countryside-of', ...reasons]);
      case 'near':
        return this.done(p, scored, p.kind === 'country' ? 3 : 2, ['near', ...reasons]);
      case 'direction':
        if (p.kind === 'country' || p.kind === 'admin1' || p.kind === 'region') return this.regionOf(p, r.dir!, scored, reasons.join(', '));
        return this.done(p, scored, 2, [`direction-of-town:${r.dir}`, ...reasons]);
      case 'feature': {
        const fits = FEATURE_FITS[r.featureKind ?? '']?.includes(p.kind);
        const prec = FACILITY.has(r.featureKind ?? '') && !fits ? 2 : p.precision;
        return this.done(p, scored, prec, [...(r.skeleton ? ['romanized-district'] : []), ...(fits || !FACILITY.has(r.featureKind ?? '') ? [] : [`${r.featureKind}-of-town`]), ...reasons], r.text);
      }
      default:
        return this.done(p, scored, p.precision, r.skeleton ? ['romanized-district', ...reasons] : reasons, r.text);
    }
  }

  /** Whether a best candidate is believable as a place at all (names are often common words). */
  private accept(r: Raw, best: Scored, nearKm: number): boolean {
    const p = best.place;
    const qualified = r.qualifier !== undefined || r.container !== undefined;
    const w = this.weights.get(p.country) ?? 0;
    const near = nearKm < 150;
    if (r.weak && !qualified && !(w >= 0.5 && near)) return false;
    // romanization skeletons are short: a district so found must be in a country the document names
    if (r.skeleton && w === 0 && r.container === undefined) return false;
    if (qualified) return FOCUS.has(p.country) || p.kind === 'country' || p.id.startsWith('sup:') || w > 0 || effPop(p) >= 200000 || r.container !== undefined;
    if (p.kind === 'country' || p.kind === 'admin1' || p.kind === 'admin2' || p.id.startsWith('sup:')) return true;
    const pop = effPop(p);
    const seat = p.fcode === 'PPLC' || p.fcode === 'PPLA' || p.fcode === 'PPLA2';
    const keyLen = keyLetters(normalizedKey(r.surface));
    // a small town of a country the document never otherwise names, in a document about one
    // country, is more likely a word that looks like a name than a place
    const main = this.mainCountry ? this.weights.get(this.mainCountry) ?? 0 : 0;
    if (w === 0 && this.mainCountry && this.mainCountry !== p.country && (this.countryVotes.get(this.mainCountry) ?? 0) >= 3 && main === 1 && pop < 100000 && !near) return false;
    if (FOCUS.has(p.country)) {
      if (keyLen <= 3 && pop < 50000 && w < 0.5) return false;
      return pop >= 20000 || seat || w >= 0.25 || near;
    }
    if (keyLen <= 3) return pop >= 500000 || (w >= 0.5 && pop >= 50000);
    return p.fcode === 'PPLC' || pop >= 200000 || (w > 0 && pop >= 50000) || (w >= 0.5 && near);
  }

  private nearbyTown(idx: number, pass: Array<Resolution | null> | null): { place: GazPlace; text: string } | null {
    if (!pass) return null;
    const r = this.raws[idx];
    let best: { place: GazPlace; text: string; gap: number } | null = null;
    pass.forEach((res, i) => {
      if (i === idx || !res?.place || !res.candidate) return;
      const k = res.place.kind;
      if (!['city', 'town', 'village', 'admin2', 'region'].includes(k) && !res.place.id.startsWith('sup:')) return;
      const o = this.raws[i];
      const gap = o.startTok >= r.endTok ? o.startTok - r.endTok : r.startTok - o.endTok;
      if (gap > 12) return;
      if (this.tokens.slice(Math.min(o.endTok, r.endTok), Math.max(o.startTok, r.startTok)).some((t) => t.norm === '.')) return;
      if (!best || gap < best.gap) best = { place: res.place, text: o.text, gap };
    });
    return best;
  }

  private regionOf(area: GazPlace, dir: string, scored: Scored[], why: string): Resolution {
    const reasons = why ? [why] : [];
    if (dir === 'c' || DIRS[dir]) {
      const row = this.gaz.region(area, dir);
      if (row) {
        const cand: PlaceCandidate = {
          ...this.toCandidate(row.seat),
          id: `region:${area.id}:${dir}`,
          name: row.name || `${dir} ${area.name}`,
          name_ar: row.name_ar || row.seat.name_ar,
          kind: 'region',
          source: `regions table; seat ${row.seat.id}`,
        };
        return { place: row.seat, candidate: cand, scored, precision: 3, reasons: ['region-table', ...reasons] };
      }
      const seat = this.sectorSeat(area, dir);
      if (seat) {
        const cand: PlaceCandidate = { ...this.toCandidate(seat), id: `region:${area.id}:${dir}`, name: `${dirName(dir)} ${area.name}`, kind: 'region', source: `largest seat ${dir} of ${area.id}; ${seat.id}` };
        return { place: seat, candidate: cand, scored, precision: 3, reasons: ['region-largest-seat-in-direction', ...reasons] };
      }
    }
    const home = area.kind === 'country' ? this.gaz.country(area.country)?.capital ?? area : area;
    return { place: home, candidate: { ...this.toCandidate(area), kind: area.kind }, scored, precision: 3, reasons: ['region-at-area', ...reasons] };
  }

  /** Most populous admin seat lying in a direction from the centre of a country or governorate. */
  private sectorSeat(area: GazPlace, dir: string): GazPlace | null {
    let seats: GazPlace[];
    let cLat: number;
    let cLon: number;
    if (area.kind === 'country') {
      const c = this.gaz.country(area.country);
      if (!c) return null;
      seats = this.gaz.seatsOf(area.country);
      [cLat, cLon] = c.center;
    } else {
      // a governorate's parts are placed at its seat
      return this.gaz.admin1Seat(area.admin1Code);
    }
    if (dir === 'c') {
      let best: GazPlace | null = null;
      let bd = Infinity;
      for (const s of seats) {
        const d = haversineKm(cLat, cLon, s.lat, s.lon) / Math.log10(effPop(s) + 10);
        if (d < bd) [best, bd] = [s, d];
      }
      return best;
    }
    const target = DIRS[dir][0];
    const half = dir.length === 2 ? 35 : 50;
    let best: GazPlace | null = null;
    for (const s of seats) {
      const b = bearingDeg(cLat, cLon, s.lat, s.lon);
      const diff = Math.abs(((b - target + 540) % 360) - 180);
      if (diff > half) continue;
      if (!best || effPop(s) > effPop(best)) best = s;
    }
    return best;
  }

  private done(p: GazPlace, scored: Scored[], precision: 1 | 2 | 3, reasons: string[], nameAr?: string): Resolution {
    // as { ...toCandidate(p), score }: same keys in the same order, without the spread copy
    const candidate = this.toCandidate(p);
    candidate.score = scored[0]?.score;
    // districts known only by their Latin name take the Arabic name the text gives them
    if (!candidate.name_ar && nameAr) candidate.name_ar = nameAr;
    return { place: p, candidate, scored: scored.length ? scored : [{ place: p, score: 0, reasons: [] }], precision, reasons };
  }

  toCandidate(p: GazPlace, score?: number): PlaceCandidate {
    return placeToCandidate(this.gaz, p, score);
  }
}

const dirName = (d: string) => ({ n: 'northern', s: 'southern', e: 'eastern', w: 'western', c: 'central', ne: 'northeastern', nw: 'northwestern', se: 'southeastern', sw: 'southwestern' })[d] ?? d;

/**
 * Sorts candidates best first: higher score, then larger population; stable, as Array#sort
 * with that comparator (an insertion sort: there are a handful of candidates).
 */
function sortByScore(scored: Scored[]): void {
  for (let k = 1; k < scored.length; k++) {
    const s = scored[k];
    let j = k - 1;
    while (j >= 0 && (scored[j].score - s.score || effPop(scored[j].place) - effPop(s.place)) < 0) {
      scored[j + 1] = scored[j];
      j--;
    }
    scored[j + 1] = s;
  }
}

/** Distance from a place to the nearest anchor that is not the place itself (Infinity if none). */
function nearestAnchorKm(p: GazPlace, anchors: GazPlace[]): number {
  let d = Infinity;
  for (const a of anchors) if (a.index !== p.index) d = Math.min(d, haversineKm(p.lat, p.lon, a.lat, a.lon));
  return d;
}

/** Population used for ranking: GeoNames' figure, else a default by feature code or kind. */
export function effPop(p: GazPlace): number {
  return p.population || DEFAULT_POP[p.fcode] || KIND_POP[p.kind] || 500;
}

/** A gazetteer place as a PlaceCandidate (English admin names filled in). */
export function placeToCandidate(gaz: Gazetteer, p: GazPlace, score?: number): PlaceCandidate {
  const c: PlaceCandidate = {
    id: p.id,
    name: p.name,
    name_ar: p.name_ar,
    country: p.country,
    admin1: p.admin1Code ? gaz.admin1Name(p.admin1Code)?.name ?? null : null,
    admin2: p.admin2Code ? gaz.admin2Name(p.admin2Code)?.name ?? null : null,
    lat: p.lat,
    lon: p.lon,
    kind: p.kind,
    population: p.population,
    source: p.source,
  };
  if (p.geonames_id) c.geonames_id = p.geonames_id;
  if (score !== undefined) c.score = score;
  return c;
}

let shared: Geocoder | null = null;

/** Creates a geocoder; without options it is a process-wide singleton (the index loads once). */
export function createGeocoder(opts: GeocoderOptions = {}): Geocoder {
  if (!opts.gazetteer && !opts.indexFile && shared) return shared;
  const gaz = opts.gazetteer ?? loadGazetteer({ file: opts.indexFile });
  const g: Geocoder = {
    gazetteer: gaz,
    recognize: (text, ropts = {}) => new DocumentGeocoder(gaz, text, ropts).run(),
  };
  if (!opts.gazetteer && !opts.indexFile) shared = g;
  return g;
}

/** The SPEC `location` object of a resolved mention. */
export function toEventLocation(m: PlaceMention): EventLocation {
  const r = m.resolved;
  if (!r) throw new Error(`place mention "${m.text}" is unresolved`);
  const loc: EventLocation = {
    text: m.text,
    name: r.name,
    name_ar: r.name_ar,
    country: r.country || null,
    admin1: r.admin1,
    admin2: r.admin2,
    lat: r.lat,
    lon: r.lon,
    geo_precision: m.geo_precision,
  };
  if (r.geonames_id) loc.geonames_id = r.geonames_id;
  return loc;
}
