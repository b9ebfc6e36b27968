/**
 * @module merge/simhash
 * Near-duplicate detection for articles (wire copies, reposts with a different dateline or
 * boilerplate): a 64-bit SimHash (Charikar) over 3-word shingles of the Rasad-normalized
 * text. Two documents are near-duplicates when their fingerprints differ in at most
 * NEAR_DUPLICATE_DISTANCE bits. For lookup the fingerprint is cut into four 16-bit bands:
 * by the pigeonhole principle two fingerprints within 3 bits share at least one band
 * exactly, so candidates are found by four indexed equality lookups.
 */
import { normalizeArabic } from '../text/normalize.ts';

/** Maximum Hamming distance between near-duplicates (out of 64 bits). */
export const NEAR_DUPLICATE_DISTANCE = 3;
/** Words per shingle. */
export const SHINGLE_SIZE = 3;
/** Below this many words a fingerprint says too little (short notices look alike). */
export const MIN_WORDS_FOR_SIMHASH = 12;

export interface Fingerprint {
  /** 16 hex digits. */
  hex: string;
  /** Four 16-bit bands, most significant first (indexable integers). */
  bands: [number, number, number, number];
  /** Number of words the fingerprint was computed from. */
  words: number;
}

/** A leading dateline ("الحسكة (سانا) - "), which reposts rewrite first. */
const DATELINE = /^[^\n.!?؟]{1,60}?\s[-–—]\s/;

/**
 * Words of the normalized text, without a leading dateline and with a leading definite
 * article dropped from each word (copies differ in little else).
 */
export function simhashWords(text: string, normalized?: string): string[] {
  const norm = (normalized ?? normalizeArabic(text)).toLowerCase().replace(DATELINE, ' ');
  const out: string[] = [];
  for (const m of norm.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    out.push(w.length >= 4 && w.startsWith('ال') ? w.slice(2) : w);
  }
  return out;
}

/** murmur3's fmix32: spreads nearby FNV states over all bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Computes the SimHash fingerprint of a text (`normalized`: normalizeArabic(text), when already computed). */
export function simhash(text: string, normalized?: string): Fingerprint {
  const words = simhashWords(text, normalized);
  const v = new Int32Array(64);
  const n = Math.max(1, words.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < n; i++) {
    let sh = words[i] ?? '';
    for (let k = 1; k < SHINGLE_SIZE && i + k < words.length; k++) sh += ' ' + words[i + k];
    // two seeded FNV-1a hashes in one pass give the 64 bits
    let hi = 0x811c9dc5 ^ 0x9e3779b9;
    let lo = 0x811c9dc5 ^ 0x7f4a7c15;
    for (let c = 0; c < sh.length; c++) {
      const ch = sh.charCodeAt(c);
      hi = Math.imul(hi ^ ch, 0x01000193);
      lo = Math.imul(lo ^ ch, 0x01000193);
    }
    hi = fmix32(hi >>> 0);
    lo = fmix32(lo >>> 0);
    for (let b = 0; b < 32; b++) {
      v[b] += (hi >>> (31 - b)) & 1 ? 1 : -1;
      v[32 + b] += (lo >>> (31 - b)) & 1 ? 1 : -1;
    }
  }
  const bands: [number, number, number, number] = [0, 0, 0, 0];
  for (let b = 0; b < 64; b++) {
    if (v[b] > 0) bands[b >> 4] |= 1 << (15 - (b & 15));
  }
  const hex = bands.map((x) => x.toString(16).padStart(4, '0')).join('');
  return { hex, bands, words: words.length };
}

/** Bands of a 16-hex-digit fingerprint. */
export function bandsOf(hex: string): [number, number, number, number] {
  return [0, 1, 2, 3].map((i) => parseInt(hex.slice(i * 4, i * 4 + 4), 16)) as [number, number, number, number];
}

/** Number of differing bits between two 16-hex-digit fingerprints. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 4) {
    let x = parseInt(a.slice(i, i + 4), 16) ^ parseInt(b.slice(i, i + 4), 16);
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

/** True when two fingerprints mark near-duplicate texts (both long enough to judge). */
export function isNearDuplicate(a: Fingerprint, b: Fingerprint): boolean {
  if (a.words < MIN_WORDS_FOR_SIMHASH || b.words < MIN_WORDS_FOR_SIMHASH) return false;
  return hammingDistance(a.hex, b.hex) <= NEAR_DUPLICATE_DISTANCE;
}
