/**
 * @module api/routes/events
 * Events: list with filters and paging, one event with its sources, evidence and corrections,
 * and the analyst's writes on an event (corrections, review).
 */
import { Hono } from 'hono';
import type { Actor } from '../../types.ts';
import { EVENT_TYPES } from '../../types.ts';
import type { StoredEvent } from '../../store/store.ts';
import type { ApiEnv } from '../auth.ts';
import { ApiError } from '../errors.ts';
import {
  CORRECTABLE_FIELDS,
  CorrectionBodySchema,
  EventsQuerySchema,
  ReviewBodySchema,
  SubTypeSchema,
  toPageRequest,
  toStoreFilter,
} from '../schemas.ts';
import { check, readJson, readQuery } from '../validate.ts';
import { writeGuard, type RouteDeps } from './deps.ts';

/** An actor typed by an analyst as a bare name: its id is a slug of the name. */
export function actorFromName(name: string): Actor {
  const id = name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return { id: id || 'unknown', name, name_ar: /\p{Script=Arabic}/u.test(name) ? name : '', text: name };
}

/** Looks an event up by key (or internal id) or answers 404. */
export async function findEvent(deps: RouteDeps, id: string): Promise<StoredEvent> {
  const key: string | number = /^\d{1,15}$/.test(id) ? Number(id) : id;
  const ev = id.length <= 200 ? await deps.store.getEvent(key) : null;
  if (!ev) throw new ApiError(404, 'not_found', `no event with id ${JSON.stringify(id.slice(0, 100))}`);
  return ev;
}

function subTypesOf(type: string): readonly string[] {
  return (EVENT_TYPES as Record<string, readonly string[]>)[type] ?? [];
}

export function eventRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { store } = deps;

  app.get('/events', async (c) => {
    const q = readQuery(c, EventsQuerySchema);
    const page = await store.queryEvents(toStoreFilter(q), toPageRequest(q));
    return c.json({
      items: page.items,
      total: page.total ?? null,
      total_is_exact: page.totalIsExact ?? true,
      limit: q.limit,
      offset: q.cursor ? null : (q.offset ?? 0),
      next_cursor: page.nextCursor,
    });
  });

  app.get('/events/:id', async (c) => {
    const ev = await findEvent(deps, c.req.param('id') ?? '');
    const corrections = await store.listCorrections(ev.event_key);
    return c.json({ ...ev, corrections });
  });

  app.get('/events/:id/corrections', async (c) => {
    const ev = await findEvent(deps, c.req.param('id') ?? '');
    return c.json({ corrections: await store.listCorrections(ev.event_key) });
  });

  app.post('/events/:id/corrections', writeGuard(deps, 'editor', deps.limits.writeBytes), async (c) => {
    const ev = await findEvent(deps, c.req.param('id') ?? '');
    const body = await readJson(c, CorrectionBodySchema);
    const caller = c.get('caller');
    let value: unknown = check(CORRECTABLE_FIELDS[body.field], body.value, `value of ${body.field}`);
    if ((body.field === 'actor1' || body.field === 'actor2') && typeof value === 'string') value = actorFromName(value);
    if (body.field === 'sub_event_type' && !subTypesOf(ev.event_type).includes(value as string))
      throw new ApiError(400, 'validation_failed', `${String(value)} is not a sub-type of ${ev.event_type}; expected one of: ${subTypesOf(ev.event_type).join(', ')}`);
    const applied = [];
    if (body.field === 'event_type' && value !== ev.event_type && !subTypesOf(value as string).includes(ev.sub_event_type)) {
      // a type change must bring a sub-type of the new type along, or the event would be invalid
      const sub = body.sub_event_type != null ? check(SubTypeSchema, body.sub_event_type, 'sub_event_type') : null;
      if (!sub || !subTypesOf(value as string).includes(sub))
        throw new ApiError(400, 'validation_failed', `changing the type to ${String(value)} needs a sub_event_type of that type: ${subTypesOf(value as string).join(', ')}`);
      applied.push(await store.addCorrection({ eventKey: ev.event_key, field: 'event_type', newValue: value, who: caller.name, note: body.note }));
      applied.push(await store.addCorrection({ eventKey: ev.event_key, field: 'sub_event_type', newValue: sub, who: caller.name, note: body.note }));
    } else {
      applied.push(await store.addCorrection({ eventKey: ev.event_key, field: body.field, newValue: value, who: caller.name, note: body.note }));
    }
    const updated = await findEvent(deps, ev.event_key);
    deps.dispatcher.kick();
    return c.json({ corrections: applied, event: updated }, 201);
  });

  app.post('/events/:id/review', writeGuard(deps, 'editor', deps.limits.writeBytes), async (c) => {
    const ev = await findEvent(deps, c.req.param('id') ?? '');
    const body = await readJson(c, ReviewBodySchema);
    await store.reviewEvent(ev.event_key, body.status, c.get('caller').name);
    // rejected events are hidden from queries by default, so read it back by key
    return c.json({ event: await findEvent(deps, ev.event_key) });
  });

  return app;
}
