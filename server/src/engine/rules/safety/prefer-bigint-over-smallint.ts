import { narrowIntegerRule } from './narrow-integer.js';

export const preferBigintOverSmallint = narrowIntegerRule(
  {
    id: 'prefer-bigint-over-smallint',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    docs: {
      summary: 'Reports `smallint`/`int2`/`smallserial` columns.',
      why:
        'A 16-bit integer stops at 32,767: a counter or a list of codes outgrows it sooner than expected, every insert past ' +
        'it fails, and widening the column rewrites the whole table under an ACCESS EXCLUSIVE lock.',
      fix: 'Use `bigint` (or `bigserial` / identity); the space `smallint` saves is usually lost to alignment padding. The quick fix changes the type.',
      examples: [{ bad: 'CREATE TABLE plans (priority smallint);', good: 'CREATE TABLE plans (priority bigint);' }],
    },
  },
  { typeName: 'smallint', bits: 16, max: '32,767' },
);
