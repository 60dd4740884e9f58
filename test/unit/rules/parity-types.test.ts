import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import { portableColumnType } from '../../../server/src/engine/rules/parity/portable-types.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { check } from './helpers.js';

before(() => initEngine());

/** The portable type of column `c` of `CREATE TABLE t (c <type>)` replayed in `dialect`. */
function portable(dialect: Dialect, type: string, prelude = ''): string {
  const analysis = check({ '001_t.sql': `${prelude}CREATE TABLE t (c ${type});` }, { dialect });
  const schema = analysis.replays[0].final();
  return portableColumnType(schema.tables.get('t')!.columns[0], schema);
}

describe('portable column types', () => {
  const equivalents: [string, string, string][] = [
    ['JSONB', 'JSON', 'json'],
    ['JSON', 'JSON', 'json'],
    ['BIGSERIAL', 'BIGINT AUTO_INCREMENT', 'bigint auto_increment'],
    ['SERIAL', 'INT AUTO_INCREMENT', 'int auto_increment'],
    ['BIGINT GENERATED ALWAYS AS IDENTITY', 'BIGINT UNSIGNED AUTO_INCREMENT', 'bigint auto_increment'],
    ['TIMESTAMPTZ', 'TIMESTAMP', 'timestamp'],
    ['TIMESTAMP', 'DATETIME', 'timestamp'],
    ['TIMESTAMP(3)', 'DATETIME(3)', 'timestamp(3)'],
    ['BOOLEAN', 'TINYINT(1)', 'boolean'],
    ['BOOL', 'BOOLEAN', 'boolean'],
    ['UUID', 'CHAR(36)', 'uuid'],
    ['TEXT', 'LONGTEXT', 'text'],
    ['TEXT', 'MEDIUMTEXT', 'text'],
    ['VARCHAR(120)', 'VARCHAR(120)', 'varchar(120)'],
    ['NUMERIC(10,2)', 'DECIMAL(10,2)', 'decimal(10,2)'],
    ['DOUBLE PRECISION', 'DOUBLE', 'double'],
    ['BYTEA', 'LONGBLOB', 'blob'],
    ['BYTEA', 'BLOB', 'blob'],
    ['INTEGER', 'INT(11)', 'int'],
    ['SMALLINT', 'TINYINT', 'smallint'],
  ];
  for (const [postgres, mysql, expected] of equivalents) {
    it(`${postgres} ↔ ${mysql} → ${expected}`, () => {
      assert.equal(portable('postgres', postgres), expected);
      assert.equal(portable('mysql', mysql), expected);
    });
  }

  it('spells a PostgreSQL enum type by its values, as MySQL writes an inline ENUM', () => {
    assert.equal(portable('postgres', 'status', "CREATE TYPE status AS ENUM ('new', 'done');\n"), "enum('new','done')");
    assert.equal(portable('mysql', "ENUM('new','done')"), "enum('new','done')");
  });

  it('keeps types apart that store different values', () => {
    assert.notEqual(portable('postgres', 'TEXT'), portable('mysql', 'VARCHAR(191)'));
    assert.notEqual(portable('postgres', 'VARCHAR(100)'), portable('mysql', 'VARCHAR(255)'));
    assert.notEqual(portable('postgres', 'INTEGER'), portable('mysql', 'BIGINT'));
    assert.notEqual(portable('postgres', 'INTEGER[]'), portable('mysql', 'JSON'));
  });
});
