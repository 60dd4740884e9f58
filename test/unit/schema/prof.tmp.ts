import { PGlite } from '@electric-sql/pglite';
void (async () => {
  let t = performance.now();
  const db = await PGlite.create();
  console.log('create', performance.now() - t);
  t = performance.now();
  const c = await db.clone();
  console.log('clone', performance.now() - t);
  t = performance.now();
  await db.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
  console.log('reset', performance.now() - t);
})();
