import type { FixDraft } from '../../fixes/edits.js';
import type { Rule } from '../rule.js';
import { unquoteDoubleQuoted } from '../tokens.js';
import { DIALECT_NAMES, dialectRule, type Detector, type StatementScan } from './scan.js';

/** PostgreSQL cast targets and the MySQL CAST type that holds the same values. */
const CAST_TYPES: Record<string, string> = {
  int: 'SIGNED', integer: 'SIGNED', int4: 'SIGNED', bigint: 'SIGNED', int8: 'SIGNED', smallint: 'SIGNED', int2: 'SIGNED',
  text: 'CHAR', varchar: 'CHAR', 'character varying': 'CHAR', char: 'CHAR',
  date: 'DATE', time: 'TIME', timestamp: 'DATETIME', timestamptz: 'DATETIME', 'timestamp with time zone': 'DATETIME',
  numeric: 'DECIMAL', decimal: 'DECIMAL', json: 'JSON', jsonb: 'JSON',
};
const TYPE_CONTINUATIONS = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone']);

/** The operand a `::` applies to: a literal, a (qualified) name, or a bracket with the function name before it. */
function castOperand(scan: StatementScan, cast: number): number | undefined {
  const before = scan.tokens[cast - 1];
  if (!before) return undefined;
  if (before.text === ')') {
    let open = cast - 1;
    for (let depth = 0; open >= 0; open--) {
      if (scan.tokens[open].text === ')') depth++;
      else if (scan.tokens[open].text === '(' && --depth === 0) break;
    }
    // A `)` that opens nothing (`) :: 0`, found by fuzzing): no operand to name.
    if (open < 0) return undefined;
    return scan.tokens[open - 1]?.kind === 'word' ? open - 1 : open;
  }
  if (before.kind === 'punctuation') return undefined;
  let first = cast - 1;
  while (scan.tokens[first - 1]?.text === '.' && scan.tokens[first - 2] && scan.tokens[first - 2].kind !== 'punctuation') first -= 2;
  return first;
}

const casts: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.text !== '::' || scan.tokens[i + 1]?.kind !== 'word') return;
    let typeEnd = i + 1;
    while (scan.word(typeEnd + 1) !== undefined && TYPE_CONTINUATIONS.has(scan.word(typeEnd + 1)!)) typeEnd++;
    const typeWords = scan.tokens.slice(i + 1, typeEnd + 1).map((t) => t.lower).join(' ');
    let args = '';
    if (scan.tokens[typeEnd + 1]?.text === '(') {
      const close = scan.closing(typeEnd + 1);
      args = scan.ctx.text.slice(scan.tokens[typeEnd + 1].start, scan.tokens[close].end);
      typeEnd = close;
    }
    const target = CAST_TYPES[typeWords];
    const operand = castOperand(scan, i);
    const written = scan.ctx.text.slice(scan.tokens[operand ?? i].start, scan.tokens[typeEnd].end);
    const fixes: FixDraft[] = [];
    if (target && operand !== undefined && scan.tokens[typeEnd + 1]?.text !== '[') {
      const operandText = scan.ctx.text.slice(scan.tokens[operand].start, scan.tokens[i - 1].end);
      const cast = `CAST(${operandText} AS ${target}${target === 'DECIMAL' ? args : ''})`;
      // MySQL takes an expression as a column default only in brackets.
      const newText = scan.word(operand - 1) === 'default' ? `(${cast})` : cast;
      fixes.push({ title: `Rewrite as \`${newText}\``, edits: [{ range: scan.span(operand, typeEnd), newText }], preferred: true });
    }
    scan.report({
      range: scan.span(operand ?? i, typeEnd),
      message:
        `\`${written}\` is a PostgreSQL cast; ${DIALECT_NAMES[scan.dialect]} writes ` +
        (target ? `\`CAST(… AS ${target})\`` : '`CAST(… AS type)` with its own types') + (fixes.length ? '.' : ', or no cast at all.'),
      fixes,
    });
  });
};

const concurrently: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'concurrently' || token.kind !== 'word') return;
    scan.report({
      range: scan.span(i),
      message: `\`CONCURRENTLY\` is PostgreSQL; InnoDB builds and drops indexes online without it (add \`ALGORITHM=INPLACE, LOCK=NONE\` to insist).`,
      fixes: [{ title: 'Remove `CONCURRENTLY`', edits: [{ range: { start: token.start, end: scan.tokens[i + 1]?.start ?? token.end }, newText: '' }], preferred: true }],
    });
  });
};

const indexClauses: Detector = (scan) => {
  if (!scan.leadsWith('create', 'index', 3)) return;
  scan.tokens.forEach((token, i) => {
    if (token.lower === 'using' && ['gin', 'gist', 'brin', 'spgist'].includes(scan.word(i + 1) ?? '')) {
      scan.report({
        range: scan.span(i, i + 1),
        message: `\`USING ${scan.tokens[i + 1].text.toUpperCase()}\` is a PostgreSQL index method; MySQL has BTREE and HASH, plus \`FULLTEXT\` and \`SPATIAL\` indexes for text search and geometry.`,
      });
    }
    if (token.lower === 'where' && scan.enclosingOpen(i) < 0) {
      scan.report({
        range: scan.span(i, scan.tokens.length - 1),
        message: 'Partial indexes (`CREATE INDEX … WHERE`) are PostgreSQL; MySQL indexes every row: drop the condition, or index a generated column that is NULL where the condition is false.',
      });
    }
  });
};

/** Whole statements MySQL has no counterpart for. */
const STATEMENTS: { words: string[]; message: string }[] = [
  { words: ['create', 'extension'], message: '`CREATE EXTENSION` is PostgreSQL; MySQL has no extensions: remove the statement and replace what the extension provided (`gen_random_uuid()` → `UUID()`).' },
  { words: ['create', 'type'], message: "`CREATE TYPE` is PostgreSQL; MySQL declares enum values on the column itself: `status ENUM('active', 'archived')`." },
];

const foreignStatements: Detector = (scan) => {
  for (const { words, message } of STATEMENTS) {
    if (scan.startsWith(...words)) scan.report({ range: scan.span(0, words.length - 1), message });
  }
};

const dollarQuoted: Detector = (scan) => {
  // `DELIMITER $$` names the mysql client's delimiter; where the client does not run the file it is a syntax error of its own.
  if (scan.startsWith('delimiter')) return;
  for (const token of scan.tokens) {
    if (token.kind !== 'dollar-quoted') continue;
    const tag = /^\$[^$]*\$/.exec(token.text)![0];
    scan.report({
      range: { start: token.start, end: token.start + tag.length },
      message: `\`${tag}\`-quoted bodies are PostgreSQL; MySQL writes routines and triggers as \`BEGIN … END\` in its own procedural SQL (with a \`DELIMITER\` line where the mysql client runs the file).`,
    });
  }
};

/** Keywords after which a name follows: a double-quoted token there is an identifier, not a string. */
const NAME_FOLLOWS = new Set(['table', 'into', 'references', 'on', 'index', 'exists', 'column', 'update', 'from', 'join', 'key', 'constraint', 'view', 'to', 'trigger', 'rename', 'drop', 'add', 'modify', 'change']);

/** MySQL reads "x" as a string, so it is an identifier only where a string cannot stand. */
function isIdentifierPosition(scan: StatementScan, i: number): boolean {
  const before = scan.tokens[i - 1];
  const after = scan.tokens[i + 1];
  if (before?.text === '.' || after?.text === '.') return true;
  if (before?.kind === 'word' && NAME_FOLLOWS.has(before.lower)) return true;
  if (before?.text !== '(' && before?.text !== ',') return false;
  // `("id" INT …` in a column list, or a list of names right after a table or key name.
  if (after?.kind === 'word' && scan.inTableElementList(i)) return true;
  const open = scan.enclosingOpen(i);
  const owner = scan.tokens[open - 1];
  return owner !== undefined && (owner.kind === 'double-quoted' || owner.kind === 'backtick' || ['key', 'unique'].includes(owner.lower) || NAME_FOLLOWS.has(scan.tokens[open - 2]?.lower ?? ''));
}

const doubleQuotedIdentifiers: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.kind !== 'double-quoted' || !isIdentifierPosition(scan, i) || token.text.includes('`')) return;
    const name = unquoteDoubleQuoted(token.text);
    scan.report({
      range: scan.span(i),
      message: `\`${token.text}\` is a PostgreSQL quoted identifier; MySQL reads double quotes as a string and quotes names with backticks.`,
      fixes: [{ title: 'Quote with backticks', edits: [{ range: scan.span(i), newText: `\`${name}\`` }], preferred: true }],
    });
  });
};

const onConflict: Detector = (scan) => {
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'on' || scan.word(i + 1) !== 'conflict') return;
    const last = scan.tokens.length - 1;
    const doNothing = scan.word(last - 1) === 'do' && scan.word(last) === 'nothing';
    const fixes: FixDraft[] = [];
    if (doNothing && scan.startsWith('insert', 'into')) {
      fixes.push({
        title: 'Rewrite as `INSERT IGNORE`',
        edits: [
          { range: { start: scan.tokens[0].end, end: scan.tokens[0].end }, newText: ' IGNORE' },
          { range: { start: scan.tokens[i - 1].end, end: scan.tokens[last].end }, newText: '' },
        ],
        preferred: true,
      });
    }
    scan.report({
      range: scan.span(i, i + 1),
      message: doNothing
        ? '`ON CONFLICT DO NOTHING` is PostgreSQL; MySQL writes `INSERT IGNORE INTO …`.'
        : '`ON CONFLICT … DO UPDATE` is PostgreSQL; MySQL writes `ON DUPLICATE KEY UPDATE col = VALUES(col)`.',
      fixes,
    });
  });
};

const commentOn: Detector = (scan) => {
  if (!scan.startsWith('comment', 'on')) return;
  const last = scan.tokens.length - 1;
  const fixes: FixDraft[] = [];
  const table = scan.word(2) === 'table' && scan.word(last - 1) === 'is' && scan.tokens[last].kind === 'string';
  if (table) {
    const name = scan.ctx.text.slice(scan.tokens[3].start, scan.tokens[last - 2].end);
    const newText = `ALTER TABLE ${name} COMMENT = ${scan.tokens[last].text}`;
    fixes.push({ title: `Rewrite as \`ALTER TABLE … COMMENT = …\``, edits: [{ range: scan.span(0, last), newText }], preferred: true });
  }
  scan.report({
    range: scan.span(0, 1),
    message: "`COMMENT ON` is PostgreSQL; MySQL writes comments in the definition: `COMMENT 'text'` after a column, `ALTER TABLE t COMMENT = 'text'` for a table.",
    fixes,
  });
};

/** ALTER COLUMN forms MySQL lacks: it only sets and drops defaults there. */
const alterColumn: Detector = (scan) => {
  if (!scan.leadsWith('alter', 'table', 2)) return;
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'alter' || i === 0) return;
    const name = scan.word(i + 1) === 'column' ? i + 2 : i + 1;
    const action = scan.tokens.slice(name + 1, name + 4).map((t) => t.lower).join(' ');
    const form = ['type', 'set data type', 'set not null', 'drop not null'].find((candidate) => `${action} `.startsWith(`${candidate} `));
    if (!form) return;
    scan.report({
      range: scan.span(i, name + form.split(' ').length),
      message: `\`ALTER COLUMN … ${form.toUpperCase()}\` is PostgreSQL; MySQL changes a column with \`MODIFY COLUMN ${scan.tokens[name]?.text ?? 'c'} <full definition>\`, restating its type, NULL/NOT NULL and DEFAULT.`,
    });
  });
};

/** MariaDB accepts IF NOT EXISTS here; MySQL does not. */
const ifNotExists: Detector = (scan) => {
  if (scan.dialect !== 'mysql') return;
  scan.tokens.forEach((token, i) => {
    if (token.lower !== 'if' || scan.word(i + 1) !== 'not' || scan.word(i + 2) !== 'exists') return;
    const addColumn = scan.word(i - 1) === 'add' || (scan.word(i - 1) === 'column' && scan.word(i - 2) === 'add');
    const createIndex = scan.word(i - 1) === 'index' && scan.word(0) === 'create';
    if (!addColumn && !createIndex) return;
    const what = addColumn ? 'ADD COLUMN IF NOT EXISTS' : 'CREATE INDEX IF NOT EXISTS';
    scan.report({
      range: scan.span(i, i + 2),
      message: `\`${what}\` is PostgreSQL (and MariaDB) syntax; MySQL rejects it. Remove \`IF NOT EXISTS\`: a versioned migration runs once, on a schema it knows.`,
      fixes: [{ title: 'Remove `IF NOT EXISTS`', edits: [{ range: { start: token.start, end: scan.tokens[i + 3]?.start ?? scan.tokens[i + 2].end }, newText: '' }] }],
    });
  });
};

/** `DROP INDEX name` without `ON table`; the replayed schema knows which table holds it. */
const dropIndexWithoutTable: Detector = (scan) => {
  if (!scan.startsWith('drop', 'index') || scan.tokens.some((t, i) => t.lower === 'on' && scan.enclosingOpen(i) < 0)) return;
  const last = scan.tokens.length - 1;
  const nameToken = scan.tokens[last];
  const indexName = nameToken.kind === 'word' ? nameToken.text : nameToken.text.slice(1, -1);
  const single = !scan.tokens.some((t) => t.text === ',');
  const owner = single ? tableOfIndex(scan, indexName) : undefined;
  scan.report({
    range: scan.span(0, last),
    message: `\`DROP INDEX ${nameToken.text}\` without \`ON <table>\` is PostgreSQL; MySQL needs the table: \`DROP INDEX ${nameToken.text} ON ${owner ?? '<table>'}\`.`,
    fixes: owner ? [{ title: `Add \`ON ${owner}\``, edits: [{ range: { start: nameToken.end, end: nameToken.end }, newText: ` ON ${owner}` }], preferred: true }] : [],
  });
};

function tableOfIndex(scan: StatementScan, indexName: string): string | undefined {
  const wanted = indexName.toLowerCase();
  for (const table of scan.ctx.schemaBefore().tables.values()) {
    if (table.indexes.some((index) => index.name.toLowerCase() === wanted)) return table.name;
  }
  return undefined;
}

export const postgresSyntaxInMysql: Rule = dialectRule(
  {
    id: 'postgres-syntax-in-mysql',
    category: 'dialect',
    dialects: ['mysql', 'mariadb'],
    severity: 'error',
    docs: {
      summary: 'PostgreSQL-only syntax (`::` casts, CONCURRENTLY, partial or GIN indexes, double-quoted names, ON CONFLICT, COMMENT ON, `$$` bodies …) in a MySQL or MariaDB migration.',
      why:
        'MySQL rejects the statement, so the migration fails when it runs. It usually means a file was copied from the ' +
        'PostgreSQL tree of the same project, or written from PostgreSQL habit. The finding names the construct and the ' +
        'MySQL way to say it, instead of a bare syntax error. MariaDB-only leniency is respected: `ADD COLUMN IF NOT EXISTS` ' +
        'and `CREATE INDEX IF NOT EXISTS` are reported in MySQL sets only.',
      fix:
        'Rewrite the construct as the message says. Quick fixes: `x::int` → `CAST(x AS SIGNED)`, `"name"` → `` `name` ``, ' +
        'remove CONCURRENTLY, `ON CONFLICT DO NOTHING` → `INSERT IGNORE`, `COMMENT ON TABLE` → `ALTER TABLE … COMMENT =`, and ' +
        '`DROP INDEX i` → `DROP INDEX i ON t` when the history shows which table holds the index.',
      examples: [
        { bad: 'CREATE INDEX CONCURRENTLY idx_movies_title ON "movies" ("title");', good: 'CREATE INDEX idx_movies_title ON `movies` (`title`);' },
        { bad: "INSERT INTO settings (k, v) VALUES ('a', '1') ON CONFLICT DO NOTHING;", good: "INSERT IGNORE INTO settings (k, v) VALUES ('a', '1');" },
      ],
    },
  },
  [casts, concurrently, indexClauses, foreignStatements, dollarQuoted, doubleQuotedIdentifiers, onConflict, commentOn, alterColumn, ifNotExists, dropIndexWithoutTable],
);
