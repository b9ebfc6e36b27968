/**
 * @module sources/dates
 * Publication dates from feeds and page metadata, normalised to ISO 8601 while KEEPING the
 * offset the source gave: SPEC section 1 anchors "today" on the local date in that offset, so
 * "Thu, 27 Jan 2022 00:30:00 +0300" must stay 2022-01-27 and not become 2022-01-26 in UTC.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** RFC 822 / RFC 2822 zone names (military single letters other than Z are ambiguous: ignored). */
const ZONES: Record<string, string> = {
  UT: '+00:00', UTC: '+00:00', GMT: '+00:00', Z: '+00:00',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function formatOffset(sign: string, hh: string, mm: string): string {
  return `${sign}${hh.padStart(2, '0')}:${mm}`;
}

/**
 * Parses an RFC 822/2822 date ("Thu, 27 Jan 2022 10:15:00 +0200") into
 * "2022-01-27T10:15:00+02:00". Returns null when it is not one.
 */
export function parseRfc822(s: string): string | null {
  const m =
    /^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[A-Za-z]{1,4})?\s*$/.exec(
      s,
    );
  if (!m) return null;
  const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
  if (!month) return null;
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  const day = Number(m[1]);
  if (!validYmd(year, month, day)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (m[4] === undefined) return date;
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  if (hh > 23 || mi > 59 || ss > 60) return null;
  let zone = '';
  const z = m[7];
  if (z) {
    if (/^[+-]\d{4}$/.test(z)) zone = formatOffset(z[0], z.slice(1, 3), z.slice(3));
    else if (/^[+-]\d{2}:\d{2}$/.test(z)) zone = z;
    else zone = ZONES[z.toUpperCase()] ?? '';
  }
  return `${date}T${pad(hh)}:${pad(mi)}:${pad(Math.min(ss, 59))}${zone}`;
}

/**
 * Accepts "YYYY-MM-DD" or an ISO 8601 date-time (T or space, optional seconds and fraction,
 * optional Z / ±hh:mm / ±hhmm) and returns it in canonical form, or null.
 */
export function normalizeIsoDate(s: string): string | null {
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?\s*$/i.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYmd(y, mo, d)) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined) return date;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 60)) return null;
  let zone = '';
  const z = m[8];
  if (z) {
    if (z.toUpperCase() === 'Z') zone = 'Z';
    else if (z.length === 3) zone = `${z}:00`;
    else zone = formatOffset(z[0], z.slice(1, 3), z.slice(-2));
  }
  return `${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`;
}

/** Whatever date string a feed or page gives → ISO (offset kept) or null. */
export function toPublished(s: unknown): string | null {
  if (typeof s !== 'string' || !s.trim()) return null;
  return normalizeIsoDate(s) ?? parseRfc822(s);
}

/**
 * A wall-clock time without offset plus the true instant (unix seconds) → ISO with the offset
 * the clock was in. Telegram Desktop writes `date` in the exporting machine's local time and
 * `date_unixtime` in UTC; their difference is that offset.
 */
export function withOffsetFromUnix(local: string, unixSeconds: number): string | null {
  const iso = normalizeIsoDate(local);
  if (!iso || !iso.includes('T') || /(Z|[+-]\d{2}:\d{2})$/.test(iso)) return iso;
  const asUtc = Date.parse(`${iso}Z`);
  if (!Number.isFinite(asUtc) || !Number.isFinite(unixSeconds)) return iso;
  const offsetMin = Math.round((asUtc / 1000 - unixSeconds) / 60);
  // Real offsets are within ±14 h and multiples of 15 min; anything else means bad data.
  if (Math.abs(offsetMin) > 14 * 60 || offsetMin % 15 !== 0) return iso;
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${iso}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
