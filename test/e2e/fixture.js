// What the e2e fixture workspace (fixtures/workspace, a golang-migrate tree) is expected to
// produce. One source for the extension-host suites (CommonJS) and the UI checks (ESM import).
const manifest = require('../../package.json');

module.exports = {
  extensionId: `${manifest.publisher}.${manifest.name}`,
  commandIds: ((manifest.contributes && manifest.contributes.commands) || []).map((c) => c.command),
  commandTitles: Object.fromEntries(
    ((manifest.contributes && manifest.contributes.commands) || []).map((c) => [c.command, `${c.category ? c.category + ': ' : ''}${c.title}`]),
  ),
  diagnosticSource: 'migration-lens',

  broken: {
    path: 'db/migrations/000003_add_order_status.up.sql',
    // The statement before the broken one parses, so the finding must not reach back into it.
    previousStatement: "CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');",
    statement: "ALTER TABLE orders ADD COLUMN status order_status NOT NUL DEFAULT 'paid';",
    badToken: 'NUL',
    rule: 'syntax-error',
    message: 'syntax error at or near "NUL"',
  },
  // Valid against the history; the down of 000003 is left out, as it undoes a statement that
  // does not parse.
  healthy: [
    'db/migrations/000001_create_customers.up.sql',
    'db/migrations/000001_create_customers.down.sql',
    'db/migrations/000002_create_orders.up.sql',
    'db/migrations/000002_create_orders.down.sql',
    'db/migrations/000004_index_orders_by_customer.up.sql',
    'db/migrations/000004_index_orders_by_customer.down.sql',
  ],

  // A plain CREATE INDEX on an existing table: the production-safety rule and its quick fix.
  quickFix: {
    path: 'db/migrations/000004_index_orders_by_customer.up.sql',
    statement: 'CREATE INDEX orders_customer_id_idx ON orders (customer_id);',
    rule: 'require-concurrent-index-creation',
    titlePattern: /concurrently/i,
    fixedStatement: 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
    waitsFor: 'issue 5, production-safety rules (require-concurrent-index-creation and its CONCURRENTLY fix)',
  },
};
