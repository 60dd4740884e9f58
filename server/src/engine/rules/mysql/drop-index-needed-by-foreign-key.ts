import type { Name } from '../../model/changes.js';
import { findTable, type Index, type Table } from '../../schema/index.js';
import type { Rule, StatementContext } from '../rule.js';

export const mysqlDropIndexNeededByForeignKey: Rule = {
  id: 'mysql-drop-index-needed-by-foreign-key',
  category: 'integrity',
  dialects: ['mysql', 'mariadb'],
  severity: 'error',
  docs: {
    summary: 'Reports dropping the only index that serves a foreign key of the table.',
    why:
      'InnoDB needs an index whose leading columns are a foreign key\'s columns, so it can check and cascade without scanning. ' +
      'When none is declared it creates one itself (named after the constraint), so a missing index never hurts by itself. What ' +
      'fails is dropping that index later, whether written or created implicitly: the server refuses with "Cannot drop index: ' +
      'needed in a foreign key constraint" (error 1553) and the migration stops half-way. Another index that starts with the same ' +
      'columns lets the drop succeed.',
    fix: 'Drop the foreign key first (`DROP FOREIGN KEY fk`, in the same ALTER TABLE if you want both gone), or create the replacement index before dropping this one.',
    examples: [{ bad: 'ALTER TABLE books DROP INDEX idx_author;', good: 'ALTER TABLE books DROP FOREIGN KEY fk_books_author, DROP INDEX idx_author;' }],
  },
  checkStatement(ctx) {
    for (const { table, index, range } of droppedIndexes(ctx)) {
      const found = findTable(ctx.schemaBefore(), table);
      const dropped = found?.indexes.find((candidate) => candidate.name.toLowerCase() === index.toLowerCase());
      if (!found || !dropped) continue;
      const remaining = remainingIndexes(ctx, found, dropped);
      const droppedKeys = droppedForeignKeys(ctx);
      for (const foreignKey of found.foreignKeys) {
        if (droppedKeys.has(foreignKey.name.toLowerCase()) || !serves(dropped.columns, foreignKey.columns)) continue;
        if (remaining.some((columns) => serves(columns, foreignKey.columns))) continue;
        ctx.report({
          range,
          message: `\`${dropped.name}\` is the only index on \`${table.raw}\` that serves foreign key \`${foreignKey.name}\` (${foreignKey.columns.join(', ')}): the server refuses to drop it (error 1553). Drop the foreign key first or add another index on those columns.`,
          related: foreignKey.created ? [{ file: foreignKey.created.file, range: foreignKey.created.range, message: `\`${foreignKey.name}\` is created here` }] : [],
        });
      }
    }
  },
};

/** An index serves a key when the key's columns are its leading columns, in any order. */
function serves(indexColumns: readonly string[], keyColumns: readonly string[]): boolean {
  const leading = indexColumns.slice(0, keyColumns.length).map((column) => column.toLowerCase());
  return keyColumns.length > 0 && keyColumns.every((column) => leading.includes(column.toLowerCase()));
}

function droppedIndexes(ctx: StatementContext): { table: Name; index: string; range: { start: number; end: number } }[] {
  const change = ctx.change;
  if (change?.kind === 'drop' && change.objectKind === 'index' && change.table) {
    const table = change.table;
    return change.names.map((name) => ({ table, index: name.name, range: name.range }));
  }
  if (change?.kind !== 'alter-table') return [];
  return change.actions.flatMap((action) => (action.kind === 'drop-index' ? [{ table: change.table, index: action.name, range: action.range }] : []));
}

/** Column lists of the indexes left after the statement: the others, the primary key, and any the same ALTER adds. */
function remainingIndexes(ctx: StatementContext, table: Table, dropped: Index): (readonly string[])[] {
  const change = ctx.change;
  const added = change?.kind === 'alter-table' ? change.actions.flatMap((action) => (action.kind === 'add-index' ? [action.index.elements.flatMap((element) => (element.column ? [element.column] : []))] : [])) : [];
  const droppedNames = new Set(droppedIndexesNames(ctx));
  return [
    ...table.indexes.filter((index) => index !== dropped && !droppedNames.has(index.name.toLowerCase())).map((index) => index.columns),
    ...(table.primaryKey ? [table.primaryKey.columns] : []),
    ...table.uniques.map((unique) => unique.columns),
    ...added,
  ];
}

const droppedIndexesNames = (ctx: StatementContext): string[] => droppedIndexes(ctx).map((dropped) => dropped.index.toLowerCase());

/** `DROP FOREIGN KEY fk` in the same ALTER TABLE: the key goes first, so its index may go too. */
function droppedForeignKeys(ctx: StatementContext): Set<string> {
  const change = ctx.change;
  if (change?.kind !== 'alter-table') return new Set();
  return new Set(change.actions.flatMap((action) => (action.kind === 'drop-constraint' ? [action.name.toLowerCase()] : [])));
}
