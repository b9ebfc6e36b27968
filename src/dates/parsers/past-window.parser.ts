/**
 * @module dates/parsers/past-window
 * Rolling windows that end at publication: "خلال الـ24 ساعة الماضية"، "خلال الأيام الثلاثة
 * الماضية"، "اليومين الماضيين"، "خلال الأسبوع الماضي" (a rolling week, unlike the bare calendar
 * "الأسبوع الماضي"), "الأيام الأخيرة" (vague: a week). Forward windows ("الأيام المقبلة") are
 * tagged future.
 */
import { LEX, lookup, phraseList, SRC } from '../lexicon.ts';
import { makeResult, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:(?<win>${SRC.window})\\s+)?` +
    '(?<body>' +
    `ال\\s?-?\\s?(?<num>\\d{1,3})\\s*(?<unit1>${SRC.unit})` +
    `|ال(?<unit2>${SRC.unit})(?:\\s+(?:ال\\s?-?\\s?(?<num2>\\d{1,3})|ال(?<cw>${SRC.cardinal})))?` +
    ')' +
    `\\s+(?<off>${SRC.periodOffset})${SRC.RB}`,
  'gu',
);

/** Days per unit for a rolling window (months and years are calendar periods elsewhere). */
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
/** Window of a vague plural ("الأيام الأخيرة"), in units. */
const VAGUE_COUNT: Record<string, number> = { hour: 24, day: 7, week: 4, month: 3, year: 3 };

export const pastWindowParser: DateParser = {
  name: 'past-window',
  // the modifier follows white space
  wordGate: phraseList('period-offset'),
  pattern: () => PATTERN,
  // first element after the proclitics: a window word or the article before a number or unit
  firsts: { phrases: [...phraseList('window'), ...phraseList('unit').map((u) => 'ال' + u)], articleDigit: true },
  extract(ctx, match, indices) {
    const g = match.groups!;
    const u = lookup(LEX.units, g.unit1 ?? g.unit2);
    const off = lookup(LEX.periodOffsets, g.off);
    if (!u || off === undefined || off === 0 || u.unit === 'decade') return null;
    const explicit = g.num ?? g.num2 ?? (g.cw ? String(lookup(LEX.cardinals, g.cw)) : undefined);
    let count = explicit !== undefined ? Number(explicit) : u.count === '2' ? 2 : u.count === '1' ? 1 : NaN;
    const tags = ['past-window'];
    if (Number.isNaN(count)) {
      count = VAGUE_COUNT[u.unit];
      tags.push('vague');
    }
    // singular calendar words are calendar periods ("في الأسبوع الماضي", "الشهر الماضي");
    // only a rolling preposition (خلال) makes "الأسبوع الماضي" a rolling week
    if (explicit === undefined && u.count === '1' && (u.unit !== 'week' || !g.win || g.win === 'في')) return null;
    if (explicit === undefined && u.count === '1' && u.unit === 'week') tags.push('rolling');
    const days = Math.max(1, Math.ceil(count * UNIT_DAYS[u.unit]));
    let start: number | null = null;
    let stop: number | null = null;
    if (ctx.ref !== null) [start, stop] = off < 0 ? [ctx.ref - days, ctx.ref] : [ctx.ref, ctx.ref + days];
    if (off > 0) tags.push('future');
    // a bare "في" stays out of the span, like "في 2011"; خلال / طوال are part of the phrase
    const index = g.win === 'في' ? indices().groups!.body![0] : spanStart(match);
    return makeResult({
      index,
      end: match.index + match[0].length,
      start,
      stop,
      precision: 'range',
      kind: 'range',
      implied: ['day', 'month', 'year'],
      tags,
      facts: { source: 'past-window' },
    });
  },
};
