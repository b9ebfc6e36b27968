/**
 * @module geo/gazetteer
 * Loads the prebuilt gazetteer index (build/gazetteer.json, see geo/build-index) and answers
 * lookups: places by Arabic or English name, by id, countries with their capitals, admin names,
 * directional regions and the geo word lexicon. Builds the index on first use when it is missing
 * or older than its data files, so a fresh clone works without an install step.
 */
import { readFileSync } from 'node:fs';
import { normalizeArabic } from '../text/normalize.ts';
import { PhraseMatcher, phraseKeys } from '../text/phrase-matcher.ts';
import { stripArticle } from '../text/tokenize.ts';
import { KeyFilter, keyHash } from '../text/key-filter.ts';
import { buildGazetteer, indexIsStale, DEFAULT_INDEX_FILE, INDEX_VERSION, type GazetteerIndex, type RegionRow, type WordRow } from './build-index.ts';

/** One gazetteer entry: a GeoNames place, a country, an admin area or a curated place. */
export interface GazPlace {
  index: number;
  id: string;
  name: string;
  name_ar: string;
  names_ar: string[];
  names_en: string[];
  country: string;
  /** GeoNames admin codes ("SY.01", "SY.01.173812") or ''. */
  admin1Code: string;
  admin2Code: string;
  lat: number;
  lon: number;
  kind: string;
  /** GeoNames feature code (PPLC, PPLA, …) or ''. */
  fcode: string;
  population: number;
  geonames_id?: number;
  source: string;
  /** ACLED geo-precision when the place is named alone. */
  precision: 1 | 2 | 3;
}

export interface CountryInfo {
  iso2: string;
  name: string;
  name_ar: string;
  adjectives: string[];
  place: GazPlace;
  capital: GazPlace;
  lat: number;
  lon: number;
  /** [south, west, north, east] around its GeoNames places, with a margin. */
  bbox: [number, number, number, number];
  /** Mean position of its places. */
  center: [number, number];
}

/** What a name in the matcher points at. */
export interface NameRef {
  place: number;
  /** The name counts only after a feature word ("محافظة الشمالية"). */
  needsFeature: boolean;
  /**
   * For a one-word name: STOP_BARE when its key as written is a stop word, STOP_DEFINITE when
   * the key after the article is ("ال" + key). -1 for longer names and refs made elsewhere.
   */
  stop: number;
}

export const STOP_BARE = 1;
export const STOP_DEFINITE = 2;

/** A stop phrase in the matcher: consumed so no place is found inside it. */
export const BLOCK: NameRef = { place: -1, needsFeature: false, stop: -1 };

export interface RegionInfo {
  of: GazPlace;
  dir: string;
  seat: GazPlace;
  name: string;
  name_ar: string;
}

/** Key of a single word for the lexicon maps: normalized, definite article removed. */
export function wordKey(w: string): string {
  return stripArticle(normalizeArabic(w));
}

/** Key of a whole name: its phrase keys joined by spaces (as PhraseMatcher compares them). */
export function nameKey(s: string): string {
  return phraseKeys(s).join(' ');
}

const foldEnglish = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’'`ʿʾ]/g, '')
    .replace(/^(?:al|el|ad|ar|as|at|az|ash|an|adh|ath)[\s-]+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();


export class Gazetteer {
  readonly matcher = new PhraseMatcher<NameRef>();
  /** Lexicon words by key → their categories and values. */
  readonly words = new Map<string, WordRow[]>();
  /** Words (normalized, as written without proclitics) that are not places unless a feature word precedes them. */
  readonly stopWords = new Set<string>();
  /** Place names that are also common words: places only with supporting evidence. */
  readonly weakWords = new Set<string>();
  /** Country adjective key (سوري, سوريه, سوريين …) → ISO2. */
  readonly adjectives = new Map<string, string>();
  private readonly places: Array<GazPlace | undefined>;
  private readonly byIdMap = new Map<string, number>();
  private readonly byArabic = new Map<string, number[]>();
  private englishMap: Map<string, number[]> | null = null;
  private readonly countries = new Map<string, CountryInfo>();
  private readonly admin1Names = new Map<string, { name: string; name_ar: string | null; place: number; seat: number }>();
  private readonly admin2Names = new Map<string, { name: string; name_ar: string | null; place: number; seat: number }>();
  private readonly regions: RegionRow[];
  private readonly seats = new Map<string, GazPlace[]>();

  constructor(readonly index: GazetteerIndex) {
    const c = index.places;
    this.places = new Array(c.id.length);
    for (const w of index.stop.words) this.stopWords.add(normalizeArabic(w));
    // stop words written with the article, by their key without it
    const definiteStopKeys = new Set<string>();
    for (const w of this.stopWords) if (stripArticle(w) !== w) definiteStopKeys.add(stripArticle(w));
    const stopOf = (key: string) => (this.stopWords.has(key) ? STOP_BARE : 0) | (definiteStopKeys.has(key) ? STOP_DEFINITE : 0);
    for (let i = 0; i < c.id.length; i++) {
      this.byIdMap.set(c.id[i], i);
      if (!c.ar[i]) continue;
      // keys are precomputed by the build: no normalization at load time
      const names = c.ar[i].split('|');
      const keys = c.keys[i].split('|');
      for (let k = 0; k < names.length; k++) {
        const key = keys[k];
        if (!key) continue;
        const parts = key.split(' ');
        this.matcher.addKeys(parts, { place: i, needsFeature: names[k].startsWith('~'), stop: parts.length === 1 ? stopOf(key) : -1 });
        const list = this.byArabic.get(key);
        if (!list) this.byArabic.set(key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    for (const p of index.stop.phrases) this.matcher.add(p, BLOCK);
    for (const w of index.stop.weak) this.weakWords.add(normalizeArabic(w));
    for (const w of index.words) {
      const k = wordKey(w.word);
      this.words.set(k, [...(this.words.get(k) ?? []), w]);
    }
    for (const r of index.countries) {
      const info: CountryInfo = {
        iso2: r.iso2, name: r.name, name_ar: r.name_ar, adjectives: r.adjectives, place: this.place(r.place), capital: this.place(r.capital),
        lat: c.lat[r.capital], lon: c.lon[r.capital], bbox: r.bbox, center: r.center,
      };
      this.countries.set(r.iso2, info);
      for (const a of r.adjectives) {
        const base = wordKey(a);
        // masculine, feminine (ة folds to ه), plurals
        for (const f of [base, base + 'ه', base + 'ين', base + 'ون']) if (!this.adjectives.has(f)) this.adjectives.set(f, r.iso2);
      }
    }
    for (const a of index.admin1) this.admin1Names.set(a.code, a);
    for (const a of index.admin2) this.admin2Names.set(a.code, a);
    this.regions = index.regions;
  }

  get size(): number {
    return this.places.length;
  }

  private wordKeys: KeyFilter | null = null;
  private wordKeysSize = -1;
  private adjectiveKeys: KeyFilter | null = null;
  private adjectiveKeysSize = -1;

  /** False when `words` certainly has no key of this hash (CliticReading.hash): a bit test before the lookup. */
  mayBeWord(hash: number): boolean {
    if (this.wordKeysSize !== this.words.size) {
      this.wordKeys = KeyFilter.of(this.words.keys());
      this.wordKeysSize = this.words.size;
    }
    return this.wordKeys!.mayHave(hash);
  }

  /** False when `adjectives` certainly has no key of this hash. */
  mayBeAdjective(hash: number): boolean {
    if (this.adjectiveKeysSize !== this.adjectives.size) {
      this.adjectiveKeys = KeyFilter.of(this.adjectives.keys());
      this.adjectiveKeysSize = this.adjectives.size;
    }
    return this.adjectiveKeys!.mayHave(hash);
  }

  /**
   * False when no name in `matcher` starts with this key: the matcher's own first-key filter
   * (PhraseMatcher.matchAt tests it on every reading's hash before its lookup).
   */
  mayStartName(key: string): boolean {
    return this.matcher.mayStart(keyHash(key));
  }

  /** The place at an index (objects are made on first use). */
  place(i: number): GazPlace {
    let p = this.places[i];
    if (p) return p;
    const c = this.index.places;
    const names = c.ar[i].split('|').filter(Boolean).map((n) => n.replace(/^~/, ''));
    p = {
      index: i,
      id: c.id[i],
      name: c.name[i],
      name_ar: names[0] ?? '',
      names_ar: names,
      names_en: c.en[i] ? c.en[i].split('|') : [],
      country: c.cc[i],
      admin1Code: c.a1[i],
      admin2Code: c.a2[i],
      lat: c.lat[i],
      lon: c.lon[i],
      kind: c.kind[i],
      fcode: c.fc[i],
      population: c.pop[i],
      geonames_id: c.gid[i] || undefined,
      source: c.src[i] || `geonames:${c.gid[i]}`,
      precision: (c.prec[i] || 1) as 1 | 2 | 3,
    };
    this.places[i] = p;
    return p;
  }

  byId(id: string): GazPlace | null {
    const i = this.byIdMap.get(id);
    return i === undefined ? null : this.place(i);
  }

  /** Districts whose Latin name has this consonant skeleton (see geo/skeleton). */
  bySkeleton(skel: string): GazPlace[] {
    return (this.index.skeletons[skel] ?? []).map((i) => this.place(i));
  }

  /** Places with this Arabic name (normalized, definite article ignored on each word). */
  lookupArabic(name: string): GazPlace[] {
    return (this.byArabic.get(nameKey(name)) ?? []).map((i) => this.place(i));
  }

  /** Places with this English name (accents, case and a leading "al-" ignored). */
  lookupEnglish(name: string): GazPlace[] {
    if (!this.englishMap) {
      this.englishMap = new Map();
      const c = this.index.places;
      for (let i = 0; i < c.id.length; i++) {
        for (const n of [c.name[i], ...(c.en[i] ? c.en[i].split('|') : [])]) {
          const k = foldEnglish(n);
          if (!k) continue;
          const list = this.englishMap.get(k);
          if (!list) this.englishMap.set(k, [i]);
          else if (!list.includes(i)) list.push(i);
        }
      }
    }
    return (this.englishMap.get(foldEnglish(name)) ?? []).map((i) => this.place(i));
  }

  /** Looks a name up in Arabic or English, most important first. */
  lookup(name: string): GazPlace[] {
    const found = /[\u0600-\u06FF]/.test(name) ? this.lookupArabic(name) : this.lookupEnglish(name);
    return found.sort((a, b) => importance(b) - importance(a));
  }

  country(iso2: string): CountryInfo | null {
    return this.countries.get(iso2.toUpperCase()) ?? null;
  }

  /** The country a name (سوريا, الولايات المتحدة) or adjective (السوري) refers to. */
  countryByName(s: string): CountryInfo | null {
    const adj = this.adjectives.get(wordKey(s));
    if (adj) return this.country(adj);
    const hit = this.lookupArabic(s).find((p) => p.kind === 'country');
    return hit ? this.country(hit.country) : null;
  }

  allCountries(): CountryInfo[] {
    return [...this.countries.values()];
  }

  admin1Name(code: string): { name: string; name_ar: string | null } | null {
    return this.admin1Names.get(code) ?? null;
  }

  admin2Name(code: string): { name: string; name_ar: string | null } | null {
    return this.admin2Names.get(code) ?? null;
  }

  /** The admin1 entry as a place (kind admin1), when the table names it. */
  admin1Place(code: string): GazPlace | null {
    const a = this.admin1Names.get(code);
    return a && a.place >= 0 ? this.place(a.place) : null;
  }

  /** Seat (main town) of an admin1. */
  admin1Seat(code: string): GazPlace | null {
    const a = this.admin1Names.get(code);
    return a && a.seat >= 0 ? this.place(a.seat) : null;
  }

  /** The curated directional region of a country or admin1 place, if the table has one. */
  region(of: GazPlace, dir: string): RegionInfo | null {
    const r = this.regions.find((x) => x.of === of.index && x.dir === dir);
    return r ? { of, dir, seat: this.place(r.seat), name: r.name, name_ar: r.name_ar } : null;
  }

  /** Admin seats (PPLA/PPLC and admin1 seats) of a country: the fallback anchors of directional regions. */
  seatsOf(iso2: string): GazPlace[] {
    // one scan of the whole index for every country, at the first call (callers only read the
    // lists): a scan per country made V8 recompile the loop for each new country
    if (!this.seats.size) {
      const c = this.index.places;
      for (let i = 0; i < c.id.length; i++) {
        if (c.fc[i] !== 'PPLA' && c.fc[i] !== 'PPLC') continue;
        const list = this.seats.get(c.cc[i]);
        if (list) list.push(this.place(i));
        else this.seats.set(c.cc[i], [this.place(i)]);
      }
    }
    return this.seats.get(iso2) ?? NO_SEATS;
  }

  /** Lexicon rows for a word (any proclitic reading of a token may be passed). */
  wordInfo(key: string, category?: string): WordRow | null {
    const rows = this.words.get(key);
    if (!rows) return null;
    return (category ? rows.find((r) => r.category === category) : rows[0]) ?? null;
  }
}

const NO_SEATS: GazPlace[] = [];

/** Rough importance for ordering lookups: capitals, seats, population. */
export function importance(p: GazPlace): number {
  const kindBonus: Record<string, number> = { country: 9, admin1: 8 };
  const fcBonus: Record<string, number> = { PPLC: 7, PPLA: 6, PPLA2: 5, PPLA3: 4 };
  return (kindBonus[p.kind] ?? fcBonus[p.fcode] ?? 0) * 1e9 + p.population;
}

let shared: { file: string; gaz: Gazetteer } | null = null;

export interface LoadOptions {
  /** Index file (default build/gazetteer.json). */
  file?: string;
  /** Build the index when it is missing or stale (default true). */
  autoBuild?: boolean;
}

/** Loads the gazetteer once per process (building the index first when needed). */
export function loadGazetteer(opts: LoadOptions = {}): Gazetteer {
  const file = opts.file ?? DEFAULT_INDEX_FILE;
  if (shared && shared.file === file) return shared.gaz;
  if (opts.autoBuild !== false && indexIsStale(file)) buildGazetteer({ outFile: file, quiet: true });
  let index = JSON.parse(readFileSync(file, 'utf8')) as GazetteerIndex;
  if (index.version !== INDEX_VERSION) {
    if (opts.autoBuild === false) throw new Error(`gazetteer index ${file} is version ${index.version}, expected ${INDEX_VERSION}: run "rasad build-data"`);
    buildGazetteer({ outFile: file, quiet: true });
    index = JSON.parse(readFileSync(file, 'utf8')) as GazetteerIndex;
  }
  const gaz = new Gazetteer(index);
  shared = { file, gaz };
  return gaz;
}
