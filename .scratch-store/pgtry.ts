import { startTempPostgres } from '../test/helpers/postgres.ts';
import { ftsIndexBody, tsQuerySource } from '../src/store/fts.ts';
import pg from 'pg';
const t = await startTempPostgres();
const c = new pg.Client({ connectionString: t!.url }); await c.connect();
for (const w of ['المدنيين','المدنيون','مدنيون','مدنيين','لافتات','لافتة','عناصره','عناصر','الرواتب','راتب']) {
  const r = await c.query(`select to_tsvector('arabic', $1)::text v, to_tsquery('arabic', $2)::text q`, [ftsIndexBody(w), tsQuerySource(w)]); console.log(w, ftsIndexBody(w), r.rows[0].v, r.rows[0].q);
}
await c.end(); await t!.stop();
