import { columnLabel, columnTypeRule, renameType } from './column-types.js';

export const preferJsonb = columnTypeRule(
  {
    id: 'prefer-jsonb',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'info',
    optIn: true,
    docs: {
      summary: 'Reports `json` columns in PostgreSQL.',
      why:
        '`json` stores the text as written and reparses it on every access; it has no equality operator (so no DISTINCT, ' +
        'GROUP BY or UNIQUE on it) and no GIN index support. Converting later with ALTER COLUMN … TYPE jsonb rewrites the ' +
        'table under an ACCESS EXCLUSIVE lock.',
      fix: 'Use `jsonb`, unless the exact text (key order, duplicate keys, whitespace) must be kept. The quick fix changes the type.',
      differences:
        'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "prefer-jsonb": "warning" }` in `.migration-lens.json`.',
      examples: [{ bad: 'CREATE TABLE events (payload json);', good: 'CREATE TABLE events (payload jsonb);' }],
    },
  },
  (declared) => {
    const { type } = declared;
    if (type.name !== 'json') return undefined;
    return {
      message: `${columnLabel(declared)} is \`${type.raw}\`: it is reparsed on every read and cannot be indexed with GIN or compared. Use \`jsonb\`.`,
      replacement: { text: renameType(type.raw, 'jsonb'), title: `Change \`${type.raw}\` to \`jsonb\`` },
    };
  },
);
