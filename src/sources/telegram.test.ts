import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamJsonArray } from './json-stream.ts';
import { flattenTelegramText, readTelegramFile, readTelegramStream } from './telegram.ts';
import { collect, docs, errors, FIXTURES } from './test-helpers.ts';

const path = join(FIXTURES, 'telegram', 'result.json');

describe('readTelegramFile', () => {
  it('yields text messages only, with channel-scoped ids, offsets kept and entities flattened', async () => {
    const items = await collect(readTelegramFile(path));
    expect(errors(items)).toEqual([]);
    expect(docs(items)).toEqual([
      {
        id: 'tg-1587320044-2',
        text: 'عاجل: قصف مدفعي يستهدف أطراف بلدة كفرنبل بريف إدلب الجنوبي مساء اليوم.',
        published: '2022-01-20T19:30:00+03:00',
        source: 'أخبار ريف إدلب العاجلة',
      },
      {
        id: 'tg-1587320044-3',
        text: 'غارة جوية على محيط مدينة #أريحا أسفرت عن مقتل مدنيين اثنين. التفاصيل: الرابط',
        published: '2022-01-21T07:45:10+03:00',
        source: 'أخبار ريف إدلب العاجلة',
      },
      {
        id: 'tg-1587320044-6',
        text: 'نزوح نحو مئتي عائلة من قرى جبل الزاوية باتجاه المخيمات الحدودية خلال اليومين الماضيين "بحسب فرق الاستجابة".',
        published: '2022-01-22T14:20:00+03:00',
        source: 'أخبار ريف إدلب العاجلة',
      },
    ]);
    expect(items[0].origin).toBe(`${path}#message=2`);
  });

  it('gives the same result whatever the chunk size (1-byte chunks split every letter)', async () => {
    const bytes = readFileSync(path);
    for (const size of [1, 3, 64, 4096]) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
      const d = docs(await collect(readTelegramStream(chunks, 'mem')));
      expect(d.map((x) => x.id)).toEqual(['tg-1587320044-2', 'tg-1587320044-3', 'tg-1587320044-6']);
      expect(d[2].text).toContain('"بحسب فرق الاستجابة"');
    }
  });

  it('reports a JSON file that is not a chat export', async () => {
    const items = await collect(readTelegramStream([Buffer.from('{"about": "x", "chats": {"list": []}}')], 'full-export.json'));
    expect(items).toEqual([expect.objectContaining({ kind: 'error', code: 'unsupported' })]);
  });

  it('reports an oversized message and keeps going', async () => {
    const big = { id: 10, type: 'message', date: '2022-01-01T10:00:00', text: 'ك'.repeat(3000) };
    const small = { id: 11, type: 'message', date: '2022-01-01T11:00:00', text: 'رسالة قصيرة' };
    const json = JSON.stringify({ name: 'قناة', id: 5, messages: [big, small] });
    const items = await collect(readTelegramStream([Buffer.from(json)], 'm', { maxBytes: 1000 }));
    expect(items[0]).toMatchObject({ kind: 'error', code: 'too_large' });
    expect(docs(items)).toEqual([{ id: 'tg-5-11', text: 'رسالة قصيرة', published: '2022-01-01T11:00:00', source: 'قناة' }]);
  });

  it('falls back to a slug of the channel name when the export has no id', async () => {
    const json = JSON.stringify({ name: 'Local News 24', messages: [{ id: 1, type: 'message', date: '2022-01-01T10:00:00', text: 'خبر' }] });
    expect(docs(await collect(readTelegramStream([Buffer.from(json)], 'm')))[0].id).toBe('tg-local-news-24-1');
  });
});

describe('flattenTelegramText', () => {
  it.each([
    ['نص عادي', 'نص عادي'],
    [['مقتل ', { type: 'bold', text: 'خمسة' }, ' أشخاص'], 'مقتل خمسة أشخاص'],
    [[{ type: 'mention_name', text: 'فلان', user_id: 1 }, { type: 'unknown' }], 'فلان'],
    [null, ''],
    [42, ''],
  ])('%j → %j', (input, out) => {
    expect(flattenTelegramText(input)).toBe(out);
  });
});

describe('streamJsonArray', () => {
  it('collects scalar header members before and after the array and skips other containers', async () => {
    const s = streamJsonArray([Buffer.from('{"a": {"x": [1, 2]}, "name": "قناة \\"س\\"", "id": 9, "messages": [{"n": "]}"}, {"n": 2}], "tail": true}')], 'messages', 1e6);
    const els = await collect(s.elements);
    expect(els.map((e) => e.value)).toEqual([{ n: ']}' }, { n: 2 }]);
    expect(s.header).toEqual({ name: 'قناة "س"', id: 9, tail: true });
    expect(s.found).toBe(true);
  });
});
