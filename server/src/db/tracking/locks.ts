// Session lock keys for frameworks that define none of their own: one per tracking table and
// database, so two Migration Lens runners on the same set serialize.

import type { DatabaseConnection } from '../connection.js';
import { crc32 } from './checksums.js';
import { databaseName } from './sql.js';
import type { LockKey } from './types.js';

export async function migrationLensLock(connection: DatabaseConnection, table: string): Promise<LockKey> {
  const name = `migration-lens:${await databaseName(connection)}:${table}`;
  return connection.dialect === 'postgres'
    ? { kind: 'advisory', key: String(crc32(new TextEncoder().encode(name))) }
    : { kind: 'named', name };
}
