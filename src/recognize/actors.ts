/**
 * @module recognize/actors
 * Actor dictionary and recognizer. Knowledge lives in data/actors/*.tsv (named actors with aliases,
 * states and their country adjectives, generic state-force heads, blockers, anaphors, time-bounded
 * affiliations); this module builds one PhraseMatcher from them and resolves each match:
 *
 * - a named actor ("داعش", "وداعش", تنظيم “الدولة الإسلامية”) → its dictionary entry (rule `dictionary`);
 *   an alias written "alias@YE" applies only when the document's country hint is YE (rule
 *   `dictionary-in-context`), or, with no hint at all, when it is the only reading (`dictionary-guess`);
 * - a generic head ("الجيش", "القوات الحكومية", "طائرات") → the country's forces, the country taken
 *   from an adjective right after it ("الجيش العراقي": `generic-adjective`) or from the hint
 *   (`generic-hint`); heads marked needs_adjective only count with an adjective; with neither, a
 *   placeholder entry of country null (`generic-unresolved`);
 * - a country, its capital or its people as actor (`country-as-actor`, `capital-as-actor`, `demonym`):
 *   callers decide whether a state named as a place is acting;
 * - a person or office standing for an actor in a period (`affiliation`, data/actors/affiliations.tsv),
 *   used only when `opts.date` falls inside the period (or no date is given);
 * - a vague or partisan label written "~alias" in the data ("الإرهابيين", "المسلحين", "الانقلابيين@YE")
 *   → rule `label` / `label-in-context`: callers should prefer a proper name in the same clause.
 *
 * Longest match wins ("الجيش السوري الحر" is the FSA, not the Syrian army); blockers
 * ("مجلس الأمن القومي", "الدفاع المدني") are consumed without a mention. The definite article must
 * agree word by word with the dictionary phrase ("حماس" yes, "الحماس" no; "سورية" yes, "السورية" no).
 * Anaphors ("التنظيم", "الحركة") are resolved on request (`opts.anaphora`, `resolveAnaphor`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../types.ts';
import { normalizeArabic } from '../text/normalize.ts';
import { PhraseMatcher, type PhraseMatch } from '../text/phrase-matcher.ts';
import { stripArticle, tokenize, type TokenizedText } from '../text/tokenize.ts';

export interface ActorEntry {
  id: string;
  name: string;
  name_ar: string;
  kind: string;
  country: string | null;
  aliases: string[];
  /** Validity of the whole entry (time-bounded groups such as HTS from 2017-01-28). */
  valid?: Validity;
  /** Where the entry comes from: a dictionary row, a state, or a state's generated forces. */
  origin?: 'dictionary' | 'state' | 'generated' | 'placeholder';
}

export interface ActorMention {
  /** Whole span, proclitics included (evidence). */
  start: number;
  end: number;
  /** Where the name starts once proclitics are removed. */
  stemStart: number;
  /** The name as written, without proclitics (after "لل" the article's alef is restored: "الأمم"). */
  text: string;
  actor: ActorEntry;
  /** True when the actor was resolved from context (a generic head, a hint, an anaphor). */
  generic: boolean;
  /** The rule that fired (see the module comment). */
  rule: string;
  /** Other entries the same phrase may name (ambiguous aliases), best first. */
  alternatives?: ActorEntry[];
  /** Token range [startToken, endToken). */
  startToken: number;
  endToken: number;
}

export interface RecognizeOptions {
  /** ISO2 country the document is about; resolves generic forces and context-bound aliases. */
  countryHint?: string | null;
  /** YYYY-MM-DD; entries and affiliations valid at another time are ignored. */
  date?: string | null;
  /** Also return anaphoric mentions ("التنظيم" → the last IS-like actor), rule `anaphor`. */
  anaphora?: boolean;
}

export interface Validity {
  from: string | null;
  to: string | null;
}

export interface CountryInfo {
  iso2: string;
  name_en: string;
  acled_name: string;
  name_ar: string;
  variants: string[];
  adjectives: string[];
  demonyms: string[];
  capitals: string[];
}

type GenericClass = 'military' | 'police' | 'government' | 'state';

/**
 * A dictionary reading of a phrase. `article` says, word by word, whether the dictionary phrase has
 * the definite article ("10" for "داعش" no, "الحماس" would be "1"): the matcher's keys ignore it, so
 * the recognizer checks it against the text ("حماس" the movement, "الحماس" enthusiasm; "سورية"
 * Syria, "السورية" an adjective; "الدولة الإسلامية" IS, "دولة إسلامية" a state).
 */
type MatchValue = { article: string } & (
  | { type: 'alias'; entry: ActorEntry; cond: string[] | null; rule: string; valid?: Validity }
  | { type: 'generic'; cls: GenericClass; needsAdj: boolean }
  | { type: 'block' }
);

interface AnaphorRow {
  noun: string;
  kinds: string[];
  prefix: string | null;
}

interface ActorData {
  entries: ActorEntry[];
  byId: Map<string, ActorEntry>;
  countries: Map<string, CountryInfo>;
  matcher: PhraseMatcher<MatchValue>;
  adjectives: PhraseMatcher<string>;
  anaphors: PhraseMatcher<AnaphorRow>;
  anaphorRows: AnaphorRow[];
  /** "class:hint" → ISO2 of the state whose forces a hinted generic head means. */
  overrides: Map<string, string>;
  /** ISO2 → the state's generic entries per class (byId of genericId, looked up once). */
  generic: Map<string, Record<GenericClass, ActorEntry | undefined>>;
}

const DATA_DIR = fileURLToPath(new URL('../../data/actors/', import.meta.url));

/** Reads a TSV with '#' comment lines and a header row into records. */
export function readTsv(file: string): Record<string, string>[] {
  const lines = readFileSync(DATA_DIR + file, 'utf8').split(/\r?\n/);
  let header: string[] | null = null;
  const rows: Record<string, string>[] = [];
  for (const line of lines) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    rows.push(row);
  }
  return rows;
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

/** Kebab-case slug of an English name: "the United States" → "the-united-states". */
export function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function parseValidity(s: string | undefined): Validity | undefined {
  if (!s) return undefined;
  const [from, to] = s.split('..');
  return { from: from?.trim() || null, to: to?.trim() || null };
}

function isValid(v: Validity | undefined, date: string | null | undefined): boolean {
  if (!v || !date) return true;
  const d = date.slice(0, 10);
  return (!v.from || d >= v.from) && (!v.to || d <= v.to);
}

const hasArabic = (s: string) => /[\u0600-\u06FF]/.test(s);
/** Latin aliases are for scoring and display; only acronyms in capitals are matched in text. */
const matchable = (s: string) => hasArabic(s) || /^[A-Z][A-Z.\-]{1,}$/.test(s);

/**
 * Splits "~alias@YE|SA" into the phrase, its country condition and whether it is a label: a vague
 * or partisan designation ("الإرهابيين", "المسلحين") that callers should rank below a proper name.
 */
function splitCond(alias: string): { phrase: string; cond: string[] | null; label: boolean } {
  const label = alias.startsWith('~');
  const a = label ? alias.slice(1) : alias;
  const at = a.lastIndexOf('@');
  if (at <= 0) return { phrase: a.trim(), cond: null, label };
  return { phrase: a.slice(0, at).trim(), cond: a.slice(at + 1).split('|').map((c) => c.trim().toUpperCase()), label };
}

/** The bare alias (without its "@CC" condition). */
export function aliasPhrase(alias: string): string {
  return splitCond(alias).phrase;
}

/** Id of a state's generic forces (ACLED naming) for a class. */
export function genericId(cls: GenericClass, c: CountryInfo): string {
  switch (cls) {
    case 'military':
      return `military-forces-of-${slugify(c.acled_name)}`;
    case 'police':
      return `police-forces-of-${slugify(c.acled_name)}`;
    case 'government':
      return `government-of-${slugify(c.acled_name)}`;
    case 'state':
      return slugify(c.name_en);
  }
}

function withArticle(adj: string): string {
  return adj.includes(' ') ? adj : 'ال' + adj;
}

function generatedEntries(c: CountryInfo): ActorEntry[] {
  const masc = c.adjectives[0];
  const fem = c.adjectives.find((a) => /[ةه]$/.test(a)) ?? masc;
  const ar = (head: string, adj: string | undefined, headConstruct: string) =>
    adj ? `${head} ${withArticle(adj)}` : `${headConstruct} ${c.name_ar}`;
  const country = c.iso2;
  return [
    {
      id: genericId('state', c),
      name: c.name_en,
      name_ar: c.name_ar,
      kind: 'government',
      country,
      aliases: [c.name_en, c.name_ar, ...c.variants],
      origin: 'state',
    },
    {
      id: genericId('military', c),
      name: `Military Forces of ${c.acled_name}`,
      name_ar: ar('الجيش', masc, 'جيش'),
      kind: 'state-forces',
      country,
      aliases: [],
      origin: 'generated',
    },
    {
      id: genericId('police', c),
      name: `Police Forces of ${c.acled_name}`,
      name_ar: ar('الشرطة', fem, 'شرطة'),
      kind: 'police',
      country,
      aliases: [],
      origin: 'generated',
    },
    {
      id: genericId('government', c),
      name: `Government of ${c.acled_name}`,
      name_ar: ar('الحكومة', fem, 'حكومة'),
      kind: 'government',
      country,
      aliases: [],
      origin: 'generated',
    },
  ];
}

/** Placeholder entries for generic heads whose country is unknown (country null). */
const PLACEHOLDERS: Record<GenericClass, ActorEntry> = {
  military: { id: 'military-forces', name: 'Military Forces', name_ar: 'الجيش', kind: 'state-forces', country: null, aliases: [], origin: 'placeholder' },
  police: { id: 'police-forces', name: 'Police Forces', name_ar: 'الشرطة', kind: 'police', country: null, aliases: [], origin: 'placeholder' },
  government: { id: 'government', name: 'Government', name_ar: 'الحكومة', kind: 'government', country: null, aliases: [], origin: 'placeholder' },
  state: { id: 'state', name: 'State', name_ar: 'الدولة', kind: 'government', country: null, aliases: [], origin: 'placeholder' },
};

/** Word-by-word definite-article pattern of a dictionary phrase ("1" = has "ال"). */
export function articlePattern(phrase: string): string {
  return normalizeArabic(phrase)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (stripArticle(w) !== w ? '1' : '0'))
    .join('');
}

/** The same pattern for a match in the text (proclitics of the first word set aside). */
function textArticlePattern(t: TokenizedText, m: PhraseMatch<unknown>): string {
  let out = '';
  for (let k = m.startToken; k < m.endToken; k++) {
    const tok = t.tokens[k];
    if (tok.kind === 'punct') continue;
    if (k === m.startToken && m.firstKey !== undefined) {
      const stem = t.norm.text.slice(tok.nstart + (m.cliticLength ?? 0), tok.nend);
      // "للحوثيين": stem "لحوثيين", key "حوثيين" — the لل carried the article
      out += stem !== m.firstKey ? '1' : '0';
    } else out += stripArticle(tok.norm) !== tok.norm ? '1' : '0';
  }
  return out;
}

/**
 * The name as written without proclitics. After "لل" (ل + ال, "للأمم المتحدة") the article's alef is
 * not in the text: it is restored ("الأمم المتحدة") so that the name reads and folds as a name.
 */
function stemText(t: TokenizedText, m: PhraseMatch<unknown>, end: number): string {
  const raw = t.original.slice(m.stemStart, end);
  const tok = t.tokens[m.startToken];
  const stem = t.norm.text.slice(tok.nstart + (m.cliticLength ?? 0), tok.nend);
  if (m.cliticLength && stem.startsWith('ل') && !stem.startsWith('ال') && stem !== m.firstKey) return '\u0627' + raw;
  return raw;
}

/** Extends a match over the closing quote of a quote opened inside it: تنظيم «داعش» (not «داعش). */
function closeQuote(t: TokenizedText, startToken: number, endToken: number): number {
  let open = 0;
  for (let k = startToken; k < endToken; k++) if (t.tokens[k].norm === '"') open++;
  return open % 2 === 1 && t.tokens[endToken]?.norm === '"' ? endToken + 1 : endToken;
}

/** Rules whose reading depends on the document's country rather than on the words alone. */
const CONTEXT_RULES = new Set(['dictionary-in-context', 'label-in-context', 'dictionary-guess']);

let cache: ActorData | null = null;

function build(): ActorData {
  const countries = new Map<string, CountryInfo>();
  for (const r of readTsv('countries.tsv')) {
    countries.set(r.iso2, {
      iso2: r.iso2,
      name_en: r.name_en,
      acled_name: r.acled_name || r.name_en,
      name_ar: r.name_ar,
      variants: list(r.variants_ar),
      adjectives: list(r.adjectives_ar),
      demonyms: list(r.demonyms_ar),
      capitals: list(r.capital_ar),
    });
  }
  const byId = new Map<string, ActorEntry>();
  const entries: ActorEntry[] = [];
  const put = (e: ActorEntry) => {
    byId.set(e.id, e);
    entries.push(e);
  };
  for (const c of countries.values()) for (const e of generatedEntries(c)) put(e);

  // dictionary rows: new entries, or additions to a generated one with the same id
  const dictAliases = new Map<ActorEntry, string[]>();
  for (const r of readTsv('actors.tsv')) {
    const country = !r.country || r.country === 'intl' ? null : r.country;
    const aliases = list(r.aliases);
    const old = byId.get(r.id);
    if (old) {
      if (r.name) old.name = r.name;
      if (r.name_ar) old.name_ar = r.name_ar;
      if (r.kind) old.kind = r.kind;
      old.aliases.push(...aliases);
      if (r.valid) old.valid = parseValidity(r.valid);
      dictAliases.set(old, [...(dictAliases.get(old) ?? []), ...aliases]);
    } else {
      const e: ActorEntry = {
        id: r.id,
        name: r.name,
        name_ar: r.name_ar,
        kind: r.kind,
        country,
        aliases,
        valid: parseValidity(r.valid),
        origin: 'dictionary',
      };
      put(e);
      dictAliases.set(e, aliases);
    }
  }

  const matcher = new PhraseMatcher<MatchValue>();
  // dictionary aliases first so that they are the first value of a shared phrase
  for (const [e, aliases] of dictAliases) {
    // a state's own names are added below with rule country-as-actor
    for (const a of e.origin === 'state' ? aliases : [e.name_ar, ...aliases]) {
      const { phrase, cond, label } = splitCond(a);
      if (matchable(phrase))
        matcher.add(phrase, { type: 'alias', entry: e, cond, rule: label ? 'label' : 'dictionary', article: articlePattern(phrase) });
    }
  }
  for (const r of readTsv('affiliations.tsv')) {
    const e = byId.get(r.actor_id);
    if (!e) throw new Error(`affiliations.tsv: unknown actor id ${r.actor_id}`);
    matcher.add(r.alias, {
      type: 'alias',
      entry: e,
      cond: null,
      rule: 'affiliation',
      valid: { from: r.from || null, to: r.to || null },
      article: articlePattern(r.alias),
    });
  }
  const adjectives = new PhraseMatcher<string>();
  for (const c of countries.values()) {
    const state = byId.get(genericId('state', c))!;
    const add = (n: string, rule: string) => matcher.add(n, { type: 'alias', entry: state, cond: null, rule, article: articlePattern(n) });
    for (const n of [c.name_ar, ...c.variants]) add(n, 'country-as-actor');
    for (const n of c.capitals) add(n, 'capital-as-actor');
    for (const n of c.demonyms) add(n, 'demonym');
    for (const a of c.adjectives) adjectives.add(a, c.iso2);
  }
  for (const r of readTsv('generic.tsv')) {
    matcher.add(r.phrase, {
      type: 'generic',
      cls: r.class as GenericClass,
      needsAdj: r.needs_adjective === 'yes',
      article: articlePattern(r.phrase),
    });
  }
  for (const r of readTsv('blockers.tsv')) matcher.add(r.phrase, { type: 'block', article: articlePattern(r.phrase) });

  const anaphors = new PhraseMatcher<AnaphorRow>();
  const anaphorRows = readTsv('anaphors.tsv').map((r) => ({ noun: r.noun, kinds: list(r.kinds), prefix: r.prefix_ar || null }));
  for (const r of anaphorRows) anaphors.add(r.noun, r);
  const overrides = new Map<string, string>();
  for (const r of readTsv('generic-overrides.tsv')) overrides.set(`${r.class}:${r.hint}`, r.country);
  const generic = new Map<string, Record<GenericClass, ActorEntry | undefined>>();
  for (const c of countries.values()) {
    const of = (cls: GenericClass) => byId.get(genericId(cls, c));
    generic.set(c.iso2, { military: of('military'), police: of('police'), government: of('government'), state: of('state') });
  }
  return { entries, byId, countries, matcher, adjectives, anaphors, anaphorRows, overrides, generic };
}

function data(): ActorData {
  return (cache ??= build());
}

/** All actor entries (dictionary rows, states and their generated forces); cached. */
export function loadActors(): ActorEntry[] {
  return data().entries;
}

/** A country adjective starting at token i ("الروسي", "إسرائيلية"): its ISO2 and end token, or null. */
export function countryAdjectiveAt(t: TokenizedText, i: number): { iso2: string; endToken: number } | null {
  const m = i < t.tokens.length ? data().adjectives.matchAt(t, i) : null;
  return m && m.stemStart === m.start ? { iso2: m.values[0], endToken: m.endToken } : null;
}

/** One entry by id, or undefined. */
export function actorById(id: string): ActorEntry | undefined {
  return data().byId.get(id);
}

/** The country table (ISO2 → names and adjectives); cached. */
export function loadCountries(): Map<string, CountryInfo> {
  return data().countries;
}

/** The generic entry of a class for a country (as byId.get(genericId(cls, country))). */
function genericEntry(d: ActorData, cls: GenericClass, iso2: string): ActorEntry | undefined {
  const row = d.generic.get(iso2);
  return row ? row[cls] : d.byId.get(genericId(cls, d.countries.get(iso2)!));
}

function distinctEntries(vals: Array<{ entry: ActorEntry }>): ActorEntry[] {
  const out: ActorEntry[] = [];
  for (const v of vals) if (!out.includes(v.entry)) out.push(v.entry);
  return out;
}

/**
 * Finds actor mentions in a tokenized text, left to right, longest match first.
 * @example recognizeActors(tokenize('قصف الجيش مواقع لداعش'), { countryHint: 'SY' })
 *   → [{text:'الجيش', actor:{id:'military-forces-of-syria'}, rule:'generic-hint'}, {text:'داعش', actor:{id:'isis'}}]
 */
export function recognizeActors(t: TokenizedText, opts: RecognizeOptions = {}): ActorMention[] {
  const d = data();
  const hint = opts.countryHint ? opts.countryHint.toUpperCase() : null;
  const out: ActorMention[] = [];
  const n = t.tokens.length;
  for (let i = 0; i < n; ) {
    const m = d.matcher.mayStartAt(t, i) ? d.matcher.matchAt(t, i) : null;
    if (!m) {
      i++;
      continue;
    }
    // Latin acronyms have no article to compare
    let values = m.values;
    if (hasArabic(m.text)) {
      const pattern = textArticlePattern(t, m);
      values = values.filter((v) => v.article === pattern);
    }
    if (values.some((v) => v.type === 'block')) {
      i = m.endToken;
      continue;
    }
    const aliases = values.filter(
      (v): v is Extract<MatchValue, { type: 'alias' }> =>
        v.type === 'alias' && isValid(v.entry.valid, opts.date) && isValid(v.valid, opts.date),
    );
    const inContext = aliases.filter((v) => v.cond && hint && v.cond.includes(hint));
    const plain = aliases.filter((v) => !v.cond);
    const condOnly = aliases.filter((v) => v.cond);
    let picked: typeof aliases = [];
    let rule = '';
    if (inContext.length) {
      picked = inContext;
      rule = inContext[0].rule === 'label' ? 'label-in-context' : 'dictionary-in-context';
    } else if (plain.length) {
      picked = plain;
      rule = plain[0].rule;
    } else if (!hint && distinctEntries(condOnly).length === 1) {
      picked = condOnly;
      rule = 'dictionary-guess';
    }
    if (picked.length) {
      const ents = distinctEntries(picked);
      out.push(mention(t, m, ents[0], rule, CONTEXT_RULES.has(rule), m.endToken, ents.slice(1)));
      i = m.endToken;
      continue;
    }
    const g = values.find((v): v is Extract<MatchValue, { type: 'generic' }> => v.type === 'generic');
    if (g) {
      const adj = m.endToken < n ? d.adjectives.matchAt(t, m.endToken) : null;
      // an adjective must be its own word: "السوري" yes, "وسوري" (a new phrase) no
      const adjCountry = adj && adj.stemStart === adj.start ? adj.values[0] : null;
      let entry: ActorEntry | undefined;
      let grule = '';
      let endToken = m.endToken;
      if (adjCountry) {
        entry = genericEntry(d, g.cls, adjCountry);
        grule = 'generic-adjective';
        endToken = adj!.endToken;
      } else if (!g.needsAdj && hint && d.countries.has(hint)) {
        const c = d.overrides.get(`${g.cls}:${hint}`) ?? hint;
        entry = genericEntry(d, g.cls, c);
        grule = 'generic-hint';
      } else if (!g.needsAdj) {
        entry = PLACEHOLDERS[g.cls];
        grule = 'generic-unresolved';
      }
      if (entry) {
        out.push(mention(t, m, entry, grule, true, endToken));
        i = endToken;
        continue;
      }
    }
    i++;
  }
  if (opts.anaphora) return mergeSorted(out, recognizeAnaphors(t, out));
  return out;
}

/** The mention of a match (module level: no closure made per match in the scan). */
function mention(t: TokenizedText, m: PhraseMatch<MatchValue>, actor: ActorEntry, rule: string, generic: boolean, endToken: number, alts: ActorEntry[] = []): ActorMention {
  endToken = closeQuote(t, m.startToken, endToken);
  const end = t.tokens[endToken - 1].end;
  const out: ActorMention = {
    start: m.start,
    end,
    stemStart: m.stemStart,
    text: stemText(t, m, end),
    actor,
    generic,
    rule,
    startToken: m.startToken,
    endToken,
  };
  if (alts.length) out.alternatives = alts;
  return out;
}

function mergeSorted(a: ActorMention[], b: ActorMention[]): ActorMention[] {
  return [...a, ...b].sort((x, y) => x.start - y.start);
}

/**
 * Resolves an anaphoric noun ("التنظيم", "الحركة", "القوات") at `offset` to the nearest preceding
 * actor mention of a fitting kind (data/actors/anaphors.tsv); prefers actors whose Arabic name starts
 * with the noun's prefix (الحركة → "حركة حماس"). Returns null when the noun is not an anaphor or
 * nothing fits.
 */
export function resolveAnaphor(noun: string, offset: number, mentions: ActorMention[]): ActorEntry | null {
  const row = data().anaphors.matchAt(tokenize(noun), 0)?.values[0];
  if (!row) return null;
  const before = mentions.filter((m) => m.end <= offset && m.rule !== 'anaphor' && row.kinds.includes(m.actor.kind));
  if (!before.length) return null;
  if (row.prefix) {
    const p = normalizeArabic(row.prefix);
    for (let k = before.length - 1; k >= 0; k--) if (normalizeArabic(before[k].actor.name_ar).startsWith(p)) return before[k].actor;
  }
  return before[before.length - 1].actor;
}

/** Anaphoric mentions outside named mentions, each resolved against the mentions before it. */
export function recognizeAnaphors(t: TokenizedText, mentions: ActorMention[]): ActorMention[] {
  const d = data();
  const covered = new Set<number>();
  for (const m of mentions) for (let k = m.startToken; k < m.endToken; k++) covered.add(k);
  const out: ActorMention[] = [];
  for (const m of d.anaphors.findAll(t)) {
    if (covered.has(m.startToken)) continue;
    const row = m.values[0];
    const before = mentions.filter((x) => x.end <= m.start && row.kinds.includes(x.actor.kind));
    if (!before.length) continue;
    let actor = before[before.length - 1].actor;
    if (row.prefix) {
      const p = normalizeArabic(row.prefix);
      for (let k = before.length - 1; k >= 0; k--)
        if (normalizeArabic(before[k].actor.name_ar).startsWith(p)) {
          actor = before[k].actor;
          break;
        }
    }
    out.push({
      start: m.start,
      end: m.end,
      stemStart: m.stemStart,
      text: m.text,
      actor,
      generic: true,
      rule: 'anaphor',
      startToken: m.startToken,
      endToken: m.endToken,
    });
  }
  return out;
}

/** The output Actor (SPEC "Actor") of a mention. */
export function toActor(m: ActorMention): Actor {
  return { id: m.actor.id, name: m.actor.name, name_ar: m.actor.name_ar, text: m.text, kind: m.actor.kind };
}

/**
 * Guesses the country a text is about from its actor mentions: states, capitals and people named,
 * country adjectives, and country-bound actors (الحوثيين → YE). Returns the most frequent ISO2, ties
 * broken by first appearance, or null. A weak fallback for callers without a geocoded hint.
 */
export function guessCountry(t: TokenizedText): string | null {
  const d = data();
  const score = new Map<string, { n: number; first: number }>();
  const bump = (c: string | null, at: number, w: number) => {
    if (!c) return;
    const s = score.get(c) ?? { n: 0, first: at };
    s.n += w;
    score.set(c, s);
  };
  for (const m of recognizeActors(t)) {
    if (m.rule === 'generic-unresolved' || m.rule === 'affiliation') continue;
    // a named local actor (الحوثيين, قسد) says more about the place than a state named in passing
    bump(m.actor.country, m.start, m.actor.origin === 'dictionary' ? 2 : 1);
  }
  for (const a of d.adjectives.findAll(t)) bump(a.values[0], a.start, 1);
  let best: string | null = null;
  let bs = { n: 0, first: Infinity };
  for (const [c, s] of score) if (s.n > bs.n || (s.n === bs.n && s.first < bs.first)) [best, bs] = [c, s];
  return best;
}
