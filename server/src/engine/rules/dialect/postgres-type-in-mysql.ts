import type { Rule } from '../rule.js';
import { DIALECT_NAMES, dialectRule, typeRenames, type Detector } from './scan.js';

const renames = typeRenames(
  [
    { from: 'jsonb', to: 'JSON' },
    { from: 'timestamptz', to: 'TIMESTAMP', note: 'MySQL converts TIMESTAMP values from the session time zone to UTC and back, the nearest to timestamptz.' },
    { from: 'bigserial', to: 'BIGINT AUTO_INCREMENT' },
    { from: 'smallserial', to: 'SMALLINT AUTO_INCREMENT' },
    { from: 'bytea', to: 'LONGBLOB' },
  ],
  (rename, written, dialect) => `\`${written}\` is a PostgreSQL type; the ${DIALECT_NAMES[dialect]} equivalent is \`${rename.to}\`.`,
);

/** MySQL reads SERIAL, with another meaning: BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE. */
const serial: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'serial' || token.kind !== 'word' || !scan.isTypePosition(i)) return;
    scan.report({
      range: scan.span(i),
      severity: 'warning',
      message:
        `\`${token.text}\` is PostgreSQL's auto-incrementing integer; ${DIALECT_NAMES[scan.dialect]} reads it as ` +
        '`BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE`, so `INT` foreign keys to this column fail. Write `INT AUTO_INCREMENT`.',
      fixes: [{ title: 'Change to `INT AUTO_INCREMENT`', edits: [{ range: scan.span(i), newText: 'INT AUTO_INCREMENT' }], preferred: true }],
    });
  });
};

/** MariaDB has a UUID type since 10.7; MySQL has none. */
const uuid: Detector = (scan) => {
  if (scan.dialect !== 'mysql') return;
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'uuid' || token.kind !== 'word' || !scan.isTypePosition(i)) return;
    scan.report({
      range: scan.span(i),
      message: `\`${token.text}\` is a PostgreSQL (and MariaDB) type; MySQL has none: store UUIDs as \`CHAR(36)\` (or \`BINARY(16)\` with UUID_TO_BIN).`,
      fixes: [{ title: 'Change to `CHAR(36)`', edits: [{ range: scan.span(i), newText: 'CHAR(36)' }], preferred: true }],
    });
  });
};

/** `TIMESTAMP WITH TIME ZONE`: the long spelling of timestamptz. */
const timestampWithTimeZone: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'timestamp' || scan.word(i + 1) !== 'with' || scan.word(i + 2) !== 'time' || scan.word(i + 3) !== 'zone') return;
    scan.report({
      range: scan.span(i, i + 3),
      message: '`TIMESTAMP WITH TIME ZONE` is PostgreSQL; MySQL\'s `TIMESTAMP` converts from the session time zone to UTC and back, the nearest equivalent.',
      fixes: [{ title: 'Change to `TIMESTAMP`', edits: [{ range: scan.span(i, i + 3), newText: 'TIMESTAMP' }], preferred: true }],
    });
  });
};

/** `text[]`, `int[3]`, `ARRAY[…]`: MySQL has no arrays, and `[` appears nowhere else in its SQL. */
const arrays: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.text !== '[') return;
    const from = scan.tokens[i - 1]?.kind === 'word' ? i - 1 : i;
    let to = i;
    while (to < scan.tokens.length - 1 && scan.tokens[to].text !== ']') to++;
    scan.report({
      range: scan.span(from, to),
      message: `\`${scan.ctx.text.slice(scan.tokens[from].start, scan.tokens[to].end)}\` is a PostgreSQL array; MySQL has no array types: use a \`JSON\` column or a child table.`,
    });
  });
};

export const postgresTypeInMysql: Rule = dialectRule(
  {
    id: 'postgres-type-in-mysql',
    category: 'dialect',
    dialects: ['mysql', 'mariadb'],
    severity: 'error',
    docs: {
      summary: 'A PostgreSQL column type (JSONB, SERIAL, TIMESTAMPTZ, arrays, BYTEA, UUID) in a MySQL or MariaDB migration.',
      why:
        'MySQL rejects the statement, so the migration fails when it runs; usually the file was copied from the ' +
        "PostgreSQL tree of the same project. `SERIAL` is worse: MySQL accepts it as BIGINT UNSIGNED, and foreign keys " +
        'declared INT then fail against it (reported as a warning).',
      fix:
        'Use the MySQL type the message names: JSONB → JSON, SERIAL → INT AUTO_INCREMENT, BIGSERIAL → BIGINT AUTO_INCREMENT, ' +
        'TIMESTAMPTZ → TIMESTAMP, BYTEA → LONGBLOB, UUID → CHAR(36) (MySQL only; MariaDB 10.7+ has UUID); arrays become JSON ' +
        'or a child table. The quick fix rewrites the mechanical ones.',
      examples: [{ bad: 'CREATE TABLE movies (id BIGSERIAL PRIMARY KEY, data JSONB);', good: 'CREATE TABLE movies (id BIGINT AUTO_INCREMENT PRIMARY KEY, data JSON);' }],
    },
  },
  [renames, serial, uuid, timestampWithTimeZone, arrays],
);
