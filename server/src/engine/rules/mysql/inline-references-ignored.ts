import type { ForeignKeyConstraint } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import type { EditDraft } from '../../fixes/edits.js';
import type { Rule, StatementContext } from '../rule.js';

export const mysqlInlineReferencesIgnored: Rule = {
  id: 'mysql-inline-references-ignored',
  category: 'integrity',
  dialects: ['mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports `REFERENCES` written inside a column definition (`author_id INT REFERENCES authors (id)`).',
    why:
      'MySQL before 9.0 parses a column-level REFERENCES clause and silently ignores it: no foreign key is created, nothing ' +
      'says so, and orphan rows pile up. MariaDB ignored it as well before 10.5. The statement succeeds, so nobody notices ' +
      'until the data is inconsistent.',
    fix: 'Declare the key at table level: `FOREIGN KEY (author_id) REFERENCES authors (id)` (in CREATE TABLE, or `ADD FOREIGN KEY` in ALTER TABLE).',
    differences: 'On MariaDB the finding is informational: 10.5 and later create the key.',
    examples: [
      { bad: 'CREATE TABLE books (id INT PRIMARY KEY, author_id INT REFERENCES authors (id));', good: 'CREATE TABLE books (id INT PRIMARY KEY, author_id INT, FOREIGN KEY (author_id) REFERENCES authors (id));' },
    ],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind === 'create-table') {
      const end = lastElementEnd(ctx);
      for (const constraint of inlineForeignKeys(change.constraints)) {
        const moved = end === undefined ? [] : [{ range: { start: end, end }, newText: `,\n  ${tableLevel(ctx, constraint)}` }];
        report(ctx, constraint, 'in the CREATE TABLE', moved);
      }
    } else if (change?.kind === 'alter-table') {
      for (const action of change.actions) {
        if (action.kind !== 'add-column') continue;
        for (const constraint of inlineForeignKeys(action.constraints)) {
          report(ctx, constraint, 'as a separate ADD', [{ range: { start: action.range.end, end: action.range.end }, newText: `, ADD ${tableLevel(ctx, constraint)}` }]);
        }
      }
    }
  },
};

const inlineForeignKeys = (constraints: readonly { kind: string; inline?: boolean }[]): ForeignKeyConstraint[] =>
  constraints.filter((constraint): constraint is ForeignKeyConstraint => constraint.kind === 'foreign-key' && constraint.inline === true);

function report(ctx: StatementContext, constraint: ForeignKeyConstraint, where: string, moved: EditDraft[]): void {
  const column = constraint.columns[0];
  const mariadb = ctx.set.dialect === 'mariadb';
  ctx.report({
    range: constraint.range,
    severity: mariadb ? 'info' : undefined,
    message: mariadb
      ? `MariaDB before 10.5 ignores the column-level REFERENCES on \`${column}\`; declare FOREIGN KEY (\`${column}\`) ${where} to be sure the key exists.`
      : `MySQL (before 9.0) silently ignores REFERENCES in a column definition: no foreign key is created for \`${column}\`. Declare FOREIGN KEY (\`${column}\`) ${where}.`,
    fixes: moved.length === 0 ? [] : [{ title: `Move to a table-level FOREIGN KEY (${column})`, edits: [removal(ctx, constraint.range), ...moved], preferred: true }],
  });
}

/** `FOREIGN KEY (col) REFERENCES …` with the clause text exactly as written. */
function tableLevel(ctx: StatementContext, constraint: ForeignKeyConstraint): string {
  const column = ctx.text.slice(constraint.range.start, constraint.range.end);
  return `FOREIGN KEY (${constraint.columns.join(', ')}) ${column}`;
}

/** Deletes the clause together with the blanks before it. */
function removal(ctx: StatementContext, range: SourceRange): EditDraft {
  let start = range.start;
  while (start > ctx.statement.range.start && /\s/.test(ctx.text[start - 1])) start--;
  return { range: { start, end: range.end }, newText: '' };
}

/** End of the last element of CREATE TABLE's list: the new FOREIGN KEY line goes after it. */
function lastElementEnd(ctx: StatementContext): number | undefined {
  let depth = 0;
  let previous: number | undefined;
  for (const token of ctx.tokens) {
    if (token.text === '(') depth++;
    else if (token.text === ')' && --depth === 0) return previous;
    previous = token.end;
  }
  return undefined;
}
