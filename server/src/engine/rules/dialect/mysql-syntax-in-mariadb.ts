import type { Rule } from '../rule.js';
import { serverHas } from '../mysql/server-version.js';
import { dialectRule, type Detector } from './scan.js';

/** MySQL 8 functions MariaDB does not have, and what MariaDB writes instead. */
const MYSQL_FUNCTIONS: Record<string, string> = {
  bin_to_uuid: 'MariaDB has no BIN_TO_UUID: store UUIDs in its `UUID` type (10.7+), or format the bytes with HEX() and INSERT()',
  uuid_to_bin: 'MariaDB has no UUID_TO_BIN: store UUIDs in its `UUID` type (10.7+), or `UNHEX(REPLACE(uuid, \'-\', \'\'))`',
  regexp_like: 'MariaDB has no REGEXP_LIKE: write `value REGEXP pattern`',
};

const functions: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    const advice = token.kind === 'word' ? MYSQL_FUNCTIONS[token.lower] : undefined;
    if (!advice || scan.tokens[i + 1]?.text !== '(' || scan.tokens[i - 1]?.text === '.') return;
    scan.report({ range: scan.span(i), message: `\`${token.text}()\` is a MySQL 8 function; ${advice}.` });
  });
};

/** `col->'$.a'` and `col->>'$.a'`: MySQL's JSON path operators. */
const jsonArrows: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.text !== '-' || scan.tokens[i + 1]?.text !== '>' || scan.tokens[i + 1].start !== token.end) return;
    const unquote = scan.tokens[i + 2]?.text === '>' && scan.tokens[i + 2].start === scan.tokens[i + 1].end;
    const end = unquote ? i + 2 : i + 1;
    scan.report({
      range: scan.span(i, end),
      message: unquote
        ? "`->>` is MySQL's JSON operator; MariaDB has no JSON operators: write `JSON_UNQUOTE(JSON_EXTRACT(col, '$.path'))` (or JSON_VALUE)."
        : "`->` is MySQL's JSON operator; MariaDB has no JSON operators: write `JSON_EXTRACT(col, '$.path')`.",
    });
  });
};

/** `DROP INDEX i ON t ALGORITHM = … / LOCK = …`: MariaDB takes those on ALTER TABLE only. */
const dropIndexOptions: Detector = (scan) => {
  if (!scan.startsWith('drop', 'index')) return;
  const on = scan.tokens.findIndex((token) => token.lower === 'on');
  if (on < 0) return;
  scan.tokens.forEach((token, i) => {
    if (i <= on + 1 || (token.lower !== 'lock' && token.lower !== 'algorithm')) return;
    scan.report({
      range: scan.span(i, Math.min(i + 2, scan.tokens.length - 1)),
      message: `\`${token.text.toUpperCase()} = …\` after DROP INDEX is MySQL; MariaDB accepts it on \`ALTER TABLE t DROP INDEX i, ${token.text.toUpperCase()} = …\` only.`,
    });
  });
};

/** Words MariaDB reserves that MySQL does not: unquoted, they cannot name a column. */
const MARIADB_RESERVED = new Set(['offset']);

const reservedColumnNames: Detector = (scan) => {
  if (!serverHas(scan.ctx.settings, 'mariadb', { mariadb: '10.6' })) return;
  scan.tokens.forEach((token, i) => {
    if (token.kind !== 'word' || !MARIADB_RESERVED.has(token.lower)) return;
    const before = scan.tokens[i - 1];
    const definesColumn = ((before?.text === '(' || before?.text === ',') && scan.inTableElementList(i)) || (scan.startsWith('alter', 'table') && ['add', 'column'].includes(before?.lower ?? ''));
    if (!definesColumn) return;
    scan.report({
      range: scan.span(i),
      message: `\`${token.text}\` is a reserved word in MariaDB (since 10.6), though not in MySQL: quote the column name as \`\`${token.text}\`\`.`,
      fixes: [{ title: `Quote \`${token.text}\``, edits: [{ range: scan.span(i), newText: `\`${token.text}\`` }], preferred: true }],
    });
  });
};

export const mysqlSyntaxInMariadb: Rule = dialectRule(
  {
    id: 'mysql-syntax-in-mariadb',
    category: 'dialect',
    dialects: ['mariadb'],
    severity: 'error',
    docs: {
      summary: 'MySQL-only syntax in a MariaDB migration: MySQL 8 functions (BIN_TO_UUID, UUID_TO_BIN, REGEXP_LIKE), the `->` and `->>` JSON operators, ALGORITHM or LOCK on DROP INDEX, a column named with a word only MariaDB reserves (`offset`).',
      why:
        'MariaDB began as MySQL but the two have grown apart since MySQL 5.7: MariaDB rejects these, so a migration written ' +
        'against MySQL (or copied from a MySQL project) fails on MariaDB when it runs. The finding names the construct and the ' +
        'MariaDB way to say it, instead of a bare syntax error from the server.',
      fix: 'Rewrite the construct as the message says, or set the set\'s dialect to `mysql` if the database is really MySQL.',
      differences: 'An unquoted `offset` column is reported unless `mariadbVersion` names a release before 10.6, which does not reserve the word.',
      examples: [{ bad: "SELECT BIN_TO_UUID(id), doc->>'$.name' FROM users;", good: "SELECT id, JSON_VALUE(doc, '$.name') FROM users;" }],
    },
  },
  [functions, jsonArrows, dropIndexOptions, reservedColumnNames],
);
