/**
 * @module api/auth
 * Bearer-token access for writes. Reads are open; every write names the least role it needs
 * (viewer < editor < admin). The token is checked by the store (only a hash is stored there),
 * before the body is read, so a refused request never touches the data.
 */
import type { MiddlewareHandler } from 'hono';
import type { Store, TokenRole } from '../store/store.ts';
import { ApiError } from './errors.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';

/** The caller of a write, as the token says. */
export interface Caller {
  name: string;
  role: TokenRole;
}

/** Hono variables set by the API's middleware. */
export type ApiEnv = { Variables: { caller: Caller } };

const RANK: Record<TokenRole, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `role` is at least `needed`. */
export function roleAllows(role: TokenRole, needed: TokenRole): boolean {
  return RANK[role] >= RANK[needed];
}

/** The plaintext token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{8,512})[ \t]*$/i.exec(header);
  return m ? m[1] : null;
}

/**
 * Requires a valid token with at least `needed`; 401 without one or with an unknown one, 403
 * when the role is too low. With a limiter, also applies the per-token write rate limit.
 */
export function requireRole(store: Store, needed: TokenRole, limiter?: SlidingWindowLimiter): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const challenge = { 'WWW-Authenticate': 'Bearer realm="rasad"' };
    if (!token) throw new ApiError(401, 'unauthorized', 'this request needs an Authorization: Bearer <token> header', { headers: challenge });
    const who = await store.verifyToken(token);
    if (!who) throw new ApiError(401, 'unauthorized', 'unknown or revoked token', { headers: challenge });
    if (!roleAllows(who.role, needed))
      throw new ApiError(403, 'forbidden', `role ${who.role} may not do this; it needs ${needed} or higher`);
    if (limiter) {
      const d = limiter.hit(who.name);
      if (!d.ok) {
        const secs = Math.ceil(d.retryAfterMs / 1000);
        throw new ApiError(429, 'rate_limited', `too many writes; try again in ${secs} s`, { headers: { 'Retry-After': String(secs) } });
      }
    }
    c.set('caller', { name: who.name, role: who.role });
    await next();
  };
}
