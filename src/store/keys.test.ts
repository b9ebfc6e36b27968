import { describe, expect, it } from 'vitest';
import { anchorText, contentHash, eventKeysFor, tokenHash } from './keys.ts';
import { FIXTURES, makeEvent } from './testing/fixtures.ts';

const f = FIXTURES.hasakahA;

describe('keys', () => {
  it('hashes content independently of diacritics and spacing', () => {
    expect(contentHash('قُتِلَ  شخصان')).toBe(contentHash('قتل شخصان'));
    expect(contentHash('قتل شخصان')).not.toBe(contentHash('قتل ثلاثة'));
    expect(contentHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('anchors an event on its earliest evidence span', () => {
    const ev = makeEvent(f.text, f.events[1]);
    ev.evidence = [{ start: ev.evidence[0].start + 100, end: ev.evidence[0].end + 100 }, ev.evidence[0]];
    expect(anchorText(f.text, ev)).toBe('اشتباكات عنيفه');
  });

  it('gives stable, distinct keys', () => {
    const hash = contentHash(f.text);
    const events = f.events.map((e, i) => makeEvent(f.text, e, i));
    const keys = eventKeysFor(hash, f.text, events);
    expect(keys).toEqual(eventKeysFor(hash, f.text, events.map((e) => ({ ...e, confidence: 0.1 }))));
    expect(new Set(keys).size).toBe(2);
    // two events with the same type and anchor are numbered
    const twice = eventKeysFor(hash, f.text, [events[0], events[0]]);
    expect(twice[1]).toBe(`${twice[0]}:2`);
    // another document, another key
    expect(eventKeysFor(contentHash('x'), f.text, events)[0]).not.toBe(keys[0]);
  });

  it('hashes tokens one way', () => {
    expect(tokenHash('rasad_secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash('rasad_secret')).not.toContain('secret');
  });
});
