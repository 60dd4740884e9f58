import type { Name } from '../../model/changes.js';
import type { Rule } from '../rule.js';

export const requireTableSchema: Rule = {
  id: 'require-table-schema',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  optIn: true,
  docs: {
    summary: 'Reports a table named without its schema (opt-in).',
    why:
      'An unqualified name is resolved through the session\'s search_path, which differs between the migration tool, ' +
      'psql sessions and roles: the same migration can create or alter a table in another schema than intended.',
    fix: 'Qualify the name: `public.orders`. Enable the rule with `"rules": { "require-table-schema": "warning" }` in `.migration-lens.json`.',
    differences: 'Opt-in here as in squawk (its --include); temporary tables, which live in their own schema, are not reported.',
    examples: [{ bad: 'CREATE TABLE orders (id bigint);', good: 'CREATE TABLE public.orders (id bigint);' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    let tables: readonly Name[] = [];
    if (change?.kind === 'create-table' || change?.kind === 'alter-table') tables = [change.table];
    else if (change?.kind === 'rename-table') tables = change.renames.map((rename) => rename.from);
    else if (change?.kind === 'drop' && change.objectKind === 'table') tables = change.names;
    for (const table of tables) {
      if (table.schema !== undefined || (change?.kind === 'create-table' && change.temporary)) continue;
      ctx.report({ range: table.range, message: `Table \`${table.raw}\` is not schema-qualified: its schema depends on the session's search_path. Write \`public.${table.raw}\` (or the schema you mean).` });
    }
  },
};
