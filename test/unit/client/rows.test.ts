// The rows of the Migrations container's views, as the views build them (no editor needed):
// migrations with their states and findings and the context values their actions hang on, the
// history newest first with times and durations, each set's database, its container and drift.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerRow, databaseRow, differenceRow, driftRow, targetRow } from '../../../client/src/database/database-rows.js';
import { historyRow, historySummary } from '../../../client/src/database/history-rows.js';
import { migrationRow, migrationRows } from '../../../client/src/database/migration-rows.js';
import { durationText, findingsText } from '../../../client/src/views/row.js';
import type { SetDatabase, SetMigrationItem, StatusResult } from '../../../server/src/lsp/protocol.js';

const ROOT = '/w/db/migrations';
const file = (name: string) => `file://${ROOT}/${name}`;
const analysed = (version: string, name: string, findings: Partial<SetMigrationItem> = {}): SetMigrationItem => ({
  id: `${version}_${name}`,
  version,
  name,
  uri: file(`${version}_${name}.up.sql`),
  downUri: file(`${version}_${name}.down.sql`),
  repeatable: false,
  errors: 0,
  warnings: 0,
  infos: 0,
  ...findings,
});
const ANALYSED = [analysed('000001', 'create_users'), analysed('000002', 'create_orders', { warnings: 1 }), analysed('000003', 'create_invoices', { errors: 1, warnings: 2 })];
const STATUS: StatusResult = {
  target: 'the embedded PostgreSQL database db_migrations',
  table: 'schema_migrations',
  detectsEdits: false,
  migrations: [
    { key: '1', version: '000001', name: 'create_users', state: 'applied', appliedAt: '2025-03-04T05:06:07.000Z', uri: file('000001_create_users.up.sql') },
    { key: '2', version: '000002', name: 'create_orders', state: 'applied', uri: file('000002_create_orders.up.sql') },
    { key: '3', version: '000003', name: 'create_invoices', state: 'pending', uri: file('000003_create_invoices.up.sql') },
    { key: '9', version: '9', name: '', state: 'missing', detail: 'recorded in schema_migrations but no file has it' },
  ],
};

describe('Migrations view rows', () => {
  it('before the state is read: the analysis\'s migrations with their findings, opening their files', () => {
    const rows = migrationRows(ROOT, ANALYSED).map((row) => migrationRow(row, true));
    assert.deepEqual(
      rows.map((row) => [row.label, row.description, row.contextValue, row.icon]),
      [
        ['000001 create_users', undefined, 'migration.unread', { id: 'file', color: undefined }],
        ['000002 create_orders', '1 warning', 'migration.unread', { id: 'file', color: undefined }],
        ['000003 create_invoices', '1 error · 2 warnings', 'migration.unread', { id: 'file', color: 'errorForeground' }],
      ],
    );
    assert.deepEqual(rows[2].open, { uri: file('000003_create_invoices.up.sql') });
    assert.match(rows[0].tooltip!, /has not been read/);
  });

  it('with the state: each migration\'s state, when it was applied and its findings; the last applied one can be redone', () => {
    const rows = migrationRows(ROOT, ANALYSED, STATUS);
    assert.deepEqual(rows.map((row) => [row.version, row.last, row.analysed?.id]), [
      ['000001', false, '000001_create_users'],
      ['000002', true, '000002_create_orders'],
      ['000003', false, '000003_create_invoices'],
      ['9', false, undefined],
    ]);
    const shown = rows.map((row) => migrationRow(row, true));
    assert.deepEqual(
      shown.map((row) => [row.label, row.description, row.contextValue, row.icon?.id]),
      [
        ['000001 create_users', '2025-03-04 05:06:07', 'migration.applied', 'pass-filled'],
        ['000002 create_orders', 'applied · 1 warning', 'migration.applied.last', 'pass-filled'],
        ['000003 create_invoices', 'pending · 1 error · 2 warnings', 'migration.pending', 'circle-large-outline'],
        ['9', 'applied, file missing', 'migration.missing', 'question'],
      ],
    );
    assert.equal(shown[3].open, undefined, 'a record with no file opens nothing');
  });

  it('a failed migration offers the ways out only on a database the extension made, and says what the last run left', () => {
    const failed: StatusResult = { ...STATUS, migrations: [{ key: '1', version: '000001', name: 'create_users', state: 'failed', detail: 'schema_migrations: version 1 is marked dirty', uri: file('000001_create_users.up.sql') }] };
    const [row] = migrationRows(ROOT, ANALYSED, failed);
    assert.equal(migrationRow(row, true).contextValue, 'migration.failed.own');
    assert.equal(migrationRow(row, false).contextValue, 'migration.failed');
    const withOutcome = migrationRow(row, true, 'It was NOT rolled back: the 2 statements before the failing one took effect');
    assert.equal(withOutcome.description, 'failed part-way');
    assert.match(withOutcome.tooltip!, /marked dirty\nIt was NOT rolled back/);
  });
});

describe('History view rows', () => {
  it('say when and how long where the table records it, and mark failures', () => {
    const applied = historyRow({ key: '2', version: '2', name: 'create_orders', state: 'applied', appliedAt: '2025-03-04T05:06:07.123Z', durationMs: 1234, uri: file('V2__create_orders.sql') });
    assert.deepEqual([applied.label, applied.description, applied.icon?.id, applied.contextValue], ['2 create_orders', '2025-03-04 05:06:07 · 1.2 s', 'pass-filled', 'history.applied']);
    assert.match(applied.tooltip!, /ran at 2025-03-04 05:06:07 UTC\ntook 1\.2 s/);
    const failed = historyRow({ key: '3', version: '3', name: 'drop_total', state: 'failed', durationMs: 5, detail: 'its SQL row says success = false' });
    assert.deepEqual([failed.description, failed.icon], ['failed part-way · 5 ms', { id: 'error', color: 'errorForeground' }]);
    assert.equal(historyRow({ key: '1', version: '1', name: 'a', state: 'applied' }).description, '');
    assert.equal(historySummary({ target: 't', table: 'goose_db_version', entries: [] }).label, 'Nothing recorded in goose_db_version yet');
    const untimed = historySummary({ target: 't', table: 'schema_migrations', entries: [{ key: '1', version: '1', name: 'a', state: 'applied' }] });
    assert.deepEqual([untimed.label, untimed.description], ['1 recorded in schema_migrations', 'it keeps no times']);
  });
});

describe('Database view rows', () => {
  const database = (kind: 'embedded' | 'docker' | 'url', description: string, extra: Partial<SetDatabase> = {}): SetDatabase => ({
    root: ROOT,
    label: `${kind} db_migrations`,
    target: { kind, description, local: true, passwordInUrl: false },
    ...extra,
  });

  it('name each set\'s database by kind, and a MySQL set with none yet', () => {
    const embedded = databaseRow(database('embedded', 'the embedded PostgreSQL database db_migrations (/s/databases/db_migrations)'), 'db/migrations');
    assert.deepEqual([embedded.label, embedded.description, embedded.icon?.id, embedded.contextValue], ['embedded db_migrations', 'db/migrations', 'database', 'database.embedded']);
    assert.equal(targetRow(database('embedded', 'the embedded PostgreSQL database db_migrations (/s/databases/db_migrations)')).description, '/s/databases/db_migrations');
    assert.equal(databaseRow(database('docker', 'database db_migrations in the workspace\'s Docker container'), 'db').contextValue, 'database.docker');
    const none = databaseRow(database('embedded', 'the embedded PostgreSQL database', { needsTarget: true, label: 'no MySQL database yet' }), 'reports/mysql');
    assert.deepEqual([none.contextValue, none.icon?.id], ['database.none', 'info']);
    const remote = targetRow({ ...database('url', 'postgres://app@db.example.com:5432/app'), target: { kind: 'url', description: 'postgres://app@db.example.com:5432/app', local: false, passwordInUrl: false } });
    assert.deepEqual([remote.label, remote.icon?.id], ['postgres://app@db.example.com:5432/app', 'globe']);
    assert.match(remote.tooltip!, /every run asks first/);
  });

  it('show the container\'s state as docker reports it, or why docker could not say', () => {
    const running = containerRow({ action: 'status', container: 'migration-lens-w-1a2b', image: 'postgres:16', done: 'none', cancelled: false, dockerState: 'running', url: 'postgres://postgres@127.0.0.1:54321/postgres', message: 'Container migration-lens-w-1a2b (postgres:16): running' });
    assert.deepEqual([running.label, running.description, running.contextValue], ['container migration-lens-w-1a2b', 'running · postgres://postgres@127.0.0.1:54321/postgres', 'database.container.running']);
    const absent = containerRow({ action: 'status', container: 'c', image: 'postgres:16', done: 'none', cancelled: false, message: 'Container c (postgres:16) does not exist' });
    assert.deepEqual([absent.description, absent.contextValue], ['not created yet', 'database.container.absent']);
    assert.equal(containerRow({ error: 'docker: command not found' }).label, 'Docker is not available');
  });

  it('offer a drift check, then show its differences, each opening the statement that defined the object', () => {
    assert.deepEqual(driftRow(ROOT).command, { command: 'migrationLens.drift', title: 'Check Schema Drift', arguments: [{ root: ROOT }] });
    const definedBy = { version: '2', migration: 'create_orders', uri: file('000002_create_orders.up.sql'), range: { start: { line: 3, character: 2 }, end: { line: 3, character: 20 } } };
    const drift = { target: 't', appliedVersion: '2', appliedCount: 2, notes: [], checkedAt: '2025-03-04T05:06:07.000Z', differences: [{ objectKind: 'column', object: 'orders.total', property: 'type', expected: 'numeric', actual: 'integer', definedBy }] };
    const row = driftRow(ROOT, drift);
    assert.deepEqual([row.label, row.description, row.collapsible], ['Drift: 1 difference', 'checked 2025-03-04 05:06:07', 'expanded']);
    assert.equal(driftRow(ROOT, { ...drift, differences: [] }).label, 'No drift');
    const difference = differenceRow(drift.differences[0]);
    assert.deepEqual([difference.label, difference.description, difference.open], ['column orders.total type', 'expected numeric, found integer', { uri: definedBy.uri, line: 3, character: 2 }]);
  });
});

describe('row wording', () => {
  it('counts findings and durations as people read them', () => {
    assert.equal(findingsText({ errors: 0, warnings: 0 }), undefined);
    assert.equal(findingsText({ errors: 2, warnings: 1, infos: 3 }), '2 errors · 1 warning · 3 info');
    assert.deepEqual([durationText(12.4), durationText(3400), durationText(125_000)], ['12 ms', '3.4 s', '2 min 5 s']);
  });
});
