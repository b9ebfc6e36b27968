/**
 * @module web/api
 * The dashboard's only link to the server: the public HTTP API (/api/*). Types here describe
 * the JSON the API sends (see /api/openapi.json); the dashboard never reads the store directly.
 */

// the API sends the pipeline's own shapes (type-only import: nothing of src/ is bundled)
import type { Span, Actor, EventLocation as Location } from '../../src/types.ts';
export type { Span, Actor, Location };
export interface EventFields {
  event_type: string;
  sub_event_type: string;
  date: { start: string | null; end: string | null; precision: string; text: string | null };
  hours?: { from: string; to: string } | null;
  location: Location | null;
  actor1: Actor | null;
  actor2: Actor | null;
  assoc_actor1: Actor[];
  assoc_actor2: Actor[];
  fatalities: number | null;
  injured: number | null;
  detained: number | null;
  displaced: number | null;
  evidence: Span[];
  confidence: number;
  explain?: Record<string, { span?: Span; rule: string }>;
}
export interface EventSource {
  document_id: number;
  doc_id: string;
  name: string;
  url: string | null;
  title: string | null;
  published: string | null;
  evidence: Span[];
  evidence_text?: string[];
  values?: EventFields;
}
export interface Correction {
  id: number;
  field: string;
  old_value: unknown;
  new_value: unknown;
  who: string;
  note: string | null;
  created_at: string;
}
export interface ApiEvent extends EventFields {
  id: string;
  event_key: string;
  sources: EventSource[];
  report_count: number;
  source_count: number;
  corrected: boolean;
  original?: Record<string, unknown>;
  review: { status: 'confirmed' | 'rejected'; who: string; at: string } | null;
  corrections?: Correction[];
}
export interface ApiDocument {
  id: number;
  doc_id: string;
  source: string;
  title: string | null;
  published: string | null;
  url: string | null;
  text: string;
}
export interface Meta {
  event_types: Record<string, string[]>;
  correctable_fields: string[];
}
export interface CountRow {
  key: string | null;
  events: number;
  fatalities: number;
}

/** An error answer of the API, with its code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'rasad.token';

export function getToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}
export function setToken(token: string): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lasts for this page only */
  }
}

async function call<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  const token = getToken();
  if (token && (init.method ?? 'GET') !== 'GET') headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers, signal });
  if (!res.ok) {
    let code = 'http_error';
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiFailure(res.status, code, message);
  }
  return (res.status === 204 ? null : await res.json()) as T;
}

/** Loads every matching event, page by page, up to `cap`. */
export async function loadEvents(query: URLSearchParams, cap: number, signal?: AbortSignal): Promise<{ items: ApiEvent[]; total: number; totalIsExact: boolean }> {
  const items: ApiEvent[] = [];
  let cursor: string | null = null;
  let total = 0;
  let totalIsExact = true;
  do {
    const q = new URLSearchParams(query);
    q.set('limit', String(Math.min(1000, cap - items.length)));
    q.set('sort', 'date_desc');
    if (cursor) q.set('cursor', cursor);
    const page: { items: ApiEvent[]; total: number | null; total_is_exact?: boolean; next_cursor: string | null } = await call(`/api/events?${q}`, {}, signal);
    items.push(...page.items);
    // the API counts exactly up to a cap; beyond it the total is a lower bound
    total = page.total ?? items.length;
    totalIsExact = page.total_is_exact !== false;
    cursor = page.next_cursor;
  } while (cursor && items.length < cap);
  return { items, total, totalIsExact };
}

export const api = {
  meta: () => call<Meta>('/api/meta'),
  counts: (groupBy: string) => call<{ rows: CountRow[] }>(`/api/stats?group_by=${encodeURIComponent(groupBy)}`),
  event: (id: string, signal?: AbortSignal) => call<ApiEvent>(`/api/events/${encodeURIComponent(id)}`, {}, signal),
  document: (id: number, signal?: AbortSignal) => call<ApiDocument>(`/api/documents/${id}`, {}, signal),
  me: (token: string) =>
    fetch('/api/me', { headers: { authorization: `Bearer ${token}` } }).then(async (r) =>
      r.ok ? ((await r.json()) as { name: string; role: string }) : null,
    ),
  correct: (id: string, body: { field: string; value: unknown; note?: string; sub_event_type?: string }) =>
    call<{ event: ApiEvent }>(`/api/events/${encodeURIComponent(id)}/corrections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  review: (id: string, status: 'confirmed' | 'rejected') =>
    call<{ event: ApiEvent }>(`/api/events/${encodeURIComponent(id)}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    }),
};
