import pg from 'pg';
import { readFileSync } from 'node:fs';
const c = new pg.Client({ connectionString: readFileSync('/tmp/pgplan.url', 'utf8') }); await c.connect();
const q = async (label: string, text: string, params: any[] = []) => {
  const r = await c.query('explain (analyze, buffers, costs off) ' + text, params);
  console.log('==', label); console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
};
const reg = (await c.query(`select admin1, avg(lat) lat, avg(lon) lon from events group by admin1 limit 1`)).rows[0];
console.log(reg);
await q('bbox', `select * from events where lat >= $1 and lat <= $2 and lon >= $3 and lon <= $4 and (review_status is null or review_status != 'rejected') order by sort_date desc, id desc limit 51`, [reg.lat - 0.5, reg.lat + 0.5, reg.lon - 0.5, reg.lon + 0.5]);
const rare = (await c.query(`select word from ts_stat('select fts from events') where ndoc between 50 and 200 limit 1`)).rows[0].word;
await q('text rare', `select * from events where fts @@ to_tsquery('arabic', $1) and (review_status is null or review_status != 'rejected') order by sort_date desc, id desc limit 51`, [rare]);
await q('count', `select event_type as key, count(*), coalesce(sum(fatalities),0) from events where date_end >= '2019-01-01' and sort_date >= '2018-12-25' and sort_date <= '2019-12-31' and date_start is not null and (review_status is null or review_status != 'rejected') group by event_type`);
await c.end();
