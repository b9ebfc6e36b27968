import { describe, expect, it } from 'vitest';
import { normalizeIsoDate, parseRfc822, toPublished, withOffsetFromUnix } from './dates.ts';

describe('parseRfc822', () => {
  it.each([
    ['Thu, 27 Jan 2022 10:15:00 +0200', '2022-01-27T10:15:00+02:00'],
    ['Thu, 27 Jan 2022 00:30:00 +0300', '2022-01-27T00:30:00+03:00'], // NOT moved to the 26th in UTC
    ['27 Jan 2022 10:15 GMT', '2022-01-27T10:15:00+00:00'],
    ['Mon, 3 Jan 22 08:00:00 EST', '2022-01-03T08:00:00-05:00'],
    ['Wed, 02 Feb 2022 21:05:00 +01:00', '2022-02-02T21:05:00+01:00'],
    ['2 February 2022', '2022-02-02'],
    ['Thu, 31 Feb 2022 10:00:00 +0000', null],
    ['yesterday', null],
  ])('%s → %s', (s, out) => {
    expect(parseRfc822(s)).toBe(out);
  });
});

describe('normalizeIsoDate', () => {
  it.each([
    ['2022-01-27', '2022-01-27'],
    ['2022-01-27T10:15:00+0300', '2022-01-27T10:15:00+03:00'],
    ['2022-01-27 10:15', '2022-01-27T10:15:00'],
    ['2022-01-27T10:15:00.123Z', '2022-01-27T10:15:00.123Z'],
    ['2022-01-27T10:15:00+03', '2022-01-27T10:15:00+03:00'],
    ['2022-13-01', null],
    ['2022-01-27T25:00', null],
    ['27/01/2022', null],
  ])('%s → %s', (s, out) => {
    expect(normalizeIsoDate(s)).toBe(out);
  });
  it('toPublished tries ISO then RFC 822', () => {
    expect(toPublished('Thu, 27 Jan 2022 10:15:00 +0200')).toBe('2022-01-27T10:15:00+02:00');
    expect(toPublished(undefined)).toBeNull();
  });
});

describe('withOffsetFromUnix', () => {
  it.each([
    ['2022-01-20T19:30:00', 1642696200, '2022-01-20T19:30:00+03:00'],
    ['2022-01-20T10:00:00', 1642685400, '2022-01-20T10:00:00-03:30'], // 13:30 UTC
    ['2022-01-20T16:30:00', 1642696200, '2022-01-20T16:30:00+00:00'],
    ['2022-01-20T16:30:00', Number.NaN, '2022-01-20T16:30:00'], // no instant: left as local time
    ['2022-01-20T16:30:00', 1642696200 + 17 * 60, '2022-01-20T16:30:00'], // -17 min: not a real offset
  ])('%s @ %d → %s', (local, unix, out) => {
    expect(withOffsetFromUnix(local, unix)).toBe(out);
  });
});
