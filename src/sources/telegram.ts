/**
 * @module sources/telegram
 * Telegram Desktop channel exports (`result.json`, "Export chat history" in JSON) →
 * documents, one per text message, streamed (exports of big channels reach gigabytes).
 * Service messages (channel created, pinned …) and messages without text (a photo with no
 * caption) are skipped. Text is either a string or an array mixing strings and entity
 * objects ({type: "bold", text: "…"}); both are flattened to plain text.
 */
import type { ByteSource } from './bytes.ts';
import { createReadStream } from 'node:fs';
import { withOffsetFromUnix } from './dates.ts';
import { streamJsonArray } from './json-stream.ts';
import { DEFAULT_MAX_BYTES, errorItem, type ReadOptions, type SourceDocument, type SourceItem } from './types.ts';

/** Flattens a Telegram `text` value (string, or array of strings and entity objects). */
export function flattenTelegramText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) {
    return text
      .map((part) => {
        if (typeof part === 'string') return part;
        if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') return (part as { text: string }).text;
        return '';
      })
      .join('');
  }
  return '';
}

/** Channel key used in document ids: the numeric channel id, else a slug of its name. */
function channelKey(header: Record<string, unknown>): string {
  const id = header.id;
  if (typeof id === 'number' || (typeof id === 'string' && id)) return String(id);
  const name = typeof header.name === 'string' ? header.name : '';
  const slug = name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return slug || 'channel';
}

/** One exported message as a document, or null when it is not a text message. */
export function telegramMessageToDocument(msg: unknown, header: Record<string, unknown>, opts: ReadOptions = {}): SourceDocument | null {
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  if (m.type !== 'message') return null;
  let text = flattenTelegramText(m.text);
  if (!text.trim() && Array.isArray(m.text_entities)) text = flattenTelegramText(m.text_entities);
  if (!text.trim()) return null;
  const doc: SourceDocument = { id: `tg-${channelKey(header)}-${String(m.id)}`, text };
  if (typeof m.date === 'string') {
    const published = withOffsetFromUnix(m.date, Number(m.date_unixtime));
    if (published) doc.published = published;
  }
  const source = opts.source ?? (typeof header.name === 'string' ? header.name : undefined);
  if (source) doc.source = source;
  return doc;
}

/** Documents from a Telegram export stream; `name` prefixes each origin. */
export async function* readTelegramStream(
  stream: ByteSource,
  name: string,
  opts: ReadOptions = {},
): AsyncGenerator<SourceItem> {
  const s = streamJsonArray(stream, 'messages', opts.maxBytes ?? DEFAULT_MAX_BYTES);
  try {
    for await (const el of s.elements) {
      if (opts.signal?.aborted) return;
      const msgId = el.value && typeof el.value === 'object' ? (el.value as { id?: unknown }).id : undefined;
      const origin = `${name}#message=${msgId ?? `index-${el.index}`}`;
      if (el.error !== undefined) {
        yield errorItem(origin, /limit/.test(el.error) ? 'too_large' : 'invalid_json', el.error, { id: null });
        continue;
      }
      const doc = telegramMessageToDocument(el.value, s.header, opts);
      if (doc) yield { kind: 'document', doc, origin };
    }
  } catch (e) {
    yield errorItem(name, 'read_error', (e as Error).message, { id: null });
    return;
  }
  if (!s.found) yield errorItem(name, 'unsupported', 'not a Telegram chat export: no top-level "messages" array', { id: null });
}

/** Reads a Telegram Desktop `result.json`. */
export function readTelegramFile(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceItem> {
  return readTelegramStream(createReadStream(path, { highWaterMark: 256 * 1024 }), path, opts);
}
