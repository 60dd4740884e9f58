import type { Rule } from '../rule.js';
import { dialectRule, type Detector, type StatementScan } from '../dialect/scan.js';
import { serverTooOld, type FirstReleases } from './server-version.js';

/**
 * Reports the construct at tokens `from`…`to` when the set's configured server is older than its
 * first release. Releases are the servers' reference manuals' (cited in the rule's docs).
 */
function reportIfTooOld(scan: StatementScan, from: number, to: number, what: string, releases: FirstReleases, instead: string): void {
  const tooOld = serverTooOld(scan.ctx.settings, scan.dialect, releases);
  if (!tooOld) return;
  scan.report({
    range: scan.span(from, to),
    message: `${what} needs ${tooOld.needed} or later, and ${tooOld.source} says the server is ${tooOld.configured}: it rejects the migration. ${instead}`,
  });
}

/** `ALTER TABLE t RENAME COLUMN a TO b`, `RENAME INDEX|KEY a TO b`. */
const renames: Detector = (scan) => {
  if (!scan.startsWith('alter', 'table')) return;
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'rename') return;
    const what = scan.word(i + 1);
    if (what === 'column') {
      reportIfTooOld(scan, i, i + 1, '`RENAME COLUMN`', { mysql: '8.0', mariadb: '10.5.2' }, 'Write `CHANGE COLUMN a b <its full definition>` instead.');
    } else if (what === 'index' || what === 'key') {
      reportIfTooOld(scan, i, i + 1, `\`RENAME ${what.toUpperCase()}\``, { mysql: '5.7', mariadb: '10.5.2' }, 'Drop the index and add it again under the new name.');
    }
  });
};

/** `ALGORITHM = INSTANT`. */
const instantAlgorithm: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'algorithm') return;
    const value = scan.tokens[i + 1]?.text === '=' ? i + 2 : i + 1;
    if (scan.word(value) !== 'instant') return;
    reportIfTooOld(scan, i, value, '`ALGORITHM = INSTANT`', { mysql: '8.0.12', mariadb: '10.3.2' }, 'Leave the clause out (the server picks INPLACE or COPY), or ask for `ALGORITHM = INPLACE`.');
  });
};

/** `JSON` as a column type. */
const jsonType: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'json' || !scan.isTypePosition(i)) return;
    reportIfTooOld(scan, i, i, 'The `JSON` column type', { mysql: '5.7.8', mariadb: '10.2.7' }, 'Store the document in a `LONGTEXT` column.');
  });
};

/** MariaDB's own column types. */
const MARIADB_TYPES: Record<string, string> = { uuid: '10.7', inet6: '10.5', inet4: '10.10' };

const mariadbTypes: Detector = (scan) => {
  if (scan.dialect !== 'mariadb') return;
  scan.tokens.forEach((token, i) => {
    const release = MARIADB_TYPES[token.lower];
    if (!release || token.kind !== 'word' || !scan.isTypePosition(i)) return;
    reportIfTooOld(scan, i, i, `The \`${token.text.toUpperCase()}\` column type`, { mariadb: release }, token.lower === 'uuid' ? 'Store UUIDs in `CHAR(36)` or `BINARY(16)`.' : 'Store addresses in `VARBINARY(16)` or `VARCHAR(45)`.');
  });
};

/** `fn(…) OVER (…)`: window functions. */
const windowFunctions: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'over' || scan.tokens[i - 1]?.text !== ')' || (scan.tokens[i + 1]?.text !== '(' && scan.tokens[i + 1]?.kind !== 'word')) return;
    reportIfTooOld(scan, i, i, 'A window function (`OVER`)', { mysql: '8.0', mariadb: '10.2' }, 'Compute the value with a self-join or user variables instead.');
  });
};

/** A `WITH name AS (…)` common table expression at the start of a statement. */
const commonTableExpressions: Detector = (scan) => {
  if (scan.word(0) !== 'with') return;
  const name = scan.word(1) === 'recursive' ? 2 : 1;
  if (!scan.isIdentifier(name)) return;
  reportIfTooOld(scan, 0, name, 'A common table expression (`WITH … AS`)', { mysql: '8.0', mariadb: '10.2.1' }, 'Write the subquery inline, or fill a temporary table first.');
};

/** A CHECK constraint: MySQL before 8.0.16 parses it and enforces nothing. */
const checkConstraints: Detector = (scan) => {
  if (scan.dialect !== 'mysql') return;
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'check' || scan.tokens[i + 1]?.text !== '(') return;
    const tooOld = serverTooOld(scan.ctx.settings, scan.dialect, { mysql: '8.0.16' });
    if (!tooOld) return;
    scan.report({
      range: scan.span(i),
      message: `CHECK constraints are enforced from ${tooOld.needed} on; ${tooOld.source} says the server is ${tooOld.configured}, which accepts this one and never checks it: rows that break it are stored. Enforce the rule in a trigger or in the application.`,
    });
  });
};

export const mysqlFeatureNeedsNewerServer: Rule = dialectRule(
  {
    id: 'mysql-feature-needs-newer-server',
    category: 'dialect',
    dialects: ['mysql', 'mariadb'],
    severity: 'warning',
    docs: {
      summary:
        'Syntax newer than the MySQL or MariaDB version the project names (`mysqlVersion`, `mariadbVersion`, or its compose file\'s image): RENAME COLUMN, RENAME INDEX, ALGORITHM = INSTANT, the JSON type, MariaDB\'s UUID/INET4/INET6 types, window functions, WITH; and CHECK constraints MySQL before 8.0.16 ignores.',
      why:
        'A migration written and tested on a current server fails on the older one production runs, after the migrations ' +
        'before it have been applied. First releases, from the reference manuals: RENAME COLUMN MySQL 8.0 ' +
        '(https://dev.mysql.com/doc/refman/8.0/en/alter-table.html), MariaDB 10.5.2 (https://mariadb.com/kb/en/alter-table/#rename-column); ' +
        'RENAME INDEX MySQL 5.7, MariaDB 10.5.2; ALGORITHM = INSTANT MySQL 8.0.12 (https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html), ' +
        'MariaDB 10.3.2 (https://mariadb.com/kb/en/innodb-online-ddl-overview/); JSON MySQL 5.7.8 (https://dev.mysql.com/doc/refman/5.7/en/json.html), ' +
        'MariaDB 10.2.7 (https://mariadb.com/kb/en/json-data-type/); UUID MariaDB 10.7, INET6 10.5, INET4 10.10 (https://mariadb.com/kb/en/data-types/); ' +
        'window functions and WITH MySQL 8.0, MariaDB 10.2; CHECK constraints are parsed and ignored before MySQL 8.0.16 ' +
        '(https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html), so the migration passes and the data is not checked.',
      fix: 'Write it the way the older server understands (the message says how), or set `mysqlVersion` / `mariadbVersion` to the version production really runs.',
      differences:
        'Reports only when the version is known: `mysqlVersion` (for `mysql` sets) or `mariadbVersion` (for `mariadb` sets), else the tag of the project\'s compose-file image (`mariadb:10.4`); without one a current release is assumed, as squawk assumes for PostgreSQL. ' +
        'A warning, not an error: the test suite\'s real server is MariaDB 10.11, so these verdicts rest on the manuals, not on a server that rejected them.',
      examples: [{ bad: '-- .migration-lens.json: { "mysqlVersion": "5.7" }\nALTER TABLE users RENAME COLUMN name TO full_name;', good: 'ALTER TABLE users CHANGE COLUMN name full_name VARCHAR(100) NOT NULL;' }],
    },
  },
  [renames, instantAlgorithm, jsonType, mariadbTypes, windowFunctions, commonTableExpressions, checkConstraints],
);
