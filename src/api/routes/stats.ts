/**
 * @module api/routes/stats
 * Counts for charts, store totals, exports, and the facts the dashboard needs to draw its
 * forms (event types, correctable fields).
 */
import { Hono } from 'hono';
import { EVENT_TYPES } from '../../types.ts';
import type { ApiEnv } from '../auth.ts';
import { requireRole } from '../auth.ts';
import { CORRECTABLE_FIELD_NAMES, EXPORT_FORMATS, ExportQuerySchema, StatsQuerySchema, toStoreFilter } from '../schemas.ts';
import { readQuery } from '../validate.ts';
import { exportStream } from '../export-formats.ts';
import type { RouteDeps } from './deps.ts';

export const API_VERSION = '1.0.0';

export function statsRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { store } = deps;

  app.get('/stats', async (c) => {
    const q = readQuery(c, StatsQuerySchema);
    const { group_by, ...filter } = q;
    return c.json({ group_by, rows: await store.countEvents(group_by, toStoreFilter(filter)) });
  });

  app.get('/summary', async (c) => c.json(await store.stats()));

  app.get('/meta', (c) =>
    c.json({
      name: 'rasad',
      version: API_VERSION,
      engine: store.engine,
      event_types: EVENT_TYPES,
      correctable_fields: CORRECTABLE_FIELD_NAMES,
      export_formats: EXPORT_FORMATS,
    }),
  );

  app.get('/me', requireRole(store, 'viewer'), (c) => c.json(c.get('caller')));

  app.get('/export', async (c) => {
    const { format, ...filter } = readQuery(c, ExportQuerySchema);
    const out = exportStream(format, store.exportRows(toStoreFilter(filter)));
    return new Response(out.body, {
      status: 200,
      headers: {
        'Content-Type': out.contentType,
        'Content-Disposition': `attachment; filename="rasad-events.${out.extension}"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  return app;
}
