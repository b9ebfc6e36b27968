/**
 * The pipeline over very long texts: extracted in paragraph-aligned chunks with every span
 * pointing into the whole cleaned text.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, extractDocument, paragraphChunks } from './pipeline.ts';

describe('[pipeline] paragraph chunks', () => {
  it.each([
    ['short text is one chunk', 'سطر أول\nسطر ثان', 100, [[0, 15]]],
    ['cut after the last line break before the limit', 'أ'.repeat(6) + '\n' + 'ب'.repeat(6), 10, [[0, 7], [7, 13]]],
    ['no line break: cut after a space', 'أأأ ببب تتت', 5, [[0, 4], [4, 8], [8, 11]]],
    ['no break at all: hard cut', 'أ'.repeat(12), 5, [[0, 5], [5, 10], [10, 12]]],
  ])('%s', (_name, text, max, chunks) => {
    expect(paragraphChunks(text as string, max as number)).toEqual(chunks);
  });
});

describe('[pipeline] a document longer than one chunk', () => {
  const paragraph = 'قصفت طائرات حربية بلدة سراقب في ريف إدلب اليوم، ما أدى إلى مقتل خمسة مدنيين.\n';
  const filler = 'وقال سكان إن الوضع الإنساني في المنطقة صعب للغاية وإن الأسعار ارتفعت كثيراً خلال الشهر.\n';
  // the strike reported once near the start and once beyond the first chunk
  const text = paragraph + filler.repeat(Math.ceil(CHUNK_CHARS / filler.length) + 10) + paragraph;
  const r = extractDocument({ id: 'long', text, published: '2023-03-16' });

  it('finds the events of every chunk, with spans into the whole text and unique ids', () => {
    const strikes = r.events.filter((e) => e.event_type === 'Explosions/Remote violence');
    expect(strikes.length).toBe(2);
    expect(strikes[1].evidence[0].start).toBeGreaterThan(CHUNK_CHARS);
    for (const e of strikes) expect(r.document.text.slice(e.evidence[0].start, e.evidence[0].end)).toMatch(/قصف/);
    for (const e of r.events) for (const x of Object.values(e.explain ?? {})) if (x.span) expect(x.span.end).toBeLessThanOrEqual(r.document.text.length);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(r.events.length);
    expect(r.warnings?.[0]).toMatch(/chunks/);
  });
});
