/**
 * @module sources/robots
 * robots.txt per RFC 9309: groups of User-agent lines with Allow/Disallow rules, `*` and `$`
 * in paths, the longest matching rule wins and Allow wins a tie; the group naming our product
 * token is used, else the `*` group. Crawl-delay (not in the RFC, widely used) is read too.
 */

export interface RobotsRule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

export interface RobotsPolicy {
  rules: RobotsRule[];
  /** Seconds between requests asked for by the site, or null. */
  crawlDelay: number | null;
  sitemaps: string[];
}

/** A policy that allows everything (no robots.txt, or a 4xx for it). */
export const ALLOW_ALL: RobotsPolicy = { rules: [], crawlDelay: null, sitemaps: [] };
/** A policy that forbids everything (robots.txt unreachable: RFC 9309 section 2.3.1.4). */
export const DISALLOW_ALL: RobotsPolicy = {
  rules: [{ allow: false, pattern: '/', regex: /^\// }],
  crawlDelay: null,
  sitemaps: [],
};

function normalizePath(p: string): string {
  // Compare paths with the same percent-encoding: decode unreserved escapes, upper-case the rest.
  return p.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => {
    const c = String.fromCharCode(parseInt(h, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${h.toUpperCase()}`;
  });
}

function patternToRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const re = normalizePath(body)
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}${anchored ? '$' : ''}`);
}

interface Group {
  agents: string[];
  rules: RobotsRule[];
  crawlDelay: number | null;
}

/** Parses robots.txt and picks the rules for `productToken` (e.g. "RasadBot"). */
export function parseRobots(text: string, productToken: string): RobotsPolicy {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const key = line.slice(0, c).trim().toLowerCase();
    const value = line.slice(c + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
      continue;
    }
    if (!current) continue; // rules before any User-agent line belong to no group
    if (key === 'allow' || key === 'disallow') {
      // An empty Disallow means "nothing is disallowed": it adds no rule.
      if (value) current.rules.push({ allow: key === 'allow', pattern: value, regex: patternToRegex(value) });
    } else if (key === 'crawl-delay') {
      const d = Number(value);
      if (Number.isFinite(d) && d >= 0) current.crawlDelay = d;
    }
  }
  const token = productToken.toLowerCase();
  // A User-agent value names a product token, possibly followed by a version: "RasadBot/0.1".
  let chosen = groups.filter((g) => g.agents.some((a) => /^[a-z_-]+/.exec(a)?.[0] === token));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes('*'));
  // RFC 9309 2.2.1: several groups naming the same agent are merged.
  return {
    rules: chosen.flatMap((g) => g.rules),
    crawlDelay: chosen.map((g) => g.crawlDelay).find((d) => d !== null) ?? null,
    sitemaps,
  };
}

/** Whether `pathAndQuery` (e.g. "/news/1?x=2") may be fetched under `policy`. */
export function isAllowed(policy: RobotsPolicy, pathAndQuery: string): boolean {
  if (pathAndQuery === '/robots.txt') return true;
  const path = normalizePath(pathAndQuery || '/');
  let best: RobotsRule | null = null;
  for (const r of policy.rules) {
    if (!r.regex.test(path)) continue;
    if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow && !best.allow)) best = r;
  }
  return best ? best.allow : true;
}
