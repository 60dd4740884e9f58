import type { EditDraft } from '../../fixes/edits.js';
import type { Rule } from '../rule.js';
import { dialectRule, typeRenames, type Detector, type StatementScan } from './scan.js';

const renames = typeRenames(
  [
    { from: 'datetime', to: 'TIMESTAMP', note: 'Use `TIMESTAMPTZ` if the values are instants rather than wall-clock times.' },
    { from: 'mediumint', to: 'INTEGER' },
    { from: 'longtext', to: 'TEXT' },
    { from: 'mediumtext', to: 'TEXT' },
    { from: 'tinytext', to: 'TEXT' },
    { from: 'longblob', to: 'BYTEA' },
    { from: 'mediumblob', to: 'BYTEA' },
    { from: 'tinyblob', to: 'BYTEA' },
    { from: 'blob', to: 'BYTEA' },
    { from: 'double', to: 'DOUBLE PRECISION', unlessFollowedBy: 'precision' },
  ],
  (rename, written) => `\`${written}\` is a MySQL type; the PostgreSQL equivalent is \`${rename.to}\`.`,
);

/** Index of the `)` of a `(n)` right after token `i`, or undefined. */
function displayWidth(scan: StatementScan, i: number): number | undefined {
  return scan.tokens[i + 1]?.text === '(' && scan.tokens[i + 3]?.text === ')' && /^\d+$/.test(scan.tokens[i + 2]?.text ?? '') ? i + 3 : undefined;
}

/** The tokens of the column definition holding token `i`: up to the `,` or `)` that ends it. */
function columnDefinitionEnd(scan: StatementScan, i: number): number {
  let j = i;
  for (let depth = 0; j + 1 < scan.tokens.length; j++) {
    const next = scan.tokens[j + 1].text;
    if (next === '(') depth++;
    else if (next === ')' && depth-- === 0) break;
    else if (next === ',' && depth === 0) break;
  }
  return j;
}

/** TINYINT(1) is MySQL's boolean; other TINYINTs become SMALLINT. */
const tinyint: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'tinyint' || !scan.isTypePosition(i)) return;
    const width = displayWidth(scan, i);
    const boolean = width !== undefined && scan.tokens[i + 2].text === '1';
    const typeRange = scan.span(i, width ?? i);
    const edits: EditDraft[] = [{ range: typeRange, newText: boolean ? 'BOOLEAN' : 'SMALLINT' }];
    if (boolean) {
      // PostgreSQL will not take 0/1 as a boolean default.
      const end = columnDefinitionEnd(scan, i);
      for (let j = i; j < end; j++) {
        const value = scan.tokens[j + 1].text.replace(/'/g, '');
        if (scan.word(j) === 'default' && (value === '0' || value === '1')) edits.push({ range: scan.span(j + 1), newText: value === '1' ? 'TRUE' : 'FALSE' });
      }
    }
    const written = scan.ctx.text.slice(typeRange.start, typeRange.end);
    scan.report({
      range: typeRange,
      message: boolean
        ? `\`${written}\` is MySQL's boolean; PostgreSQL has a real \`BOOLEAN\` (defaults TRUE/FALSE, not 1/0).`
        : `\`${written}\` is a MySQL type; the PostgreSQL equivalent is \`SMALLINT\`.`,
      fixes: [{ title: `Change to \`${boolean ? 'BOOLEAN' : 'SMALLINT'}\``, edits, preferred: true }],
    });
  });
};

/** INT(11), BIGINT(20): display widths PostgreSQL's integer types do not take. */
const integerDisplayWidth: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (!['int', 'integer', 'bigint', 'smallint'].includes(token.lower) || !scan.isTypePosition(i)) return;
    const width = displayWidth(scan, i);
    if (width === undefined) return;
    scan.report({
      range: scan.span(i, width),
      message: `\`${scan.ctx.text.slice(token.start, scan.tokens[width].end)}\` has a MySQL display width; PostgreSQL's \`${token.text.toUpperCase()}\` takes none.`,
      fixes: [{ title: 'Remove the display width', edits: [{ range: { start: token.end, end: scan.tokens[width].end }, newText: '' }], preferred: true }],
    });
  });
};

const unsigned: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if ((token.lower !== 'unsigned' && token.lower !== 'zerofill') || token.kind !== 'word') return;
    scan.report({
      range: scan.span(i),
      message: `\`${token.text}\` is MySQL; PostgreSQL has no unsigned integers: use the next wider type (INT UNSIGNED → BIGINT) or add \`CHECK (col >= 0)\`.`,
    });
  });
};

const inlineEnum: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if ((token.lower !== 'enum' && token.lower !== 'set') || scan.tokens[i + 1]?.text !== '(' || !scan.isTypePosition(i)) return;
    scan.report({
      range: scan.span(i, scan.closing(i + 1)),
      message: `Inline \`${token.text.toUpperCase()}(…)\` columns are MySQL; PostgreSQL declares \`CREATE TYPE name AS ENUM (…)\` first, or uses TEXT with a CHECK (col IN (…)).`,
    });
  });
};

export const mysqlTypeInPostgres: Rule = dialectRule(
  {
    id: 'mysql-type-in-postgres',
    category: 'dialect',
    dialects: ['postgres'],
    severity: 'error',
    docs: {
      summary: 'A MySQL column type (DATETIME, TINYINT(1), LONGTEXT, INT(11), UNSIGNED, inline ENUM …) in a PostgreSQL migration.',
      why:
        'PostgreSQL rejects the statement (or, for `ENUM(…)`, looks for a type named enum that does not exist), so the ' +
        'migration fails when it runs. The file was usually copied from the MySQL tree of the same project.',
      fix:
        'Use the PostgreSQL type the message names: DATETIME → TIMESTAMP, TINYINT(1) → BOOLEAN (with TRUE/FALSE defaults), ' +
        'TINYINT → SMALLINT, LONGTEXT → TEXT, BLOB → BYTEA, INT(11) → INT, DOUBLE → DOUBLE PRECISION. The quick fix rewrites ' +
        'these; UNSIGNED and inline ENUM need a decision (a wider type or a CHECK; CREATE TYPE … AS ENUM).',
      examples: [{ bad: 'CREATE TABLE movies (id INT(11) NOT NULL, monitored TINYINT(1) DEFAULT 0, added DATETIME);', good: 'CREATE TABLE movies (id INT NOT NULL, monitored BOOLEAN DEFAULT FALSE, added TIMESTAMP);' }],
    },
  },
  [renames, tinyint, integerDisplayWidth, unsigned, inlineEnum],
);
