/**
 * @module events/relevance
 * The cheap relevance gate (STYLE: gate before costly work): a text dense with sport,
 * entertainment or market vocabulary and with at most one strong event trigger is not a
 * conflict report, whatever a stray "قمة" (a derby, a summit) or "هجوم" (an attack on goal) says.
 */
import { PhraseMatcher } from '../text/phrase-matcher.ts';
import type { TokenizedText } from '../text/tokenize.ts';
import { dataPath, readTsv } from '../data/tsv.ts';
import { getTriggerMatcher } from './triggers.ts';

let discard: PhraseMatcher<string> | null = null;

function discardMatcher(): PhraseMatcher<string> {
  if (!discard) {
    const m = new PhraseMatcher<string>();
    for (const r of readTsv(dataPath('lexicons', 'ar', 'discard.tsv'), ['phrase', 'domain'])) for (const alt of r.phrase.split('|')) m.add(alt, r.domain);
    discard = m;
  }
  return discard;
}

/** Off-topic cue words needed before the gate closes, and their share of all words. */
const MIN_CUES = 5;
const MIN_CUE_SHARE = 0.02;

/** Returns the off-topic domain when the document should yield no events, else null. */
export function offTopicDomain(t: TokenizedText): string | null {
  const cues = discardMatcher().findAll(t);
  if (cues.length < MIN_CUES) return null;
  let words = 0;
  for (const x of t.tokens) if (x.kind === 'word') words++;
  if (cues.length / (words || 1) < MIN_CUE_SHARE) return null;
  let strong = 0;
  for (const m of getTriggerMatcher().findAll(t)) if (m.values.some((v) => v.strength === 'strong' && v.eventType !== 'Diplomacy')) strong++;
  if (strong > 1) return null;
  const byDomain = new Map<string, number>();
  for (const c of cues) byDomain.set(c.values[0], (byDomain.get(c.values[0]) ?? 0) + 1);
  return [...byDomain].sort((a, b) => b[1] - a[1])[0][0];
}
