/**
 * @module api/routes/alerts
 * Saved searches with a webhook: create, list, delete, see the delivery log, deliver now.
 * Alerts are managed by admins only; listing them needs the admin role too, because a
 * webhook URL often carries a secret.
 */
import { Hono } from 'hono';
import type { Alert } from '../../store/store.ts';
import type { ApiEnv } from '../auth.ts';
import { requireRole } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { AlertBodyInputSchema, fromStoreFilter, toStoreFilter } from '../schemas.ts';
import { intParam, readJson } from '../validate.ts';
import { writeGuard, type RouteDeps } from './deps.ts';

/** An alert as the API shows it: its filter in the API's own parameter names. */
export function publicAlert(a: Alert) {
  return { ...a, filter: fromStoreFilter(a.filter) };
}

export function alertRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { store } = deps;
  const adminRead = requireRole(store, 'admin');

  async function findAlert(id: number): Promise<Alert> {
    const a = (await store.listAlerts()).find((x) => x.id === id);
    if (!a) throw new ApiError(404, 'not_found', `no alert with id ${id}`);
    return a;
  }

  app.post('/alerts', writeGuard(deps, 'admin', deps.limits.writeBytes), async (c) => {
    const body = await readJson(c, AlertBodyInputSchema);
    const alert = await store.createAlert({
      name: body.name,
      filter: toStoreFilter(body.filter),
      webhookUrl: body.webhook_url,
      createdBy: c.get('caller').name,
    });
    return c.json(publicAlert(alert), 201);
  });

  app.get('/alerts', adminRead, async (c) => c.json({ alerts: (await store.listAlerts()).map(publicAlert) }));

  app.delete('/alerts/:id', writeGuard(deps, 'admin', deps.limits.writeBytes), async (c) => {
    const id = intParam(c, 'id', 'alert');
    if (!(await store.deleteAlert(id))) throw new ApiError(404, 'not_found', `no alert with id ${id}`);
    return c.body(null, 204);
  });

  app.get('/alerts/:id/deliveries', adminRead, async (c) => {
    const alert = await findAlert(intParam(c, 'id', 'alert'));
    return c.json({ alert: publicAlert(alert), deliveries: await store.listDeliveries(alert.id, 200) });
  });

  app.post('/alerts/:id/dispatch', writeGuard(deps, 'admin', deps.limits.writeBytes), async (c) => {
    const alert = await findAlert(intParam(c, 'id', 'alert'));
    const reports = await deps.dispatcher.runOnce(alert.id);
    return c.json({ deliveries: reports.flatMap((r) => (r.delivery ? [r.delivery] : [])) });
  });

  return app;
}
