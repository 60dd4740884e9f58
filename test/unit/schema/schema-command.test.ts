// `migration-lens schema`: prints the replayed schema of a fixture tree, at the end or at a version.

import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../../server/src/cli/commands/schema.js';

const cwd = resolve(__dirname, '../../fixtures/frameworks');

async function schema(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('migration-lens schema', () => {
  test('prints the final schema as SQL by default', async () => {
    const { code, stdout } = await schema('golang-migrate/postgres');
    assert.equal(code, 0);
    assert.match(stdout, /CREATE TABLE users \(/);
    assert.match(stdout, /last_login_at timestamp with time zone/);
  });

  test('--at picks the snapshot after that version; --format json says where objects came from', async () => {
    const { code, stdout } = await schema('golang-migrate/postgres', '--at', '1', '--format', 'json');
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.deepEqual(json.tables.map((t: { name: string }) => t.name), ['users']);
    assert.equal(json.tables[0].createdIn.version, '000001');
  });

  test('an unknown version exits 2 with one line naming the nearest versions', async () => {
    const { code, stdout, stderr } = await schema('golang-migrate/postgres', '--at', '9');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /no migration with version "9".*nearest: 000005, 000004, 000003/);
  });
});
