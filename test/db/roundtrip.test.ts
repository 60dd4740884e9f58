// One round trip per database the runner provides: proves each target is really there and
// usable (create, write, read back, drop) before the runner tests depend on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { testServerUrl } from '../support/databases/environment.js';
import { startPglite } from '../support/databases/pglite.js';

// Test files run in parallel processes against the same servers: each table name is unique.
const table = `roundtrip_${process.pid}`;
const createTable = `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL)`;
const insertRow = `INSERT INTO ${table} (id, title) VALUES (1, 'Dune')`;
const selectRows = `SELECT id, title FROM ${table}`;
const dropTable = `DROP TABLE ${table}`;

test('PGlite: create, insert, select, drop', async () => {
  const { db, stop } = await startPglite();
  try {
    await db.exec(createTable);
    await db.exec(insertRow);
    const { rows } = await db.query(selectRows);
    assert.deepEqual(rows, [{ id: 1, title: 'Dune' }]);
    await db.exec(dropTable);
    const { rows: remaining } = await db.query(`SELECT to_regclass('${table}') AS still_there`);
    assert.deepEqual(remaining, [{ still_there: null }]);
  } finally {
    await stop();
  }
});

const postgres = testServerUrl('postgres');
test('PostgreSQL server: create, insert, select, drop', { skip: postgres.skip }, async () => {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const { rows: server } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    assert.ok(Number(server[0]?.server_version_num) >= 130000, 'a real PostgreSQL server answers');
    await client.query(createTable);
    await client.query(insertRow);
    const { rows } = await client.query(selectRows);
    assert.deepEqual(rows, [{ id: 1, title: 'Dune' }]);
    await client.query(dropTable);
    const { rows: remaining } = await client.query(`SELECT to_regclass('${table}') AS still_there`);
    assert.deepEqual(remaining, [{ still_there: null }]);
  } finally {
    await client.end();
  }
});

const mariadb = testServerUrl('mysql');
test('MariaDB server: create, insert, select, drop', { skip: mariadb.skip }, async () => {
  const connection = await mysql.createConnection(mariadb.url!);
  try {
    const [[server]] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    assert.match(server?.version, /MariaDB/);
    await connection.query(createTable);
    await connection.query(insertRow);
    const [rows] = await connection.query<mysql.RowDataPacket[]>(selectRows);
    assert.deepEqual(
      rows.map((row) => ({ ...row })),
      [{ id: 1, title: 'Dune' }],
    );
    await connection.query(dropTable);
    const [remaining] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS tables_left FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
      [table],
    );
    assert.equal(Number(remaining[0]?.tables_left), 0);
  } finally {
    await connection.end();
  }
});
