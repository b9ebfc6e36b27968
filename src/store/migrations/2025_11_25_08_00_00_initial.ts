/**
 * @module store/migrations/2025_11_25_08_00_00_initial
 * The initial schema, written once with Kysely's schema builder for both engines; the few
 * engine-specific types and the full-text structures come from the StoreDialect.
 */
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

export async function up(db: Kysely<any>, d: StoreDialect): Promise<void> {
  const { json, date, float } = d.types;

  await d.addIdColumn(db.schema.createTable('sources'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await d.addIdColumn(db.schema.createTable('documents'))
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('title', 'text')
    .addColumn('published', 'text')
    .addColumn('url', 'text')
    .addColumn('language', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull().unique())
    .addColumn('simhash', 'text', (c) => c.notNull())
    .addColumn('sh0', 'integer', (c) => c.notNull())
    .addColumn('sh1', 'integer', (c) => c.notNull())
    .addColumn('sh2', 'integer', (c) => c.notNull())
    .addColumn('sh3', 'integer', (c) => c.notNull())
    .addColumn('word_count', 'integer', (c) => c.notNull())
    .addColumn('cluster_id', 'integer')
    .addColumn('raw', 'text')
    .addColumn('cleaned', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const col of ['sh0', 'sh1', 'sh2', 'sh3', 'cluster_id', 'source_id', 'published']) {
    await db.schema.createIndex(`documents_${col}_idx`).on('documents').column(col).execute();
  }

  await db.schema.createTable('actors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('name_ar', 'text')
    .addColumn('kind', 'text')
    .execute();

  await d.addIdColumn(db.schema.createTable('places'))
    .addColumn('place_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('name_ar', 'text')
    .addColumn('country', 'text')
    .addColumn('admin1', 'text')
    .addColumn('admin2', 'text')
    .addColumn('lat', float)
    .addColumn('lon', float)
    .addColumn('geonames_id', 'integer')
    .execute();

  // canonical events (one per real-world happening)
  await d.addIdColumn(db.schema.createTable('events'))
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('sub_event_type', 'text', (c) => c.notNull())
    .addColumn('date_start', date)
    .addColumn('date_end', date)
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('date_text', 'text')
    // date_start, or 0001-01-01 when undated: a NOT NULL sort key for keyset paging
    .addColumn('sort_date', date, (c) => c.notNull())
    .addColumn('hours', json)
    .addColumn('loc_text', 'text')
    .addColumn('loc_name', 'text')
    .addColumn('loc_name_ar', 'text')
    .addColumn('country', 'text')
    .addColumn('admin1', 'text')
    .addColumn('admin2', 'text')
    .addColumn('lat', float)
    .addColumn('lon', float)
    .addColumn('geo_precision', 'integer')
    .addColumn('geonames_id', 'integer')
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('actor1_id', 'text')
    .addColumn('actor2_id', 'text')
    .addColumn('actor1', json)
    .addColumn('actor2', json)
    .addColumn('assoc_actor1', json)
    .addColumn('assoc_actor2', json)
    .addColumn('actors_norm', 'text')
    .addColumn('fatalities', 'integer')
    // fatalities, or -1 when unknown: a NOT NULL key for sorting and the minimum filter
    .addColumn('fatalities_sort', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('injured', 'integer')
    .addColumn('detained', 'integer')
    .addColumn('displaced', 'integer')
    .addColumn('fatalities_vague', json)
    .addColumn('evidence', json)
    .addColumn('extra', json)
    .addColumn('primary_document_id', 'integer')
    .addColumn('confidence', float, (c) => c.notNull())
    .addColumn('report_count', 'integer', (c) => c.notNull())
    .addColumn('source_count', 'integer', (c) => c.notNull())
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('original', json)
    .addColumn('review_status', 'text')
    .addColumn('review_who', 'text')
    .addColumn('review_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // the date order carries the common filter columns where the engine can (PostgreSQL
  // INCLUDE): walking it by date, and date-range counts, then need no table reads
  await d.createIndex(db, 'events_sort_idx', 'events', ['sort_date', 'id'], ['date_end', 'event_type', 'sub_event_type', 'country', 'admin1', 'fatalities_sort', 'review_status', 'lat', 'lon']);
  await d.createIndex(db, 'events_latlon_idx', 'events', ['lat', 'lon'], ['sort_date', 'id', 'review_status']);
  const eventIndexes: Array<[string, string[]]> = [
    ['events_type_sort_idx', ['event_type', 'sort_date']],
    ['events_subtype_idx', ['sub_event_type', 'sort_date']],
    ['events_admin1_idx', ['admin1', 'sort_date']],
    ['events_admin2_idx', ['admin2']],
    ['events_country_idx', ['country', 'sort_date']],
    ['events_fatalities_idx', ['fatalities_sort', 'id']],
  ];
  for (const [name, cols] of eventIndexes) await db.schema.createIndex(name).on('events').columns(cols).execute();

  await db.schema.createTable('event_actors')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_actors_pk', ['event_id', 'actor_id', 'role'])
    .execute();
  await db.schema.createIndex('event_actors_actor_idx').on('event_actors').columns(['actor_id', 'event_id']).execute();

  // reports: one document's account of an event, with its evidence and its own values
  await d.addIdColumn(db.schema.createTable('event_documents'))
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.references('events.id'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    // the document's near-duplicate cluster, denormalized for the copy lookup
    .addColumn('doc_cluster_id', 'integer', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('local_id', 'text')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('date_start', date)
    .addColumn('date_end', date)
    .addColumn('lat', float)
    .addColumn('lon', float)
    .addColumn('loc_key', 'text', (c) => c.notNull())
    // coarse grid cell of the coordinates (-1 without): candidate lookup for clustering
    .addColumn('cell', 'integer', (c) => c.notNull())
    // 1 when the date range is longer than SHORT_SPAN_DAYS: short reports get a tight window
    .addColumn('long_span', 'integer', (c) => c.notNull())
    .addColumn('actor1_id', 'text')
    .addColumn('actor2_id', 'text')
    .addColumn('actor_ids', json)
    .addColumn('anchor', 'text', (c) => c.notNull())
    // leader clustering (src/merge/cluster.ts): whether the report leads its group, and the
    // leader it prefers otherwise
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pref_leader', 'text')
    .addColumn('confidence', float, (c) => c.notNull())
    .addColumn('evidence', json, (c) => c.notNull())
    .addColumn('evidence_text', json, (c) => c.notNull())
    // folded search text of the evidence sentences (see store/fts.ts)
    .addColumn('context_text', 'text', (c) => c.notNull())
    .addColumn('event_values', json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_documents_event_idx').on('event_documents').column('event_id').execute();
  await db.schema.createIndex('event_documents_document_idx').on('event_documents').column('document_id').execute();
  await db.schema.createIndex('event_documents_cell_idx').on('event_documents').columns(['event_type', 'cell', 'long_span', 'date_start']).execute();
  await db.schema.createIndex('event_documents_lockey_idx').on('event_documents').columns(['event_type', 'loc_key', 'long_span', 'date_start']).execute();
  await db.schema.createIndex('event_documents_pref_idx').on('event_documents').column('pref_leader').execute();
  await db.schema.createIndex('event_documents_copy_idx').on('event_documents').columns(['doc_cluster_id', 'event_type', 'anchor']).execute();

  await d.addIdColumn(db.schema.createTable('corrections'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', json)
    .addColumn('new_value', json)
    .addColumn('who', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_key_idx').on('corrections').column('event_key').execute();

  await d.addIdColumn(db.schema.createTable('reviews'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('who', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reviews_key_idx').on('reviews').column('event_key').execute();

  await d.addIdColumn(db.schema.createTable('tokens'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await d.addIdColumn(db.schema.createTable('alerts'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter', json, (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('created_by', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await d.addIdColumn(db.schema.createTable('alert_deliveries'))
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('event_keys', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_deliveries_alert_idx').on('alert_deliveries').columns(['alert_id', 'id']).execute();

  // which events an alert has delivered successfully (so none is sent twice)
  await db.schema.createTable('alert_delivered')
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_delivered_pk', ['alert_id', 'event_key'])
    .execute();

  // small facts about the data the queries rely on (e.g. the longest event span, which
  // bounds date-range scans on sort_date)
  await db.schema.createTable('store_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('store_meta').values({ key: 'max_span_days', value: '0' }).execute();

  await d.createFullTextSchema(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['store_meta', 'alert_delivered', 'alert_deliveries', 'alerts', 'tokens', 'reviews', 'corrections', 'event_documents', 'event_actors', 'events', 'places', 'actors', 'documents', 'sources']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
