import type { Rule, StatementContext } from '../rule.js';
import { createdInSameMigration } from '../safety/shared/new-table.js';

/** The clause values that give up concurrency, and what to ask for instead. */
const ONLINE_VALUE: Record<string, Record<string, string>> = {
  algorithm: { copy: 'INPLACE' },
  lock: { shared: 'NONE', exclusive: 'NONE' },
};

export const mysqlLockingAlgorithmClause: Rule = {
  id: 'mysql-locking-algorithm-clause',
  category: 'safety',
  dialects: ['mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALGORITHM=COPY`, `LOCK=SHARED` and `LOCK=EXCLUSIVE` on ALTER TABLE, CREATE INDEX and DROP INDEX.',
    why:
      'These clauses force the slow, blocking path even where InnoDB could work online: COPY rebuilds the table row by row and ' +
      'blocks writes for the whole copy; LOCK=SHARED blocks writes and LOCK=EXCLUSIVE blocks reads and writes until the statement ends.',
    fix:
      'Ask for the online path instead (`ALGORITHM=INPLACE` or `INSTANT`, `LOCK=NONE`): the server then refuses the statement at ' +
      'once if it cannot run it online, instead of locking the table. Changes that can only copy belong in an online schema-change ' +
      'tool (gh-ost, pt-online-schema-change) or a maintenance window.',
    differences: 'Tables created earlier in the same migration are empty and not reported.',
    examples: [{ bad: 'ALTER TABLE movies ADD INDEX idx_title (title), ALGORITHM=COPY;', good: 'ALTER TABLE movies ADD INDEX idx_title (title), ALGORITHM=INPLACE, LOCK=NONE;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'alter-table' && change?.kind !== 'create-index' && change?.kind !== 'drop') return;
    const table = change.kind === 'alter-table' ? change.table : change.kind === 'create-index' ? change.index.table : change.table;
    if (table && createdInSameMigration(ctx, table)) return;
    for (const clause of clauses(ctx)) {
      const online = ONLINE_VALUE[clause.name][clause.value.toLowerCase()];
      if (!online) continue;
      const what = clause.name === 'algorithm' ? 'copies the whole table and blocks writes until it finishes' : clause.value.toLowerCase() === 'shared' ? 'blocks writes until it finishes' : 'blocks reads and writes until it finishes';
      ctx.report({
        range: clause.range,
        message: `\`${clause.text}\` ${what}; ask for \`${clause.name.toUpperCase()}=${online}\` so the server refuses instead of locking when it cannot work online.`,
        fixes: [{ title: `Change to ${clause.name.toUpperCase()}=${online}`, edits: [{ range: clause.valueRange, newText: online }] }],
      });
    }
  },
};

interface Clause {
  name: 'algorithm' | 'lock';
  value: string;
  text: string;
  range: { start: number; end: number };
  valueRange: { start: number; end: number };
}

/** `ALGORITHM [=] value` and `LOCK [=] value` as written in the statement. */
function clauses(ctx: StatementContext): Clause[] {
  const tokens = ctx.tokens;
  const found: Clause[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || (token.lower !== 'algorithm' && token.lower !== 'lock')) return;
    const valueAt = tokens[i + 1]?.text === '=' ? i + 2 : i + 1;
    const value = tokens[valueAt];
    if (value?.kind !== 'word') return;
    const range = { start: token.start, end: value.end };
    found.push({ name: token.lower, value: value.text, text: ctx.text.slice(range.start, range.end), range, valueRange: { start: value.start, end: value.end } });
  });
  return found;
}
