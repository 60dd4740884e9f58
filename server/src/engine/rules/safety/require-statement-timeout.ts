import { timeoutDifferences, timeoutRule } from './timeout-rule.js';

export const requireStatementTimeout = timeoutRule(
  {
    id: 'require-statement-timeout',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports the first statement of a migration that locks an existing object, however weakly, when no `SET statement_timeout` comes before it.',
      why:
        'A statement that holds a lock while it rewrites, scans or indexes a large table blocks other queries for as long ' +
        'as it runs; without a statement timeout nothing stops a migration that takes hours instead of seconds.',
      fix:
        "Start the migration with `SET statement_timeout = '10min'` (`SET LOCAL` inside the framework's transaction), sized " +
        'to what the migration should take. The quick fix adds that line.',
      differences:
        timeoutDifferences('require-statement-timeout'),
      examples: [{ bad: 'ALTER TABLE orders ALTER COLUMN total TYPE bigint;', good: "SET statement_timeout = '10min';\nALTER TABLE orders ALTER COLUMN total TYPE bigint;" }],
    },
  },
  {
    name: 'statement_timeout',
    value: '10min',
    risk: 'nothing stops it if it runs far longer than expected while holding its lock',
    weakLockRisk: 'nothing stops it if it waits or runs far longer than expected, holding every lock the migration took before it',
  },
);
