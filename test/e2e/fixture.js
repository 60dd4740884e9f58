// What the e2e fixture workspace (fixtures/workspace, a golang-migrate tree) is expected to
// produce. One source for the extension-host suites (CommonJS) and the UI checks (ESM import).
const manifest = require('../../package.json');

// Commands the manifest hides from the palette (`"when": "false"`): run from the Migrations view only.
const hiddenFromPalette = new Set(
  ((manifest.contributes && manifest.contributes.menus && manifest.contributes.menus.commandPalette) || []).filter((m) => m.when === 'false').map((m) => m.command),
);
const paletteCommands = ((manifest.contributes && manifest.contributes.commands) || []).filter((c) => !hiddenFromPalette.has(c.command));

module.exports = {
  extensionId: `${manifest.publisher}.${manifest.name}`,
  commandIds: ((manifest.contributes && manifest.contributes.commands) || []).map((c) => c.command),
  /** Palette titles of the commands the palette lists. */
  commandTitles: Object.fromEntries(paletteCommands.map((c) => [c.command, `${c.category ? c.category + ': ' : ''}${c.title}`])),
  diagnosticSource: 'migration-lens',

  broken: {
    path: 'db/migrations/000005_create_invoices.up.sql',
    // The statement before the broken one is fine, so the finding must not reach back into it.
    previousStatement: "CREATE TYPE invoice_status AS ENUM ('open', 'paid', 'void');",
    statement: 'CREATE TABLE invoices (id bigint PRIMARY KEY, shipment_id bigint NOT NULL REFERENCES shipments (id), status invoice_status NOT NULL);',
    badToken: 'shipments',
    rule: 'missing-table-reference',
    message: 'A foreign key of `invoices` references table `shipments`, which no migration creates.',
  },
  migrationCount: 5,
  // "Migrate Up" on the embedded database, confirmed: four migrations apply, the broken one fails, rolled back (pending again, not dirty).
  run: {
    failing: '000005_create_invoices',
    failingLabel: '000005 create_invoices',
    appliedLabels: ['000001 create_customers', '000002 create_orders', '000003 add_order_status', '000004 index_orders_by_customer'],
  },
  // The Schema view with the broken migration open: the schema after it, replayed.
  schema: {
    after: '000005 create_invoices',
    table: 'orders',
    column: 'status',
    columnDetail: "order_status not null default 'paid'",
  },
  // Valid against the history; no errors there (warnings, such as 000004's index build, are the quick-fix case below).
  healthy: [
    'db/migrations/000001_create_customers.up.sql',
    'db/migrations/000001_create_customers.down.sql',
    'db/migrations/000002_create_orders.up.sql',
    'db/migrations/000002_create_orders.down.sql',
    'db/migrations/000003_add_order_status.up.sql',
    'db/migrations/000003_add_order_status.down.sql',
    'db/migrations/000004_index_orders_by_customer.up.sql',
    'db/migrations/000004_index_orders_by_customer.down.sql',
    'db/migrations/000005_create_invoices.down.sql',
  ],

  // A plain CREATE INDEX on an existing table: the production-safety rule and its quick fix.
  quickFix: {
    path: 'db/migrations/000004_index_orders_by_customer.up.sql',
    statement: 'CREATE INDEX orders_customer_id_idx ON orders (customer_id);',
    rule: 'require-concurrent-index-creation',
    titlePattern: /concurrently/i,
    fixedStatement: 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
  },
};
