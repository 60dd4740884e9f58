import type { Change, Constraint, IndexDef, Name, PrefixLengths } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { findTable } from '../../schema/lookup.js';
import type { Table } from '../../schema/model.js';
import { findColumn } from '../../schema/table-edit.js';
import { sameColumn } from '../../schema/names.js';
import { formatType } from '../../schema/types.js';
import type { Report, Rule, StatementContext } from '../rule.js';
import { ASSUMED_CHARSET, partBytes, type PartBytes } from './key-bytes.js';
import { serverHas, serverTooOld } from './server-version.js';

/** InnoDB with 16 KB pages: a whole key (and each column of it, with DYNAMIC or COMPRESSED rows). */
const KEY_LIMIT = 3072;
/** Each column of a key with COMPACT or REDUNDANT rows, or on servers from before large prefixes were the default. */
const COLUMN_LIMIT = 767;
/** Large index prefixes (innodb_large_prefix, DYNAMIC rows) became the default in MySQL 5.7.7 and MariaDB 10.2.2. */
const LARGE_PREFIXES = { mysql: '5.7.7', mariadb: '10.2.2' };
/** MariaDB makes a UNIQUE key that is too long for InnoDB a hash-based long unique key from 10.4 on. */
const LONG_UNIQUE = { mariadb: '10.4' };

interface Key {
  kind: 'primary key' | 'unique key' | 'index';
  table: Name;
  parts: { column: string; prefixLength?: number }[];
  range: SourceRange;
  /** A key an earlier statement made, weighed again because this one widened a column of it (`k_ab`; `PRIMARY` for the primary key). */
  existing?: string;
}

interface WeighedPart {
  column: string;
  /** As MySQL prints it: `varchar(255)`. */
  type: string;
  prefixLength?: number;
  bytes: PartBytes;
}

type Measure = 'least' | 'assumed';

/** What the server does with the key, counted one way. */
type Outcome =
  /** `verified`: a server here refused it (ROW_FORMAT), not only the manual (an old version). */
  | { kind: 'refused-column'; part: WeighedPart; why: string; verified: boolean }
  | { kind: 'refused-key'; total: number }
  | { kind: 'hashed'; total: number }
  | { kind: 'shortened'; total: number };

export const mysqlIndexKeyTooLong: Rule = {
  id: 'mysql-index-key-too-long',
  category: 'dialect',
  dialects: ['mysql', 'mariadb'],
  severity: 'error',
  docs: {
    summary: 'An InnoDB key longer than the server allows: over 3,072 bytes in all, or over 767 bytes in one column with ROW_FORMAT=COMPACT or REDUNDANT.',
    why:
      'InnoDB keys have a byte limit, and a string column counts its declared length times the bytes per character of its ' +
      'character set: VARCHAR(255) is 1,020 bytes in utf8mb4, VARCHAR(1000) 4,000. The server refuses a primary key or an ' +
      'index of several columns over 3,072 bytes ("Specified key was too long; max key length is 3072 bytes"), and with ' +
      'COMPACT or REDUNDANT rows any key column over 767 bytes ("Index column size too large"), after the migrations before ' +
      'it ran. A UNIQUE key over the limit is refused by MySQL and by MariaDB before 10.4; MariaDB 10.4+ turns it into a ' +
      'hash-based long unique key, which no range scan, sort or foreign key can use. A one-column index over the limit is ' +
      'shortened to a prefix by MariaDB (warning 1071), and by MySQL outside strict mode. A key is weighed where a statement ' +
      'makes it, and again where a later one widens a column of it (MODIFY, CHANGE), converts its table to another character ' +
      'set or changes the ROW_FORMAT: the server then refuses that ALTER TABLE.',
    fix:
      'Index a prefix (`email(191)`), shorten the column, give it a one-byte character set (`CHARACTER SET ascii` for codes ' +
      'and hashes), or use ROW_FORMAT=DYNAMIC. A unique value that must be longer can be enforced on a hash column ' +
      '(`email_hash BINARY(32) AS (UNHEX(SHA2(email, 256))) STORED UNIQUE`).',
    differences:
      'Not a squawk rule. A column counts with the character set the migrations give it (on the column, as its table\'s ' +
      'default, by COLLATE or CONVERT TO CHARACTER SET); without one, with utf8mb4 (the default of MySQL 8.0, MariaDB 11.6 ' +
      'and Debian\'s MariaDB), and then the finding is a warning, since the database\'s own default decides. Only InnoDB ' +
      'tables (no ENGINE, or ENGINE=InnoDB) are checked, and a key with a TEXT column and no prefix is left to the server. ' +
      'The verdicts for MariaDB are confirmed by the test suite\'s MariaDB 10.11; the MySQL-only ones (unique keys) rest on ' +
      'the MySQL manual, and those that depend on the SQL mode or on a server older than 5.7.7 / 10.2.2 are warnings.',
    examples: [
      {
        bad: 'CREATE TABLE users (email VARCHAR(1000) NOT NULL PRIMARY KEY) DEFAULT CHARSET=utf8mb4;',
        good: 'CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(1000) NOT NULL, KEY users_email (email(191))) DEFAULT CHARSET=utf8mb4;',
      },
    ],
  },
  checkStatement(ctx) {
    const keys = [...keysOf(ctx.change), ...widenedKeys(ctx)];
    if (keys.length === 0) return;
    const after = ctx.schemaAfter();
    for (const key of keys) {
      const table = findTable(after, key.table);
      if (!table || table.columnsUnknown || (table.engine !== undefined && table.engine !== 'innodb')) continue;
      const parts = weigh(key, table, ctx);
      if (parts && !(key.existing !== undefined && judgedBefore(ctx, key, table, parts))) judge(ctx, key, table, parts);
    }
  },
};

/** The PRIMARY KEY, UNIQUE and plain indexes a statement defines. */
function keysOf(change: Change | undefined): Key[] {
  if (!change) return [];
  const fromConstraint = (table: Name, constraint: Constraint): Key[] =>
    constraint.kind === 'primary-key' || constraint.kind === 'unique'
      ? [{ kind: constraint.kind === 'primary-key' ? 'primary key' : 'unique key', table, parts: constraintParts(constraint.columns, constraint.prefixLengths), range: constraint.range }]
      : [];
  const fromIndex = (index: IndexDef): Key[] =>
    index.method === 'fulltext' || index.method === 'spatial' || index.elements.some((element) => element.column === undefined)
      ? []
      : [{ kind: index.unique ? 'unique key' : 'index', table: index.table, parts: index.elements.map(({ column, prefixLength }) => ({ column: column!, prefixLength })), range: index.range }];
  switch (change.kind) {
    case 'create-table':
      return [...change.constraints.flatMap((constraint) => fromConstraint(change.table, constraint)), ...change.indexes.flatMap(fromIndex)];
    case 'create-index':
      return fromIndex(change.index);
    case 'alter-table':
      return change.actions.flatMap((action) => {
        if (action.kind === 'add-index') return fromIndex(action.index);
        if (action.kind === 'add-constraint') return fromConstraint(change.table, action.constraint);
        if (action.kind === 'add-column' || action.kind === 'redefine-column') return action.constraints.flatMap((constraint) => fromConstraint(change.table, constraint));
        return [];
      });
    default:
      return [];
  }
}

/**
 * Keys made by earlier statements that this ALTER TABLE weighs anew: those on a column it
 * redefines (MODIFY, CHANGE), and all of them when it converts the table to another character set
 * or changes its ROW_FORMAT. Reported at the action that changed them.
 */
function widenedKeys(ctx: StatementContext): Key[] {
  const change = ctx.change;
  if (change?.kind !== 'alter-table') return [];
  const widenings = change.actions.flatMap((action) => {
    if (action.kind === 'redefine-column') return [{ range: action.range, widens: (columns: readonly string[]) => columns.some((column) => sameColumn(ctx.set.dialect, column, action.column.name)) }];
    const wholeTable = (action.kind === 'other' && action.description.startsWith('convert:')) || (action.kind === 'set-table-option' && action.option === 'row_format');
    return wholeTable ? [{ range: action.range, widens: () => true }] : [];
  });
  // Most ALTER TABLEs widen nothing: the schemas are not looked at for them.
  if (widenings.length === 0) return [];
  const before = findTable(ctx.schemaBefore(), change.table);
  const after = findTable(ctx.schemaAfter(), change.table);
  if (!before || !after) return [];
  const madeBefore = (name: string) => before.uniques.some((unique) => unique.name === name) || before.indexes.some((index) => index.name === name);
  const keys: Key[] = [];
  for (const { range, widens } of widenings) {
    const existing = (kind: Key['kind'], name: string, columns: readonly string[], prefixLengths: PrefixLengths | undefined) => {
      if (widens(columns) && !keys.some((key) => key.existing === name)) keys.push({ kind, table: change.table, parts: constraintParts(columns, prefixLengths), range, existing: name });
    };
    if (after.primaryKey && before.primaryKey) existing('primary key', 'PRIMARY', after.primaryKey.columns, after.primaryKey.prefixLengths);
    for (const unique of after.uniques) if (madeBefore(unique.name)) existing('unique key', unique.name, unique.columns, unique.prefixLengths);
    for (const index of after.indexes) {
      if (index.method === 'fulltext' || index.method === 'spatial' || !madeBefore(index.name)) continue;
      existing(index.unique ? 'unique key' : 'index', index.name, index.columns, index.prefixLengths);
    }
  }
  return keys;
}

const constraintParts = (columns: readonly string[], prefixLengths: PrefixLengths | undefined): Key['parts'] =>
  columns.map((column) => ({ column, prefixLength: prefixLengths?.[column] }));

/** Every part weighed; undefined when one cannot be (a missing column, TEXT without a prefix, an unknown type). */
function weigh(key: Key, table: Table, ctx: StatementContext): WeighedPart[] | undefined {
  const parts: WeighedPart[] = [];
  for (const { column: name, prefixLength } of key.parts) {
    const column = findColumn(ctx.set.dialect, table, name);
    const bytes = column && partBytes(column, prefixLength);
    if (!bytes) return undefined;
    parts.push({ column: column.name, type: formatType(column.type), ...(prefixLength === undefined ? {} : { prefixLength }), bytes });
  }
  return parts;
}

/**
 * An existing key that was over a limit before this statement too: reported where it was made or
 * first widened (the same verdict again would be noise). Its parts are looked up by the names
 * they had before a CHANGE renamed them.
 */
function judgedBefore(ctx: StatementContext, key: Key, after: Table, parts: WeighedPart[]): boolean {
  const change = ctx.change;
  const before = change?.kind === 'alter-table' ? findTable(ctx.schemaBefore(), change.table) : undefined;
  if (!before || change?.kind !== 'alter-table') return false;
  const renamedFrom = (column: string) =>
    change.actions.flatMap((action) => (action.kind === 'redefine-column' && sameColumn(ctx.set.dialect, action.column.name, column) ? [action.from] : []))[0] ?? column;
  const partsBefore = weigh({ ...key, parts: key.parts.map((part) => ({ ...part, column: renamedFrom(part.column) })) }, before, ctx);
  if (!partsBefore) return false;
  return (['least', 'assumed'] as const).every((measure) => outcome(ctx, key, before, partsBefore, measure)?.kind === outcome(ctx, key, after, parts, measure)?.kind);
}

function outcome(ctx: StatementContext, key: Key, table: Table, parts: WeighedPart[], measure: Measure): Outcome | undefined {
  const dialect = ctx.set.dialect === 'mysql' ? 'mysql' : 'mariadb';
  const compactRows = table.rowFormat === 'compact' || table.rowFormat === 'redundant';
  const oldServer = serverTooOld(ctx.settings, dialect, LARGE_PREFIXES);
  if (compactRows || oldServer) {
    const wide = parts.find((part) => part.bytes[measure] > COLUMN_LIMIT);
    const why = compactRows
      ? `with ROW_FORMAT=${table.rowFormat!.toUpperCase()}`
      : `on ${oldServer!.configured} (${oldServer!.source}), which allows no more before ${oldServer!.needed}`;
    if (wide) return { kind: 'refused-column', part: wide, why, verified: compactRows };
  }
  const total = parts.reduce((sum, part) => sum + part.bytes[measure], 0);
  if (total <= KEY_LIMIT) return undefined;
  if (key.kind === 'primary key' || (key.kind === 'index' && parts.length > 1)) return { kind: 'refused-key', total };
  if (key.kind === 'unique key') return dialect === 'mariadb' && serverHas(ctx.settings, dialect, LONG_UNIQUE) ? { kind: 'hashed', total } : { kind: 'refused-key', total };
  return { kind: 'shortened', total };
}

function judge(ctx: StatementContext, key: Key, table: Table, parts: WeighedPart[]): void {
  const certain = outcome(ctx, key, table, parts, 'least');
  const found = certain ?? outcome(ctx, key, table, parts, 'assumed');
  if (!found) return;
  const measure: Measure = certain ? 'least' : 'assumed';
  // An error only where the server refuses the key whatever the database's default character set.
  const refused = found.kind === 'refused-key' || (found.kind === 'refused-column' && found.verified);
  const report: Report = { range: key.range, message: `${describe(found, key, table, parts, measure)}${assumption(parts, measure)}` };
  if (!(refused && certain)) report.severity = 'warning';
  ctx.report(report);
}

const bytes = (count: number) => `${count.toLocaleString('en-US')} bytes`;
const limit = (count: number) => `${count.toLocaleString('en-US')}-byte`;

/** "`email`(191) varchar(255) in utf8mb4". */
function partText(part: WeighedPart, measure: Measure): string {
  const charset = part.bytes.charset ?? (part.bytes.charsetAssumed && measure === 'assumed' ? ASSUMED_CHARSET : undefined);
  return `\`${part.column}\`${part.prefixLength === undefined ? '' : `(${part.prefixLength})`} ${part.type}${charset ? ` in ${charset}` : ''}`;
}

function describe(found: Outcome, key: Key, table: Table, parts: WeighedPart[], measure: Measure): string {
  const list = parts.length === 1 ? partText(parts[0], measure) : parts.map((part) => `${partText(part, measure)}: ${bytes(part.bytes[measure])}`).join(', ');
  const named = key.existing === undefined || key.kind === 'primary key' ? `The ${key.kind}` : `The ${key.kind} \`${key.existing}\``;
  const over = (total: number) => `${named} on \`${table.name}\` (${list}) ${key.existing === undefined ? 'is' : 'becomes'} ${bytes(total)}, over InnoDB's ${limit(KEY_LIMIT)} limit`;
  switch (found.kind) {
    case 'refused-column':
      return (
        `Column \`${found.part.column}\` of ${named.slice(0, 1).toLowerCase()}${named.slice(1)} on \`${table.name}\` is ${bytes(found.part.bytes[measure])} (${partText(found.part, measure)}), over the ${bytes(COLUMN_LIMIT)} a key column may have ${found.why}: ` +
        `the server refuses the statement ("Index column size too large. The maximum column size is 767 bytes"). Index a prefix, shorten the column, or use ROW_FORMAT=DYNAMIC.`
      );
    case 'refused-key':
      return `${over(found.total)}: the server refuses the statement ("Specified key was too long; max key length is 3072 bytes"). ${shorterKey(parts, measure)}`;
    case 'hashed':
      return `${over(found.total)}: MariaDB 10.4+ makes it a hash-based long unique key, which enforces uniqueness but serves no range scan, sort or foreign key, and MySQL and older MariaDB refuse it. ${shorterKey(parts, measure)}`;
    case 'shortened': {
      const [part] = parts;
      const characters = Math.floor(KEY_LIMIT / part.bytes.bytesPerCharacter);
      return (
        `${over(found.total)}: MariaDB indexes only the first ${characters.toLocaleString('en-US')} ${part.bytes.bytesPerCharacter === 1 ? 'bytes' : 'characters'} instead (warning 1071), and MySQL does the same or, in strict mode, refuses it. ` +
        `Write the prefix (\`${part.column}(${characters})\`) so the migration says what the index holds.`
      );
    }
  }
}

function shorterKey(parts: WeighedPart[], measure: Measure): string {
  const widest = parts.reduce((best, part) => (part.bytes[measure] > best.bytes[measure] ? part : best));
  return `Index a prefix of \`${widest.column}\`, shorten it, or give it a one-byte character set.`;
}

function assumption(parts: WeighedPart[], measure: Measure): string {
  if (measure === 'least') return '';
  const unsaid = parts.filter((part) => part.bytes.charsetAssumed).map((part) => `\`${part.column}\``);
  return ` (Counted in ${ASSUMED_CHARSET}, the default of MySQL 8.0, MariaDB 11.6 and Debian's MariaDB: the migrations give ${unsaid.join(', ')} no character set, so the database's default decides.)`;
}
