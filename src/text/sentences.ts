/**
 * @module text/sentences
 * Sentence spans of the cleaned text. A full stop, question or exclamation mark, or a line
 * break ends a sentence, except inside quotes (a quoted statement that contains several
 * sentences stays in the sentence that reports it) and in numbers such as 3.5.
 */
import type { Span } from '../types.ts';

const OPEN_QUOTES = new Set(['“', '«', '„']);
const CLOSE_QUOTES = new Set(['”', '»']);
const TERMINATORS = new Set(['.', '!', '?', '؟', '؛']);
/** A quote left open longer than this is taken as unbalanced and no longer protects. */
const MAX_QUOTE_LENGTH = 600;

/** Splits text into sentence spans (whitespace trimmed, empty sentences dropped). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let quoteDepth = 0;
  let quoteOpenedAt = -1;
  let straightOpen = false;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      // a line break always ends a sentence: paragraphs never share one
      push(i + 1);
      quoteDepth = 0;
      straightOpen = false;
      continue;
    }
    if (OPEN_QUOTES.has(ch)) {
      if (quoteDepth === 0) quoteOpenedAt = i;
      quoteDepth++;
      continue;
    }
    if (CLOSE_QUOTES.has(ch)) {
      quoteDepth = Math.max(0, quoteDepth - 1);
      continue;
    }
    if (ch === '"') {
      straightOpen = !straightOpen;
      if (straightOpen) quoteOpenedAt = i;
      continue;
    }
    if (!TERMINATORS.has(ch)) continue;
    if (ch === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    const inQuote = (quoteDepth > 0 || straightOpen) && i - quoteOpenedAt < MAX_QUOTE_LENGTH;
    if (inQuote) continue;
    quoteDepth = 0;
    straightOpen = false;
    push(i + 1);
  }
  push(text.length);
  return spans;
}
