/**
 * @module text/phrase-matcher
 * Longest-match lookup of dictionary phrases (actors, places, triggers) over tokens, with
 * proclitics allowed on the first word and quotes allowed between words
 * (تنظيم “داعش”). Every match is mapped back to spans of the original text.
 */
import { normalizeArabic } from './normalize.ts';
import { stripArticle, stemStart, type CliticReading, type Token, type TokenizedText } from './tokenize.ts';
import { KeyFilter, keyHash } from './key-filter.ts';

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

export interface PhraseMatch<T> {
  /** Token range [startToken, endToken). */
  startToken: number;
  endToken: number;
  /** Whole span, proclitics included (evidence). */
  start: number;
  end: number;
  /** Where the name starts once proclitics are removed (SPEC `text` fields). */
  stemStart: number;
  /** The name as written, without attached proclitics. */
  text: string;
  values: T[];
  /** Normalized proclitic letters stripped from the first word, and that word's matching key. */
  cliticLength?: number;
  firstKey?: string;
}

const SKIPPABLE = new Set(['"', "'", '«', '»', '(', ')', '-', '`']);

/** Splits a dictionary phrase into matching keys (normalized, definite article removed). */
export function phraseKeys(phrase: string): string[] {
  return normalizeArabic(phrase)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => stripArticle(w));
}

export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };
  private count = 0;
  /** Bit filter over the first keys (rebuilt when phrases were added since): most words start no phrase. */
  private firstKeys: KeyFilter | null = null;
  private firstKeysCount = -1;

  /** Adds a phrase; a phrase can carry several values (ambiguous names). */
  add(phrase: string, value: T): void {
    this.addKeys(phraseKeys(phrase), value);
  }

  /** Adds a phrase already split into keys (as `phraseKeys` gives them): for prebuilt indexes. */
  addKeys(keys: readonly string[], value: T): void {
    if (!keys.length) return;
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(k, child);
      }
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  private firstKeyFilter(): KeyFilter {
    if (this.firstKeys && this.firstKeysCount === this.count) return this.firstKeys;
    const f = new KeyFilter(this.root.next.size);
    for (const k of this.root.next.keys()) f.addHash(keyHash(k));
    this.firstKeysCount = this.count;
    return (this.firstKeys = f);
  }

  /** Whether a phrase may start with a key of this hash (false: certainly none does). */
  mayStart(hash: number): boolean {
    return this.firstKeyFilter().mayHave(hash);
  }

  /** Whether a phrase may start at token i (false: matchAt(t, i) is certainly null); a cheap test for loops over every token. */
  mayStartAt(t: TokenizedText, i: number): boolean {
    const tok = t.tokens[i];
    return tok !== undefined && tok.kind !== 'punct' && mayStartAny(this.firstKeyFilter(), tok.readings);
  }

  /** Longest match starting at token i, or null. */
  matchAt(t: TokenizedText, i: number): PhraseMatch<T> | null {
    const first = t.tokens[i];
    if (!first || first.kind === 'punct') return null;
    const filter = this.firstKeyFilter();
    let best: PhraseMatch<T> | null = null;
    for (const reading of first.readings) {
      if (!filter.mayHave(reading.hash)) continue;
      const node0 = this.root.next.get(reading.key);
      if (!node0) continue;
      let node = node0;
      let j = i + 1;
      let lastEnd = i + 1;
      let lastNode: TrieNode<T> | null = node0.values.length ? node0 : null;
      let lastEndTok = i + 1;
      while (j < t.tokens.length) {
        let tok = t.tokens[j];
        // quotes and brackets between the words of a name: تنظيم “داعش”
        while (tok && tok.kind === 'punct' && SKIPPABLE.has(tok.norm) && j + 1 < t.tokens.length) tok = t.tokens[++j];
        if (!tok || tok.kind === 'punct') break;
        const child = node.next.get(tok.key);
        if (!child) break;
        node = child;
        j++;
        lastEnd = j;
        if (node.values.length) {
          lastNode = node;
          lastEndTok = lastEnd;
        }
      }
      if (!lastNode) continue;
      if (!best || lastEndTok > best.endToken) {
        const endTok = t.tokens[lastEndTok - 1];
        const ss = stemStart(t, first, reading.cliticLength);
        best = {
          startToken: i,
          endToken: lastEndTok,
          start: first.start,
          end: endTok.end,
          stemStart: ss,
          // "للأمم المتحدة" names "الأمم المتحدة": give the article its alef back
          text: (reading.restoresArticle ? 'ا' : '') + t.original.slice(ss, endTok.end),
          values: lastNode.values,
          cliticLength: reading.cliticLength,
          firstKey: reading.key,
        };
      }
    }
    return best;
  }

  /** All non-overlapping longest matches, left to right. */
  findAll(t: TokenizedText, from = 0, to = t.tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const filter = this.firstKeyFilter();
    const tokens = t.tokens;
    for (let i = from; i < to; ) {
      // matchAt's first test, inline: most tokens start no phrase of the matcher
      const tok = tokens[i];
      if (tok === undefined || tok.kind === 'punct' || !mayStartAny(filter, tok.readings)) {
        i++;
        continue;
      }
      const m = this.matchAt(t, i);
      if (m && m.endToken <= to) {
        out.push(m);
        i = m.endToken;
      } else i++;
    }
    return out;
  }
}

/** Whether some reading's key may start a phrase (the filter's answer for matchAt's loop). */
function mayStartAny(filter: KeyFilter, readings: readonly CliticReading[]): boolean {
  for (let k = 0; k < readings.length; k++) if (filter.mayHave(readings[k].hash)) return true;
  return false;
}

/** Token at or after an original offset (binary search). */
export function tokenAtOffset(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
