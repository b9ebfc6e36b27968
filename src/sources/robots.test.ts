import { describe, expect, it } from 'vitest';
import { isAllowed, parseRobots } from './robots.ts';

const TXT = `# example
User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: GoogleBot
User-agent: RasadBot/0.1
Disallow: /search
Allow: /search/about

Sitemap: https://site.example/sitemap.xml
`;

describe('parseRobots', () => {
  it('uses the group naming RasadBot (case-insensitive, version ignored) instead of *', () => {
    const p = parseRobots(TXT, 'rasadbot');
    expect(p.rules.map((r) => r.pattern)).toEqual(['/search', '/search/about']);
    expect(p.crawlDelay).toBeNull();
    expect(p.sitemaps).toEqual(['https://site.example/sitemap.xml']);
  });

  it('falls back to the * group', () => {
    const p = parseRobots(TXT, 'otherbot');
    expect(p.crawlDelay).toBe(2);
    expect(p.rules).toHaveLength(3);
  });

  it('merges several groups for the same agent', () => {
    const p = parseRobots('User-agent: a\nDisallow: /x\n\nUser-agent: b\nDisallow: /y\n\nUser-agent: a\nDisallow: /z\n', 'a');
    expect(p.rules.map((r) => r.pattern)).toEqual(['/x', '/z']);
  });
});

describe('isAllowed', () => {
  const star = parseRobots(TXT, 'otherbot');
  const ours = parseRobots(TXT, 'RasadBot');
  it.each([
    [star, '/news/1', true],
    [star, '/private/a', false],
    [star, '/private/open/a', true], // longer Allow wins
    [star, '/files/report.pdf', false],
    [star, '/files/report.pdf?x=1', true], // $ anchors the end
    [star, '/robots.txt', true],
    [ours, '/search?q=حلب', false],
    [ours, '/search/about', true],
    [ours, '/private/a', true], // our group says nothing about /private
    [parseRobots('User-agent: *\nDisallow:\n', 'x'), '/anything', true], // empty Disallow allows all
    [parseRobots('User-agent: *\nDisallow: /a\nAllow: /a\n', 'x'), '/a', true], // tie → Allow
    [parseRobots('User-agent: *\nDisallow: /%7Euser/\n', 'x'), '/~user/page', false], // percent-encoding compared decoded
  ])('%#: %s → %s', (policy, path, allowed) => {
    expect(isAllowed(policy, path)).toBe(allowed);
  });
});
