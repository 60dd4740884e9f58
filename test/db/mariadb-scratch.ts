// A database of its own on the test run's MariaDB for one describe block, and a way to ask the
// server whether a statement runs: the judge for rules whose verdicts are MariaDB's.
import { after, before } from 'node:test';
import mysql from 'mysql2/promise';
import { initEngine } from '../../server/src/engine/index.js';

/** Registers hooks that create database `name` (and load the parsers) before the block and drop it after. */
export function scratchDatabase(url: string | undefined, name: string): { connection: () => mysql.Connection } {
  let connection: mysql.Connection | undefined;
  before(async () => {
    await initEngine();
    connection = await mysql.createConnection({ uri: url! });
    await connection.query(`CREATE DATABASE IF NOT EXISTS ${name}`);
    await connection.query(`USE ${name}`);
  });
  after(async () => {
    await connection?.query(`DROP DATABASE IF EXISTS ${name}`);
    await connection?.end();
  });
  return { connection: () => connection! };
}

/** Drops `tables`, runs `setup`, then `sql`: the server's error message, or undefined when it ran. */
export async function serverRefusal(connection: mysql.Connection, tables: string, setup: readonly string[], sql: string): Promise<string | undefined> {
  await connection.query(`DROP TABLE IF EXISTS ${tables}`);
  for (const statement of setup) await connection.query(statement);
  try {
    await connection.query(sql);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
