import { narrowIntegerRule } from './narrow-integer.js';

export const preferBigintOverSmallint = narrowIntegerRule(
  {
    id: 'prefer-bigint-over-smallint',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports `smallint`/`int2`/`smallserial` columns.',
      why:
        'A 16-bit integer stops at 32,767: a counter or a list of codes outgrows it sooner than expected, every insert past ' +
        'it fails, and widening the column rewrites the whole table under an ACCESS EXCLUSIVE lock.',
      fix: 'Use `bigint` (or `bigserial` / identity); the space `smallint` saves is usually lost to alignment padding. The quick fix changes the type.',
      differences:
        'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "prefer-bigint-over-smallint": "warning" }` in `.migration-lens.json`.',
      examples: [{ bad: 'CREATE TABLE plans (priority smallint);', good: 'CREATE TABLE plans (priority bigint);' }],
    },
  },
  { typeName: 'smallint', bits: 16, max: '32,767' },
);
