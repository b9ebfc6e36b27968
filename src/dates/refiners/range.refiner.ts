/**
 * @module dates/refiners/range
 * Joins two dates into a range: "من 28 شباط إلى 3 آذار"، "اعتباراً من يوم الثلاثاء ولغاية 31
 * الشهر الجاري"، "بين أيلول/سبتمبر 2014 ونهاية نيسان/أبريل 2015"، "منذ 2011 حتى الآن".
 * A year written on one end only is carried to the other ("من 28 ديسمبر إلى 3 يناير 2018").
 */
import { dayNumber, isValidDate, toYmd } from '../calendar.ts';
import { CONJUNCTIONS, LEX, PhraseBefore, phraseList, SRC, lookup } from '../lexicon.ts';
import type { DateRefiner, DateResult, ParsingContext } from '../types.ts';

const TO_GAP = new RegExp(`^\\s*,?\\s*${SRC.rangeTo}\\s*$`, 'u');
const DASH_GAP = /^\s*[-–]\s*$/u;
const AND_GAP = /^\s*و\s*$/u;
const TO_NOW = new RegExp(`^\\s*,?\\s*${SRC.rangeTo}\\s*${SRC.now}(?![${SRC.W}])`, 'u');
const FROM_BEFORE = new PhraseBefore(new RegExp(`(?:^|[^${SRC.W}])[وف]?(?<from>${SRC.rangeFrom})\\s+$`, 'du'), phraseList('range-from'), CONJUNCTIONS);

/** A weekday with no written date (its week can move). */
const isBareWeekday = (r: DateResult) => r.facts.weekday !== undefined && r.facts.d === undefined;

const joinable = (r: DateResult) => r.kind === 'point' || r.kind === 'open-range';

/** The opener before `a` (من / بين), if any, and where it starts. */
function opener(ctx: ParsingContext, a: DateResult, prevEnd: number): { index: number; and: boolean } | null {
  const headStart = Math.max(prevEnd, a.index - 16);
  const m = FROM_BEFORE.exec(ctx.text, headStart, a.index);
  if (!m) return null;
  return { index: headStart + m.indices!.groups!.from![0], and: lookup(LEX.rangeFrom, m.groups!.from) === 'and' };
}

/** Re-dates a day-month whose year was inferred so that it falls before/after `pivot`. */
function redate(r: DateResult, pivot: number, want: 'before' | 'after'): number | null {
  const { m, d, yearKnown, calendar } = r.facts;
  if (yearKnown || calendar !== 'gregorian' || m === undefined || d === undefined || r.precision !== 'day') return null;
  let y = toYmd(pivot).y;
  for (let k = 0; k < 2; k++, y += want === 'before' ? -1 : 1) {
    if (!isValidDate(y, m, d)) continue;
    const day = dayNumber(y, m, d);
    if (want === 'before' ? day <= pivot : day >= pivot) return day;
  }
  return null;
}

export const rangeRefiner: DateRefiner = {
  name: 'range',
  refine(ctx, results) {
    const out: DateResult[] = [];
    for (let i = 0; i < results.length; i++) {
      const a = results[i];
      const b = results[i + 1];
      const prevEnd = out.length ? out[out.length - 1].end : 0;
      if (!joinable(a)) {
        out.push(a);
        continue;
      }
      const from = a.kind === 'open-range' ? null : opener(ctx, a, prevEnd);
      const gap = b ? ctx.text.slice(a.end, b.index) : '';
      const joined =
        b && b.kind === 'point' && (TO_GAP.test(gap) || (DASH_GAP.test(gap) && (from || a.kind === 'open-range')) || (AND_GAP.test(gap) && from?.and));
      if (joined) {
        let start = a.start;
        let stop = b.stop;
        if (b.facts.yearKnown && start !== null && stop !== null) start = redate(a, stop, 'before') ?? start;
        else if (a.facts.yearKnown && start !== null && stop !== null) stop = redate(b, start, 'after') ?? stop;
        else if (start !== null && stop !== null && stop < start) stop = redate(b, start, 'after') ?? stop;
        // "من مساء الخميس حتى صباح السبت" read on a Thursday: the Thursday before that Saturday
        if (start !== null && stop !== null && start > stop && isBareWeekday(a)) start -= 7 * Math.ceil((start - stop) / 7);
        if (start === null || stop === null || start <= stop) {
          out.push(merge(a, b, from?.index ?? a.index, b.end, start, stop));
          i++;
          continue;
        }
      }
      const now = TO_NOW.exec(ctx.text.slice(a.end, a.end + 40));
      if (now && (from || a.kind === 'open-range') && (ctx.ref === null || a.start === null || a.start <= ctx.ref)) {
        const r = merge(a, null, from?.index ?? a.index, a.end + now[0].length, a.start, ctx.ref);
        out.push(r);
        continue;
      }
      out.push(a);
    }
    return out;
  },
};

function merge(a: DateResult, b: DateResult | null, index: number, end: number, start: number | null, stop: number | null): DateResult {
  const known = new Set([...a.known, ...(b?.known ?? [])]);
  const implied = new Set([...a.implied, ...(b?.implied ?? [])].filter((c) => !known.has(c)));
  const r: DateResult = {
    ...a,
    index,
    end,
    start,
    stop,
    kind: 'range',
    precision: start !== null && stop !== null ? 'range' : 'unknown',
    known,
    implied,
    tags: new Set([...a.tags, ...(b?.tags ?? []), 'refiner/range']),
    facts: { ...a.facts },
    partOfDay: undefined,
  };
  if (!r.partOfDay) delete r.partOfDay;
  const hours = a.hours ?? b?.hours;
  if (hours) r.hours = hours;
  if (a.hijri || b?.hijri) r.hijri = true;
  return r;
}
