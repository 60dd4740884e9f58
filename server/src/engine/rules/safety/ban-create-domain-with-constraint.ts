import type { Rule } from '../rule.js';

/** Words that open a domain constraint; the model only flags CHECK, squawk also counts NOT NULL. */
const CONSTRAINT_WORDS = new Set(['check', 'constraint', 'not', 'null']);

export const banCreateDomainWithConstraint: Rule = {
  id: 'ban-create-domain-with-constraint',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `CREATE DOMAIN` with a CHECK or NOT NULL constraint.',
    why: 'Constraints on a domain are hard to change online later: altering them re-checks every column of every table that uses the domain under lock, with no NOT VALID path.',
    fix: 'Create the domain without constraints and put CHECK / NOT NULL constraints on the table columns.',
    examples: [{ bad: 'CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);', good: 'CREATE DOMAIN positive_int AS integer;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'create-domain') return;
    // Constraints follow the base type; start looking after it so `AS "null"` style names don't count.
    const after = change.baseType?.range.end ?? ctx.statement.range.start;
    const first = ctx.tokens.find((token) => token.start >= after && token.kind === 'word' && CONSTRAINT_WORDS.has(token.lower));
    if (!change.addsConstraint && !first) return;
    ctx.report({
      range: first ? { start: first.start, end: ctx.statement.range.end } : ctx.statement.range,
      message: `Domain \`${change.name.raw}\` carries a constraint, which cannot be changed online later; constrain the table columns instead.`,
    });
  },
};
