// Clauses shared by column definitions and table constraints: REFERENCES … ON DELETE/UPDATE, and
// CHECK (…) [NOT] ENFORCED.

import type { CheckConstraint, ForeignKeyConstraint, ReferentialAction } from '../../model/changes.js';
import { readParenthesisedExpression } from './expression.js';
import type { TokenReader } from './reader.js';

const ACTIONS: [string[], ReferentialAction][] = [
  [['CASCADE'], 'cascade'],
  [['RESTRICT'], 'restrict'],
  [['SET', 'NULL'], 'set null'],
  [['SET', 'DEFAULT'], 'set default'],
  [['NO', 'ACTION'], 'no action'],
];

/** Column names of a `(a, b)` list; an index part's prefix length `(a(10))` is dropped. */
export function readColumnList(reader: TokenReader): string[] {
  return reader.readParenthesisedItems().map((item) => item.readIdentifier('a column name').value);
}

/** `REFERENCES table (columns) [MATCH …] [ON DELETE action] [ON UPDATE action]`, after REFERENCES. */
export function readReferences(
  reader: TokenReader,
): Pick<ForeignKeyConstraint, 'references' | 'onDelete' | 'onUpdate'> {
  const table = reader.readName('the referenced table');
  const columns = reader.atPunct('(') ? readColumnList(reader) : [];
  const result: Pick<ForeignKeyConstraint, 'references' | 'onDelete' | 'onUpdate'> = { references: { table, columns } };
  for (;;) {
    if (reader.acceptWords('MATCH')) reader.next('FULL, PARTIAL or SIMPLE');
    else if (reader.acceptWords('ON', 'DELETE')) result.onDelete = readAction(reader);
    else if (reader.acceptWords('ON', 'UPDATE')) result.onUpdate = readAction(reader);
    else return result;
  }
}

function readAction(reader: TokenReader): ReferentialAction {
  for (const [words, action] of ACTIONS) if (reader.acceptWords(...words)) return action;
  throw reader.error('CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION');
}

/** `(expression) [[NOT] ENFORCED]` after CHECK. */
export function readCheckBody(reader: TokenReader): Pick<CheckConstraint, 'expression' | 'notEnforced'> {
  const expression = readParenthesisedExpression(reader);
  // MySQL 8.0.16+ accepts [NOT] ENFORCED; node-sql-parser's grammar does not.
  const notEnforced = reader.acceptWords('NOT', 'ENFORCED');
  const enforcement = notEnforced ?? reader.acceptWords('ENFORCED');
  if (enforcement) reader.ctx.blank(enforcement);
  return notEnforced ? { expression, notEnforced: true } : { expression };
}
