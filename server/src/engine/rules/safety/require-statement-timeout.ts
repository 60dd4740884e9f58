import { timeoutRule } from './timeout-rule.js';

export const requireStatementTimeout = timeoutRule(
  {
    id: 'require-statement-timeout',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports the first statement of a migration that locks an existing table when no `SET statement_timeout` comes before it.',
      why:
        'A statement that holds a lock while it rewrites, scans or indexes a large table blocks other queries for as long ' +
        'as it runs; without a statement timeout nothing stops a migration that takes hours instead of seconds.',
      fix:
        "Start the migration with `SET statement_timeout = '10min'` (`SET LOCAL` inside the framework's transaction), sized " +
        'to what the migration should take. The quick fix adds that line.',
      differences:
        'Off by default in Migration Lens, while squawk reports it by default: many teams set the timeout once for every run (Migration Lens\'s own runner sets `lock_timeout` by default), and a finding on every migration that touches a table would hide the real hazards. Turn it on with `"rules": { "require-statement-timeout": "warning" }` in `.migration-lens.json`. ' +
        'One finding per migration part, at the first statement that locks a table; statements on tables created earlier ' +
        'in the same migration, CREATE TYPE and plain data changes do not count.',
      examples: [{ bad: 'ALTER TABLE orders ALTER COLUMN total TYPE bigint;', good: "SET statement_timeout = '10min';\nALTER TABLE orders ALTER COLUMN total TYPE bigint;" }],
    },
  },
  { name: 'statement_timeout', value: '10min', risk: 'nothing stops it if it runs far longer than expected while holding its lock' },
);
