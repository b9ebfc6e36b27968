/**
 * @module dates/calendar.test
 * Day-number arithmetic, publication-date parsing and Hijri conversion.
 */
import { describe, expect, it } from 'vitest';
import { dayNumber, dayToHijri, formatDay, hijriMonthSpan, hijriToDay, isoDayNumber, parsePublished, weekStartOf, weekdayOf } from './calendar.ts';

describe('[dates/calendar]', () => {
  it.each([
    ['2022-01-27', '2022-01-27'],
    ['2022-01-27T23:30:00-05:00', '2022-01-27'],
    ['2022-01-27T00:10:00+03:00', '2022-01-27'],
    ['2022-01-27 10:00', '2022-01-27'],
  ])('[dates/calendar] published %s anchors on %s', (published, local) => {
    expect(formatDay(parsePublished(published)!)).toBe(local);
  });

  it.each([[''], ['27/01/2022'], ['2022-02-30'], ['soon']])('[dates/calendar] rejects published "%s"', (p) => {
    expect(parsePublished(p)).toBeNull();
  });

  it.each([
    ['2022-01-27', dayNumber(2022, 1, 27)],
    ['2022-01-27T23:30:00-05:00', dayNumber(2022, 1, 27)],
    ['1970-01-02', 1],
  ])('[dates/calendar] ISO day %s is day %i', (iso, day) => {
    expect(isoDayNumber(iso)).toBe(day);
  });

  it.each([['soon'], ['2022-xx-01']])('[dates/calendar] "%s" is no ISO day (NaN)', (iso) => {
    expect(isoDayNumber(iso)).toBeNaN();
  });

  it('[dates/calendar] weekdays and week starts', () => {
    const thu = dayNumber(2022, 1, 27);
    expect(weekdayOf(thu)).toBe(4);
    expect(formatDay(weekStartOf(thu, 0))).toBe('2022-01-23');
    expect(formatDay(weekStartOf(thu, 6))).toBe('2022-01-22');
  });

  it.each([
    [1443, 1, 10, '2021-08-18'],
    [1439, 10, 1, '2018-06-15'],
    [1442, 9, 1, '2021-04-13'],
  ])('[dates/calendar] Hijri %i-%i-%i is %s', (y, m, d, g) => {
    expect(formatDay(hijriToDay(y, m, d)!)).toBe(g);
    expect(dayToHijri(hijriToDay(y, m, d)!)).toEqual({ y, m, d });
  });

  it('[dates/calendar] a Hijri month spans 29 or 30 days', () => {
    const [s, e] = hijriMonthSpan(1442, 9)!;
    expect(e - s + 1).toBeGreaterThanOrEqual(29);
    expect(e - s + 1).toBeLessThanOrEqual(30);
  });
});
