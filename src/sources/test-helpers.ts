/**
 * @module sources/test-helpers
 * Shared by the readers' tests: fixture paths and draining a stream into an array.
 */
import { fileURLToPath } from 'node:url';
import type { SourceItem } from './types.ts';

export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/sources/', import.meta.url));

export async function collect<T = SourceItem>(it: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function docs(items: SourceItem[]) {
  return items.flatMap((i) => (i.kind === 'document' ? [i.doc] : []));
}

export function errors(items: SourceItem[]) {
  return items.flatMap((i) => (i.kind === 'error' ? [i] : []));
}
