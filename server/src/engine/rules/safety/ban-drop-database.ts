import type { Rule } from '../rule.js';

export const banDropDatabase: Rule = {
  id: 'ban-drop-database',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'error',
  docs: {
    summary: 'Reports `DROP DATABASE` in a migration.',
    why: 'Dropping a database deletes every table and row in it and breaks every client that connects to it; it has no place in a migration that runs against production.',
    fix: 'Drop databases by hand, outside the migration history, after making sure nothing uses them.',
    examples: [{ bad: 'DROP DATABASE analytics;' }],
  },
  checkStatement(ctx) {
    if (ctx.change?.kind !== 'other' || ctx.change.statementType !== 'DropdbStmt') return;
    ctx.report({ range: ctx.statement.range, message: 'Dropping a database deletes all of its data and breaks every client that uses it.' });
  },
};
