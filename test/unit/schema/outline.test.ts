// schemaOutline: the tree the Schema view shows, on real replays of both dialects. Expressions
// read as the engine normalises them (the form it compares), not as written.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaOutline, type OutlineItem } from '../../../server/src/engine/schema/outline.js';
import { replaySql } from './support.js';

const summary = (items: OutlineItem[]): string[] => items.flatMap((item) => [`${item.kind} ${item.name}: ${item.detail}`, ...summary(item.children ?? []).map((line) => `  ${line}`)]);

test('PostgreSQL: tables with columns, keys and indexes, then views, types, named objects and what was dropped or renamed, each with its origin', async () => {
  const { replay } = await replaySql('postgres', [
    { version: '1', up: "CREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, mood mood DEFAULT 'ok');" },
    {
      version: '2',
      up: [
        'CREATE TABLE orders (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total numeric(10,2) CHECK (total >= 0));',
        'CREATE INDEX CONCURRENTLY orders_open_idx ON orders USING brin (customer_id) WHERE total > 0;',
        'CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;',
        'CREATE EXTENSION pgcrypto;',
      ].join('\n'),
    },
    { version: '3', up: 'ALTER TABLE customers RENAME TO clients;\nALTER TABLE clients ADD COLUMN name varchar(80);' },
    { version: '4', up: 'CREATE VIEW recent AS SELECT 1 AS one;\nDROP VIEW big_orders;' },
  ]);
  const outline = schemaOutline(replay.final(), Number);
  assert.deepEqual(summary(outline), [
    'table clients: 4 columns',
    '  column id: bigint not null default nextval(\'customers_id_seq\')',
    '  column email: text not null',
    "  column mood: mood default 'ok'",
    '  column name: character varying(80)',
    '  primary-key customers_pkey: primary key (id)',
    '  unique customers_email_key: unique (email)',
    'table orders: 3 columns',
    '  column id: integer not null generated always as identity',
    '  column customer_id: bigint not null',
    '  column total: numeric(10,2)',
    '  primary-key orders_pkey: primary key (id)',
    '  foreign-key orders_customer_id_fkey: (customer_id) → clients (id) on delete cascade',
    '  check orders_total_check: check (total>=0)',
    '  index orders_open_idx: brin (customer_id) where total>0',
    'view recent: ',
    "enum mood: 'ok', 'sad'",
    'extension pgcrypto: ',
    // What later migrations can no longer use, in the order it went.
    'history dropped or renamed: 2 objects',
    '  table customers: renamed to clients in 3 m (created in 1)',
    '  view big_orders: dropped in 4 m (created in 2)',
  ]);
  const clients = outline[0];
  assert.equal(clients.created?.version, '1');
  assert.deepEqual(clients.events.map((event) => [event.action, event.origin.version]), [['renamed', '3'], ['altered', '3']]);
  assert.equal(clients.children?.find((child) => child.name === 'name')?.created?.version, '3');
});

test('MySQL: auto_increment, on update and index kinds read the MySQL way', async () => {
  const { replay } = await replaySql('mysql', [
    {
      version: '1',
      up: 'CREATE TABLE posts (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, body text, updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, FULLTEXT KEY posts_body (body)) ENGINE=InnoDB;',
    },
  ]);
  assert.deepEqual(summary(schemaOutline(replay.final(), Number)), [
    'table posts: 3 columns',
    '  column id: int unsigned not null auto_increment',
    '  column body: text',
    '  column updated_at: timestamp not null default current_timestamp on update current_timestamp',
    '  primary-key PRIMARY: primary key (id)',
    '  index posts_body: fulltext (body)',
  ]);
});
