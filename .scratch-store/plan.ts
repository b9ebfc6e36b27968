import Database from 'better-sqlite3';
const db = new Database('/tmp/real.db', { readonly: true });
const q = `select r.id from event_documents r inner join documents d on d.id = r.document_id where ((r.event_type = ? and r.date_start >= ? and r.date_start <= ? and r.date_end >= ?) or (r.event_type = ? and r.date_start >= ? and r.date_start <= ? and r.date_end >= ?))`;
console.log(db.prepare('explain query plan ' + q).all('Battles', '2020-01-01', '2020-02-01', '2020-01-01', 'Riots', '2020-01-01', '2020-02-01', '2020-01-01'));
const q2 = `select r.id from event_documents r inner join documents d on d.id = r.document_id where ((r.event_type = ? and r.anchor = ? and d.cluster_id = ?) or (r.event_type = ? and r.anchor = ? and d.cluster_id = ?))`;
console.log(db.prepare('explain query plan ' + q2).all('a', 'b', 1, 'c', 'd', 2));
const q3 = `select id from documents where (sh0 = ? or sh1 = ? or sh2 = ? or sh3 = ?)`;
console.log(db.prepare('explain query plan ' + q3).all(1,2,3,4));
