import type { Rule } from '../rule.js';

export const banTruncateCascade: Rule = {
  id: 'ban-truncate-cascade',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `TRUNCATE … CASCADE`.',
    why: '`CASCADE` also truncates every table with a foreign key to the named tables, and every table referencing those, recursively: far more data can vanish than the statement names.',
    fix: 'Name every table to truncate explicitly and leave out `CASCADE`, so a forgotten reference fails instead of deleting data.',
    examples: [{ bad: 'TRUNCATE users CASCADE;', good: 'TRUNCATE users, orders;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'data' || change.operation !== 'truncate' || !change.cascade) return;
    const cascade = ctx.tokens.find((token) => token.lower === 'cascade');
    const names = change.tables.map((table) => `\`${table.raw}\``).join(', ');
    ctx.report({
      range: cascade ?? ctx.statement.range,
      message: `\`CASCADE\` also empties every table that references ${names} through a foreign key, recursively.`,
    });
  },
};
