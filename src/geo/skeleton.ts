/**
 * @module geo/skeleton
 * Consonant skeletons that let an Arabic name meet its Latin romanization when no Arabic spelling
 * is known (GeoNames names most Yemeni and Iraqi districts only in Latin: "Al Malagim",
 * "Shada'a", "Ar Raydah"). Both sides are reduced to the same consonant classes, short and long
 * vowels and the article dropped: الملاجم → "mljm" ← "Al Malagim". Used only where the text
 * itself says a district follows ("مديرية", "قضاء"), because skeletons are short and collide.
 */
import { normalizeArabic } from '../text/normalize.ts';

const AR: Record<string, string> = {
  ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'h', خ: 'k', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 'S', ص: 's', ض: 'd', ط: 't', ظ: 'z',
  غ: 'G', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h',
};

const collapse = (s: string) => s.replace(/(.)\1+/g, '$1');

/** Skeleton of one Arabic word (article removed). */
function arabicWord(w: string): string {
  let s = w.startsWith('ال') && w.length > 3 ? w.slice(2) : w;
  s = s.replace(/ه$/, '');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === 'و' || ch === 'ي') {
      if (i === 0) out += ch === 'و' ? 'w' : 'y';
      continue;
    }
    out += AR[ch] ?? '';
  }
  return collapse(out);
}

/** Skeleton of an Arabic name (words joined). */
export function arabicSkeleton(name: string): string {
  return normalizeArabic(name)
    .split(/\s+/)
    .filter(Boolean)
    .map(arabicWord)
    .join('');
}

const NOISE_WORDS = /\b(?:district|governorate|province|qada|qadaa|markaz|mudiriyat|mudiriyah|caza|de|du|la|city|locality|rural|council|nahiyat|nahiya|qeza|i)\b/g;
const ARTICLE = /^(?:al|el|ad|ar|as|at|az|ash|an|adh|ath|ed|er|es|et|en|ez)$/;

/** Skeleton of one Latin word. */
function latinWord(w: string): string {
  let s = w.replace(/['’‘`ʿʾ-]/g, '');
  s = s
    .replace(/kh/g, 'k')
    .replace(/sh/g, 'S')
    .replace(/ch/g, 'S')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/gh/g, 'G');
  s = s.replace(/([ae])h$/, '$1'); // final -ah/-eh is teh marbuta
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === 'w' || ch === 'y') {
      if (i === 0) out += ch;
      continue;
    }
    if ('aeiou'.includes(ch)) continue;
    const map: Record<string, string> = { g: 'j', c: 'k', p: 'b', v: 'f', x: 'ks', S: 'S', G: 'G' };
    out += map[ch] ?? (/[a-z]/.test(ch) ? ch : '');
  }
  return collapse(out);
}

/** Skeleton of a Latin (GeoNames) name: accents, articles and words like "District" dropped. */
export function latinSkeleton(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(NOISE_WORDS, ' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (ARTICLE.test(w) && i + 1 < words.length) continue;
    const m = /^(?:al|el|ad|ar|as|at|az|ash|an|adh|ath)-(.+)$/.exec(w);
    kept.push(m ? m[1] : w);
  }
  return kept.map(latinWord).join('');
}

/** Skeleton of only the first word of a Latin name ("Kitaf wa al Boqe'e" → "ktf"), or ''. */
export function latinFirstWordSkeleton(name: string): string {
  const full = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(NOISE_WORDS, ' ').split(/[\s,]+/).filter(Boolean);
  const words = full.filter((w, i) => !(ARTICLE.test(w) && i + 1 < full.length));
  if (words.length < 2) return '';
  return latinSkeleton(words[0]);
}
