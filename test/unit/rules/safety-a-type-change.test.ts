// changing-column-type's expand–contract fix: ADD COLUMN in place, then backfill, swap and drop
// migrations named for the set's framework; every file parses and the fixed set checks clean.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import type { Finding } from '../../../server/src/engine/model/finding.js';
import { parseStatements } from '../../../server/src/engine/parse/index.js';
import { applyFixes, check, checkSql, findingsOf, ROOT } from './helpers.js';

const pg = 'postgres' as const;
const RULE = 'changing-column-type';

function parses(sql: string): void {
  assert.deepEqual(parseStatements(sql, { start: 0, end: sql.length }, pg).flatMap((s) => (s.syntaxError ? [s.syntaxError.message] : [])), [], sql);
}

/** The finding's file after its first fix, and the files that fix creates (relative to ROOT). */
function applyFirstFix(files: Record<string, string>, finding: Finding): Record<string, string> {
  const [fix] = finding.fixes;
  const path = finding.file.slice(ROOT.length + 1);
  const inPlace = fix.edits.filter((edit) => edit.file === finding.file);
  const created = fix.edits.filter((edit) => edit.file !== finding.file);
  for (const edit of created) assert.deepEqual(edit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  return { [path]: applyFixes(files[path], [{ ...fix, edits: inPlace }]), ...Object.fromEntries(created.map((edit) => [edit.file.slice(ROOT.length + 1), edit.newText])) };
}

describe('changing-column-type expand–contract fix', () => {
  before(async () => {
    await initEngine();
  });

  it('goose: ADD COLUMN in place, backfill with USING, swap, drop; the fixed set is quiet', () => {
    const files = {
      '00001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, age text NOT NULL);\n-- +goose Down\nDROP TABLE users;\n',
      '00002_age.sql': '-- +goose Up\nALTER TABLE users ALTER COLUMN age TYPE integer USING age::integer;\n-- +goose Down\nSELECT 1;\n',
    };
    const [finding] = findingsOf(check(files, { dialect: pg }), RULE);
    assert.match(finding.fixes[0].title, /expand–contract/);
    const changed = applyFirstFix(files, finding);
    assert.deepEqual(Object.keys(changed), ['00002_age.sql', '00003_backfill_age_new.sql', '00004_swap_age_type.sql', '00005_drop_age_old.sql']);
    assert.equal(changed['00002_age.sql'], '-- +goose Up\nALTER TABLE users ADD COLUMN age_new integer;\n-- +goose Down\nSELECT 1;\n');
    assert.match(changed['00003_backfill_age_new.sql'], /^-- \+goose Up\n[^]*trigger[^]*batches[^]*\nUPDATE users SET age_new = age::integer WHERE age_new IS NULL;\n\n-- \+goose Down\n/);
    assert.match(
      changed['00004_swap_age_type.sql'],
      /^-- \+goose Up\n[^]*\nALTER TABLE users RENAME COLUMN age TO age_old;\n[^]*\nALTER TABLE users RENAME COLUMN age_new TO age;\n\n-- \+goose Down\nALTER TABLE users RENAME COLUMN age TO age_new;\nALTER TABLE users RENAME COLUMN age_old TO age;\n$/,
    );
    assert.match(changed['00005_drop_age_old.sql'], /^-- \+goose Up\n[^]*\nALTER TABLE users DROP COLUMN age_old;\n\n-- \+goose Down\n[^]*\nALTER TABLE users ADD COLUMN age_old text;\n$/);
    for (const text of Object.values(changed)) parses(text);

    const after = check({ ...files, ...changed }, { dialect: pg });
    assert.deepEqual(findingsOf(after, RULE), []);
    // The swap's renames are the contract step itself: not reported as renames to rewrite.
    assert.deepEqual(findingsOf(after, 'renaming-column'), []);
    assert.deepEqual(findingsOf(after, 'syntax-error'), []);
  });

  it('golang-migrate: up and down files; without USING the backfill assigns the column as ALTER TYPE would', () => {
    const files = {
      '000001_users.up.sql': 'CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));\n',
      '000001_users.down.sql': 'DROP TABLE users;\n',
      '000002_id.up.sql': 'ALTER TABLE users ALTER COLUMN id TYPE bigint;\n',
      '000002_id.down.sql': 'ALTER TABLE users DROP COLUMN id_new;\n',
    };
    const [finding] = findingsOf(check(files, { dialect: pg }), RULE);
    const changed = applyFirstFix(files, finding);
    assert.deepEqual(Object.keys(changed), [
      '000002_id.up.sql',
      '000003_backfill_id_new.up.sql',
      '000003_backfill_id_new.down.sql',
      '000004_swap_id_type.up.sql',
      '000004_swap_id_type.down.sql',
      '000005_drop_id_old.up.sql',
      '000005_drop_id_old.down.sql',
    ]);
    assert.equal(changed['000002_id.up.sql'], 'ALTER TABLE users ADD COLUMN id_new bigint;\n');
    assert.match(changed['000003_backfill_id_new.up.sql'], /\nUPDATE users SET id_new = id WHERE id_new IS NULL;\n$/);
    assert.match(changed['000004_swap_id_type.up.sql'], /\nALTER TABLE users RENAME COLUMN id TO id_old;\n[^]*\nALTER TABLE users RENAME COLUMN id_new TO id;\n$/);
    assert.equal(changed['000004_swap_id_type.down.sql'], 'ALTER TABLE users RENAME COLUMN id TO id_new;\nALTER TABLE users RENAME COLUMN id_old TO id;\n');
    assert.match(changed['000005_drop_id_old.up.sql'], /\nALTER TABLE users DROP COLUMN id_old;\n$/);
    assert.match(changed['000005_drop_id_old.down.sql'], /\nALTER TABLE users ADD COLUMN id_old integer;\n$/);
    for (const text of Object.values(changed)) parses(text);

    const after = check({ ...files, ...changed }, { dialect: pg });
    assert.deepEqual(findingsOf(after, RULE), []);
    assert.deepEqual(findingsOf(after, 'renaming-column'), []);
    assert.deepEqual(findingsOf(after, 'syntax-error'), []);
  });

  it('quotes derived names that need it', () => {
    const files = { '001_t.sql': 'CREATE TABLE t ("Score" text);', '002_score.sql': 'ALTER TABLE t ALTER COLUMN "Score" TYPE numeric USING "Score"::numeric;' };
    const [finding] = findingsOf(check(files, { dialect: pg }), RULE);
    const changed = applyFirstFix(files, finding);
    assert.equal(changed['002_score.sql'], 'ALTER TABLE t ADD COLUMN "Score_new" numeric;');
    assert.match(changed['003_backfill_Score_new.sql'], /UPDATE t SET "Score_new" = "Score"::numeric WHERE "Score_new" IS NULL;/);
    for (const text of Object.values(changed)) parses(text);
    assert.deepEqual(findingsOf(check({ ...files, ...changed }, { dialect: pg }), RULE), []);
  });

  it('offers no fix without the column from history, or when the ALTER does more', () => {
    const [lone] = findingsOf(checkSql('ALTER TABLE users ALTER COLUMN id TYPE bigint;', pg), RULE);
    assert.deepEqual(lone.fixes, []);
    const files = { '001_users.sql': 'CREATE TABLE users (id int, a text);', '002_alter.sql': 'ALTER TABLE users ALTER COLUMN id TYPE bigint, ALTER COLUMN a SET NOT NULL;' };
    const [several] = findingsOf(check(files, { dialect: pg }), RULE);
    assert.deepEqual(several.fixes, []);
    const taken = { '001_users.sql': 'CREATE TABLE users (id int, id_new bigint);', '002_alter.sql': 'ALTER TABLE users ALTER COLUMN id TYPE bigint;' };
    assert.deepEqual(findingsOf(check(taken, { dialect: pg }), RULE)[0].fixes, []);
  });

  it('stays quiet, fix or not, on a table created earlier in the same transaction', () => {
    assert.deepEqual(findingsOf(checkSql('BEGIN;\nCREATE TABLE users (id int);\nALTER TABLE users ALTER COLUMN id TYPE bigint;\nCOMMIT;', pg), RULE), []);
    const goose = '-- +goose Up\nCREATE TABLE users (id int);\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n';
    assert.deepEqual(findingsOf(check({ '00001_users.sql': goose }, { dialect: pg }), RULE), []);
  });

  it('fires on a table the migration created but already committed: other sessions can use it', () => {
    // A plain file runs each statement on its own, and a COMMIT ends the transaction the table was created in.
    assert.equal(findingsOf(checkSql('CREATE TABLE users (id int);\nALTER TABLE users ALTER COLUMN id TYPE bigint;', pg), RULE).length, 1);
    assert.equal(findingsOf(checkSql('BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\nALTER TABLE users ALTER COLUMN id TYPE bigint;', pg), RULE).length, 1);
  });
});
