/**
 * @module text/sentences
 * Sentence spans of the cleaned text. A full stop, question or exclamation mark, or a line
 * break ends a sentence, except inside quotes (a quoted statement that contains several
 * sentences stays in the sentence that reports it) and in numbers such as 3.5.
 */
import type { Span } from '../types.ts';
import { isSpaceCode } from './char-codes.ts';

/** A quote left open longer than this is taken as unbalanced and no longer protects. */
const MAX_QUOTE_LENGTH = 600;

const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

/** Adds the span [start, end) with white space trimmed, when something is left. */
function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s) spans.push({ start: s, end: e });
}

/**
 * Splits text into sentence spans (whitespace trimmed, empty sentences dropped). A scan over
 * code units: opening quotes “ « „, closing quotes ” », the straight quote ", terminators
 * . ! ? ؟ ؛ and the line break.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let quoteDepth = 0;
  let quoteOpenedAt = -1;
  let straightOpen = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Arabic letters and marks (U+0620–U+06FF; ؛ and ؟ come before) neither end nor quote: the common case
    if (c >= 0x0620 && c <= 0x06ff) continue;
    switch (c) {
      case 0x0a: // \n: a line break always ends a sentence: paragraphs never share one
        pushTrimmed(spans, text, start, i + 1);
        start = i + 1;
        quoteDepth = 0;
        straightOpen = false;
        continue;
      case 0x201c: // “
      case 0x00ab: // «
      case 0x201e: // „
        if (quoteDepth === 0) quoteOpenedAt = i;
        quoteDepth++;
        continue;
      case 0x201d: // ”
      case 0x00bb: // »
        quoteDepth = Math.max(0, quoteDepth - 1);
        continue;
      case 0x22: // "
        straightOpen = !straightOpen;
        if (straightOpen) quoteOpenedAt = i;
        continue;
      case 0x2e: // .
        // 3.5: a decimal point
        if (i > 0 && isAsciiDigit(text.charCodeAt(i - 1)) && i + 1 < n && isAsciiDigit(text.charCodeAt(i + 1))) continue;
        break;
      case 0x21: // !
      case 0x3f: // ?
      case 0x061f: // ؟
      case 0x061b: // ؛
        break;
      default:
        continue;
    }
    const inQuote = (quoteDepth > 0 || straightOpen) && i - quoteOpenedAt < MAX_QUOTE_LENGTH;
    if (inQuote) continue;
    quoteDepth = 0;
    straightOpen = false;
    pushTrimmed(spans, text, start, i + 1);
    start = i + 1;
  }
  pushTrimmed(spans, text, start, n);
  return spans;
}
