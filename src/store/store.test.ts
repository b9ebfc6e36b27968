/**
 * Runs the store conformance suite (test/conformance/store.suite.ts) for every engine
 * selected by STORES (default: sqlite and postgres), plus resolveDbUrl.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { resolveDbUrl, isPostgresUrl, DEFAULT_DB, type StoredEvent } from './store.ts';
import type { ExportEvent } from '../export/types.ts';
import '../../test/conformance/store.suite.ts';

describe('store types', () => {
  it('hands exporters rows they accept (StoredEvent is an ExportEvent)', () => {
    expectTypeOf<StoredEvent>().toExtend<ExportEvent>();
  });
});

describe('resolveDbUrl', () => {
  it.each([
    ['the CLI value wins', 'cli.db', { RASAD_DB: 'env.db' }, 'cli.db'],
    ['then RASAD_DB', undefined, { RASAD_DB: 'postgres://u@h/db' }, 'postgres://u@h/db'],
    ['then the default', undefined, {}, DEFAULT_DB],
    ['blank values are ignored', '  ', { RASAD_DB: '' }, DEFAULT_DB],
  ])('%s', (_n, cli, env, expected) => {
    expect(resolveDbUrl(cli, env as NodeJS.ProcessEnv)).toBe(expected);
  });
  it.each([
    ['postgres://u:p@127.0.0.1:5432/rasad', true],
    ['postgresql://h/db', true],
    ['./rasad.db', false],
    ['/tmp/postgres.db', false],
  ])('isPostgresUrl(%s)', (url, expected) => {
    expect(isPostgresUrl(url)).toBe(expected);
  });
});
