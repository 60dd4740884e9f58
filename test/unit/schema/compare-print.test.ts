// compareSchemas and the JSON / SQL renderings.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareSchemas } from '../../../server/src/engine/schema/compare.js';
import { normalizeDefault, normalizeExpression } from '../../../server/src/engine/schema/expressions.js';
import { schemaToJson, schemaToSql } from '../../../server/src/engine/schema/print.js';
import { formatType, normalizeType, parseTypeText } from '../../../server/src/engine/schema/types.js';
import { replaySql } from './support.js';

describe('compareSchemas', () => {
  test('equal histories written differently compare equal', async () => {
    const a = await replaySql('postgres', [{ version: '1', up: 'CREATE TABLE t (id int4 PRIMARY KEY, n int8 DEFAULT 0, s varchar(5) DEFAULT \'x\'::character varying);' }]);
    const b = await replaySql('postgres', [
      { version: '1', up: 'CREATE TABLE t (id integer NOT NULL, n bigint);' },
      { version: '2', up: "ALTER TABLE t ADD PRIMARY KEY (id);\nALTER TABLE t ALTER COLUMN n SET DEFAULT (0);\nALTER TABLE t ADD COLUMN s character varying(5) DEFAULT 'x';" },
    ]);
    assert.deepEqual(compareSchemas(a.replay.final(), b.replay.final()), []);
  });

  test('lists missing, unexpected and changed objects with where the expected one was defined', async () => {
    const expected = await replaySql('postgres', [
      { version: '1', up: 'CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);\nCREATE TABLE gone (id int);' },
      { version: '2', up: 'CREATE INDEX t_a_idx ON t (a);' },
    ]);
    const actual = await replaySql('postgres', [{ version: '1', up: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(10), extra int);' }]);
    const differences = compareSchemas(expected.replay.final(), actual.replay.final());
    assert.deepEqual(
      differences.map((d) => [d.objectKind, d.object, d.property, d.expected, d.actual, d.definedBy?.version]),
      [
        ['column', 't.a', 'nullable', 'false', 'true', '1'],
        ['column', 't.a', 'type', 'text', 'character varying(10)', '1'],
        ['column', 't.extra', 'exists', undefined, 'present', '1'],
        ['index', 't.t_a_idx', 'exists', 'present', undefined, '2'],
        ['table', 'gone', 'exists', 'present', undefined, '1'],
      ],
    );
  });

  test('foreign keys are matched by what they link; actions are compared', async () => {
    const sql = (action: string) => [{ version: '1', up: `CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p (id) ${action});` }];
    const cascade = await replaySql('postgres', sql('ON DELETE CASCADE'));
    const plain = await replaySql('postgres', sql(''));
    const [difference] = compareSchemas(cascade.replay.final(), plain.replay.final());
    assert.deepEqual([difference.objectKind, difference.property, difference.expected, difference.actual], ['foreign-key', 'on delete', 'cascade', 'no action']);
  });

  test('ignore leaves object kinds out', async () => {
    const a = await replaySql('postgres', [{ version: '1', up: 'CREATE TABLE t (id int);\nCREATE INDEX ON t (id);' }]);
    const b = await replaySql('postgres', [{ version: '1', up: 'CREATE TABLE t (id int);' }]);
    assert.deepEqual(compareSchemas(a.replay.final(), b.replay.final(), { ignore: ['index'] }), []);
  });
});

describe('normalisation', () => {
  test('types from migrations and catalogs fold to one spelling', () => {
    const pg = (text: string) => formatType(normalizeType('postgres', parseTypeText(text)));
    assert.equal(pg('int4'), 'integer');
    assert.equal(pg('timestamp(3) with time zone'), 'timestamp(3) with time zone');
    assert.equal(pg('character varying(255)[]'), 'character varying(255)[]');
    assert.equal(pg('float'), 'double precision');
    const my = (text: string) => formatType(normalizeType('mysql', parseTypeText(text)));
    assert.equal(my('int(11)'), 'int');
    assert.equal(my('tinyint(1)'), 'tinyint(1)');
    assert.equal(my('int(10) unsigned'), 'int unsigned');
    assert.equal(my('boolean'), 'tinyint(1)');
    assert.equal(my("enum('a','b''c')"), "enum('a','b''c')");
  });

  test('defaults and expressions fold casts, case and parentheses', () => {
    assert.equal(normalizeDefault('postgres', "'-1'::integer"), '-1');
    assert.equal(normalizeDefault('postgres', 'NOW()'), 'current_timestamp');
    assert.equal(normalizeDefault('mariadb', 'current_timestamp()'), 'current_timestamp');
    assert.equal(normalizeDefault('mariadb', 'NULL'), undefined);
    assert.equal(normalizeDefault('mariadb', 'TRUE'), '1');
    assert.equal(normalizeDefault('mariadb', '0.00'), '0');
    assert.equal(normalizeExpression('postgres', "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"), "status in('a','b')");
    assert.equal(normalizeExpression('postgres', "status IN ('a', 'b')"), "status in('a','b')");
  });
});

describe('print', () => {
  test('JSON is sorted and stable; SQL recreates the schema with serial sequences first and foreign keys last', async () => {
    const { replay } = await replaySql('postgres', [
      { version: '1', up: "CREATE TABLE z (id serial PRIMARY KEY);\nCREATE TABLE a (z_id int REFERENCES z, note text DEFAULT 'n');\nCREATE INDEX a_note ON a (note) WHERE note IS NOT NULL;" },
    ]);
    const json = schemaToJson(replay.final(), { provenance: true });
    assert.deepEqual((json.tables as { name: string }[]).map((t) => t.name), ['a', 'z']);
    assert.equal(JSON.stringify(json), JSON.stringify(schemaToJson(replay.final(), { provenance: true })));
    assert.match(JSON.stringify(json), /"createdIn":\{"version":"1"/);
    assert.equal(
      schemaToSql(replay.final()),
      `CREATE SEQUENCE z_id_seq;

CREATE TABLE a (
  z_id integer,
  note text DEFAULT 'n'
);

CREATE INDEX a_note ON a (note) WHERE note is not null;

CREATE TABLE z (
  id integer NOT NULL DEFAULT nextval('z_id_seq'),
  CONSTRAINT z_pkey PRIMARY KEY (id)
);

ALTER SEQUENCE z_id_seq OWNED BY z.id;

ALTER TABLE a ADD CONSTRAINT a_z_id_fkey FOREIGN KEY (z_id) REFERENCES z (id);
`,
    );
  });

  test('the printed SQL replays to the same schema', async () => {
    const first = await replaySql('postgres', [{ version: '1', up: "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE p (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, m mood, UNIQUE (m));\nCREATE TABLE c (p_id bigint REFERENCES p ON DELETE CASCADE, CHECK (p_id > 0));" }]);
    const printed = schemaToSql(first.replay.final());
    const second = await replaySql('postgres', [{ version: '1', up: printed }]);
    assert.deepEqual(compareSchemas(first.replay.final(), second.replay.final(), { constraintNames: true }), []);
  });
});
