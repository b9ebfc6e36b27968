/**
 * @module dates/calendar
 * Calendar arithmetic on day numbers (whole days since 1970-01-01, UTC), so that resolving a
 * mention never touches a time zone or the wall clock; plus Hijri ↔ Gregorian conversion
 * through ICU's Umm al-Qura calendar (Node ships full ICU), with the tabular calendar as a
 * fallback when ICU disagrees or is missing.
 */

const MS_PER_DAY = 86_400_000;

/** A calendar date. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Day number of a Gregorian date. @example dayNumber(1970, 1, 2) === 1 */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Day number of an ISO date ("2022-01-27…"), NaN when its year, month or day is not a number. */
export function isoDayNumber(iso: string): number {
  // the usual "YYYY-MM-DD…" read from its digits without slicing; anything else as Number() reads the parts
  if (iso.length >= 10 && isDigitRun(iso, 0, 4) && isDigitRun(iso, 5, 7) && isDigitRun(iso, 8, 10)) {
    return dayNumber(digitsValue(iso, 0, 4), digitsValue(iso, 5, 7), digitsValue(iso, 8, 10));
  }
  return dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

function isDigitRun(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digitsValue(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/** Gregorian date of a day number. */
export function toYmd(day: number): Ymd {
  // integer days within ±100 million (the Date range) by arithmetic, the rest (NaN) through Date
  if (!Number.isInteger(day) || Math.abs(day) > 100_000_000) {
    const dt = new Date(day * MS_PER_DAY);
    return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
  }
  // days to civil date in the proleptic Gregorian calendar (H. Hinnant's algorithm)
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** "01" … "31". */
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => pad(i));

/** YYYY-MM-DD of a day number. @example formatDay(dayNumber(2022, 1, 27)) === '2022-01-27' */
export function formatDay(day: number): string {
  const { y, m, d } = toYmd(day);
  return `${pad(y, 4)}-${TWO_DIGITS[m] ?? pad(m)}-${TWO_DIGITS[d] ?? pad(d)}`;
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Number of days in a Gregorian month. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True when y-m-d is a real Gregorian date. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Year and month `delta` months away. @example addMonths(2022, 1, -1) → {y: 2021, m: 12} */
export function addMonths(y: number, m: number, delta: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + delta;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

/** First and last day numbers of a Gregorian month. */
export function monthSpan(y: number, m: number): [number, number] {
  return [dayNumber(y, m, 1), dayNumber(y, m, daysInMonth(y, m))];
}

/** First and last day numbers of a Gregorian year. */
export function yearSpan(y: number): [number, number] {
  return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
}

/** First day of the week containing `day`, weeks starting on `weekStart` (0 = Sunday). */
export function weekStartOf(day: number, weekStart: number): number {
  return day - ((weekdayOf(day) - weekStart + 7) % 7);
}

/**
 * The document's reference day from `published`: the local date as written, so an ISO
 * date-time with an offset keeps the date of that offset ("2022-01-27T00:30+03:00" → 27th).
 * Returns null for a missing or malformed value.
 * @example parsePublished('2022-01-27T23:10:00-05:00') === dayNumber(2022, 1, 27)
 */
export function parsePublished(published: string | null | undefined): number | null {
  if (!published) return null;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(published);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidDate(y, mo, d) ? dayNumber(y, mo, d) : null;
}

// ---------------------------------------------------------------------------------------
// Hijri

/** Julian day number of day 0 (1970-01-01). */
const JDN_EPOCH = 2_440_588;

/** Tabular (civil) Hijri calendar, used as the starting estimate and as the fallback. */
function tabularHijriToDay(hy: number, hm: number, hd: number): number {
  const jdn = hd + Math.ceil(29.5 * (hm - 1)) + (hy - 1) * 354 + Math.floor((3 + 11 * hy) / 30) + 1_948_439;
  return jdn - JDN_EPOCH;
}

let umalqura: Intl.DateTimeFormat | null | undefined;

/** The Umm al-Qura formatter, built on first use (most documents have no Hijri date). */
function umalquraFormat(): Intl.DateTimeFormat | null {
  if (umalqura === undefined) {
    try {
      umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
      if (umalqura.resolvedOptions().calendar !== 'islamic-umalqura') umalqura = null;
    } catch {
      umalqura = null;
    }
  }
  return umalqura;
}

/** Hijri date of a day number (Umm al-Qura; tabular if ICU lacks it). */
export function dayToHijri(day: number): Ymd {
  const f = umalquraFormat();
  if (f) {
    const parts = f.formatToParts(new Date(day * MS_PER_DAY));
    const get = (t: string) => parseInt(parts.find((p) => p.type === t)?.value ?? 'NaN', 10);
    const r = { y: get('year'), m: get('month'), d: get('day') };
    if (Number.isFinite(r.y) && Number.isFinite(r.m) && Number.isFinite(r.d)) return r;
  }
  // tabular inverse: search around the estimate
  const approxYear = Math.floor(((day + JDN_EPOCH - 1_948_439) * 30) / 10_631) + 1;
  for (let hy = approxYear - 1; hy <= approxYear + 1; hy++) {
    for (let hm = 12; hm >= 1; hm--) {
      const first = tabularHijriToDay(hy, hm, 1);
      if (first <= day && day - first < 30) return { y: hy, m: hm, d: day - first + 1 };
    }
  }
  return { y: approxYear, m: 1, d: 1 };
}

/**
 * Gregorian day number of a Hijri date (Umm al-Qura when ICU agrees, else tabular), or null
 * when the date does not exist (day 30 of a 29-day month).
 * @example formatDay(hijriToDay(1439, 10, 1)!) === '2018-06-15'
 */
export function hijriToDay(hy: number, hm: number, hd: number): number | null {
  if (hm < 1 || hm > 12 || hd < 1 || hd > 30) return null;
  const est = tabularHijriToDay(hy, hm, hd);
  if (!umalquraFormat()) return est;
  for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
    const h = dayToHijri(est + delta);
    if (h.y === hy && h.m === hm && h.d === hd) return est + delta;
  }
  // day 30 of a month that has 29 days under Umm al-Qura
  return hd === 30 ? null : est;
}

/** First and last day numbers of a Hijri month. */
export function hijriMonthSpan(hy: number, hm: number): [number, number] | null {
  const first = hijriToDay(hy, hm, 1);
  const nextY = hm === 12 ? hy + 1 : hy;
  const nextM = hm === 12 ? 1 : hm + 1;
  const next = hijriToDay(nextY, nextM, 1);
  if (first === null || next === null) return null;
  return [first, next - 1];
}
