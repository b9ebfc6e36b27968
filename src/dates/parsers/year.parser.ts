/**
 * @module dates/parsers/year
 * A year without a month: "عام 2015"، "في 2011"، "العام 2018 م"، "عامي 2014 و2015"،
 * "أواخر عام 2017"، "1439 هـ". Year precision, tagged 'year-only' (callers treat old years as
 * background). A bare number needs a cue: a year noun, an era mark, or a preposition before it.
 */
import { hijriMonthSpan, toYmd, yearSpan } from '../calendar.ts';
import { CONJUNCTIONS, LEX, lookup, PhraseBefore, phraseList, SRC } from '../lexicon.ts';
import { makeResult, partOfSpan, spanStart } from '../result.ts';
import type { DateParser, ParsingContext } from '../types.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:(?<part>${SRC.periodPart})\\s+)?(?:(?<noun>${SRC.yearNoun})\\s+)?` +
    `(?<y1>${SRC.year})(?:\\s*(?<era1>${SRC.era})${SRC.RB})?` +
    `(?:(?<tail>\\s*(?<conn>${SRC.rangeTo}|و|-|–)\\s*(?:${SRC.yearNoun}\\s+)?(?<y2>${SRC.year})(?:\\s*(?<era2>${SRC.era})${SRC.RB})?))?` +
    `(?![${SRC.W}])`,
  'gu',
);

/** A preposition (or range opener) right before the year. */
const PREP_BEFORE = new PhraseBefore(
  new RegExp(`(?:^|[^${SRC.W}])[وف]?(?<prep>${SRC.yearPrep}|${SRC.rangeFrom}|${SRC.openRange})\\s+$`, 'u'),
  [...phraseList('year-prep'), ...phraseList('range-from'), ...phraseList('open-range')],
  CONJUNCTIONS,
);

/** Day span of a year in its calendar, or null when the number is not a plausible year. */
function yearDays(ctx: ParsingContext, y: number, hijri: boolean): [number, number] | null {
  if (hijri) {
    if (y < 1300 || y > 1500) return null;
    const a = hijriMonthSpan(y, 1);
    const b = hijriMonthSpan(y, 12);
    return a && b ? [a[0], b[1]] : null;
  }
  const max = ctx.ref === null ? 2100 : toYmd(ctx.ref).y + 10;
  if (y < 1900 || y > max) return null;
  return yearSpan(y);
}

export const yearParser: DateParser = {
  name: 'year',
  // SRC.year
  minDigitRun: 4,
  pattern: () => PATTERN,
  // first element after the proclitics: a period part, a year noun or the year
  firsts: { phrases: phraseList('period-part', 'year-noun'), digit: true },
  extract(ctx, match, indices) {
    const g = match.groups!;
    let index = spanStart(match);
    const hijri = lookup(LEX.eras, g.era1) === 'hijri' || lookup(LEX.eras, g.era2) === 'hijri';
    const prep = PREP_BEFORE.exec(ctx.text, Math.max(0, index - 24), index)?.groups?.prep;
    if (!g.noun && !g.era1 && !g.part && !prep) return null;
    const y1 = Number(g.y1);
    const first = yearDays(ctx, y1, hijri);
    if (!first) return null;
    let end = match.index + match[0].length;
    let span: [number, number] = first;
    let kind: 'point' | 'range' = 'point';
    let precision: 'year' | 'range' = 'year';
    const tags = ['year-only'];
    if (hijri) tags.push('hijri');
    if (g.y2) {
      const y2 = Number(g.y2);
      const second = yearDays(ctx, y2, hijri);
      // "في 2014 و2015" is a pair only with عامي / بين; "2011-2015" needs a cue too
      const pairOk = g.conn !== 'و' || lookup(LEX.yearNouns, g.noun) === 'pair' || lookup(LEX.rangeFrom, prep) === 'and';
      if (second && y2 > y1 && pairOk) {
        span = [first[0], second[1]];
        kind = 'range';
        precision = 'range';
      } else {
        end = indices().groups!.tail![0];
      }
    }
    const part = lookup(LEX.periodParts, g.part);
    if (part && kind === 'point') {
      span = partOfSpan(span, part, 'year');
      precision = 'range';
      tags.push(`part/${part}`);
    }
    if (!g.noun && !g.part) index = match.index + match[0].indexOf(g.y1);
    return makeResult({
      index,
      end,
      start: span[0],
      stop: span[1],
      precision,
      kind,
      known: ['year'],
      implied: [],
      tags,
      facts: { source: 'year', calendar: hijri ? 'hijri' : 'gregorian', y: y1, yearKnown: true },
      hijri,
    });
  },
};
