import type { ColumnDef } from '../../../model/changes.js';
import type { SourceRange } from '../../../model/source.js';
import type { RelatedReport, StatementContext } from '../../rule.js';
import { createdInSameMigration, createdInSameTransaction } from './new-table.js';
import { alterActions, describeTable } from './statement.js';

/** NOT NULL with nothing that fills existing rows: no DEFAULT, not generated, identity, serial or AUTO_INCREMENT. */
function isRequired(column: ColumnDef): boolean {
  return !column.nullable && !column.default && !column.generated && !column.identity && !column.serial && !column.autoIncrement;
}

/** Columns this statement adds NOT NULL with no value for the rows of a table that already existed. */
export function requiredColumnsOnExistingTables(ctx: StatementContext): { column: ColumnDef; range: SourceRange; label: string; related: RelatedReport[] }[] {
  // PostgreSQL: new only until its transaction commits; MySQL/MariaDB commit each DDL statement anyway.
  const isNew = ctx.set.dialect === 'postgres' ? createdInSameTransaction : createdInSameMigration;
  return alterActions(ctx, 'add-column')
    .filter(({ change, action }) => isRequired(action.column) && !isNew(ctx, change.table))
    .map(({ change, action }) => ({ column: action.column, range: action.range, ...describeTable(ctx, change.table) }));
}
