/**
 * @module dates/parsers/month
 * A named month without a day: "شهر مارس"، "في أيلول/سبتمبر 2015"، "مارس الماضي"،
 * "أواخر مارس (آذار) 2011"، "شهري يوليو وأغسطس"، "رمضان الماضي". Names that are also common
 * words (مارس "practised", صفر "zero") need a cue; months.tsv says which.
 */
import { CONJUNCTIONS, LEX, lookup, monthOf, PhraseBefore, phraseList, SRC } from '../lexicon.ts';
import { makeResult, partOfSpan, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';
import { MONTH_REF, hasMonthCue, resolveMonthRef } from './month-ref.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:(?<part>${SRC.periodPart})\\s+)?(?:(?<noun>${SRC.monthNoun})\\s+)?` +
    MONTH_REF +
    `(?:(?<and>\\s*و\\s*)(?<month2>${SRC.month})${SRC.RB})?`,
  'gu',
);

/** A preposition right before the name lets an ambiguous month stand alone ("في مارس"). */
const PREP_BEFORE = new PhraseBefore(new RegExp(`(?:^|[^${SRC.W}])[وف]?${SRC.monthPrep}\\s+$`, 'u'), phraseList('month-prep'), CONJUNCTIONS);

export const monthParser: DateParser = {
  name: 'month',
  // no gate: every match holds a month name
  pattern: () => PATTERN,
  // first element after the proclitics: a period part, a month noun or a month name
  firsts: { phrases: phraseList('period-part', 'month-noun', 'month') },
  extract(ctx, match, indices) {
    const g = match.groups!;
    const index = spanStart(match);
    const entry = monthOf(g.month);
    if (!entry) return null;
    const cued = entry.alone || g.noun || g.part || hasMonthCue(g) || PREP_BEFORE.exec(ctx.text, Math.max(0, index - 24), index) !== null;
    if (!cued) return null;
    const v = resolveMonthRef(ctx, g);
    if (!v) return null;
    let start = v.start;
    let stop = v.stop;
    let end = match.index + match[0].length;
    const tags = [...v.tags];
    let kind: 'point' | 'range' = 'point';
    let precision: 'month' | 'range' = 'month';
    const second = monthOf(g.month2);
    const pairNoun = lookup(LEX.monthNouns, g.noun) === 'pair';
    if (g.month2 && !(second && pairNoun && !g.year && !g.yoff && !g.moff)) {
      // "مارس وأبريل" without شهري: keep the first month only
      end = indices().groups!.and![0];
    } else if (second && start !== null && v.facts.y !== undefined && second.calendar === entry.calendar && entry.calendar === 'gregorian') {
      const y2 = second.month >= entry.month ? v.facts.y : v.facts.y + 1;
      const s2 = resolveMonthRef({ ...ctx, ref: null }, { month: g.month2, year: String(y2) });
      if (s2) stop = s2.stop;
      kind = 'range';
      precision = 'range';
      tags.push(`lexicon/months.${second.variant}`);
    }
    const part = lookup(LEX.periodParts, g.part);
    if (part && start !== null && stop !== null && kind === 'point') {
      [start, stop] = partOfSpan([start, stop], part, 'month');
      precision = 'range';
      tags.push(`part/${part}`);
    }
    return makeResult({
      index,
      end,
      start,
      stop,
      precision,
      kind,
      known: v.known,
      implied: v.implied,
      tags,
      facts: { source: 'month', ...v.facts },
      hijri: v.hijri,
    });
  },
};
