/**
 * @module eval/fold
 * Folds Arabic and Latin spellings so that names can be compared (SPEC 5.3).
 */

/** @example foldName('بالحسكة') === 'حسكه'; foldName('Al-Hasakah') === 'hasakah' */
export function foldName(s: string | null | undefined): string {
  if (s == null) return '';
  return String(s)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/(^|[^\p{L}])(al|el)[-\s]+(?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .map((w) => w.replace(/^(وال|بال|لل|فال|كال|ال)(?=\p{L}{2,})/u, ''))
    .join(' ');
}
