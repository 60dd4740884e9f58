import type { Constraint } from '../../model/changes.js';
import { DIALECTS, type Dialect } from '../../model/source.js';
import type { Table } from '../../schema/model.js';
import { columnKey, objectKey } from '../../schema/names.js';
import type { Rule } from '../rule.js';
import { foreignKeysOf } from './describe.js';

type ForeignKeyConstraint = Extract<Constraint, { kind: 'foreign-key' }>;

export const foreignKeyTargetNotUnique: Rule = {
  id: 'foreign-key-target-not-unique',
  category: 'dependency',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'A foreign key references columns that are not the primary key or a unique key of the target table (or a target with no primary key, when no columns are named).',
    why:
      'PostgreSQL refuses such a foreign key ("there is no unique constraint matching given keys for referenced table"), and so does MySQL 8.4 by default ' +
      '(restrict_fk_on_non_standard_key). Older MySQL and MariaDB accept a plain index whose leading columns are the referenced ones, but then a child row may match ' +
      'several parents; on MySQL that is a warning, on MariaDB it is accepted. Without any such index MySQL and MariaDB refuse it too.',
    fix: 'Reference the primary key, or add a UNIQUE constraint on exactly the referenced columns in an earlier statement.',
    examples: [{ bad: 'CREATE TABLE movies (id int PRIMARY KEY, imdb_id text);\nCREATE TABLE credits (imdb_id text REFERENCES movies (imdb_id));', good: 'ALTER TABLE movies ADD CONSTRAINT movies_imdb_id_key UNIQUE (imdb_id);' }],
  },
  checkStatement(ctx) {
    const foreignKeys = foreignKeysOf(ctx.change);
    if (foreignKeys.length === 0) return;
    // The schema after the statement: a table's reference to itself sees its own keys.
    const after = ctx.schemaAfter();
    for (const foreignKey of foreignKeys) {
      const target = after.tables.get(objectKey(after.dialect, foreignKey.references.table));
      if (!target || target.columnsUnknown) continue;
      const problem = targetProblem(target, foreignKey, after.dialect);
      if (problem) ctx.report({ range: foreignKey.references.table.range, severity: problem.severity, message: problem.message });
    }
  },
};

function targetProblem(target: Table, foreignKey: ForeignKeyConstraint, dialect: Dialect): { severity?: 'warning'; message: string } | undefined {
  const columns = foreignKey.references.columns.length ? foreignKey.references.columns : target.primaryKey?.columns;
  if (!columns) return { message: `\`${target.name}\` has no primary key, so a foreign key to it must name the referenced columns, which must be unique.` };
  const key = (column: string) => columnKey(dialect, column);
  // A missing column is reported by missing-column-reference.
  if (!columns.every((column) => target.columns.some((c) => key(c.name) === key(column)))) return undefined;
  const wanted = new Set(columns.map(key));
  const exactly = (candidate: readonly string[]) => candidate.length === wanted.size && candidate.every((column) => wanted.has(key(column)));
  const uniqueKeys = [target.primaryKey?.columns ?? [], ...target.uniques.map((u) => u.columns), ...target.indexes.filter((i) => i.unique && i.where === undefined).map((i) => i.columns)];
  if (uniqueKeys.some(exactly)) return undefined;
  const list = columns.map((column) => `\`${column}\``).join(', ');
  const subject = `The foreign key references ${list} of \`${target.name}\`, which is not its primary key or a unique key`;
  if (dialect !== 'postgres') {
    const leading = (candidate: readonly string[]) => columns.every((column, i) => candidate[i] !== undefined && key(candidate[i]) === key(column));
    if ([...uniqueKeys, ...target.indexes.map((i) => i.columns)].some(leading)) {
      return dialect === 'mariadb'
        ? undefined
        : { severity: 'warning', message: `${subject}: MySQL 8.4 refuses it by default (restrict_fk_on_non_standard_key), and a row may match several parents.` };
    }
    return { message: `${subject}, and no index starts with those columns: the database refuses it.` };
  }
  return { message: `${subject}: PostgreSQL refuses it ("there is no unique constraint matching given keys").` };
}
