// ban-duplicate-column-assignments: what PostgreSQL rejects as a column assigned or named twice.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkSql, enabling, findingsOf, statementRuleTable } from './helpers.js';

const pg = 'postgres' as const;
const RULE = 'ban-duplicate-column-assignments';
const assigned = (column: string) => new RegExp(`Column \`${column.replace(/[?]/g, '\\?')}\` is assigned more than once`);
const specified = (column: string) => new RegExp(`Column \`${column.replace(/[?]/g, '\\?')}\`.* is specified more than once`);

statementRuleTable(RULE, {
  valid: [
    { sql: 'UPDATE t SET a = 1, b = 2;', dialect: pg },
    // Distinct fields or elements of one column: PostgreSQL merges them, and repeated ones too.
    { sql: 'UPDATE t SET a.x = 1, a.y = 2;', dialect: pg },
    { sql: 'UPDATE t SET a[1] = 1, a[2] = 2;', dialect: pg },
    { sql: 'UPDATE t SET a[1] = 1, a[1] = 2;', dialect: pg },
    { sql: 'UPDATE t SET (a.x, b) = (1, 2), a.y = 3;', dialect: pg },
    { sql: 'UPDATE t SET "A" = 1, A = 2;', dialect: pg },
    { sql: 'INSERT INTO t (a.x, a.y) VALUES (1, 2);', dialect: pg },
    { sql: 'INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b.x = 1, b.y = 2;', dialect: pg },
    { sql: 'MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (a.x, a.y) VALUES (1, 2);', dialect: pg },
    // Each WHEN clause is its own SET list.
    { sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND t.a = 0 THEN UPDATE SET a = 1 WHEN MATCHED THEN UPDATE SET a = 2;', dialect: pg },
    { sql: 'CREATE TABLE t (a int, "A" int);', dialect: pg },
    { sql: 'CREATE FOREIGN TABLE ft (a int, b int, CHECK (a > 0)) SERVER s;', dialect: pg },
    // The column list renames the query's columns.
    { sql: 'CREATE VIEW v (a, b) AS SELECT 1 a, 2 a;', dialect: pg },
    { sql: 'CREATE VIEW v (a) AS SELECT 1 b, 2 b;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT 1 a, 2 b;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT 1 a UNION SELECT 2 a;', dialect: pg },
    { sql: 'CREATE VIEW v AS WITH x AS (SELECT 1 a, 2 a) SELECT a FROM x;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT a IS DISTINCT FROM b, c FROM t;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT x::timestamp WITH TIME ZONE, y FROM t;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT CASE WHEN x > 1 THEN 1 END::text, 1 + 1 FROM t;', dialect: pg },
    // Names the text does not show plainly are not guessed (PostgreSQL: int4, int4).
    { sql: 'CREATE VIEW v AS SELECT x::int, y::int FROM t;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT *, a FROM t;', dialect: pg },
    { sql: 'CREATE VIEW v AS SELECT user, current_user;', dialect: pg },
    { sql: 'CREATE VIEW v AS VALUES (1, 2);', dialect: pg },
    // A boolean constant was a cast named `bool` before PostgreSQL 15.
    { sql: 'CREATE VIEW v AS SELECT true, 1;', dialect: pg, config: { pgVersion: '14' } },
    // Only SELECT … INTO creates a table.
    { sql: 'SELECT 1 a, 2 a;', dialect: pg },
    { sql: 'SELECT 1 a, 2 b INTO z;', dialect: pg },
    { sql: 'INSERT INTO t SELECT 1 a, 2 a;', dialect: pg },
  ],
  invalid: [
    { sql: 'UPDATE t SET a = 1, a = 2;', dialect: pg, messages: [assigned('a')] },
    { sql: 'UPDATE t SET (a, b) = (1, 2), a = 3;', dialect: pg, messages: [assigned('a')] },
    // The whole column and a part of it.
    { sql: 'UPDATE t SET a = row(1, 2), a.x = 1;', dialect: pg, messages: [assigned('a')] },
    { sql: 'UPDATE t SET a[1] = 1, a = ARRAY[2];', dialect: pg, messages: [assigned('a')] },
    { sql: 'UPDATE t SET a = 1, "a" = 2;', dialect: pg, messages: [assigned('a')] },
    { sql: 'INSERT INTO t (a, a) VALUES (1, 2);', dialect: pg, messages: [assigned('a')] },
    { sql: 'INSERT INTO t (a, a.x) VALUES (row(1, 2), 2);', dialect: pg, messages: [assigned('a')] },
    { sql: 'INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 1, a = 2;', dialect: pg, messages: [assigned('a')] },
    { sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 1, a = 2;', dialect: pg, messages: [assigned('a')] },
    { sql: 'MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (a, a) VALUES (1, 2);', dialect: pg, messages: [assigned('a')] },
    { sql: 'CREATE TABLE t (a int, a text);', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE TABLE t (a int, b int, A text, b int);', dialect: pg, messages: [specified('a'), specified('b')] },
    { sql: 'CREATE FOREIGN TABLE t (a int, a text) SERVER s;', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE VIEW v (a, a) AS SELECT 1, 2;', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE VIEW v AS SELECT 1 a, 2 a;', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE VIEW v AS SELECT 1, 2;', dialect: pg, messages: [specified('?column?')] },
    { sql: 'CREATE VIEW v (a) AS SELECT 1 b, 2 b, 3 b;', dialect: pg, messages: [specified('b')] },
    { sql: 'CREATE OR REPLACE VIEW v WITH (security_barrier) AS (SELECT t.a, u.a FROM t, u);', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE VIEW v AS WITH x AS (SELECT 1) SELECT DISTINCT a, a FROM x;', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE VIEW v AS SELECT count(*), count(x) FROM t;', dialect: pg, messages: [specified('count')] },
    { sql: 'CREATE VIEW v AS SELECT CASE WHEN x THEN 1 END, CASE WHEN y THEN 2 END FROM t;', dialect: pg, messages: [specified('case')] },
    { sql: 'CREATE VIEW v AS SELECT x IS NULL, -1, true FROM t;', dialect: pg, messages: [specified('?column?'), specified('?column?')] },
    { sql: 'CREATE MATERIALIZED VIEW mv AS SELECT 1 a, 2 AS a WITH NO DATA;', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE TABLE z AS SELECT 1 a, 2 a;', dialect: pg, messages: [specified('a')] },
    { sql: 'CREATE TABLE z (a, a) AS SELECT 1, 2;', dialect: pg, messages: [specified('a')] },
    { sql: 'SELECT 1 a, 2 a INTO z;', dialect: pg, messages: [specified('a')] },
    { sql: 'WITH q AS (SELECT 1) SELECT a, A INTO TEMP z FROM q;', dialect: pg, messages: [specified('a')] },
  ],
});

it(`${RULE} points at the second assignment and the first`, () => {
  const sql = 'UPDATE a SET a = 1, b = 2, a = 3 WHERE a = 0;';
  const [finding] = findingsOf(checkSql(sql, pg, enabling(RULE)), RULE);
  assert.equal(finding.range.start.character, sql.indexOf('a = 3'));
  assert.equal(finding.related[0]?.location.range.start.character, sql.indexOf('a = 1'));
});
