// dbmate's own binary (npm package dbmate) agrees with our runs and we agree with its runs,
// on PostgreSQL and MariaDB.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { migrateDown, migrateUp, migrationStatus } from '../../server/src/db/runner/index.js';
import { diskOptions, freshDatabase, frameworksRoot, servers, setFrom } from './runner-support.js';

const dbmate = resolve(frameworksRoot, '../../../node_modules/.bin/dbmate');

function runDbmate(url: string, dir: string, ...args: string[]): string {
  // dbmate wants sslmode spelled out for a local server without TLS; MySQL URLs need no option.
  const dbmateUrl = url.startsWith('postgres') ? `${url}?sslmode=disable` : url;
  return execFileSync(dbmate, ['--url', dbmateUrl, '--migrations-dir', dir, '--no-dump-schema', ...args], { encoding: 'utf8' });
}

for (const { kind, fixture } of [
  { kind: 'postgres' as const, fixture: 'dbmate/app/db/migrations' },
  { kind: 'mysql' as const, fixture: 'dbmate/shop/db/migrations' },
]) {
  const skip = servers[kind].skip || (existsSync(dbmate) ? false : 'dbmate is not installed (npm install)');
  test(`dbmate on ${kind}: sees our runs as applied and rolls them back; we see its runs`, { skip }, async () => {
    const dir = `${frameworksRoot}/${fixture}`;
    const set = setFrom(dir);
    const ours = await freshDatabase(kind);
    const theirs = await freshDatabase(kind);
    const connection = await ours.open();
    const other = await theirs.open();
    try {
      await migrateUp(connection, set, {}, diskOptions());
      assert.match(runDbmate(ours.url!, dir, 'status'), new RegExp(`Applied: ${set.migrations.length}\\s+Pending: 0`));
      runDbmate(ours.url!, dir, 'rollback');
      const afterRollback = await migrationStatus(connection, set, diskOptions());
      assert.deepEqual(afterRollback.migrations.map((m) => m.state), [...set.migrations.slice(0, -1).map(() => 'applied'), 'pending']);

      runDbmate(theirs.url!, dir, 'up');
      const status = await migrationStatus(other, set, diskOptions());
      assert.ok(status.migrations.every((m) => m.state === 'applied'));
      const down = await migrateDown(other, set, { to: 'none' }, diskOptions());
      assert.equal(down.failure, undefined, down.failure?.message);
      assert.match(runDbmate(theirs.url!, dir, 'status'), new RegExp(`Applied: 0\\s+Pending: ${set.migrations.length}`));
    } finally {
      await Promise.all([connection.close(), other.close()]);
      await Promise.all([ours.cleanup(), theirs.cleanup()]);
    }
  });
}
