import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
for (const sync of ['NORMAL', 'OFF']) {
  rmSync('/tmp/c.db', { force: true }); rmSync('/tmp/c.db-wal', { force: true });
  const db = new Database('/tmp/c.db'); db.pragma('journal_mode = WAL'); db.pragma('synchronous = ' + sync);
  console.log(db.pragma('journal_mode', { simple: true }), db.pragma('synchronous', { simple: true }));
  db.exec('create table t(id integer primary key, v text)');
  const ins = db.prepare('insert into t(v) values (?)');
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) { db.exec('begin immediate'); for (let j = 0; j < 10; j++) ins.run('x'.repeat(500)); db.exec('commit'); }
  console.log(sync, (performance.now() - t0).toFixed(0), 'ms for 500 commits');
  db.close();
}
