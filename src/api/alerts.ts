/**
 * @module api/alerts
 * The alert dispatcher: for every active alert with a webhook, POSTs the matching events it
 * has not yet delivered as one JSON message, retrying with exponential backoff, and records
 * each attempt's outcome in the delivery log. The store decides what "not yet delivered" means
 * (events with no successful delivery for the alert), so a failed batch is offered again on
 * the next run and nothing is lost when the server restarts.
 */
import type { Alert, Delivery, Store, StoredEvent } from '../store/store.ts';
import { fromStoreFilter } from './schemas.ts';

export interface AlertDispatcherOptions {
  store: Store;
  /** HTTP client (tests inject one); defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Attempts per batch before it is logged as failed (default 3). */
  attempts?: number;
  /** Delay before the second attempt; doubles each time (default 500 ms). */
  backoffMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Events per message (default 100). */
  batchSize?: number;
  /** Where failures are reported (default: stderr). */
  log?: (msg: string) => void;
  /** Sleep function (tests inject one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/** What one run did for one alert. */
export interface DispatchReport {
  alertId: number;
  events: number;
  delivery: Delivery | null;
}

/** The JSON body POSTed to a webhook. */
export interface AlertMessage {
  alert: { id: number; name: string; filter: ReturnType<typeof fromStoreFilter> };
  sent_at: string;
  events: StoredEvent[];
}

export interface AlertDispatcher {
  /** Delivers pending events of one alert, or of every alert; never throws for a bad webhook. */
  runOnce(alertId?: number): Promise<DispatchReport[]>;
  /** Runs soon (coalescing calls), e.g. after an ingest. */
  kick(): void;
  /** Runs every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * @example
 * const d = createAlertDispatcher({ store });
 * d.start(60_000); // and d.kick() after each ingest
 */
export function createAlertDispatcher(opts: AlertDispatcherOptions): AlertDispatcher {
  const store = opts.store;
  const doFetch = opts.fetch ?? fetch;
  const attempts = Math.max(1, opts.attempts ?? 3);
  const backoffMs = opts.backoffMs ?? 500;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const batchSize = opts.batchSize ?? 100;
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let timer: NodeJS.Timeout | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  // one run at a time: two overlapping runs would deliver the same events twice
  let running: Promise<DispatchReport[]> | null = null;
  let stopped = false;

  async function post(alert: Alert, events: StoredEvent[]): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const message: AlertMessage = {
      alert: { id: alert.id, name: alert.name, filter: fromStoreFilter(alert.filter) },
      sent_at: new Date().toISOString(),
      events,
    };
    const body = JSON.stringify(message);
    let last = { ok: false, status: null as number | null, error: null as string | null };
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await sleep(backoffMs * 2 ** (i - 1));
      try {
        const res = await doFetch(alert.webhook_url!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'rasad-alerts/1' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        // drain the body so the connection can be reused
        await res.arrayBuffer().catch(() => undefined);
        last = { ok: res.ok, status: res.status, error: res.ok ? null : `webhook answered HTTP ${res.status}` };
        // a 4xx other than 408/429 will not get better by retrying
        if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)) break;
      } catch (err) {
        last = { ok: false, status: null, error: err instanceof Error ? err.message : String(err) };
      }
    }
    return last;
  }

  async function runAlert(alert: Alert): Promise<DispatchReport> {
    if (!alert.active || !alert.webhook_url) return { alertId: alert.id, events: 0, delivery: null };
    const events = await store.newEventsForAlert(alert.id, batchSize);
    if (events.length === 0) return { alertId: alert.id, events: 0, delivery: null };
    const r = await post(alert, events);
    const delivery = await store.recordDelivery({
      alertId: alert.id,
      eventKeys: events.map((e) => e.event_key),
      status: r.ok ? 'ok' : 'failed',
      httpStatus: r.status,
      error: r.error,
    });
    if (!r.ok) log(`[alerts] alert ${alert.id} (${alert.name}): delivery failed: ${r.error}`);
    return { alertId: alert.id, events: events.length, delivery };
  }

  async function runAll(alertId?: number): Promise<DispatchReport[]> {
    const alerts = (await store.listAlerts()).filter((a) => alertId == null || a.id === alertId);
    const reports: DispatchReport[] = [];
    for (const a of alerts) {
      try {
        reports.push(await runAlert(a));
      } catch (err) {
        log(`[alerts] alert ${a.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return reports;
  }

  const dispatcher: AlertDispatcher = {
    async runOnce(alertId) {
      while (running) await running.catch(() => undefined);
      running = runAll(alertId);
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    kick() {
      if (stopped || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        void dispatcher.runOnce().catch(() => undefined);
      }, 200);
      kickTimer.unref?.();
    },
    start(intervalMs) {
      stopped = false;
      if (timer) clearInterval(timer);
      timer = setInterval(() => void dispatcher.runOnce().catch(() => undefined), intervalMs);
      timer.unref?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      timer = kickTimer = null;
      if (running) await running.catch(() => undefined);
    },
  };
  return dispatcher;
}
