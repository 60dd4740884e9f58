import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create();
await db.exec('create table t (id int, v int); create index ti on t(v)');
await db.exec('begin');
await db.exec('alter table t alter column v type bigint');
console.log((await db.query(`select c.relname, l.mode, l.granted from pg_locks l join pg_class c on c.oid=l.relation where l.pid = pg_backend_pid()`)).rows);
await db.exec('rollback');
