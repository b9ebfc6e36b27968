/**
 * @module store/migrations
 * The migration list (one source of truth for both engines), handed to Kysely's Migrator.
 * Names are YYYY_MM_DD_HH_MM_SS_what; Kysely applies them in name order.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../dialect.ts';
import * as initial from './2025_11_25_08_00_00_initial.ts';

interface StoreMigration {
  up(db: Parameters<Migration['up']>[0], d: StoreDialect): Promise<void>;
  down?(db: Parameters<Migration['up']>[0], d: StoreDialect): Promise<void>;
}

const MIGRATIONS: Record<string, StoreMigration> = {
  '2025_11_25_08_00_00_initial': initial,
};

/** A provider binding each migration to the dialect it runs on. */
export function migrationProvider(d: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => m.up(db, d), down: m.down ? (db) => m.down!(db, d) : undefined };
      }
      return out;
    },
  };
}
