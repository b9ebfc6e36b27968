/**
 * @module sources/types
 * What every input reader yields: a stream of `SourceItem`s, each either one input document
 * (SPEC section 1) or one error record that stands in its place. Readers never throw for bad
 * content — a broken line, record or page becomes an error item and the stream goes on — so an
 * ingest of a million lines is not lost to one bad byte. They throw only on misuse (a path that
 * does not exist, an option out of range).
 */
import type { InputDocument } from '../types.ts';

/** An input document plus what the reader learnt about where it came from. */
export interface SourceDocument extends InputDocument {
  /** When a crawler fetched the page (WARC-Date, or our own fetch time): NOT the article date. */
  fetched_at?: string;
  /** Media type as served or detected, e.g. "text/html". */
  content_type?: string;
  /** Charset used to decode `bytes` into `text`/`html`, when the reader decoded them. */
  charset?: string;
}

/** Closed set of error codes a reader may report. */
export type SourceErrorCode =
  | 'invalid_json'
  | 'invalid_document'
  | 'too_large'
  | 'read_error'
  | 'parse_error'
  | 'unsupported'
  | 'fetch_error'
  | 'http_status'
  | 'robots_disallowed'
  | 'timeout';

export type SourceItem =
  | {
      kind: 'document';
      doc: SourceDocument;
      /** `path:line`, `path#record=N`, `path#message=N` or the URL fetched. */
      origin: string;
      /** The raw bytes the text or html was decoded from, for callers that decode themselves. */
      bytes?: Uint8Array;
    }
  | {
      kind: 'error';
      origin: string;
      line?: number;
      id?: string | null;
      code: SourceErrorCode;
      message: string;
    };

export type SourceErrorItem = Extract<SourceItem, { kind: 'error' }>;
export type SourceDocumentItem = Extract<SourceItem, { kind: 'document' }>;

/** Options shared by every reader. */
export interface ReadOptions {
  /** Largest document (line, record, file, response body) accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Outlet name to put in `source` when the input itself does not name one. */
  source?: string;
  /** Stops reading between items when aborted. */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Misuse of a reader (bad option, missing path): the only thing readers throw. */
export class SourceUsageError extends Error {
  override name = 'SourceUsageError';
}

export function errorItem(
  origin: string,
  code: SourceErrorCode,
  message: string,
  extra: { line?: number; id?: string | null } = {},
): SourceErrorItem {
  return { kind: 'error', origin, code, message, ...extra };
}
