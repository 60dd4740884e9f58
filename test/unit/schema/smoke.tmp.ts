import { loadPostgresParser, parsePostgresStatements } from '../../../server/src/engine/parse/postgres/index.js';
import { splitStatements } from '../../../server/src/engine/parse/split.js';
import { SetReplay } from '../../../server/src/engine/schema/replay.js';
import { memorySet } from './support-set.js';
void (async () => {
await loadPostgresParser();
const files = new Map<string,string>();
const set = memorySet([
  { version: '001', up: `CREATE TABLE users (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, created_at timestamptz DEFAULT now());
   CREATE TYPE mood AS ENUM ('a','b');
   CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES users(id) ON DELETE CASCADE, body text CHECK (length(body) > 0), m mood);
   CREATE INDEX ON posts (user_id) WHERE body IS NOT NULL;`, down: 'DROP TABLE posts; DROP TABLE users; DROP TYPE mood;' },
  { version: '002', up: `ALTER TABLE users RENAME COLUMN email TO mail; ALTER TABLE posts RENAME TO articles; DROP TABLE nope; INSERT INTO articles (user_id, zzz) VALUES (1, 2); ALTER INDEX posts_user_id_idx RENAME TO px;` },
], 'postgres', files);
const replay = new SetReplay(set, (part) => { const text = files.get(part.file)!; return { key: text, statements: parsePostgresStatements(text, part.range, splitStatements(text, part.range, 'postgres')) }; });
for (const m of replay.all()) { console.log(m.migration.version, m.events.map(e => e.message), m.downResult?.events.map(e=>e.message), m.downResult?.after.tables.size); }

})();
import { PGlite } from '@electric-sql/pglite';
import { introspectPostgres } from '../../../server/src/db/introspect/postgres.js';
import { compareSchemas } from '../../../server/src/engine/schema/compare.js';
import { schemaToSql } from '../../../server/src/engine/schema/print.js';
void (async () => {
  await loadPostgresParser();
  const files = new Map<string,string>();
  const sql = [`CREATE TABLE users (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, created_at timestamptz DEFAULT now(), n int DEFAULT -1, s text DEFAULT 'x', price numeric(10,2) CHECK (price > 0), tags text[] DEFAULT '{}');
   CREATE TYPE mood AS ENUM ('a','b');
   CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES users(id) ON DELETE CASCADE, body text CHECK (length(body) > 0), m mood, status varchar(20) DEFAULT 'new' CHECK (status IN ('new','old')), CONSTRAINT ch CHECK (id > 0 AND user_id > 0));
   CREATE INDEX ON posts (user_id) WHERE body IS NOT NULL;
   CREATE UNIQUE INDEX posts_lower ON posts (lower(status));
   CREATE INDEX ON posts USING gin (to_tsvector('english', body));`,
   `ALTER TABLE users RENAME COLUMN email TO mail; ALTER TABLE posts RENAME TO articles; ALTER INDEX posts_user_id_idx RENAME TO px; ALTER TABLE articles ADD COLUMN x int NOT NULL DEFAULT 0; CREATE TABLE t2 (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), a int, b int, UNIQUE (a, b));`];
  const set = memorySet(sql.map((up, i) => ({ version: String(i + 1), up })), 'postgres', files);
  const replay = new SetReplay(set, (part) => { const text = files.get(part.file)!; return { key: text, statements: parsePostgresStatements(text, part.range, splitStatements(text, part.range, 'postgres')) }; });
  const db = new PGlite();
  for (const s of sql) await db.exec(s);
  const actual = await introspectPostgres(db);
  console.log(schemaToSql(replay.final()));
  console.log(compareSchemas(replay.final(), actual));
})();
