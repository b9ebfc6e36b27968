/**
 * @module sources/fetcher
 * A polite HTTP client over global fetch: robots.txt obeyed (per origin, cached), one request
 * per host per second by default (or the site's Crawl-delay when longer), retries with
 * exponential backoff on network errors, timeouts, 429 and 5xx, a timeout per request, a size
 * limit per response, and redirects followed by hand so that each hop is checked against its
 * own host's robots.txt. Every failure is a `FetchError` with a code from `SourceErrorCode`.
 */
import { ALLOW_ALL, DISALLOW_ALL, isAllowed, parseRobots, type RobotsPolicy } from './robots.ts';
import { DEFAULT_MAX_BYTES, type SourceErrorCode } from './types.ts';

export const DEFAULT_USER_AGENT = 'RasadBot/0.1 (+https://example.invalid/rasad)';

export interface FetcherOptions {
  /** Sent as User-Agent. */
  userAgent?: string;
  /** Token looked up in robots.txt groups; defaults to the User-Agent's product name. */
  productToken?: string;
  /** Minimum time between two requests to one host. Default 1000 ms. */
  minIntervalMs?: number;
  /** Upper bound on a site's Crawl-delay / Retry-After. Default 60 s. */
  maxDelayMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First backoff; doubled on each retry. Default 1000 ms. */
  backoffMs?: number;
  /** Per request (headers and body). Default 20 s. */
  timeoutMs?: number;
  /** Largest response body. Default 10 MiB. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Obey robots.txt. Default true; switching it off is for tests of one's own servers. */
  obeyRobots?: boolean;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called before every HTTP request (robots.txt included): for logs and tests. */
  onRequest?: (url: string, attempt: number) => void;
}

export interface FetchedResponse {
  /** URL asked for. */
  requestedUrl: string;
  /** URL after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** Media type without parameters, lower-cased ("" when absent). */
  mediaType: string;
  /** Full Content-Type header. */
  contentType: string;
  bytes: Uint8Array;
  /** When the response arrived, ISO 8601 UTC. */
  fetchedAt: string;
}

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: Extract<SourceErrorCode, 'fetch_error' | 'http_status' | 'robots_disallowed' | 'timeout' | 'too_large'>,
    readonly url: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class PoliteFetcher {
  readonly userAgent: string;
  private readonly o: Required<Omit<FetcherOptions, 'onRequest' | 'userAgent' | 'productToken'>> & Pick<FetcherOptions, 'onRequest'>;
  private readonly token: string;
  /** Per host: when the latest queued request was sent. */
  private readonly lastSend = new Map<string, Promise<number>>();
  private readonly robots = new Map<string, Promise<RobotsPolicy>>();
  /** Policies already loaded, read synchronously by the throttle (the robots.txt request itself must not wait on them). */
  private readonly loaded = new Map<string, RobotsPolicy>();

  constructor(opts: FetcherOptions = {}) {
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.token = (opts.productToken ?? /^[A-Za-z_-]+/.exec(this.userAgent)?.[0] ?? '*').toLowerCase();
    this.o = {
      minIntervalMs: opts.minIntervalMs ?? 1000,
      maxDelayMs: opts.maxDelayMs ?? 60_000,
      retries: opts.retries ?? 3,
      backoffMs: opts.backoffMs ?? 1000,
      timeoutMs: opts.timeoutMs ?? 20_000,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
      maxRedirects: opts.maxRedirects ?? 5,
      obeyRobots: opts.obeyRobots ?? true,
      fetch: opts.fetch ?? globalThis.fetch,
      sleep: opts.sleep ?? sleepReal,
      now: opts.now ?? Date.now,
      onRequest: opts.onRequest,
    };
  }

  /** The robots.txt policy for a URL's origin (fetched once per origin). */
  robotsFor(url: URL): Promise<RobotsPolicy> {
    let p = this.robots.get(url.origin);
    if (!p) {
      p = this.loadRobots(url).then((policy) => {
        this.loaded.set(url.origin, policy);
        return policy;
      });
      this.robots.set(url.origin, p);
    }
    return p;
  }

  private async loadRobots(url: URL): Promise<RobotsPolicy> {
    const robotsUrl = `${url.origin}/robots.txt`;
    try {
      const res = await this.request(robotsUrl, { checkRobots: false, maxBytes: 512 * 1024, accept: 'text/plain' });
      return parseRobots(Buffer.from(res.bytes).toString('utf8'), this.token);
    } catch (e) {
      if (e instanceof FetchError && e.code === 'http_status' && e.status !== undefined) {
        // RFC 9309 2.3.1.3–4: 4xx means no rules; 5xx means the site may be down: stay away.
        return e.status >= 500 ? DISALLOW_ALL : ALLOW_ALL;
      }
      if (e instanceof FetchError && e.code === 'too_large') return ALLOW_ALL;
      throw e;
    }
  }

  private interval(url: URL): number {
    const delay = this.o.obeyRobots ? this.loaded.get(url.origin)?.crawlDelay : null;
    return delay == null ? this.o.minIntervalMs : Math.max(this.o.minIntervalMs, Math.min(delay * 1000, this.o.maxDelayMs));
  }

  /**
   * Waits for this host's turn. Requests to one host form a queue: each waits until the
   * previous one was actually sent plus the interval (measured from the real send time, so a
   * late request never lets the next one come early).
   */
  private async throttle(url: URL): Promise<void> {
    const prev = this.lastSend.get(url.host) ?? Promise.resolve(Number.NEGATIVE_INFINITY);
    let release!: (t: number) => void;
    this.lastSend.set(url.host, new Promise<number>((r) => (release = r)));
    const last = await prev;
    // Read after waiting: by now robots.txt (and its Crawl-delay) may have been loaded.
    const due = last + this.interval(url);
    // Timers fire against the event loop's cached clock and can wake a little early: re-check.
    for (let wait = due - this.o.now(); wait > 0; wait = due - this.o.now()) await this.o.sleep(wait);
    release(this.o.now());
  }

  private backoff(attempt: number, retryAfter: string | null): number {
    if (retryAfter) {
      const s = Number(retryAfter);
      const ms = Number.isFinite(s) ? s * 1000 : Date.parse(retryAfter) - this.o.now();
      if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, this.o.maxDelayMs);
    }
    return Math.min(this.o.backoffMs * 2 ** attempt, this.o.maxDelayMs);
  }

  /** GETs a URL politely. Throws `FetchError`. */
  async get(url: string, opts: { accept?: string; signal?: AbortSignal } = {}): Promise<FetchedResponse> {
    return this.request(url, { checkRobots: this.o.obeyRobots, maxBytes: this.o.maxBytes, accept: opts.accept, signal: opts.signal });
  }

  private async request(
    requested: string,
    opts: { checkRobots: boolean; maxBytes: number; accept?: string; signal?: AbortSignal },
  ): Promise<FetchedResponse> {
    let current: URL;
    try {
      current = new URL(requested);
      current.hash = ''; // never sent to the server; not part of the page's identity
    } catch {
      throw new FetchError('fetch_error', requested, `not a valid URL: ${requested}`);
    }
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new FetchError('fetch_error', current.href, `unsupported protocol ${current.protocol}`);
      }
      if (opts.checkRobots) {
        const policy = await this.robotsFor(current);
        if (!isAllowed(policy, current.pathname + current.search)) {
          throw new FetchError('robots_disallowed', current.href, `robots.txt disallows ${current.pathname}${current.search}`);
        }
      }
      const res = await this.attempts(current, opts);
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel().catch(() => {});
        if (hop >= this.o.maxRedirects) throw new FetchError('http_status', current.href, `more than ${this.o.maxRedirects} redirects`, res.status);
        current = new URL(res.headers.get('location')!, current);
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError('http_status', current.href, `HTTP ${res.status}`, res.status);
      }
      const bytes = await this.readBody(res, current.href, opts.maxBytes);
      const contentType = res.headers.get('content-type') ?? '';
      return {
        requestedUrl: requested,
        url: current.href,
        status: res.status,
        headers: res.headers,
        contentType,
        mediaType: contentType.split(';')[0].trim().toLowerCase(),
        bytes,
        fetchedAt: new Date(this.o.now()).toISOString(),
      };
    }
  }

  /** One URL with retries; returns the first response that is not retryable. */
  private async attempts(url: URL, opts: { accept?: string; signal?: AbortSignal }): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      if (opts.signal?.aborted) throw new FetchError('fetch_error', url.href, 'aborted');
      await this.throttle(url);
      this.o.onRequest?.(url.href, attempt);
      const signals = [AbortSignal.timeout(this.o.timeoutMs)];
      if (opts.signal) signals.push(opts.signal);
      let res: Response;
      try {
        res = await this.o.fetch(url.href, {
          headers: { 'user-agent': this.userAgent, accept: opts.accept ?? '*/*' },
          redirect: 'manual',
          signal: AbortSignal.any(signals),
        });
      } catch (e) {
        const timedOut = (e as Error).name === 'TimeoutError';
        if (attempt < this.o.retries && !opts.signal?.aborted) {
          await this.o.sleep(this.backoff(attempt, null));
          continue;
        }
        throw new FetchError(timedOut ? 'timeout' : 'fetch_error', url.href, timedOut ? `no answer within ${this.o.timeoutMs} ms` : `network error: ${(e as Error).message}`, undefined, { cause: e });
      }
      if ((res.status >= 500 || res.status === 429) && attempt < this.o.retries) {
        await res.body?.cancel().catch(() => {});
        await this.o.sleep(this.backoff(attempt, res.headers.get('retry-after')));
        continue;
      }
      return res;
    }
  }

  private async readBody(res: Response, url: string, max: number): Promise<Uint8Array> {
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      await res.body?.cancel().catch(() => {});
      throw new FetchError('too_large', url, `response is ${declared} bytes, over the ${max}-byte limit`);
    }
    if (!res.body) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          await reader.cancel().catch(() => {});
          throw new FetchError('too_large', url, `response is over the ${max}-byte limit`);
        }
        parts.push(value);
      }
    } catch (e) {
      if (e instanceof FetchError) throw e;
      const timedOut = (e as Error).name === 'TimeoutError';
      throw new FetchError(timedOut ? 'timeout' : 'fetch_error', url, `reading body: ${(e as Error).message}`, undefined, { cause: e });
    }
    return Buffer.concat(parts);
  }
}
