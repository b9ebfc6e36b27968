/**
 * @module dates/refiners/hours
 * Attaches clock times to the date they qualify: a daily window ("من الساعة السادسة مساءً
 * وحتى السادسة صباحاً") to the range or date just before it in the same sentence (else just
 * after it), a single time ("صباح اليوم الساعة العاشرة") to the adjacent day. The time
 * result itself stays, as kind 'time'.
 */
import type { DateRefiner, DateResult } from '../types.ts';

/** No sentence end between the date and the time. */
const SAME_CLAUSE = /^[^.!?\n]*$/u;
const WINDOW_GAP = 48;
const TIME_GAP = 12;

const isDate = (r: DateResult) => r.kind !== 'time' && r.kind !== 'duration-ago';

export const hoursRefiner: DateRefiner = {
  name: 'hours',
  refine(ctx, results) {
    results.forEach((t, i) => {
      if (t.kind !== 'time') return;
      const maxGap = t.hours ? WINDOW_GAP : TIME_GAP;
      const prev = results[i - 1];
      const next = results[i + 1];
      let target: DateResult | undefined;
      if (prev && isDate(prev) && t.index - prev.end <= maxGap && SAME_CLAUSE.test(ctx.text.slice(prev.end, t.index))) target = prev;
      else if (next && isDate(next) && next.index - t.end <= maxGap && SAME_CLAUSE.test(ctx.text.slice(t.end, next.index))) target = next;
      if (!target) return;
      if (t.hours) {
        if (!target.hours) target.hours = t.hours;
      } else if (t.time && target.precision === 'day' && !target.time) {
        target.time = t.tags.has('meridiem-unknown') ? withPartOfDay(t.time, target.partOfDay) : t.time;
        if (!target.partOfDay && t.partOfDay) target.partOfDay = t.partOfDay;
      } else return;
      target.known.add('hour');
      target.tags.add('refiner/hours');
    });
    return results;
  },
};

/** "الساعة 11 من مساء الجمعة": a 12-hour time read with the date's part of day. */
function withPartOfDay(time: string, pod: DateResult['partOfDay']): string {
  const [h, m] = time.split(':').map(Number);
  let h24 = h;
  if ((pod === 'afternoon' || pod === 'evening') && h < 12) h24 = h + 12;
  else if (pod === 'noon' && h < 11) h24 = h + 12;
  else if (pod === 'night') h24 = h >= 6 && h < 12 ? h + 12 : h === 12 ? 0 : h;
  return `${String(h24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
