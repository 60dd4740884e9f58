import type { Rule } from '../rule.js';

export const banAlterDomainWithAddConstraint: Rule = {
  id: 'ban-alter-domain-with-add-constraint',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER DOMAIN … ADD CONSTRAINT`.',
    why: 'PostgreSQL checks the new constraint against every column of every table that uses the domain, under locks on all of them, and domains have no NOT VALID-then-VALIDATE path as tables do: this is hard to run online.',
    fix: 'Put the constraint on the table columns instead (CHECK … NOT VALID, then VALIDATE CONSTRAINT), where it can be added without blocking.',
    examples: [{ bad: 'ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'alter-domain' || !change.addsConstraint) return;
    ctx.report({
      range: ctx.statement.range,
      message: `Adding a constraint to domain \`${change.name.raw}\` checks every column that uses it under lock; constrain the table columns instead.`,
    });
  },
};
