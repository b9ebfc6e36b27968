/**
 * @module sources/json-stream
 * Streams the elements of one array member of a top-level JSON object ({"name": …,
 * "messages": [ {…}, {…} ]}) without holding the whole file: bytes are scanned for structure
 * (quotes, escapes, brackets — all ASCII, so UTF-8 needs no decoding to scan) and each element
 * is parsed on its own. Scalar members of the top object are collected into `header` as they
 * pass; members that come before the array are known when its first element is yielded.
 */
import type { ByteSource } from './bytes.ts';

export interface ArrayElement {
  /** The parsed element, or undefined when it could not be parsed or was too large. */
  value?: unknown;
  /** 0-based position in the array. */
  index: number;
  error?: string;
}

export interface JsonArrayStream {
  header: Record<string, unknown>;
  /** Whether the array member was found (false until it is met). */
  found: boolean;
  elements: AsyncGenerator<ArrayElement>;
}

const Q = 0x22, BS = 0x5c, LB = 0x7b, RB = 0x7d, LS = 0x5b, RS = 0x5d, COMMA = 0x2c, COLON = 0x3a;
const MAX_HEADER_VALUE = 64 * 1024;

/** Scans `stream` for `root[key]` and yields its elements one by one. */
export function streamJsonArray(
  stream: ByteSource,
  key: string,
  maxElementBytes: number,
): JsonArrayStream {
  const state: JsonArrayStream = { header: {}, found: false, elements: undefined as never };
  state.elements = (async function* () {
    let depth = 0;
    let inString = false;
    let escape = false;
    // Top-level member tracking.
    let expectKey = false;
    let currentKey: string | null = null;
    let tok: number[] | null = null; // bytes of the current depth-1 token (key or scalar value)
    let tokIsKey = false;
    let inArray = false; // inside root[key]
    // Element collection inside the array.
    let parts: Buffer[] = [];
    let elemStart = -1;
    let elemSize = 0;
    let elemTooBig = false;
    let index = 0;
    let skipDepth = -1; // depth of a non-target depth-1 container being skipped

    const finishScalar = () => {
      if (tok && currentKey !== null && !tokIsKey) {
        const raw = Buffer.from(tok).toString('utf8').trim();
        if (raw) {
          try {
            state.header[currentKey] = JSON.parse(raw);
          } catch {
            /* a header value we cannot read is simply not collected */
          }
        }
      }
      tok = null;
    };

    for await (const raw of stream) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      if (elemStart >= 0 || (inArray && depth >= 3)) elemStart = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (inString) {
          if (tok && tok.length < MAX_HEADER_VALUE) tok.push(c);
          if (escape) escape = false;
          else if (c === BS) escape = true;
          else if (c === Q) {
            inString = false;
            if (tok && tokIsKey) {
              try {
                currentKey = JSON.parse(Buffer.from(tok).toString('utf8')) as string;
              } catch {
                currentKey = null;
              }
              tok = null;
            }
          }
          continue;
        }
        if (c === Q) {
          inString = true;
          if (depth === 1 && skipDepth < 0) {
            tokIsKey = expectKey;
            tok = [c];
          }
          continue;
        }
        if (c === LB || c === LS) {
          depth++;
          if (depth === 1) {
            if (c !== LB) return; // not an object at the root
            expectKey = true;
          } else if (depth === 2 && skipDepth < 0) {
            tok = null;
            if (currentKey === key && c === LS) {
              inArray = true;
              state.found = true;
            } else skipDepth = 2;
          } else if (depth === 3 && inArray) {
            elemStart = i;
            elemSize = 0;
            parts = [];
            elemTooBig = false;
          }
          continue;
        }
        if (c === RB || c === RS) {
          if (inArray && depth === 3) {
            // An element closes: parse it.
            const piece = chunk.subarray(elemStart < 0 ? 0 : elemStart, i + 1);
            elemSize += piece.length;
            if (elemSize > maxElementBytes) elemTooBig = true;
            if (elemTooBig) {
              yield { index, error: `element is ${elemSize} bytes, over the ${maxElementBytes}-byte limit` };
            } else {
              parts.push(piece);
              const text = (parts.length === 1 ? parts[0] : Buffer.concat(parts)).toString('utf8');
              try {
                yield { index, value: JSON.parse(text) };
              } catch (e) {
                yield { index, error: (e as Error).message };
              }
            }
            index++;
            parts = [];
            elemStart = -1;
          }
          if (depth === 2 && inArray) inArray = false;
          if (depth === skipDepth) skipDepth = -1;
          if (depth === 1) finishScalar();
          depth--;
          continue;
        }
        if (depth === 1 && skipDepth < 0) {
          if (c === COLON) {
            expectKey = false;
            tokIsKey = false;
            tok = [];
          } else if (c === COMMA) {
            finishScalar();
            expectKey = true;
          } else if (tok && !tokIsKey && tok.length < MAX_HEADER_VALUE) tok.push(c);
        }
      }
      if (inArray && elemStart >= 0) {
        // The element continues into the next chunk: keep what we have unless it is too big.
        const piece = chunk.subarray(elemStart);
        elemSize += piece.length;
        if (elemSize > maxElementBytes) {
          elemTooBig = true;
          parts = [];
        } else if (!elemTooBig) parts.push(Buffer.from(piece));
      }
    }
  })();
  return state;
}
