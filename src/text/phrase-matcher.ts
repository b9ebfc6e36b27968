/**
 * @module text/phrase-matcher
 * Longest-match lookup of dictionary phrases (actors, places, triggers) over tokens, with
 * proclitics allowed on the first word and quotes allowed between words
 * (تنظيم “داعش”). Every match is mapped back to spans of the original text.
 */
import { normalizeArabic } from './normalize.ts';
import { stripArticle, stemStart, type CliticReading, type Token, type TokenizedText } from './tokenize.ts';
import { KeyFilter, keyHash } from './key-filter.ts';

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

/** Integers per edge-table slot (key hash, parent, child field, key's pool offset): 16 bytes, so a slot never straddles a cache line. */
const STRIDE = 4;
const ROOT = 0;

/** Slot of an edge (parent, key hash); root edges sit at the key's own hash, like the first-key filter's bits. */
function edgeSlot(parent: number, hash: number, mask: number): number {
  let h = hash ^ Math.imul(parent, 0x9e3779b1);
  h ^= h >>> 15;
  return h & mask;
}

/** The child field: (child id + 1) << CHILD_SHIFT (0: empty slot), with these bits below. */
const ENDS = 1;
const HAS_CHILDREN = 2;
const CHILD_SHIFT = 2;

/** Child node of an edge slot. */
function childOf(edges: Int32Array, slot: number): number {
  return (edges[slot + 2] >> CHILD_SHIFT) - 1;
}

/** Whether phrases end at the child of an edge slot. */
function endsAt(edges: Int32Array, slot: number): boolean {
  return (edges[slot + 2] & ENDS) !== 0;
}

/** Whether the child of an edge slot goes on (most gazetteer names are one word: no probe for the next). */
function goesOn(edges: Int32Array, slot: number): boolean {
  return (edges[slot + 2] & HAS_CHILDREN) !== 0;
}

/**
 * Which matchers may start a phrase at each token, for all matchers at once. Every stage runs its matchers over
 * every token (places, actors, roles, triggers, modality, cues…): testing each matcher's filter against a
 * token's readings reloaded the same token and reading objects about ten times a document. Instead, the first
 * test on a token list computes one bit per shared matcher and token in one pass; later tests read a bit.
 * Small matchers share one table of bits per key-hash bucket; big ones (the gazetteer) test their own filter in
 * that pass. The first SHARED_MATCHERS matchers used get a bit (a process builds about a dozen); later ones
 * test their own filter per token as before.
 */
const SHARED_MATCHERS = 16;
/** Matchers with more first keys than this test their own filter in the pass (the shared table would fill up). */
const SMALL_FIRST_KEYS = 4096;
/** Small enough to stay in the first-level cache between documents; a false "maybe" costs one filter test in matchAt. */
const UNION_BUCKETS = 1 << 13;
/** Bucket (key hash & UNION_BUCKETS - 1) → bits of the small matchers with a first key there. */
const unionBits = new Uint16Array(UNION_BUCKETS);
const bigMatchers: { bit: number; matcher: PhraseMatcher<unknown> }[] = [];
let sharedCount = 0;
/** Bumped whenever a shared matcher's first keys change: masks computed before are stale. */
let sharedVersion = 0;

/**
 * Masks of the two token lists asked for last (a document's text and its headline alternate); a list whose
 * masks were dropped gets them again in one pass. The version tells masks computed before a change apart.
 */
let tokensA: readonly Token[] | null = null;
let masksA: Uint16Array = new Uint16Array(0);
let tokensB: readonly Token[] | null = null;
let masksB: Uint16Array = new Uint16Array(0);
let masksVersion = -1;

/** Per token, the bits of the shared matchers that may start a phrase there (0 for marks). */
function startMasks(tokens: readonly Token[]): Uint16Array {
  if (masksVersion !== sharedVersion) {
    tokensA = tokensB = null;
    masksVersion = sharedVersion;
  }
  if (tokens === tokensA && masksA.length === tokens.length) return masksA;
  const masks = tokens === tokensB && masksB.length === tokens.length ? masksB : computeStartMasks(tokens);
  // A: the list asked for last, B: the one before
  tokensB = tokensA;
  masksB = masksA;
  tokensA = tokens;
  masksA = masks;
  return masks;
}

function computeStartMasks(tokens: readonly Token[]): Uint16Array {
  const masks = new Uint16Array(tokens.length);
  const big = bigMatchers.map((b) => ({ bit: b.bit, filter: b.matcher.startFilter() }));
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.kind === 'punct') continue;
    let m = 0;
    const readings = tok.readings;
    for (let k = 0; k < readings.length; k++) {
      const h = readings[k].hash;
      m |= unionBits[h & (UNION_BUCKETS - 1)];
      for (let b = 0; b < big.length; b++) if (big[b].filter.mayHave(h)) m |= big[b].bit;
    }
    masks[i] = m;
  }
  return masks;
}

/**
 * The trie is flat: node ids index `values`, and every edge (parent, key) → child is one slot of an
 * open-addressing table of 32-bit integers keyed by the key's hash, which every token reading already carries.
 * A slot holds the hash, the parent, the child (with a bit: phrases end there) and where the key's letters are
 * in a pool, so that a step of a walk touches one slot and a few pooled letters instead of a Map's buckets and
 * entries, a key string and a node object (the gazetteer has tens of thousands of nodes: the walk was mostly
 * cache misses). A hash only finds the slot; the key itself is compared before an edge is taken.
 */
export class PhraseMatcher<T> {
  /** Values of the phrases ending at each node (null: none end there); node 0 is the root. */
  private readonly values: (T[] | null)[] = [null];
  /** Slots of STRIDE integers: key hash, parent, (child + 1) << CHILD_SHIFT | ENDS | HAS_CHILDREN, key's pool offset. */
  private edges = new Int32Array(STRIDE * 64);
  private mask = 63;
  private edgeCount = 0;
  /** Edge keys: at each offset a length, then the UTF-16 code units. */
  private pool = new Uint16Array(1024);
  private poolLength = 0;
  private count = 0;
  /** Bit filter over the first keys (rebuilt when phrases were added since): most words start no phrase. */
  private firstKeys: KeyFilter | null = null;
  private firstKeysCount = -1;
  /** This matcher's bit in the shared start masks (0: not shared, it tests its own filter). */
  private sharedBit = 0;
  private sharedSmall = false;

  /** Adds a phrase; a phrase can carry several values (ambiguous names). */
  add(phrase: string, value: T): void {
    this.addKeys(phraseKeys(phrase), value);
  }

  /** Adds a phrase already split into keys (as `phraseKeys` gives them): for prebuilt indexes. */
  addKeys(keys: readonly string[], value: T): void {
    if (!keys.length) return;
    let node = ROOT;
    let slot = -1;
    for (const k of keys) {
      const hash = keyHash(k) | 0;
      const parentSlot = slot;
      slot = this.slotOf(node, hash, k);
      if (slot < 0) {
        // marked before adding: a growing table moves the slots, bits and all
        if (parentSlot >= 0) this.edges[parentSlot + 2] |= HAS_CHILDREN;
        slot = this.addEdge(node, hash, k);
      }
      node = childOf(this.edges, slot);
    }
    this.edges[slot + 2] |= ENDS;
    const vals = (this.values[node] ??= []);
    if (!vals.includes(value)) vals.push(value);
    this.count++;
    if (this.sharedBit !== 0) {
      if (this.sharedSmall) unionBits[keyHash(keys[0]) & (UNION_BUCKETS - 1)] |= this.sharedBit;
      sharedVersion++;
    }
  }

  /** A new child of `parent` along `key`; returns its slot. */
  private addEdge(parent: number, hash: number, key: string): number {
    if ((this.edgeCount + 1) * 2 > this.mask + 1) this.grow();
    if (key.length > 0xffff) throw new Error('PhraseMatcher: key too long');
    while (this.poolLength + 1 + key.length > this.pool.length) {
      const bigger = new Uint16Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const at = this.poolLength;
    this.pool[at] = key.length;
    for (let k = 0; k < key.length; k++) this.pool[at + 1 + k] = key.charCodeAt(k);
    this.poolLength += 1 + key.length;
    const child = this.values.length;
    this.values.push(null);
    this.edgeCount++;
    return this.place(hash, parent, (child + 1) << CHILD_SHIFT, at);
  }

  private place(hash: number, parent: number, childBits: number, keyAt: number): number {
    const e = this.edges;
    let s = edgeSlot(parent, hash, this.mask) * STRIDE;
    while (e[s + 2] !== 0) s = (s + STRIDE) & (this.mask * STRIDE + STRIDE - 1);
    e[s] = hash;
    e[s + 1] = parent;
    e[s + 2] = childBits;
    e[s + 3] = keyAt;
    return s;
  }

  /** Doubles the edge table (kept at most half full, so that probes stay short). */
  private grow(): void {
    const old = this.edges;
    this.mask = this.mask * 2 + 1;
    this.edges = new Int32Array(STRIDE * (this.mask + 1));
    for (let s = 0; s < old.length; s += STRIDE) if (old[s + 2] !== 0) this.place(old[s], old[s + 1], old[s + 2], old[s + 3]);
  }

  /** The slot (index into `edges`) of the edge from `parent` along `key` (hash: keyHash(key) | 0), or -1. */
  private slotOf(parent: number, hash: number, key: string): number {
    const e = this.edges;
    const wrap = this.mask * STRIDE + STRIDE - 1;
    for (let s = edgeSlot(parent, hash, this.mask) * STRIDE; ; s = (s + STRIDE) & wrap) {
      if (e[s + 2] === 0) return -1;
      if (e[s] === hash && e[s + 1] === parent && this.pooledKeyIs(e[s + 3], key)) return s;
    }
  }

  private pooledKeyIs(at: number, key: string): boolean {
    const pool = this.pool;
    const n = key.length;
    if (pool[at] !== n) return false;
    for (let k = 0; k < n; k++) if (pool[at + 1 + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  get size(): number {
    return this.count;
  }

  /** The bit filter over first keys (for the shared masks' pass). */
  startFilter(): KeyFilter {
    return this.firstKeyFilter();
  }

  private firstKeyFilter(): KeyFilter {
    if (this.firstKeys && this.firstKeysCount === this.count) return this.firstKeys;
    return this.buildFirstKeyFilter();
  }

  /** Apart from firstKeyFilter, whose check runs on every call: a new matcher's first use does not deoptimize it. */
  private buildFirstKeyFilter(): KeyFilter {
    const e = this.edges;
    let roots = 0;
    for (let s = 0; s < e.length; s += STRIDE) if (e[s + 2] !== 0 && e[s + 1] === ROOT) roots++;
    const f = new KeyFilter(roots);
    for (let s = 0; s < e.length; s += STRIDE) if (e[s + 2] !== 0 && e[s + 1] === ROOT) f.addHash(e[s] >>> 0);
    this.firstKeysCount = this.count;
    this.firstKeys = f;
    if (this.sharedBit === 0 && sharedCount < SHARED_MATCHERS) this.share(roots);
    return f;
  }

  /** Takes a bit in the shared start masks (on first use). */
  private share(roots: number): void {
    this.sharedBit = 1 << sharedCount++;
    this.sharedSmall = roots <= SMALL_FIRST_KEYS;
    if (this.sharedSmall) {
      const e = this.edges;
      for (let s = 0; s < e.length; s += STRIDE) if (e[s + 2] !== 0 && e[s + 1] === ROOT) unionBits[e[s] & (UNION_BUCKETS - 1)] |= this.sharedBit;
    } else bigMatchers.push({ bit: this.sharedBit, matcher: this });
    sharedVersion++;
  }

  /** Whether a phrase may start with a key of this hash (false: certainly none does). */
  mayStart(hash: number): boolean {
    return this.firstKeyFilter().mayHave(hash);
  }

  /** Whether a phrase may start at token i (false: matchAt(t, i) is certainly null); a cheap test for loops over every token. */
  mayStartAt(t: TokenizedText, i: number): boolean {
    const filter = this.firstKeyFilter();
    const tokens = t.tokens;
    if (!(i >= 0 && i < tokens.length)) return false;
    if (this.sharedBit !== 0) return (startMasks(tokens)[i] & this.sharedBit) !== 0;
    const tok = tokens[i];
    return tok.kind !== 'punct' && mayStartAny(filter, tok.readings);
  }

  /** Longest match starting at token i, or null. */
  matchAt(t: TokenizedText, i: number): PhraseMatch<T> | null {
    const tokens = t.tokens;
    const first = tokens[i];
    if (!first || first.kind === 'punct') return null;
    const filter = this.firstKeyFilter();
    const n = tokens.length;
    let best: PhraseMatch<T> | null = null;
    const readings = first.readings;
    for (let r = 0; r < readings.length; r++) {
      const reading = readings[r];
      if (!filter.mayHave(reading.hash)) continue;
      const edges = this.edges;
      let slot = this.slotOf(ROOT, reading.hash | 0, reading.key);
      if (slot < 0) continue;
      let j = i + 1;
      let lastNode = endsAt(edges, slot) ? childOf(edges, slot) : -1;
      let lastEndTok = i + 1;
      while (j < n && goesOn(edges, slot)) {
        let tok = tokens[j];
        // quotes and brackets between the words of a name: تنظيم “داعش”
        while (tok.kind === 'punct' && SKIPPABLE.has(tok.norm) && j + 1 < n) tok = tokens[++j];
        if (tok.kind === 'punct') break;
        slot = this.slotOf(childOf(edges, slot), tokenKeyHash(tok), tok.key);
        if (slot < 0) break;
        j++;
        if (endsAt(edges, slot)) {
          lastNode = childOf(edges, slot);
          lastEndTok = j;
        }
      }
      if (lastNode < 0) continue;
      if (!best || lastEndTok > best.endToken) {
        const endTok = tokens[lastEndTok - 1];
        const ss = stemStart(t, first, reading.cliticLength);
        best = {
          startToken: i,
          endToken: lastEndTok,
          start: first.start,
          end: endTok.end,
          stemStart: ss,
          // "للأمم المتحدة" names "الأمم المتحدة": give the article its alef back
          text: (reading.restoresArticle ? 'ا' : '') + t.original.slice(ss, endTok.end),
          values: this.values[lastNode]!,
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
    // matchAt's first test, ahead of it: most tokens start no phrase of the matcher. Shared
    // matchers read it from the document's start masks, the others from their own filter.
    const bit = this.sharedBit;
    const masks = bit !== 0 ? startMasks(tokens) : null;
    const end = Math.min(to, tokens.length);
    for (let i = Math.max(from, 0); i < end; ) {
      const tok = tokens[i];
      if (masks !== null ? (masks[i] & bit) === 0 : tok.kind === 'punct' || !mayStartAny(filter, tok.readings)) {
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

/** keyHash(tok.key) | 0: the first reading carries it when it is the key itself (tokenize). */
function tokenKeyHash(tok: Token): number {
  const r0 = tok.readings[0];
  return (r0 !== undefined && r0.key === tok.key ? r0.hash : keyHash(tok.key)) | 0;
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
