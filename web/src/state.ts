/**
 * @module web/state
 * The view's state lives in the URL query string (filters, selected event, language), so any
 * view can be shared by copying the address. Parameter names are the API's own, so a URL's
 * query can be replayed against /api/events.
 */

export interface ViewState {
  types: string[];
  actor: string;
  admin1: string;
  from: string;
  to: string;
  q: string;
  min_fatalities: string;
  review: string;
  /** Selected event key. */
  event: string;
  lang: 'ar' | 'en';
}

export const EMPTY_STATE: Readonly<ViewState> = Object.freeze({
  types: [],
  actor: '',
  admin1: '',
  from: '',
  to: '',
  q: '',
  min_fatalities: '',
  review: '',
  event: '',
  lang: 'ar',
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the state from a query string (unknown or malformed values are dropped). */
export function parseState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const s: ViewState = { ...EMPTY_STATE, types: [] };
  s.types = p.getAll('types').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  s.actor = (p.get('actor') ?? '').trim();
  s.admin1 = (p.get('admin1') ?? '').trim();
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  s.from = DAY.test(from) ? from : '';
  s.to = DAY.test(to) ? to : '';
  s.q = (p.get('q') ?? '').trim();
  const mf = p.get('min_fatalities') ?? '';
  s.min_fatalities = /^\d{1,7}$/.test(mf) ? mf : '';
  const review = p.get('review') ?? '';
  s.review = ['confirmed', 'unreviewed', 'rejected', 'any'].includes(review) ? review : '';
  s.event = (p.get('event') ?? '').trim();
  s.lang = p.get('lang') === 'en' ? 'en' : 'ar';
  return s;
}

/** The query string of a state (empty values left out; Arabic, the default, left out). */
export function stateToSearch(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.types.length) p.set('types', s.types.join(','));
  for (const k of ['actor', 'admin1', 'from', 'to', 'q', 'min_fatalities', 'review', 'event'] as const) if (s[k]) p.set(k, s[k]);
  if (s.lang !== 'ar') p.set('lang', s.lang);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/**
 * The /api/events query of a state. Dates are left out on purpose: the dashboard loads every
 * date once and filters by date in the page, so the timeline can show the whole period while
 * the map shows the brushed part.
 */
export function apiQuery(s: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.types.length) p.set('types', s.types.join(','));
  if (s.actor) p.set('actor', s.actor);
  if (s.admin1) p.set('admin1', s.admin1);
  if (s.q) p.set('q', s.q);
  if (s.min_fatalities) p.set('min_fatalities', s.min_fatalities);
  if (s.review) p.set('review', s.review);
  return p;
}

/** True when an event's [start, end] overlaps the state's [from, to] (undated events only without a range). */
export function inDateRange(start: string | null, end: string | null, from: string, to: string): boolean {
  if (!from && !to) return true;
  if (!start && !end) return false;
  const s = start ?? end!;
  const e = end ?? start!;
  if (from && e < from) return false;
  if (to && s > to) return false;
  return true;
}
