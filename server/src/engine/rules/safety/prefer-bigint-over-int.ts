import { narrowIntegerRule } from './narrow-integer.js';

export const preferBigintOverInt = narrowIntegerRule(
  {
    id: 'prefer-bigint-over-int',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports `int`/`integer`/`int4`/`serial` columns.',
      why:
        'A 32-bit integer stops at 2,147,483,647. An id or counter that reaches it makes every insert fail, and widening ' +
        'the column then rewrites the whole table under an ACCESS EXCLUSIVE lock — at the moment the table is largest.',
      fix: 'Use `bigint` (`bigserial`, or `bigint GENERATED … AS IDENTITY`). It costs four bytes more per row. The quick fix changes the type.',
      differences:
        'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "prefer-bigint-over-int": "warning" }` in `.migration-lens.json`.',
      examples: [{ bad: 'CREATE TABLE orders (id serial PRIMARY KEY, total_cents int);', good: 'CREATE TABLE orders (id bigserial PRIMARY KEY, total_cents bigint);' }],
    },
  },
  { typeName: 'integer', bits: 32, max: '2,147,483,647' },
);
