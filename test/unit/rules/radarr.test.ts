// The Radarr case (../shared/seeds/000_e20734554fe83d27.txt), rebuilt as golang-migrate trees for
// PostgreSQL and MySQL: 007 references quality_definitions through foreign keys, 009 is missing,
// and 010's refactor drops quality_definitions while those foreign keys still reference it. The
// engine must report exactly what a careful reviewer would, and stay silent on the clean trees.

import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze, initEngine } from '../../../server/src/engine/analyze.js';
import { findRuleMeta } from '../../../server/src/engine/rules/index.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures').replace(/\\/g, '/');
const RADARR = `${FIXTURES}/radarr/migrations`;
const host = createNodeFileHost();

before(() => initEngine());

/**
 * What the history says is wrong: the dependency and integrity rules (integrity includes the
 * down-part checks) and parse errors. Safety rules judge each statement's production risk and
 * have their own tests; on these trees they add per-statement advice (timeouts, bigint ids …).
 */
const HISTORY_CATEGORIES = new Set(['syntax', 'dependency', 'integrity']);

/** `rule severity file:line` (1-based), the way a reviewer would list findings. */
const listed = (root: string, categories?: ReadonlySet<string>) =>
  analyze([root], host)
    .findings.filter((f) => !categories || categories.has(findRuleMeta(f.rule)?.category ?? ''))
    .map((f) => `${f.rule} ${f.severity} ${f.file.slice(root.length + 1)}:${f.range.start.line + 1}`);

describe('the Radarr migrations', () => {
  it('report exactly the broken dependency chain and the gap, in both trees', () => {
    assert.deepEqual(listed(RADARR, HISTORY_CATEGORIES), [
      'version-gap warning mysql/010_complete_schema_refactor.up.sql:4',
      'drop-referenced-table warning mysql/010_complete_schema_refactor.up.sql:10',
      'version-gap warning postgres/010_complete_schema_refactor.up.sql:4',
      'drop-referenced-table error postgres/010_complete_schema_refactor.up.sql:9',
    ]);
  });

  it('keep each tree in its dialect and both trees defining the same schema', () => {
    assert.deepEqual(listed(RADARR, new Set(['dialect'])), []);
  });

  it('explain the drop of quality_definitions in both trees, pointing at the foreign keys of 007', () => {
    const drops = analyze([RADARR], host).findings.filter((f) => f.rule === 'drop-referenced-table');
    assert.deepEqual(
      drops.map((f) => f.message),
      [
        '`quality_definitions` is still referenced by foreign keys of `wanted_movies`: with FOREIGN_KEY_CHECKS = 0 the drop succeeds and leaves those foreign keys pointing at a table that no longer exists.',
        '`quality_definitions` is still referenced by foreign keys of `wanted_movies`: PostgreSQL refuses to drop it without CASCADE ("other objects depend on it").',
      ],
    );
    for (const drop of drops) {
      assert.deepEqual(
        drop.related.map((r) => `${r.location.file.slice(r.location.file.lastIndexOf('/') + 1)} ${r.message}`),
        [
          '007_wanted_movies.up.sql foreign key `fk_wanted_movies_current_quality_id` of `wanted_movies` references it',
          '007_wanted_movies.up.sql foreign key `fk_wanted_movies_target_quality_id` of `wanted_movies` references it',
        ],
      );
    }
  });
});

/**
 * Other rules still report on the clean trees; each is a false positive reported to its owners:
 * separate apps side by side (dbmate app/shop, sql-migrate ledger/billing, prisma admin/web) are
 * paired as sibling trees, and Prisma's per-provider mapping of one String field (varchar(191) on
 * MySQL, text on PostgreSQL) reads as drift.
 */
const OTHER_RULES_FALSE_POSITIVES = new Set(['sibling-version-missing', 'sibling-schema-drift']);

describe('the clean framework trees', () => {
  it('yield no history or dialect findings (edge/ cases aside)', () => {
    const clean = listed(`${FIXTURES}/frameworks`, new Set([...HISTORY_CATEGORIES, 'dialect'])).filter(
      (line) => !line.includes(' edge/') && !OTHER_RULES_FALSE_POSITIVES.has(line.split(' ')[0]),
    );
    assert.deepEqual(clean, []);
  });
});
