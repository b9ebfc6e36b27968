import Database from 'better-sqlite3';
const db = new Database('/tmp/sqlbench.db');
const terms = db.prepare(`select body from events_fts limit 0`).all();
// find frequent and rare terms
db.exec(`create virtual table if not exists temp.v using fts5vocab(main, events_fts, row)`);
const top = db.prepare(`select term, doc from temp.v order by doc desc limit 3`).all() as any[];
const mid = db.prepare(`select term, doc from temp.v where doc between 50 and 200 limit 3`).all() as any[];
console.log(top, mid);
const time = (label: string, sql: string, arg: string) => { const st = db.prepare(sql); st.all(arg); const t0 = performance.now(); for (let i = 0; i < 10; i++) st.all(arg); console.log(label.padEnd(30), ((performance.now() - t0) / 10).toFixed(1), 'ms', st.all(arg).length); };
for (const t of [top[0].term, top[2].term, mid[0].term]) {
  const m = `"${t}"`;
  time('IN ' + t, `select * from events where id in (select rowid from events_fts where events_fts match ?) and (review_status is null or review_status != 'rejected') order by sort_date desc, id desc limit 51`, m);
  time('EXISTS ' + t, `select * from events where exists (select 1 from events_fts where events_fts match ? and rowid = events.id) and (review_status is null or review_status != 'rejected') order by sort_date desc, id desc limit 51`, m);
  time('count ' + t, `select count(*) from events_fts where events_fts match ?`, m);
}
console.log(db.prepare(`explain query plan select * from events where id in (select rowid from events_fts where events_fts match ?) order by sort_date desc, id desc limit 51`).all('"x"'));
