import type { Constraint, ForeignKeyConstraint, Name } from '../../model/changes.js';
import { findTable, type QualifiedName } from '../../schema/index.js';
import type { Schema, Table } from '../../schema/model.js';
import type { Rule, StatementContext } from '../rule.js';
import { inCaseOf } from './keyword-case.js';
import { describeTable } from './shared/statement.js';

/**
 * Tables that stand for the people and organisations using the product: deleting one of their
 * rows is a person or a customer going away, and what hangs off them is what they created.
 */
// `profiles`, `people` and `persons` only as the whole name: `quality_profiles` is a lookup table, not a person.
const OWNER_TABLE = /(^|_)(users?|accounts?|customers?|clients?|members?|tenants?|organi[sz]ations?|orgs?|teams?|workspaces?|compan(y|ies))$|^(people|persons?|profiles?|user_profiles?)$/;

/** How far up the foreign-key chain an owner table is looked for (users → channels → posts → sent_posts). */
const MAX_CHAIN = 4;

/** The chain of table names from `table` up to an owner table, or undefined when it reaches none. */
function ownerChain(schema: Schema, table: QualifiedName, seen = new Set<string>()): string[] | undefined {
  if (OWNER_TABLE.test(table.name)) return [table.name];
  const found = findTable(schema, table);
  if (!found || seen.size >= MAX_CHAIN || seen.has(found.name)) return undefined;
  seen.add(found.name);
  for (const key of found.foreignKeys) {
    const parent = schema.tables.get(key.targetTable);
    const chain = parent && ownerChain(schema, { name: parent.name, schema: parent.schema }, seen);
    if (chain) return [table.name, ...chain];
  }
  return undefined;
}

/** Column names of the child table, and which of them are keys (primary or foreign). */
interface ChildShape {
  columns: { name: string; temporal: boolean }[];
  keys: Set<string>;
}

const TEMPORAL = /^(timestamp|date|time)/;

function shapeOf(ctx: StatementContext, table: Name, added: readonly Constraint[]): ChildShape | undefined {
  const change = ctx.change;
  const keysOf = (constraints: readonly Constraint[]) => constraints.flatMap((c) => (c.kind === 'primary-key' || c.kind === 'foreign-key' ? c.columns : []));
  if (change?.kind === 'create-table') {
    return { columns: change.columns.map((c) => ({ name: c.name, temporal: TEMPORAL.test(c.type.name) })), keys: new Set(keysOf(change.constraints)) };
  }
  const existing: Table | undefined = findTable(ctx.schemaBefore(), table);
  if (!existing || existing.columnsUnknown) return undefined;
  return {
    columns: existing.columns.map((c) => ({ name: c.name, temporal: TEMPORAL.test(c.type.name) })),
    keys: new Set([...(existing.primaryKey?.columns ?? []), ...existing.foreignKeys.flatMap((key) => key.columns), ...keysOf(added)]),
  };
}

/** A link table (user_roles: keys and timestamps only) holds no data of its own: cascading into it is its purpose. */
const isLinkTable = (shape: ChildShape): boolean => shape.columns.every((column) => shape.keys.has(column.name) || column.temporal);

/** The foreign keys a statement declares, with the table they are declared on. */
function foreignKeys(ctx: StatementContext): { table: Name; key: ForeignKeyConstraint; all: readonly Constraint[] }[] {
  const change = ctx.change;
  const pick = (table: Name, constraints: readonly Constraint[]) =>
    constraints.flatMap((key) => (key.kind === 'foreign-key' ? [{ table, key, all: constraints }] : []));
  if (change?.kind === 'create-table') return pick(change.table, change.constraints);
  if (change?.kind !== 'alter-table') return [];
  return change.actions.flatMap((action) =>
    action.kind === 'add-constraint' ? pick(change.table, [action.constraint]) : action.kind === 'add-column' ? pick(change.table, action.constraints) : [],
  );
}

export const cascadeOnUserData: Rule = {
  id: 'cascade-on-user-data',
  category: 'safety',
  dialects: ['postgres', 'mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ON DELETE CASCADE` on a foreign key that hangs user data off a user, account, customer or organisation.',
    why:
      'With CASCADE one DELETE of a parent row silently deletes every row that references it, and the rows that reference ' +
      'those, with no error and no trace in the application. On user data — what people created: their channels, posts, ' +
      'payments — a mistaken or malicious delete of one account wipes all of it, and only a backup restore brings it back.',
    fix:
      'Use `ON DELETE RESTRICT` (the quick fix): the delete fails while dependent rows exist, and the application decides ' +
      'what happens to them (archive, anonymise, delete explicitly in a job it logs). Soft-delete the parent where users ' +
      'expect an undo.',
    differences:
      'Not a squawk rule. "User data" here: the referenced table is an owner table (users, accounts, customers, clients, ' +
      'members, tenants, organisations, teams, workspaces, companies, also as the last word of the name; people, persons and ' +
      'profiles as the whole name) or reaches one through foreign ' +
      'keys in the replayed schema (channels → users). Link tables made only of key and timestamp columns (user_roles) ' +
      'are exempt: cascading into them is what they are for.',
    examples: [{ bad: 'CREATE TABLE channels (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id) ON DELETE CASCADE);', good: 'CREATE TABLE channels (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id) ON DELETE RESTRICT);' }],
  },
  checkStatement(ctx) {
    for (const { table, key, all } of foreignKeys(ctx)) {
      if (key.onDelete !== 'cascade') continue;
      const parent = key.references.table;
      const chain = ownerChain(ctx.schemaBefore(), parent);
      if (!chain) continue;
      const shape = shapeOf(ctx, table, all);
      if (shape && isLinkTable(shape)) continue;
      const tokens = ctx.tokens.filter((token) => token.start >= key.range.start && token.end <= key.range.end);
      const cascade = tokens.find((token, i) => token.lower === 'cascade' && tokens[i - 1]?.lower === 'delete');
      const { label, related } = describeTable(ctx, parent);
      const through = chain.slice(1, -1).map((t) => `\`${t}\``).join(' → ');
      const owner = chain.length > 1 ? ` (\`${chain[0]}\` belongs to \`${chain.at(-1)}\`${through ? ` through ${through}` : ''})` : '';
      ctx.report({
        range: cascade ?? key.range,
        related,
        message: `ON DELETE CASCADE from \`${table.raw}\` to ${label}: deleting one \`${parent.raw}\` row silently deletes its \`${table.raw}\` rows, which are user data${owner}. Use ON DELETE RESTRICT.`,
        fixes: cascade ? [{ title: 'Change CASCADE to RESTRICT', edits: [{ range: { start: cascade.start, end: cascade.end }, newText: inCaseOf(cascade.text, 'RESTRICT') }], preferred: true }] : [],
      });
    }
  },
};
