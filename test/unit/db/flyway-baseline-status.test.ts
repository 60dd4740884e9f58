// A Flyway set with a baseline migration, as the database's own history decides: an empty
// database runs the baseline and the versions above it; one migrated before the baseline goes on
// from the versions it has run, and the baseline is never run there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusFromRecords } from '../../../server/src/db/runner/status.js';
import { TRACKING } from '../../../server/src/db/tracking/index.js';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import { createMemoryHost } from '../discover/memory-host.js';

const CREATE = 'CREATE TABLE t (id int);\n';
const [set] = discoverSets(['/p'], createMemoryHost({ '/p/m/V1__a.sql': CREATE, '/p/m/V2__b.sql': CREATE, '/p/m/B2__baseline.sql': CREATE, '/p/m/V3__c.sql': CREATE }), {
  config: defaultProjectConfig('/p'),
  dialect: 'postgres',
});
const tracking = TRACKING.flyway;
const states = (records: Parameters<typeof statusFromRecords>[2]) =>
  statusFromRecords(set, tracking, records, () => CREATE).migrations.map((m) => [m.key, m.state, ...(m.detail ? [m.detail] : [])]);

test('an empty database runs the baseline, then the versions above it', () => {
  assert.deepEqual(states([]), [
    ['B:2', 'pending'],
    ['3', 'pending'],
  ]);
  assert.deepEqual(states([{ key: 'B:2', state: 'applied' }]), [
    ['B:2', 'applied'],
    ['3', 'pending'],
  ]);
});

test('a database migrated before the baseline goes on from its versions and never runs the baseline', () => {
  assert.deepEqual(states([{ key: '1', state: 'applied' }]), [
    ['1', 'applied'],
    ['2', 'pending'],
    [
      'B:2',
      'applied',
      'not run here: this database was migrated before the baseline, so it has run the migrations the baseline replaces (Flyway runs a baseline only on an empty database)',
    ],
    ['3', 'pending'],
  ]);
});
