import type { Rule } from '../rule.js';

export const requireEnumValueOrdering: Rule = {
  id: 'require-enum-value-ordering',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'info',
  optIn: true,
  docs: {
    summary: 'Reports `ALTER TYPE … ADD VALUE` without `BEFORE` or `AFTER`.',
    why:
      'Enum values sort in the order they were declared, not alphabetically: a value appended at the end sorts after all ' +
      'the others, so ORDER BY, comparisons (`status < \'shipped\'`) and range checks on the column change meaning.',
    fix: "Say where the value belongs: `ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid'`. When the end is right, say `AFTER` the last value so the intent is visible.",
    differences:
      'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "require-enum-value-ordering": "warning" }` in `.migration-lens.json`.',
    examples: [{ bad: "ALTER TYPE order_status ADD VALUE 'refunded';", good: "ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';" }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'alter-type' || change.action.kind !== 'add-value' || change.action.before !== undefined || change.action.after !== undefined) return;
    ctx.report({
      range: ctx.statement.range,
      message: `'${change.action.value}' is appended after every other value of \`${change.name.raw}\`, so it sorts last in ORDER BY and comparisons. Say where it belongs with BEFORE or AFTER.`,
    });
  },
};
