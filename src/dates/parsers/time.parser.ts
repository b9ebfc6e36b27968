/**
 * @module dates/parsers/time
 * Clock times and daily windows: "الساعة السادسة مساءً"، "الساعة 10:30"، "6 صباحاً"،
 * "من الساعة السادسة مساءً وحتى السادسة صباحاً" (→ hours 18:00–06:00)، "بين 22:00 و05:00".
 * A time alone has no date: kind 'time', dates null. An hour word alone ("السادسة") is an
 * ordinal, not a time: it needs الساعة, a meridiem or a minutes part.
 */
import { CONJUNCTIONS, GATES, LEX, lookup, PhraseBefore, phraseList, SRC } from '../lexicon.ts';
import { makeResult, spanStart } from '../result.ts';
import type { DateComponent, DateParser, DateResult, PartOfDay } from '../types.ts';

/** One clock time; `s` suffixes the group names (f = from, t = to, s = single). */
function timeSource(s: string): string {
  return (
    `(?:(?<clk${s}>${SRC.clock})\\s+)?` +
    `(?:(?<sp${s}>${SRC.clockSpecial})|(?<hw${s}>${SRC.clockHour})${SRC.RB}|(?<hn${s}>[01]?\\d|2[0-4])(?:\\s?(?<sep${s}>[:.,])\\s?(?<mn${s}>[0-5]\\d))?(?!\\d))` +
    `(?:\\s+(?<fr${s}>${SRC.clockFraction})${SRC.RB})?` +
    `(?:\\s*(?<mer${s}>${SRC.meridiem})${SRC.RB})?`
  );
}

const PATTERN = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    '(?:' +
    `${timeSource('f')}\\s*(?<conn>${SRC.rangeTo}|و|-|–)\\s*${timeSource('t')}` +
    `|${timeSource('s')}` +
    ')',
  'gu',
);

/** "من" / "بين" before a window, looked for backwards (a leading optional word slows the scan). */
const FROM_BEFORE = new PhraseBefore(new RegExp(`(?:^|[^${SRC.W}])[وف]?(?<from>${SRC.rangeFrom})\\s+$`, 'd'), phraseList('range-from'), CONJUNCTIONS);

type Meridiem = 'am' | 'pm' | 'noon' | 'night';

interface ClockTime {
  h: number;
  min: number;
  meridiem?: Meridiem;
  partOfDay?: PartOfDay;
  /** Written with الساعة, a meridiem or hh:mm: certainly a time. */
  certain: boolean;
  minutesStated: boolean;
}

/** Reads one time from the groups with suffix `s`; null when the groups are empty. */
function readTime(g: Record<string, string | undefined>, s: string): ClockTime | null {
  let h: number;
  let min = 0;
  if (g['sp' + s]) {
    const v = lookup(LEX.clockSpecial, g['sp' + s])!;
    [h, min] = v.split(':').map(Number);
  } else if (g['hw' + s]) {
    h = lookup(LEX.clockHours, g['hw' + s])!;
  } else if (g['hn' + s]) {
    h = Number(g['hn' + s]);
    if (g['mn' + s]) min = Number(g['mn' + s]);
  } else return null;
  const fr = lookup(LEX.clockFractions, g['fr' + s]);
  if (fr !== undefined) {
    if (fr >= 0) min += fr;
    else {
      h = (h + 23) % 24;
      min = 60 + fr;
    }
  }
  const mer = lookup(LEX.meridiems, g['mer' + s]);
  const certain = Boolean(g['clk' + s] || mer || g['sp' + s] || g['sep' + s] === ':');
  return { h, min, meridiem: mer?.meridiem, partOfDay: mer?.partOfDay, certain, minutesStated: Boolean(g['mn' + s] || fr !== undefined) };
}

/** 24-hour clock from a 12-hour reading and its meridiem. */
function to24(t: ClockTime, meridiem = t.meridiem): number {
  const h = t.h;
  if (h > 12 || !meridiem) return h % 24;
  switch (meridiem) {
    case 'am':
      return h === 12 ? 0 : h;
    case 'pm':
      return h < 12 ? h + 12 : h;
    case 'noon':
      return h >= 11 ? h : h + 12;
    case 'night':
      return h >= 6 && h < 12 ? h + 12 : h === 12 ? 0 : h;
  }
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

function timeResult(index: number, end: number, known: DateComponent[]): DateResult {
  return makeResult({ index, end, start: null, stop: null, precision: 'unknown', kind: 'time', known, facts: { source: 'time' } });
}

export const timeParser: DateParser = {
  name: 'time',
  // a condition beyond the match: "10 : 30" alone matches as a certain time, yet the text needs a clock word or a tight "10:30"
  gate: GATES.clock,
  pattern: () => PATTERN,
  // first element after the proclitics: a clock word, a named time, an hour word or a digit
  firsts: { phrases: phraseList('clock', 'clock-special', 'clock-hour'), digit: true },
  extract(ctx, match, indices) {
    const g = match.groups!;
    let index = spanStart(match);
    const from = readTime(g, 'f');
    if (from) {
      const to = readTime(g, 't')!;
      const headStart = Math.max(0, index - 16);
      const f = FROM_BEFORE.exec(ctx.text, headStart, index);
      const andOk = g.conn !== 'و' || lookup(LEX.rangeFrom, f?.groups?.from) === 'and';
      if (andOk && to && (from.certain || to.certain)) {
        // a meridiem written once applies to both ends when that keeps the order
        let mf = from.meridiem;
        let mt = to.meridiem;
        if (!mf && mt) mf = from.h <= to.h || mt === 'noon' ? mt : 'am';
        if (mf && !mt) mt = to.h >= from.h ? mf : mf === 'pm' || mf === 'night' ? 'am' : mf;
        if (f) index = headStart + f.indices!.groups!.from![0];
        const r = timeResult(index, match.index + match[0].length, ['hour']);
        r.hours = { from: hhmm(to24(from, mf), from.min), to: hhmm(to24(to, mt), to.min) };
        if (from.minutesStated || to.minutesStated) r.known.add('minute');
        r.tags.add('hours');
        return r;
      }
      // not a window: keep the first time alone if it is one
      if (!from.certain) return null;
      const fi = indices().groups!;
      const firstEnd = Math.max(...['clkf', 'spf', 'hwf', 'hnf', 'mnf', 'frf', 'merf'].map((k) => fi[k]?.[1] ?? -1));
      return single(index, firstEnd, from);
    }
    const t = readTime(g, 's');
    if (!t || !t.certain) return null;
    return single(index, match.index + match[0].length, t);
  },
};

function single(index: number, end: number, t: ClockTime): DateResult {
  const r = timeResult(index, end, t.minutesStated ? ['hour', 'minute'] : ['hour']);
  r.time = hhmm(to24(t), t.min);
  if (t.partOfDay) {
    r.partOfDay = t.partOfDay;
    r.known.add('partOfDay');
  }
  if (!t.meridiem && t.h <= 12) r.tags.add('meridiem-unknown');
  return r;
}
