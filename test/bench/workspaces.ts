// Migration histories of the sizes and shapes real projects have, written to disk for the
// benchmarks: golang-migrate layout, PostgreSQL or MySQL, with or without down files. Tables
// reference earlier ones (often the one just before, else any earlier one); later migrations add
// columns, indexes, foreign keys and views to earlier tables, change data, and every hundredth
// one is a long seed file. The same seed gives the same files.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type BenchDialect = 'postgres' | 'mysql';

export interface WorkspaceShape {
  dialect: BenchDialect;
  count: number;
  downs: boolean;
}

export interface GeneratedWorkspace extends WorkspaceShape {
  root: string;
  folder: string;
  files: number;
  /** A migration near the middle that creates a table, and the next one, whose foreign key references it. */
  edited: { path: string; text: string; table: string };
  dependent: string;
}

const SEED_ROWS = 300;

export function shapeName({ dialect, count, downs }: WorkspaceShape): string {
  return `${dialect === 'postgres' ? 'PostgreSQL' : 'MySQL'} ${count.toLocaleString('en')}${downs ? ' + downs' : ''}`;
}

export function generateWorkspace(parent: string, shape: WorkspaceShape): GeneratedWorkspace {
  const root = join(parent, `${shape.dialect}-${shape.count}${shape.downs ? '-downs' : ''}`);
  rmSync(root, { recursive: true, force: true });
  const folder = join(root, 'db', 'migrations');
  mkdirSync(folder, { recursive: true });
  const sql = shape.dialect === 'postgres' ? POSTGRES : MYSQL;
  let state = 20240101;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const tables: string[] = [];
  const earlier = () => tables[Math.floor(random() * tables.length)];
  const name = (i: number) => String(i).padStart(6, '0');
  let files = 0;
  const write = (i: number, title: string, up: string, down: string) => {
    writeFileSync(join(folder, `${name(i)}_${title}.up.sql`), up);
    files++;
    if (shape.downs) {
      writeFileSync(join(folder, `${name(i)}_${title}.down.sql`), down);
      files++;
    }
  };
  let edited: GeneratedWorkspace['edited'] | undefined;
  let dependent = '';
  const middle = Math.floor(shape.count / 2);
  for (let i = 1; i <= shape.count; i++) {
    const kind = tables.length < 2 ? 0 : i % 10;
    if (kind <= 3) {
      // A new table, referencing the table made just before it (every other time) or any earlier one.
      const table = `t${i}`;
      const parent = tables.length === 0 ? undefined : kind === 1 ? tables[tables.length - 1] : earlier();
      const up = sql.createTable(table, parent);
      write(i, `create_${table}`, up, sql.dropTable(table));
      if (!edited && i >= middle && kind === 0) edited = { path: join(folder, `${name(i)}_create_${table}.up.sql`), text: up, table };
      else if (edited && !dependent && parent === edited.table) dependent = join(folder, `${name(i)}_create_${table}.up.sql`);
      tables.push(table);
    } else if (kind === 4) {
      const table = earlier();
      write(i, `add_c${i}_to_${table}`, sql.addColumn(table, `c${i}`), sql.dropColumn(table, `c${i}`));
    } else if (kind === 5) {
      const table = earlier();
      write(i, `index_${table}_name`, sql.createIndex(`i${i}_${table}_name`, table), sql.dropIndex(`i${i}_${table}_name`, table));
    } else if (kind === 6) {
      const table = earlier();
      write(i, `touch_${table}`, sql.dataChange(table), '-- data changes are not undone\n');
    } else if (kind === 7) {
      const [from, to] = [earlier(), earlier()];
      write(i, `link_${from}_${to}`, sql.addForeignKey(from, to, `r${i}`), sql.dropForeignKey(from, `r${i}`));
    } else if (kind === 8) {
      const table = earlier();
      write(i, `view_${table}`, sql.createView(`v${i}`, table), `DROP VIEW v${i};\n`);
    } else if (i % 100 === 9) {
      const table = earlier();
      write(i, `seed_${table}`, sql.seed(table, SEED_ROWS), `DELETE FROM ${table} WHERE name LIKE 'seed %';\n`);
    } else {
      const table = earlier();
      write(i, `default_${table}`, sql.setDefault(table), sql.dropDefault(table));
    }
  }
  if (!edited || !dependent) throw new Error(`no edited and dependent migration in ${root}`);
  return { ...shape, root, folder, files, edited, dependent };
}

interface Dialect {
  createTable(table: string, parent?: string): string;
  dropTable(table: string): string;
  addColumn(table: string, column: string): string;
  dropColumn(table: string, column: string): string;
  createIndex(index: string, table: string): string;
  dropIndex(index: string, table: string): string;
  dataChange(table: string): string;
  addForeignKey(from: string, to: string, column: string): string;
  dropForeignKey(from: string, column: string): string;
  createView(view: string, table: string): string;
  seed(table: string, rows: number): string;
  setDefault(table: string): string;
  dropDefault(table: string): string;
}

const seedRows = (table: string, rows: number) => Array.from({ length: rows }, (_, row) => `INSERT INTO ${table} (name) VALUES ('seed ${row}');`).join('\n') + '\n';

const POSTGRES: Dialect = {
  createTable: (table, parent) =>
    `CREATE TABLE ${table} (\n  id bigserial PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()${parent ? `,\n  ${parent}_id bigint REFERENCES ${parent} (id)` : ''}\n);\n` +
    (parent ? `CREATE INDEX ${table}_${parent}_id_idx ON ${table} (${parent}_id);\n` : ''),
  dropTable: (table) => `DROP TABLE ${table};\n`,
  addColumn: (table, column) => `ALTER TABLE ${table} ADD COLUMN ${column} integer;\n`,
  dropColumn: (table, column) => `ALTER TABLE ${table} DROP COLUMN ${column};\n`,
  createIndex: (index, table) => `CREATE INDEX CONCURRENTLY ${index} ON ${table} (name);\n`,
  dropIndex: (index) => `DROP INDEX CONCURRENTLY ${index};\n`,
  dataChange: (table) => `UPDATE ${table} SET name = upper(name) WHERE id < 100;\nINSERT INTO ${table} (name) VALUES ('a'), ('b');\n`,
  addForeignKey: (from, to, column) =>
    `ALTER TABLE ${from} ADD COLUMN ${column} bigint;\nALTER TABLE ${from} ADD CONSTRAINT ${from}_${column}_fkey FOREIGN KEY (${column}) REFERENCES ${to} (id) NOT VALID;\nALTER TABLE ${from} VALIDATE CONSTRAINT ${from}_${column}_fkey;\n`,
  dropForeignKey: (from, column) => `ALTER TABLE ${from} DROP CONSTRAINT ${from}_${column}_fkey;\nALTER TABLE ${from} DROP COLUMN ${column};\n`,
  createView: (view, table) => `CREATE VIEW ${view} AS SELECT id, name FROM ${table} WHERE name <> '';\n`,
  seed: seedRows,
  setDefault: (table) => `ALTER TABLE ${table} ALTER COLUMN name SET DEFAULT '';\n`,
  dropDefault: (table) => `ALTER TABLE ${table} ALTER COLUMN name DROP DEFAULT;\n`,
};

const MYSQL: Dialect = {
  createTable: (table, parent) =>
    `CREATE TABLE ${table} (\n  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n  name VARCHAR(255) NOT NULL,\n  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP${parent ? `,\n  ${parent}_id BIGINT,\n  CONSTRAINT ${table}_${parent}_fk FOREIGN KEY (${parent}_id) REFERENCES ${parent} (id)` : ''}\n) ENGINE=InnoDB;\n`,
  dropTable: (table) => `DROP TABLE ${table};\n`,
  addColumn: (table, column) => `ALTER TABLE ${table} ADD COLUMN ${column} INT NULL;\n`,
  dropColumn: (table, column) => `ALTER TABLE ${table} DROP COLUMN ${column};\n`,
  createIndex: (index, table) => `CREATE INDEX ${index} ON ${table} (name);\n`,
  dropIndex: (index, table) => `DROP INDEX ${index} ON ${table};\n`,
  dataChange: (table) => `UPDATE ${table} SET name = UPPER(name) WHERE id < 100;\nINSERT INTO ${table} (name) VALUES ('a'), ('b');\n`,
  addForeignKey: (from, to, column) =>
    `ALTER TABLE ${from} ADD COLUMN ${column} BIGINT NULL;\nALTER TABLE ${from} ADD CONSTRAINT ${from}_${column}_fk FOREIGN KEY (${column}) REFERENCES ${to} (id);\n`,
  dropForeignKey: (from, column) => `ALTER TABLE ${from} DROP FOREIGN KEY ${from}_${column}_fk;\nALTER TABLE ${from} DROP COLUMN ${column};\n`,
  createView: (view, table) => `CREATE VIEW ${view} AS SELECT id, name FROM ${table} WHERE name <> '';\n`,
  seed: seedRows,
  setDefault: (table) => `ALTER TABLE ${table} ALTER COLUMN name SET DEFAULT '';\n`,
  dropDefault: (table) => `ALTER TABLE ${table} ALTER COLUMN name DROP DEFAULT;\n`,
};
