import { DIALECTS } from '../../model/source.js';
import { objectKey, sameColumn } from '../../schema/names.js';
import type { Rule } from '../rule.js';
import { where } from './describe.js';

export const ifNotExistsKeepsEarlier: Rule = {
  id: 'if-not-exists-keeps-earlier',
  category: 'dependency',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: '`CREATE TABLE IF NOT EXISTS` for a table an earlier migration already created with other columns: the statement does nothing, and its new columns never exist.',
    why:
      'IF NOT EXISTS makes the database skip the whole statement when the table is there, whatever the statement says. ' +
      'The migration succeeds, the columns it declares are silently missing, and the failure surfaces later — in a migration ' +
      'or a query that uses them. It happens when a CREATE TABLE is edited in a new migration instead of altered, or when two ' +
      'branches each create the same table.',
    fix: 'Add the columns with `ALTER TABLE … ADD COLUMN` in this migration, or remove the statement if the earlier definition is the one wanted.',
    differences: 'Only columns the statement declares and the existing table lacks are reported: a table re-created with the same columns (an idempotent migration) is quiet.',
    examples: [
      {
        bad: '-- 001_users.up.sql\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- 007_users.up.sql\nCREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text);',
        good: '-- 007_users_email.up.sql\nALTER TABLE users ADD COLUMN email text;',
      },
    ],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'create-table' || !change.ifNotExists || change.fromQuery || change.like) return;
    const before = ctx.schemaBefore();
    const existing = before.tables.get(objectKey(before.dialect, change.table));
    if (!existing || existing.columnsUnknown) return;
    const missing = change.columns.filter((column) => !existing.columns.some((kept) => sameColumn(before.dialect, kept.name, column.name)));
    if (missing.length === 0) return;
    const created = existing.created;
    const names = missing.map((column) => `\`${column.raw}\``).join(', ');
    ctx.report({
      range: missing[0].range,
      message:
        `Table \`${existing.name}\` already exists here${created ? ` (created in ${where(created)})` : ''}, so IF NOT EXISTS skips this whole statement: ` +
        `${missing.length === 1 ? `column ${names} is` : `columns ${names} are`} never added, and what uses ${missing.length === 1 ? 'it' : 'them'} later fails.`,
      related: created ? [{ file: created.file, range: created.range, message: `\`${existing.name}\` is created here, without ${names}` }] : [],
    });
  },
};
