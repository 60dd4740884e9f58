import type { DropChange } from '../../model/changes.js';
import { DIALECTS } from '../../model/source.js';
import type { ForeignKey, Schema, Table } from '../../schema/model.js';
import { tablesReferencing } from '../../schema/lookup.js';
import { objectKey } from '../../schema/names.js';
import type { RelatedReport, Rule, StatementContext } from '../rule.js';
import { foreignKeyChecksOff } from '../session-settings.js';

export const dropReferencedTable: Rule = {
  id: 'drop-referenced-table',
  category: 'dependency',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'A DROP TABLE removes a table that other tables\' foreign keys still reference.',
    why:
      'Without CASCADE, PostgreSQL refuses the drop ("other objects depend on it") and the migration stops. With CASCADE it silently drops those foreign keys, ' +
      'so the referencing tables stop being checked (a warning). MySQL and MariaDB refuse the drop whether or not CASCADE is written (they accept the word and ignore it); ' +
      'with FOREIGN_KEY_CHECKS = 0 the drop goes through and leaves the foreign keys pointing at a table that no longer exists (a warning), unless the same migration creates it again. ' +
      'Tables dropped in the same statement, and a table\'s references to itself, do not count.',
    fix: 'Drop (or repoint) the referencing foreign keys first, in the same migration, or keep the table. Write the drops in dependency order: referencing tables first.',
    examples: [
      {
        bad: '-- 010_complete_schema_refactor.up.sql\nDROP TABLE quality_definitions; -- wanted_movies still references it',
        good: 'ALTER TABLE wanted_movies DROP CONSTRAINT fk_wanted_movies_current_quality_id;\nDROP TABLE quality_definitions;',
      },
    ],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'drop' || change.objectKind !== 'table') return;
    const before = ctx.schemaBefore();
    const droppedKeys = new Set(change.names.map((name) => objectKey(before.dialect, name)));
    for (const name of change.names) {
      const key = objectKey(before.dialect, name);
      const table = before.tables.get(key);
      const dependents = table ? referencingForeignKeys(before, key, droppedKeys) : [];
      if (!table || dependents.length === 0) continue;
      const verdict = judge(ctx, change, key);
      if (!verdict) continue;
      const holders = [...new Set(dependents.map(({ table: holder }) => `\`${holder.name}\``))].join(', ');
      ctx.report({
        range: name.range,
        severity: verdict.severity,
        message: `\`${table.name}\` is still referenced by foreign keys of ${holders}: ${verdict.consequence}.`,
        related: dependents.flatMap(relatedForeignKeys),
      });
    }
  },
};

interface Dependent {
  table: Table;
  foreignKey: ForeignKey;
}

function referencingForeignKeys(before: Schema, key: string, droppedKeys: ReadonlySet<string>): Dependent[] {
  return tablesReferencing(before, key).flatMap(([holderKey, holder]) =>
    droppedKeys.has(holderKey) ? [] : holder.foreignKeys.filter((foreignKey) => foreignKey.targetTable === key).map((foreignKey) => ({ table: holder, foreignKey })),
  );
}

function relatedForeignKeys({ table, foreignKey }: Dependent): RelatedReport[] {
  const origin = foreignKey.created;
  return origin ? [{ file: origin.file, range: origin.range, message: `foreign key \`${foreignKey.name}\` of \`${table.name}\` references it` }] : [];
}

/** What the drop does on this dialect; undefined when it is harmless. */
function judge(ctx: StatementContext, change: DropChange, key: string): { severity: 'error' | 'warning'; consequence: string } | undefined {
  if (ctx.set.dialect === 'postgres') {
    return change.cascade
      ? { severity: 'warning', consequence: 'CASCADE silently drops those foreign keys, and their tables are no longer checked against it' }
      : { severity: 'error', consequence: 'PostgreSQL refuses to drop it without CASCADE ("other objects depend on it")' };
  }
  if (foreignKeyChecksOff(ctx.earlierStatements)) {
    // The foreign keys name the table; once it exists again they hold as before.
    if (ctx.partReplay()?.after.tables.has(key)) return undefined;
    return { severity: 'warning', consequence: 'with FOREIGN_KEY_CHECKS = 0 the drop succeeds and leaves those foreign keys pointing at a table that no longer exists' };
  }
  const ignored = change.cascade ? ' (CASCADE is accepted and ignored)' : '';
  return { severity: 'error', consequence: `MySQL and MariaDB refuse to drop a table that foreign keys reference${ignored}` };
}
