import { arraySuffix, columnLabel, columnTypeRule } from './column-types.js';
import { inCaseOf } from './keyword-case.js';

export const preferTextField = columnTypeRule(
  {
    id: 'prefer-text-field',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'info',
    optIn: true,
    docs: {
      summary: 'Reports `varchar(n)` columns.',
      why:
        'In PostgreSQL `varchar(n)` is `text` with a length check built into the type. Raising the limit later is cheap, but ' +
        'lowering it, or changing to another type, rewrites the table under an ACCESS EXCLUSIVE lock, and the limit is ' +
        'usually an arbitrary number (255) rather than a rule of the domain.',
      fix: 'Use `text`, with a `CHECK (char_length(col) <= n)` constraint when the limit matters: a constraint can be replaced with NOT VALID and validated without blocking writes. The quick fix writes exactly that.',
      differences: 'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "prefer-text-field": "warning" }` in `.migration-lens.json`. ' +
        'squawk says any size change takes an ACCESS EXCLUSIVE lock; since PostgreSQL 9.2 raising the limit is a catalog-only change, so the message says what actually costs.',
      examples: [{ bad: 'CREATE TABLE users (email varchar(255));', good: 'CREATE TABLE users (email text CHECK (char_length(email) <= 255));' }],
    },
  },
  (declared) => {
    const { type, column } = declared;
    if (type.name !== 'character varying' || type.args.length === 0) return undefined;
    // ALTER COLUMN … TYPE takes no inline constraint, and an array's elements are not one string.
    const check = column && type.arrayDims === 0 ? ` CHECK (char_length(${column.raw}) <= ${type.args[0]})` : '';
    return {
      message: `${columnLabel(declared)} is \`${type.raw}\`: changing that limit later (other than raising it) rewrites the table under an ACCESS EXCLUSIVE lock. Use \`text\`${check ? ' with a CHECK on the length' : ''}.`,
      replacement: { text: `${inCaseOf(type.raw, 'text')}${arraySuffix(type)}${check}`, title: `Change \`${type.raw}\` to \`text\`${check ? ' with a length check' : ''}` },
    };
  },
);
