/**
 * @module recognize/casualties
 * Casualty figures in Arabic news: killed, injured, detained, displaced and missing counts
 * ("مقتل 175 من عناصر داعش", "سقوط 20 قتيلاً", "قتيلان", "نزوح 2000 عائلة", "دون وقوع إصابات").
 *
 * The phrasings are rows of data/lexicons/ar/casualty-terms.tsv, each a small template
 * (`{NUM} {VICTIM}? (قتيل|قتلى)`) compiled once into a regular expression over the normalized
 * text, in which every countable number mention has been masked with '#' of the same length
 * (so offsets never move). Victim nouns, stop words and non-person nouns are TSV files too.
 * Earlier rows win when two rules claim the same number or the same casualty word. Then a
 * number right after "بينهم"/"منهم" (part of a figure) is dropped, and victims joined by و to a
 * phrase ("قتل 15 طفلا وامرأتان") are added as figures of their own side.
 *
 * "مقتل وإصابة 10" keeps value 10 with the tag `ambiguous` (killed or injured): sumPerSide
 * does not count it as a death toll.
 */
import { normalizeArabic, normalizeWithOffsets, type NormalizedText } from '../text/normalize.ts';
import { dataPath, readTsv } from '../data/tsv.ts';
import { A0, AN, letterTrie, letterWordSet, type LetterWordSet } from '../text/letter-trie.ts';
import { isSpaceCode } from '../text/char-codes.ts';
import { findNumbersNormalized, isCount, originalSpan, type NormNumber } from './numbers.ts';

export type CasualtyKind = 'killed' | 'injured' | 'detained' | 'displaced' | 'missing';

export interface CasualtyMention {
  kind: CasualtyKind;
  value: number | null;
  vague?: { min: number; max?: number };
  /** Span of the whole phrase (evidence). */
  start: number;
  end: number;
  numberSpan?: { start: number; end: number };
  termSpan: { start: number; end: number };
  /** Normalized text of the victim group when given ("من عناصر داعش", "مدنيين"). */
  side?: string;
  /** An explicit "no casualties": value 0. */
  negated?: boolean;
  rule: string;
  tags: string[];
}

const KINDS = new Set<CasualtyKind>(['killed', 'injured', 'detained', 'displaced', 'missing']);
const REASON = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// ---------------------------------------------------------------------------------------------
// Lexicons

interface VictimForm {
  form: string;
  number: 'pl' | 'sg' | 'du';
  cls: string;
  named: boolean;
  key: string;
}

/** A compiled casualty rule (one TSV row). */
export interface CasualtyRule {
  index: number;
  reason: string;
  /** Kinds emitted; empty for a blocking rule ("-"). */
  kinds: CasualtyKind[];
  value: number | null;
  pattern: string;
  tags: string[];
  /** The whole rule, sticky: run only at candidate positions (scanning whole texts with big regexes is slow). */
  re: RegExp;
  /** The first token alone (global), a fallback to find candidate positions; null when the rule starts with a number. */
  start: RegExp | null;
  /** Words (without proclitics) of which one must occur for the rule to match (fast pre-check). */
  anchors: string[] | null;
  /** Words a literal-first rule can start with (it is tried only where one of them stands). */
  firstWords: string[] | null;
  /** Per first word, the further words of each alternative of the first token ([] for a one-word one). */
  heads: Map<string, string[][]> | null;
  /** What must follow a literal first token (after SEP), or null when not known. */
  next: NextToken | null;
  /** What a rule opening with a number must have right after it, or null when not known. */
  afterNumber: AfterNumber | null;
  firstIsNum: boolean;
  firstIsLiteral: boolean;
  /** The rule opens with a victim phrase (see victimCanStart). */
  firstIsVictim: boolean;
  literalGroups: string[];
  /**
   * The required literal tokens after the first one, each as one word of each of its
   * alternatives (requiredWords): a match at k has one word of every group written at or after
   * k, so a position after the last occurrence of all of a group's words cannot match (checked
   * before the rule's regex is run).
   */
  required: string[][];
}

/** A literal-first rule that may start with a given word, and the alternatives of its first token opening with it. */
interface FirstWordRule {
  rule: CasualtyRule;
  /** The further words of each such alternative ([] for a one-word one); null: not checked. */
  alts: string[][] | null;
}

/** What follows the literal first token of a rule after SEP (checked by nextFits before its regex runs). */
type NextToken =
  /** a word of proclitics and one of these: the first words of the literal tokens up to the first required one ("لم (يسفر|…)") */
  | { kind: 'words'; words: Set<string> }
  /** a victim phrase (victimCanStart) */
  | { kind: 'victim' }
  /** a number, after at most `gap` other words ({GAP2} {NUM}) */
  | { kind: 'number'; gap: number };

/**
 * The tokens after a rule's opening number up to its first required one: the word right after
 * the number (maybe glued to it, after spaces, quotes or commas) is a victim phrase when
 * `victim`, or proclitics and one of `words` (checked by afterNumberFits).
 */
interface AfterNumber {
  words: Set<string>;
  victim: boolean;
}

interface Compiled {
  rules: CasualtyRule[];
  byFirstWord: Map<string, FirstWordRule[]>;
  /** Anchor word → its id (index into WordHits.anchorSeen). */
  anchorIds: Map<string, number>;
  /** Per rule index, its anchor words as ids (null when the rule has no anchors). */
  ruleAnchorIds: Array<number[] | null>;
  /** Per rule index, which anchor ids are its own (null when the rule has no anchors). */
  ruleAnchorMask: Array<Uint8Array | null>;
  /** The rules not opening with a literal word (tried from numbers, anchors or their start regex). */
  otherRules: CasualtyRule[];
  /** WordHits.anchorSeen and lastRequired of the current call, reset by each (typed arrays are slow to allocate). */
  scratch: { anchorSeen: Uint8Array; lastRequired: Int32Array };
  /** Any first word of a literal-first rule or anchor word, as one alternation. */
  wordRe: RegExp;
  /** First words, anchor words and required words as one trie read backwards from a word end (see scanWords), or null to use wordRe and lastIndexOf. */
  wordTrie: BackTrie | null;
  /** The words a victim phrase can open with (see victimCanStart), or null when a form has no leading word (no pre-check then). */
  victimHeads: LetterWordSet | null;
  /** Text ending in "بينهم " / "منهم ": the number after it is part of another figure. */
  subsetRe: RegExp;
  /** More victims joined by و right after a phrase (sticky). */
  coordRe: RegExp;
  forms: Map<string, VictimForm>;
  org: Set<string>;
  /** Every word of the rules' required groups (index = word id). */
  requiredWords: string[];
  /** Per rule index, its required groups as word ids. */
  requiredIds: number[][][];
}

let COMPILED: Compiled | null = null;

const SEP = `[\\s"']+`;
const END = `(?![\\p{L}\\p{N}#])`;
/** Proclitics a literal word may carry: و ف, then ب ك ل, and the article. */
const PREFIX = `(?:[وف]?(?:[بك]?ال|لل|[بلك])?)`;
const PREFIX_SET = (() => {
  const out = new Set<string>(['']);
  for (const a of ['', 'و', 'ف']) for (const b of ['', 'ب', 'ك', 'ل', 'ال', 'بال', 'كال', 'لل']) out.add(a + b);
  return out;
})();

interface Trie {
  end: boolean;
  next: Map<string, Trie>;
}

/**
 * A word list as one regular expression factored on common prefixes ("مدني(?:ين|ون|ا)?"):
 * the engine then walks the words letter by letter instead of trying hundreds of alternatives.
 * A space inside a phrase matches any spacing or quotes.
 */
function alt(words: Iterable<string>): string {
  const root: Trie = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const esc = (ch: string) => (ch === ' ' ? SEP : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const emit = (node: Trie): string => {
    const alts = [...node.next].map(([ch, child]) => esc(ch) + emit(child));
    if (!alts.length) return '';
    const body = alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

function loadLexicons() {
  const file = (n: string) => dataPath('lexicons', 'ar', n);
  const forms = new Map<string, VictimForm>();
  for (const r of readTsv(file('casualty-victims.tsv'), ['form', 'number', 'class', 'key'])) {
    const form = normalizeArabic(r.form);
    if (!['pl', 'sg', 'du'].includes(r.number)) throw new Error(`casualty-victims.tsv: ${r.form}: number must be pl, sg or du`);
    forms.set(form, { form, number: r.number as VictimForm['number'], cls: r.class, named: r.name === 'y', key: r.key });
  }
  const gap = new Set<string>();
  const subset = new Set<string>();
  const coordStop = new Set<string>();
  const side = new Set<string>();
  const org = new Set<string>();
  for (const r of readTsv(file('casualty-stopwords.tsv'), ['word', 'use'])) {
    const w = normalizeArabic(r.word);
    if (r.use === 'gap') gap.add(w);
    else if (r.use === 'side') side.add(w);
    else if (r.use === 'org') org.add(w);
    else if (r.use === 'subset') subset.add(w);
    else if (r.use === 'coord') coordStop.add(w);
    else throw new Error(`casualty-stopwords.tsv: unknown use "${r.use}" for ${r.word}`);
  }
  const nonVictims = readTsv(file('casualty-nonvictims.tsv'), ['word']).map((r) => normalizeArabic(r.word));
  return { forms, gap, side, org, subset, coordStop, nonVictims };
}

/** Compiles the casualty rules once. */
export function casualtyRules(): CasualtyRule[] {
  return compiled().rules;
}

function compiled(): Compiled {
  if (COMPILED) return COMPILED;
  const { forms, gap, side, org, subset, coordStop, nonVictims } = loadLexicons();

  // a name word: quoted, or a word that is not a stop word nor a conjunction or preposition phrase (و…, بال…, لل…)
  const nameWord = `(?:"[^"\\n]{1,40}"|(?!و|بال|لل)(?!(?:${alt(side)})${END})\\p{L}{2,})`;
  const namePart = `(?:${SEP}(?:من${SEP})?${nameWord}(?:${SEP}${nameWord})?)?`;
  const victimCache = new Map<string, string>();
  /** Victim phrase regex for a grammatical number set and optional classes. */
  const victimRe = (numbers: Array<VictimForm['number']>, classes: string[] | null, withFrom: boolean, definite = false): string => {
    const key = numbers.join() + '|' + (classes?.join() ?? '*') + '|' + withFrom + '|' + definite;
    const hit = victimCache.get(key);
    if (hit) return hit;
    const pick = (named: boolean) =>
      [...forms.values()].filter((f) => numbers.includes(f.number) && f.named === named && (!classes || classes.includes(f.cls))).map((f) => f.form);
    const article = definite ? 'ال' : numbers.includes('pl') ? '(?:ال)?' : '';
    const branches: string[] = [];
    const named = pick(true);
    const unnamed = pick(false);
    if (named.length) branches.push(`${article}(?:${alt(named)})${END}${namePart}`);
    if (unnamed.length) branches.push(`${article}(?:${alt(unnamed)})${END}`);
    // nisba plurals not in the list: فلسطينيين, الأمريكيين, عراقيا
    if (numbers.includes('pl') && (!classes || classes.includes('nisba'))) branches.push(`(?:ال)?\\p{L}{3,}(?:يين|يون)${END}|\\p{L}{4,}يا${END}`);
    const from = withFrom ? `(?:من${SEP}(?:بين${SEP})?)?` : '';
    const re = `${from}(?:${branches.join('|')})`;
    victimCache.set(key, re);
    return re;
  };
  const gapWord = `(?![وف]?[بل]?(?:${alt(gap)})${END})[^\\s#,.;:!?"()]+`;
  const notThing = `(?!${SEP}(?:ال)?(?:${alt(nonVictims)})${END})`;

  const rules: CasualtyRule[] = [];
  const seen = new Set<string>();
  readTsv(dataPath('lexicons', 'ar', 'casualty-terms.tsv'), ['reason', 'kind', 'pattern']).forEach((r, index) => {
    if (!REASON.test(r.reason)) throw new Error(`casualty-terms.tsv: reason "${r.reason}" is not kebab-case`);
    if (seen.has(r.reason)) throw new Error(`casualty-terms.tsv: duplicate reason "${r.reason}"`);
    seen.add(r.reason);
    const kinds = r.kind === '-' ? [] : (r.kind.split(',') as CasualtyKind[]);
    for (const k of kinds) if (!KINDS.has(k)) throw new Error(`casualty-terms.tsv: ${r.reason}: unknown kind ${k}`);
    const c = compileTemplate(r.pattern, { victimRe, gapWord, notThing }, r.reason);
    rules.push({
      index,
      reason: r.reason,
      kinds,
      value: r.value === '' || r.value === undefined ? null : Number(r.value),
      pattern: r.pattern,
      tags: r.tags ? r.tags.split(',').map((t) => t.trim()).filter(Boolean) : [],
      ...c,
    });
  });
  const byFirstWord = new Map<string, FirstWordRule[]>();
  for (const r of rules) for (const w of r.firstWords ?? []) byFirstWord.set(w, [...(byFirstWord.get(w) ?? []), { rule: r, alts: r.heads?.get(w) ?? null }]);
  const anchorIds = new Map<string, number>();
  for (const r of rules) for (const w of r.anchors ?? []) if (!anchorIds.has(w)) anchorIds.set(w, anchorIds.size);
  const anchorWords = [...anchorIds.keys()];
  const ruleAnchorIds = rules.map((r) => r.anchors?.map((w) => anchorIds.get(w)!) ?? null);
  const ruleAnchorMask = ruleAnchorIds.map((ids) => {
    if (!ids) return null;
    const mask = new Uint8Array(anchorIds.size);
    for (const id of ids) mask[id] = 1;
    return mask;
  });
  const subsetRe = new RegExp(`(?:^|[^\\p{L}])(?:${alt(subset)})${SEP}[وفبل]?$`, 'u');
  const wordRe = new RegExp(`(?:${alt([...byFirstWord.keys(), ...anchorWords])})${END}`, 'gu');
  // "قتل 15 طفلا وامرأتان", "13 من الحوثيين و9 من عناصر القوات": more victims of the same phrase
  const v = victimRe(['pl', 'sg'], null, true);
  const notOther = `(?!${SEP}[وفب]?(?:${alt(coordStop)})${END})`;
  const coordRe = new RegExp(
    `[\\s,]*و\\s?(?:(?<num>#+)(?!#)${notThing}[\\s"']*(?<victim>${v})|(?<dual>${victimRe(['du'], null, false)})|(?<sing>${victimRe(['sg'], null, false)}))${notOther}`,
    'dyu',
  );
  const requiredWords = [...new Set(rules.flatMap((r) => r.required.flat()))];
  const wordId = new Map(requiredWords.map((w, i) => [w, i]));
  const requiredIds = rules.map((r) => r.required.map((group) => group.map((w) => wordId.get(w)!)));
  COMPILED = {
    rules,
    byFirstWord,
    anchorIds,
    ruleAnchorIds,
    ruleAnchorMask,
    otherRules: rules.filter((r) => !r.firstWords),
    scratch: { anchorSeen: new Uint8Array(anchorIds.size), lastRequired: new Int32Array(requiredWords.length) },
    wordRe,
    wordTrie: backTrie(byFirstWord, anchorIds, requiredWords),
    victimHeads: victimHeads(forms.keys()),
    subsetRe,
    coordRe,
    forms,
    org,
    requiredWords,
    requiredIds,
  };
  return COMPILED;
}

/**
 * The first word of every victim form and من, as a trie read forwards: a victim phrase opens
 * with one of them (maybe with the article), or with a nisba (…يين, …يون, …يا). Null when a
 * form does not open with a word of Arabic letters (no pre-check then).
 */
function victimHeads(forms: Iterable<string>): LetterWordSet | null {
  const heads = new Set<string>(['من']);
  for (const form of forms) {
    let e = 0;
    while (wordCharAt(form, e)) e++;
    if (e === 0) return null;
    heads.add(form.slice(0, e));
  }
  return letterWordSet([...heads], false);
}

/** Is text[s, e) a word of the trie? */
function headAt(trie: LetterWordSet, text: string, s: number, e: number): boolean {
  let node = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i) - A0;
    if (c < 0 || c >= AN || !(node = trie.next[node * AN + c])) return false;
  }
  return trie.end[node] === 1;
}

/**
 * Can a victim phrase ({VICTIM}, {VSING}, {VDUAL}, {VSINGDEF}) start at q? Its first word (up
 * to where letters, digits and '#' end) is a victim form's first word, maybe with the article,
 * or من, or a nisba. Checked before running a rule's regex there.
 */
function victimCanStart(text: string, q: number): boolean {
  const heads = compiled().victimHeads;
  if (!heads) return true;
  let e = q;
  while (wordCharAt(text, e)) e++;
  if (e === q) return false;
  if (nisbaEnd(text, e)) return true;
  // as written, or after the article
  return headAt(heads, text, q, e) || (e - q > 2 && text.charCodeAt(q) === 0x0627 && text.charCodeAt(q + 1) === 0x0644 && headAt(heads, text, q + 2, e));
}

/** Does the word ending at e end in يين, يون or يا (a nisba)? */
function nisbaEnd(text: string, e: number): boolean {
  const last = text.charCodeAt(e - 1);
  const ya = 0x064a;
  if (last === 0x0627) return text.charCodeAt(e - 2) === ya;
  return (last === 0x0646 && text.charCodeAt(e - 3) === ya && (text.charCodeAt(e - 2) === ya || text.charCodeAt(e - 2) === 0x0648));
}

interface BackTrie {
  /** next[node * AN + letter] = child node, 0 = none (node 0 is the root). */
  next: Int32Array;
  /** The first word or anchor word ending at a node, read from its first letter, or null. */
  word: Array<string | null>;
  /** Per node with a first word: the rules that may start with it, else null. */
  firstRules: Array<FirstWordRule[] | null>;
  /** Per node: id of the anchor word ending there, or -1. */
  anchorId: Int32Array;
  /** Per node: id of the required word ending there, or -1. */
  requiredId: Int32Array;
}

/**
 * First words, anchor words and required words as one trie of their letters from the last one
 * back; null when a word is not all Arabic letters (wordRe and lastIndexOf then).
 */
function backTrie(byFirstWord: Map<string, FirstWordRule[]>, anchorIds: Map<string, number>, requiredWords: string[]): BackTrie | null {
  const trie = letterTrie([...byFirstWord.keys(), ...anchorIds.keys(), ...requiredWords], true);
  if (!trie) return null;
  const { next, size, nodeOf } = trie;
  const word: Array<string | null> = new Array<string | null>(size).fill(null);
  const firstRules: Array<FirstWordRule[] | null> = new Array<FirstWordRule[] | null>(size).fill(null);
  const anchorId = new Int32Array(size).fill(-1);
  const requiredId = new Int32Array(size).fill(-1);
  let k = 0;
  // nodeOf follows the order of the words given: first words, anchor words, required words
  for (const [w, rules] of byFirstWord) {
    word[nodeOf[k]] = w;
    firstRules[nodeOf[k++]] = rules;
  }
  for (const [w, id] of anchorIds) {
    word[nodeOf[k]] = w;
    anchorId[nodeOf[k++]] = id;
  }
  requiredWords.forEach((_, id) => (requiredId[nodeOf[k++]] = id));
  return { next, word, firstRules, anchorId, requiredId };
}

/** Is the code point at i a letter, digit or '#' (END's class)? False past the end. */
function wordCharAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c >= 0x0621 && c <= 0x064a) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 35) return true;
  if (c < 0x80) return false;
  return LETTER_OR_MASK.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** Where the words of a text's scan stand (see scanWords). */
interface WordHits {
  /** Starts of literal-first rules, ascending: position, first word, the rules opening with it. */
  firstAt: number[];
  firstWord: string[];
  firstRules: FirstWordRule[][];
  /** Anchor word occurrences, ascending: position and anchor id. */
  anchorAt: number[];
  anchorId: number[];
  /** Per anchor id: 1 when it occurs. */
  anchorSeen: Uint8Array;
  /**
   * Per required word id: the start of its last occurrence ending a word (-1: none). A required
   * literal in a match is followed by END or SEP, so it ends a word there: a position after the
   * last such occurrence of all of a group's words cannot match.
   */
  lastRequired: Int32Array;
}

function emptyHits(c: Compiled): WordHits {
  return {
    firstAt: [],
    firstWord: [],
    firstRules: [],
    anchorAt: [],
    anchorId: [],
    anchorSeen: c.scratch.anchorSeen.fill(0),
    lastRequired: c.scratch.lastRequired.fill(-1),
  };
}

/** Records a first word or anchor word w found at index. */
function addHit(hits: WordHits, c: Compiled, w: string, index: number, rules: FirstWordRule[] | null | undefined, anchor: number | undefined): void {
  if (anchor !== undefined && anchor >= 0) {
    hits.anchorAt.push(index);
    hits.anchorId.push(anchor);
    hits.anchorSeen[anchor] = 1;
  }
  if (rules) {
    hits.firstAt.push(index);
    hits.firstWord.push(w);
    hits.firstRules.push(rules);
  }
}

/**
 * The matches of `wordRe` (leftmost, non-overlapping, in order) without running it: a word of
 * the list followed by END must end where a run of letters, digits and '#' ends, so each run
 * gives at most one match, its longest suffix in the list. Reads back from every run end, and
 * on the way notes the required words ending there (lastRequired): one pass for both.
 */
function scanWords(text: string, c: Compiled, trie: BackTrie): WordHits {
  const hits = emptyHits(c);
  const n = text.length;
  const { next, word, requiredId } = trie;
  const last = hits.lastRequired;
  for (let e = 1; e <= n; e++) {
    // a word ends before e (tested once per character), in a letter some listed word ends with
    if (wordCharAt(text, e)) continue;
    const ch = text.charCodeAt(e - 1) - A0;
    if (ch < 0 || ch >= AN || !next[ch]) continue;
    let node = next[ch];
    let best = 0;
    for (let k = e - 1; ; ) {
      if (word[node] !== null) best = node;
      if (requiredId[node] >= 0) last[requiredId[node]] = k;
      if (--k < 0) break;
      const d = text.charCodeAt(k) - A0;
      if (d < 0 || d >= AN || !(node = next[node * AN + d])) break;
    }
    if (best) {
      const w = word[best]!;
      addHit(hits, c, w, e - w.length, trie.firstRules[best], trie.anchorId[best]);
    }
  }
  return hits;
}

/** scanWords without a trie: wordRe for the words, lastIndexOf for the required words (a looser but sound bound). */
function scanWordsWithRegex(text: string, c: Compiled): WordHits {
  const hits = emptyHits(c);
  c.wordRe.lastIndex = 0;
  for (let m; (m = c.wordRe.exec(text)); ) addHit(hits, c, m[0], m.index, c.byFirstWord.get(m[0]), c.anchorIds.get(m[0]));
  c.requiredWords.forEach((w, id) => (hits.lastRequired[id] = text.lastIndexOf(w)));
  return hits;
}

/** Splits a template on spaces outside () and {}. */
function splitTemplate(p: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of p) {
    if (ch === '(' || ch === '{') depth++;
    if (ch === ')' || ch === '}') depth--;
    if (ch === ' ' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** True when the token is one group "( … )" followed by "?". */
function wholeGroupOptional(tok: string): boolean {
  if (!tok.startsWith('(') || !tok.endsWith(')?')) return false;
  let depth = 0;
  for (let i = 0; i < tok.length - 1; i++) {
    if (tok[i] === '(') depth++;
    else if (tok[i] === ')') {
      depth--;
      if (depth === 0 && i !== tok.length - 2) return false;
    }
  }
  return true;
}

/** The first words of a token's alternatives when they are all letters ("(a|b c)" → a, b), or null. */
function plainAlternatives(body: string): string[] | null {
  const alts = literalAlternatives(body);
  return alts && alts.every((a) => /^\p{L}+$/u.test(a)) ? alts : null;
}

/** Literal alternatives of a simple token body ("(a|b c)" or "word"), or null. */
function literalAlternatives(body: string): string[] | null {
  const inner = body.startsWith('(') && body.endsWith(')') ? body.slice(1, -1) : body;
  if (/[()?*+[\]{}\\]/.test(inner)) return null;
  return inner.split('|').map((s) => s.split(' ')[0]);
}

/**
 * Per alternative of a literal token, its longest word (every word of an alternative is written
 * literally in a match, the longest is the rarest guess), or null when the token is not a plain
 * list of words.
 */
function requiredWords(tok: string): string[] | null {
  const inner = tok.startsWith('(') && tok.endsWith(')') ? tok.slice(1, -1) : tok;
  if (/[()?*+[\]{}\\]/.test(inner)) return null;
  const out: string[] = [];
  for (const alt of inner.split('|')) {
    const words = alt.split(' ').filter(Boolean);
    if (!words.length) return null;
    out.push(words.reduce((a, b) => (b.length > a.length ? b : a)));
  }
  return out;
}

function compileTemplate(
  pattern: string,
  env: { victimRe: (n: Array<VictimForm['number']>, c: string[] | null, from: boolean, definite?: boolean) => string; gapWord: string; notThing: string },
  reason: string,
): Pick<
  CasualtyRule,
  're' | 'start' | 'anchors' | 'firstWords' | 'heads' | 'next' | 'afterNumber' | 'firstIsNum' | 'firstIsLiteral' | 'firstIsVictim' | 'literalGroups' | 'required'
> {
  const toks = splitTemplate(normalizeArabic(pattern));
  let src = '';
  let startSrc = '';
  let anchors: string[] | null = null;
  let firstWords: string[] | null = null;
  let heads: Map<string, string[][]> | null = null;
  const literalGroups: string[] = [];
  const required: string[][] = [];
  let firstIsNum = false;
  let firstIsLiteral = false;
  let firstIsVictim = false;
  /** Per token: a victim phrase that must stand there (it cannot match nothing). */
  const victimAt: boolean[] = [];
  let afterNum = false;
  toks.forEach((tok, k) => {
    const macro = /^\{(!?)([A-Z]+)(\d*)(?::([a-z,]+))?\}(\?)?$/.exec(tok);
    let part: string;
    let optional = false;
    let joinless = false;
    if (macro) {
      const [, neg, name, n, cls, opt] = macro;
      optional = !!opt;
      const classes = cls ? cls.split(',') : null;
      if (name === 'NUM') {
        part = (k === 0 ? '' : '[وفبل]?') + `(?<num>#+)(?!#)${env.notThing}`;
        if (k === 0) firstIsNum = true;
      } else if (name === 'VICTIM' || name === 'VSING' || name === 'VDUAL' || name === 'VSINGDEF') {
        const numbers: Array<VictimForm['number']> = name === 'VICTIM' ? ['pl', 'sg'] : name === 'VDUAL' ? ['du'] : ['sg'];
        const re =
          name === 'VSINGDEF'
            ? env.victimRe(['sg'], classes ?? ['civilian', 'child', 'woman', 'combatant', 'security', 'detainee', 'nationality'], false, true)
            : env.victimRe(numbers, classes, name === 'VICTIM');
        if (neg) {
          part = `(?!${SEP}${re})`;
          joinless = true;
        } else {
          part = `(?<victim>${re})`;
          // a victim phrase that cannot be empty opens with a word victimCanStart knows
          if (!optional && !new RegExp(`^(?:${re})$`, 'u').test('')) {
            victimAt[k] = true;
            if (k === 0) firstIsVictim = true;
          }
        }
      } else if (name === 'ATLEAST') {
        // "، على الأقل،" between the victims and the verb
        part = `(?:[\\s"',]*علي${SEP}الاقل,?)?`;
        joinless = true;
      } else if (name === 'GAP') {
        part = `(?:${SEP}${env.gapWord}){0,${n || 2}}`;
        joinless = true;
      } else throw new Error(`casualty-terms.tsv: ${reason}: unknown macro ${tok}`);
    } else {
      optional = wholeGroupOptional(tok);
      const body = (optional ? tok.slice(0, -1) : tok).replace(/ /g, SEP);
      const g = `t${literalGroups.length}`;
      literalGroups.push(g);
      // the first word's proclitics are checked in code so the engine can scan for the word itself
      part = (k === 0 ? '' : PREFIX) + `(?<${g}>${body})${END}`;
      if (k > 0 && !optional) {
        const words = requiredWords(tok);
        if (words) required.push(words);
      }
      if (k === 0) {
        firstIsLiteral = true;
        firstWords = literalAlternatives(tok);
        if (firstWords) {
          heads = new Map();
          for (const a of (tok.startsWith('(') && tok.endsWith(')') ? tok.slice(1, -1) : tok).split('|')) {
            const [w, ...rest] = a.split(' ');
            heads.set(w, [...(heads.get(w) ?? []), rest]);
          }
        }
      }
      if (!optional && !anchors) anchors = literalAlternatives(tok);
    }
    // a noun may be glued to the figure before it ("17رجلا")
    const sep = afterNum ? `[\\s"']*` : SEP;
    if (k === 0) src = startSrc = part;
    else if (joinless) src += part;
    else if (optional) src += `(?:${sep}${part})?`;
    else src += sep + part;
    if (!joinless) afterNum = !!macro && macro[2] === 'NUM';
  });
  let re: RegExp;
  let start: RegExp | null = null;
  try {
    re = new RegExp(src, 'dyu');
    // the start regex needs no named groups
    if (!firstIsNum) start = new RegExp(startSrc.replace(/\(\?<[a-z0-9]+>/g, '(?:'), 'gu');
  } catch (e) {
    throw new Error(`casualty-terms.tsv: ${reason}: bad pattern (${(e as Error).message})`);
  }
  // after a literal first token: literal tokens (optional ones, then a required one) follow it
  // with SEP between; any macro before a required literal leaves the next word open; or a victim
  // phrase; or a number ([وفبل]?#), maybe after a gap
  let next: NextToken | null = null;
  if (firstIsLiteral && firstWords) {
    const words: string[] = [];
    const gap = /^\{GAP(\d*)\}$/.exec(toks[1] ?? '');
    if (victimAt[1]) next = { kind: 'victim' };
    else if (toks[1] === '{NUM}') next = { kind: 'number', gap: 0 };
    else if (gap && toks[2] === '{NUM}') next = { kind: 'number', gap: Number(gap[1] || 2) };
    else
      for (const tok of toks.slice(1)) {
        if (tok.startsWith('{')) break;
        const optional = wholeGroupOptional(tok);
        const alts = plainAlternatives(optional ? tok.slice(0, -1) : tok);
        if (!alts) break;
        words.push(...alts);
        if (!optional) {
          next = { kind: 'words', words: new Set(words) };
          break;
        }
      }
  }
  // after an opening number: optional victim phrases, {ATLEAST} (على الاقل), {!VICTIM} (it reads
  // nothing) and optional literals, then a required literal or victim phrase
  let afterNumber: AfterNumber | null = null;
  if (firstIsNum) {
    const words: string[] = [];
    let victim = false;
    for (let k = 1; k < toks.length; k++) {
      const tok = toks[k];
      if (victimAt[k]) {
        afterNumber = { words: new Set(words), victim: true };
        break;
      }
      if (/^\{(?:VICTIM|VSING|VDUAL|VSINGDEF)(?::[a-z,]+)?\}\?$/.test(tok)) victim = true;
      else if (tok === '{ATLEAST}') words.push(normalizeArabic('على'));
      else if (/^\{!VICTIM(?::[a-z,]+)?\}$/.test(tok)) continue;
      else if (tok.startsWith('{')) break;
      else {
        const optional = wholeGroupOptional(tok);
        const alts = plainAlternatives(optional ? tok.slice(0, -1) : tok);
        if (!alts) break;
        words.push(...alts);
        if (!optional) {
          afterNumber = { words: new Set(words), victim };
          break;
        }
      }
    }
  }
  return { re, start, anchors, firstWords, heads, next, afterNumber, firstIsNum, firstIsLiteral, firstIsVictim, literalGroups, required };
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Candidate {
  rule: CasualtyRule;
  /** Normalized spans. */
  s: number;
  e: number;
  ts: number;
  te: number;
  num: NormNumber | null;
  victim: string | null;
  /** Victims joined by و to the phrase of another candidate (value from num, or 1 / 2). */
  coordinated?: number | null;
}

/**
 * Victims joined by و right after a casualty phrase with a named victim: "قتل 15 طفلا
 * وامرأتان" gives 2 more killed, "13 من الحوثيين و9 من عناصر القوات" 9 more. Not after
 * generic victims ("و5 آخرين" usually starts another clause) nor before a word of another
 * casualty kind ("و3 مدنيين بجروح").
 */
function coordinated(accepted: Candidate[], masked: string, byStart: Map<number, NormNumber>, ntext: string): Candidate[] {
  const { coordRe, forms } = compiled();
  const out: Candidate[] = [];
  const taken = new Set(accepted.map((c) => c.num).filter(Boolean));
  const starts = accepted.map((c) => c.s);
  for (const c of accepted) {
    if (!c.victim || !c.rule.kinds.length || c.rule.tags.includes('negated') || c.rule.tags.includes('ambiguous')) continue;
    let at = c.e;
    for (let guard = 0; guard < 4; guard++) {
      coordRe.lastIndex = at;
      const m = coordRe.exec(masked);
      if (!m) break;
      const g = m.indices!.groups!;
      const vs = g.victim ?? g.dual ?? g.sing;
      const victim = ntext.slice(vs[0], vs[1]);
      if (describeVictim(victim, forms).cls === 'generic') break;
      const num = g.num ? (byStart.get(g.num[0]) ?? null) : null;
      if (g.num && (!num || taken.has(num))) break;
      // another phrase starts inside: leave it to that phrase
      if (starts.some((s) => s >= at && s < m.index + m[0].length)) break;
      const value = num ? num.value : g.dual ? 2 : 1;
      const s = g.num ? g.num[0] : vs[0];
      out.push({ rule: c.rule, s, e: m.index + m[0].length, ts: c.ts, te: c.te, num, victim, coordinated: value });
      if (num) taken.add(num);
      at = m.index + m[0].length;
    }
  }
  return out;
}

/** How far before its anchor word a rule that opens with a victim phrase may start. */
const BACK_WINDOW = 60;
/** How far after a number the anchor word of a rule that opens with the number may stand. */
const FORWARD_WINDOW = 120;
const LETTER_OR_MASK = /[\p{L}\p{N}#]/u;

/**
 * Is a match starting at k (a literal word) preceded only by proclitics and a word boundary?
 * Returns where the phrase starts (an article belongs to it: "القبض"; و ف ب ل ك do not) or -1.
 */
function literalBoundary(text: string, k: number): number {
  // the word starts at most 4 letters back (و + ب + ال); what lies between must be a proclitic
  let ws = k;
  while (ws > 0 && k - ws <= 4 && isWordChar(text, ws - 1)) ws--;
  if (ws > 0 && isWordChar(text, ws - 1)) return -1;
  if (ws === k) return k;
  const p = text.slice(ws, k);
  if (!PREFIX_SET.has(p)) return -1;
  return p.endsWith('ال') ? k - 2 : k;
}

/** Letter, digit or number mask at i (Arabic and ASCII by code, other scripts by \p{L}). */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 0x0621 && c <= 0x064a) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 35) return true;
  if (c < 0x80) return false;
  return LETTER_OR_MASK.test(text[i]);
}

/** Is a match starting with a number at k preceded by a boundary (or a lone و ف ب ل)? */
function numberBoundary(text: string, k: number): boolean {
  if (k === 0 || !isWordChar(text, k - 1)) return true;
  return 'وفبل'.includes(text[k - 1]) && (k === 1 || !isWordChar(text, k - 2));
}

/** State of one findCasualties call shared by the rule runs. */
interface MatchContext {
  masked: string;
  ntext: string;
  byStart: Map<number, NormNumber>;
  /** Per rule: where its last match ended (a rule's matches do not overlap). */
  next: number[];
  cands: Candidate[];
  /** Per required word id, its last occurrence in `masked` (WordHits.lastRequired). */
  lastRequired: Int32Array;
}

/** Can a match at k have every required literal of the rule (one of its words at or after k)? */
function requiredAfter(ctx: MatchContext, rule: CasualtyRule, k: number): boolean {
  const last = ctx.lastRequired;
  for (const group of compiled().requiredIds[rule.index]) {
    let found = false;
    for (const id of group) {
      if (last[id] >= k) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** A character of SEP ([\s"']). */
function isSepCode(c: number): boolean {
  return c === 34 || c === 39 || isSpaceCode(c);
}

/**
 * Can the first token of a literal-first rule match at k, where its first word w stands? Only
 * the alternatives opening with w can (w ends where its word ends), and a several-word one
 * needs its further words after SEP ("من دون"): checked here before the rule's regex is run.
 */
function headFits({ rule, alts }: FirstWordRule, w: string, text: string, k: number): boolean {
  if (!alts) return true;
  for (const rest of alts) {
    let pos = k + w.length;
    let ok = true;
    for (const word of rest) {
      const from = pos;
      while (pos < text.length && isSepCode(text.charCodeAt(pos))) pos++;
      if (pos === from || !text.startsWith(word, pos)) {
        ok = false;
        break;
      }
      pos += word.length;
    }
    if (ok && nextFits(rule, text, pos)) return true;
  }
  return false;
}

/** After the first token (ending at pos): what rule.next says. */
function nextFits(rule: CasualtyRule, text: string, pos: number): boolean {
  const next = rule.next;
  if (!next) return true;
  if (next.kind === 'number' && next.gap > 0) return numberAfterGap(text, pos, next.gap);
  let q = pos;
  while (q < text.length && isSepCode(text.charCodeAt(q))) q++;
  if (q === pos) return false;
  if (next.kind === 'victim') return victimCanStart(text, q);
  if (next.kind === 'number') return numberAt(text, q);
  return wordWithProclitics(text, q, next.words);
}

/** Is the word starting at q proclitics (PREFIX_SET, at most 4 letters) and one of words? */
function wordWithProclitics(text: string, q: number, words: Set<string>): boolean {
  let e = q;
  while (wordCharAt(text, e)) e++;
  if (e === q) return false;
  const run = text.slice(q, e);
  if (words.has(run)) return true;
  for (let p = 1; p <= 4 && p < run.length; p++) if (PREFIX_SET.has(run.slice(0, p)) && words.has(run.slice(p))) return true;
  return false;
}

/** Does a number mask start at q, maybe after a proclitic ([وفبل]?#, as {NUM} after another token)? */
function numberAt(text: string, q: number): boolean {
  const c = text.charCodeAt(q);
  return c === 35 || ((c === 0x0648 || c === 0x0641 || c === 0x0628 || c === 0x0644) && text.charCodeAt(q + 1) === 35);
}

/**
 * Can `(?:SEP gapWord){0,gap} SEP [وفبل]?#` ({GAPn} {NUM}) match at pos? A necessary condition:
 * the first '#' comes before any character neither SEP nor a gap word holds (,.;:!?()), with
 * at most gap + 1 words before it (the last may be the proclitic); words are split at spaces
 * and '"', which a gap word cannot hold ("'" can be in one, so it splits nothing).
 */
function numberAfterGap(text: string, pos: number, gap: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return true;
    if (c === 39) continue;
    if (isSepCode(c)) inWord = false;
    else if (c === 44 || c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41) return false;
    else if (!inWord) {
      inWord = true;
      if (++words > gap + 1) return false;
    }
  }
  return false;
}

/** After the number opening a match at k: what rule.afterNumber says. */
function afterNumberFits(rule: CasualtyRule, text: string, k: number): boolean {
  const after = rule.afterNumber;
  if (!after) return true;
  let q = k;
  while (text.charCodeAt(q) === 35) q++;
  // [\s"']* before a token after the number, [\s"',]* before {ATLEAST}
  while (q < text.length && (isSepCode(text.charCodeAt(q)) || text.charCodeAt(q) === 44)) q++;
  return (after.victim && victimCanStart(text, q)) || wordWithProclitics(text, q, after.words);
}

/** Runs a rule at position k of the masked text and records its candidate. */
function tryAt(ctx: MatchContext, rule: CasualtyRule, k: number): void {
  if (k < ctx.next[rule.index]) return;
  const from = rule.firstIsNum ? (numberBoundary(ctx.masked, k) ? k : -1) : literalBoundary(ctx.masked, k);
  if (from < 0) return;
  if (rule.firstIsVictim && !victimCanStart(ctx.masked, k)) return;
  if (rule.afterNumber && !afterNumberFits(rule, ctx.masked, k)) return;
  if (rule.required.length && !requiredAfter(ctx, rule, k)) return;
  rule.re.lastIndex = k;
  const m = rule.re.exec(ctx.masked);
  if (!m) return;
  const c = candidate(rule, m, from, ctx.byStart, ctx.ntext);
  if (!c) return;
  ctx.cands.push(c);
  ctx.next[rule.index] = c.e;
}

/** A candidate from a rule's match at k (phrase starting at `from`), or null. */
function candidate(rule: CasualtyRule, m: RegExpExecArray, from: number, byStart: Map<number, NormNumber>, ntext: string): Candidate | null {
  const k = m.index;
  const g = m.indices!.groups ?? {};
  let ts = Infinity;
  let te = -1;
  for (const name of rule.literalGroups) {
    const span = g[name];
    if (!span) continue;
    ts = Math.min(ts, span[0]);
    te = Math.max(te, span[1]);
  }
  const numSpan = g.num;
  const num = numSpan ? (byStart.get(numSpan[0]) ?? null) : null;
  // the mask run starts inside another mention (two mentions glued): no figure here
  if (numSpan && !num) return null;
  const vs = g.victim;
  if (ts === Infinity) {
    ts = numSpan ? numSpan[0] : k;
    te = numSpan ? numSpan[1] : k + m[0].length;
  } else if (from < k && ts === k) ts = from;
  return { rule, s: from, e: k + m[0].length, ts, te, num, victim: vs ? ntext.slice(vs[0], vs[1]) : null };
}

/**
 * Casualty figures of a text, spans in the original text.
 * @example findCasualties('مقتل 5 أشخاص وإصابة 3 آخرين') → killed 5, injured 3
 */
export function findCasualties(text: string, normalized?: NormalizedText): CasualtyMention[] {
  const { rules, forms } = compiled();
  // callers that already tokenized pass the normalized text instead of paying for it again
  const norm = normalized ?? normalizeWithOffsets(text);
  const nums = findNumbersNormalized(norm.text);
  // mask countable numbers with '#' (same length, so offsets stay put)
  const byStart = new Map<number, NormNumber>();
  const starts: number[] = [];
  let masked = '';
  let last = 0;
  for (const m of nums) {
    if (!isCount(m) || (m.value === null && !m.vague)) continue;
    masked += norm.text.slice(last, m.nstart) + '#'.repeat(m.nend - m.nstart);
    last = m.nend;
    byStart.set(m.nstart, m);
    starts.push(m.nstart);
  }
  masked += norm.text.slice(last);
  // where literal-first rules may start, where anchor words occur and where required words last
  // end (one scan of the text: much faster than trying every rule everywhere)
  const c = compiled();
  const hits = c.wordTrie ? scanWords(masked, c, c.wordTrie) : scanWordsWithRegex(masked, c);
  const { anchorAt, anchorId, anchorSeen } = hits;
  const cands: Candidate[] = [];
  const ctx: MatchContext = { masked, ntext: norm.text, byStart, next: new Array<number>(rules.length).fill(0), cands, lastRequired: hits.lastRequired };
  for (let i = 0; i < hits.firstAt.length; i++) {
    const k = hits.firstAt[i];
    const w = hits.firstWord[i];
    // the array lookups of tryAt before the string checks of headFits
    for (const fr of hits.firstRules[i]) if (k >= ctx.next[fr.rule.index] && requiredAfter(ctx, fr.rule, k) && headFits(fr, w, masked, k)) tryAt(ctx, fr.rule, k);
  }
  for (const rule of c.otherRules) {
    const ids = c.ruleAnchorIds[rule.index];
    const mine = c.ruleAnchorMask[rule.index];
    if (ids && !anyOf(ids, anchorSeen)) continue;
    if (rule.firstIsNum) {
      // only numbers with one of the rule's anchor words shortly after them
      if (!mine) {
        for (const k of starts) tryAt(ctx, rule, k);
        continue;
      }
      // some anchor word of the rule after k and less than FORWARD_WINDOW away: the nearest one
      // after k (starts and anchor positions ascend, so one pointer walks the anchors)
      let j = 0;
      for (const k of starts) {
        while (j < anchorAt.length && (anchorAt[j] <= k || !mine[anchorId[j]])) j++;
        if (j < anchorAt.length && anchorAt[j] - k < FORWARD_WINDOW) tryAt(ctx, rule, k);
      }
    } else if (mine) {
      // a rule opening with a victim noun: try the few word starts just before its anchor word
      // (where windows overlap, a start is tried once: trying it again gives the same result)
      let done = 0;
      for (let j = 0; j < anchorAt.length; j++) {
        if (!mine[anchorId[j]]) continue;
        const p = anchorAt[j];
        for (let k = Math.max(done, p - BACK_WINDOW, 0); k < p; k++) if (k === 0 || (!isWordChar(masked, k - 1) && isWordChar(masked, k))) tryAt(ctx, rule, k);
        done = p;
      }
    } else if (rule.start) {
      const st = rule.start;
      st.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = st.exec(masked))) {
        tryAt(ctx, rule, m.index);
        if (m[0].length === 0) st.lastIndex++;
      }
    }
  }

  // "بينهم 4 أطفال": a part of a figure already given, not a figure of its own
  const { subsetRe } = compiled();
  for (let i = cands.length - 1; i >= 0; i--) {
    const n = cands[i].num;
    if (n && subsetRe.test(masked.slice(Math.max(0, n.nstart - 16), n.nstart))) cands.splice(i, 1);
  }

  // earlier rows win; then the leftmost
  cands.sort((a, b) => a.rule.index - b.rule.index || a.s - b.s);
  const accepted: Candidate[] = [];
  for (const c of cands) {
    const clash = accepted.some(
      (a) =>
        (c.num && a.num === c.num) ||
        (c.ts < a.te && a.ts < c.te) ||
        ((!c.num || !a.num) && c.s < a.e && a.s < c.e),
    );
    if (!clash) accepted.push(c);
  }
  accepted.sort((a, b) => a.s - b.s);
  const extra = coordinated(accepted, masked, byStart, norm.text);

  const out: CasualtyMention[] = [];
  for (const c of [...accepted, ...extra].sort((a, b) => a.s - b.s)) {
    if (!c.rule.kinds.length) continue;
    const whole = originalSpan(norm, text, c.s, c.e);
    const term = originalSpan(norm, text, c.ts, c.te);
    const numberSpan = c.num ? originalSpan(norm, text, c.num.nstart, c.num.nend) : undefined;
    const v = c.victim ? describeVictim(c.victim, forms) : null;
    const negated = c.rule.tags.includes('negated');
    const value = c.coordinated !== undefined ? c.coordinated : c.rule.value !== null ? c.rule.value : (c.num?.value ?? null);
    const tags = [`rule/${c.rule.reason}`, ...c.rule.tags.filter((t) => t !== 'negated'), ...(c.coordinated !== undefined ? ['coordinated'] : [])];
    if (c.num?.qualifier) tags.push(`qualifier/${c.num.qualifier}`);
    if (c.num?.vague) tags.push(c.num.value === null ? 'vague' : 'range');
    if (v?.cls === 'family') tags.push('families');
    for (const kind of c.rule.kinds) {
      out.push({
        kind,
        value: value !== null && !Number.isInteger(value) ? Math.round(value) : value,
        ...(c.num?.vague ? { vague: { ...c.num.vague } } : {}),
        start: whole.start,
        end: whole.end,
        ...(numberSpan ? { numberSpan } : {}),
        termSpan: term,
        ...(v?.side ? { side: v.side } : {}),
        ...(negated ? { negated: true } : {}),
        rule: c.rule.reason,
        tags: [...tags],
      });
    }
  }
  return out;
}

/** Is seen[id] set for some id of ids? */
function anyOf(ids: number[], seen: Uint8Array): boolean {
  for (const id of ids) if (seen[id]) return true;
  return false;
}

/** Class and side text of a matched victim phrase (normalized text). */
function describeVictim(phrase: string, forms: Map<string, VictimForm>): { cls: string; side?: string } {
  const clean = phrase.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  const f = victimForm(clean, forms);
  if (!f) return { cls: 'nisba', side: clean };
  if (f.form.cls === 'generic' && !f.name.length) return { cls: 'generic' };
  return { cls: f.form.cls, side: clean };
}

/** The victim noun of a phrase and the group words after it ("من عناصر تنظيم داعش"). */
function victimForm(clean: string, forms: Map<string, VictimForm>): { form: VictimForm; name: string[] } | null {
  const words = clean.split(' ');
  let i = 0;
  if (words[i] === 'من') i++;
  if (words[i] === 'بين') i++;
  for (; i < words.length; i++) {
    const w = words[i];
    const f = forms.get(w) ?? (w.startsWith('ال') ? forms.get(w.slice(2)) : undefined);
    if (f) return { form: f, name: words.slice(i + 1).filter((x) => x !== 'من') };
    // multi-word forms ("رجال الشرطة")
    const two = `${w} ${words[i + 1] ?? ''}`;
    const f2 = forms.get(two);
    if (f2) return { form: f2, name: words.slice(i + 2).filter((x) => x !== 'من') };
    break;
  }
  return null;
}

/**
 * Key of a side for adding per-side figures: the group named ("داعش" for "من عناصر تنظيم
 * داعش"), else the noun's side key ("civilian" for مدنيين/مدنيا/المدنيين); '' when no side.
 */
export function sideKey(side: string | undefined): string {
  if (!side) return '';
  const { forms, org } = compiled();
  const clean = normalizeArabic(side).replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  const f = victimForm(clean, forms);
  const strip = (w: string) => (w.length > 3 && w.startsWith('ال') ? w.slice(2) : w);
  // nisba: فلسطينيين / الفلسطينيين / فلسطينيا / فلسطيني / فلسطينيان → فلسطين
  const nisba = (w: string) => strip(w).replace(/(?:يين|يون|يان|يا|ي)$/, '');
  if (!f) return nisba(clean.split(' ').pop()!);
  if (f.form.key === 'self') return nisba(f.form.form);
  const name = f.name.filter((w) => !org.has(w) && !org.has(strip(w))).map(strip);
  if (f.form.named && name.length) return name.join(' ');
  if (f.form.cls === 'generic') return '';
  return f.form.key;
}

/** Child and woman victims are part of the civilians: dropped when civilians are counted. */
const SUBSET_OF: Record<string, string> = { child: 'civilian', woman: 'civilian', man: 'civilian' };

/**
 * Total of one kind of casualty for one statement (CODING.md "Fatalities"): figures for
 * different sides are added (175 من عناصر داعش + 27 من مقاتلي قسد = 202); a figure repeated
 * for the same side counts once; conflicting figures for one side give the lowest, except toll
 * updates ("ارتفاع حصيلة القتلى إلى") which give the highest; an unsided total larger than the
 * per-side sum wins; only an explicit "no casualties" gives 0; vague or no figures give null.
 */
export function sumPerSide(mentions: CasualtyMention[], kind: CasualtyKind = 'killed'): number | null {
  const ms = mentions.filter((m) => m.kind === kind);
  const exact = ms.filter((m) => m.value !== null && !m.negated);
  // an ambiguous "killed and injured" figure is not a death toll (conservative: null when alone)
  const clear = exact.filter((m) => !m.tags.includes('ambiguous'));
  if (!clear.length) return exact.length ? null : ms.some((m) => m.negated) ? 0 : null;
  const use = clear;
  const groups = new Map<string, CasualtyMention[]>();
  for (const m of use) {
    const k = sideKey(m.side);
    const list = groups.get(k) ?? [];
    list.push(m);
    groups.set(k, list);
  }
  const figure = (list: CasualtyMention[]) => {
    const updates = list.filter((m) => m.tags.includes('toll-update'));
    return updates.length ? Math.max(...updates.map((m) => m.value!)) : Math.min(...list.map((m) => m.value!));
  };
  for (const [k, parent] of Object.entries(SUBSET_OF)) if (groups.has(k) && (groups.has(parent) || groups.has(''))) groups.delete(k);
  const unsided = groups.has('') ? figure(groups.get('')!) : null;
  groups.delete('');
  let sided = 0;
  for (const list of groups.values()) sided += figure(list);
  if (unsided === null) return sided;
  return Math.max(unsided, sided);
}
