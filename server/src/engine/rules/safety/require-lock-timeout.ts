import { timeoutRule } from './timeout-rule.js';

export const requireLockTimeout = timeoutRule(
  {
    id: 'require-lock-timeout',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports the first statement of a migration that locks an existing table when no `SET lock_timeout` comes before it.',
      why:
        'A DDL statement first waits for its lock behind every running transaction on the table, and while it waits every ' +
        'new query on the table queues behind it. One long report query turns a millisecond ALTER TABLE into an outage.',
      fix:
        "Start the migration with `SET lock_timeout = '5s'` (`SET LOCAL` inside the framework's transaction): the statement " +
        'gives up instead of stalling the table, and the migration can be retried. The quick fix adds that line.',
      differences:
        'Off by default in Migration Lens, while squawk reports it by default: many teams set the timeout once for every run (Migration Lens\'s own runner sets `lock_timeout` by default), and a finding on every migration that touches a table would hide the real hazards. Turn it on with `"rules": { "require-lock-timeout": "warning" }` in `.migration-lens.json`. ' +
        'One finding per migration part, at the first statement that locks a table; statements on tables created earlier ' +
        'in the same migration, CREATE TYPE and plain data changes do not count. A timeout set outside the file (in the ' +
        'connection) is invisible here: turn the rule off in `.migration-lens.json` then.',
      examples: [{ bad: 'ALTER TABLE orders ADD COLUMN note text;', good: "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;" }],
    },
  },
  { name: 'lock_timeout', value: '5s', risk: 'it waits behind long transactions while every other query on the table queues behind it' },
);
