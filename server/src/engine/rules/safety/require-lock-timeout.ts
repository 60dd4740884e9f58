import { timeoutDifferences, timeoutRule } from './timeout-rule.js';

export const requireLockTimeout = timeoutRule(
  {
    id: 'require-lock-timeout',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports the first statement of a migration that locks an existing object, however weakly, when no `SET lock_timeout` comes before it.',
      why:
        'A DDL statement first waits for its lock behind every running transaction on the table, and while it waits every ' +
        'new query on the table queues behind it. One long report query turns a millisecond ALTER TABLE into an outage. ' +
        'Even a weak lock (COMMENT ON, a plain VACUUM, a CONCURRENTLY build) waits behind autovacuum or a long transaction, ' +
        'and the migration with it, holding every lock it already took.',
      fix:
        "Start the migration with `SET lock_timeout = '5s'` (`SET LOCAL` inside the framework's transaction): the statement " +
        'gives up instead of stalling the table, and the migration can be retried. The quick fix adds that line.',
      differences:
        `${timeoutDifferences('require-lock-timeout')} A timeout set outside the file (in the connection) is invisible here: turn the rule off in \`.migration-lens.json\` then.`,
      examples: [{ bad: 'ALTER TABLE orders ADD COLUMN note text;', good: "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;" }],
    },
  },
  {
    name: 'lock_timeout',
    value: '5s',
    risk: 'it waits behind long transactions while every other query on the table queues behind it',
    weakLockRisk: 'it waits without limit behind any long holder of a conflicting lock (autovacuum, a long transaction), and the migration waits with it, holding every lock it took before',
  },
);
