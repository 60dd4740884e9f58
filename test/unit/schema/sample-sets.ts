// Migration histories that exercise what replay models — renames, drops, enums, checks, partial
// and expression indexes, identity and serial columns, foreign keys that follow renames — each
// with downs that undo their ups. The ground-truth test runs them on real databases; unit tests
// replay them.

import type { Dialect } from '../../../server/src/engine/model/source.js';
import type { MemoryMigration } from './support.js';

export interface SampleSet {
  name: string;
  dialect: Dialect;
  migrations: MemoryMigration[];
}

const postgres: SampleSet = {
  name: 'postgres-catalog',
  dialect: 'postgres',
  migrations: [
    {
      version: '001',
      up: `CREATE TYPE film_rating AS ENUM ('G', 'PG', 'R');
CREATE TABLE quality_definitions (
  id serial PRIMARY KEY,
  title varchar(100) NOT NULL UNIQUE,
  min_size numeric(10,2) DEFAULT 0 CHECK (min_size >= 0),
  weight int NOT NULL DEFAULT -1
);
CREATE TABLE films (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  Title text NOT NULL,
  rating film_rating DEFAULT 'G',
  quality_id int REFERENCES quality_definitions (id) ON DELETE SET NULL,
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT films_title_check CHECK (length(title) > 0 AND title <> 'x')
);`,
      down: `DROP TABLE films;
DROP TABLE quality_definitions;
DROP TYPE film_rating;`,
    },
    {
      version: '002',
      up: `CREATE INDEX films_active_idx ON films (created_at) WHERE rating IS NOT NULL;
CREATE UNIQUE INDEX ON films (lower(title));
CREATE INDEX ON films USING gin (tags);
ALTER TABLE films ADD COLUMN status varchar(20) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen'));`,
      down: `DROP INDEX films_active_idx;
DROP INDEX films_lower_idx;
DROP INDEX films_tags_idx;
ALTER TABLE films DROP COLUMN status;`,
    },
    {
      version: '003',
      up: `ALTER TABLE quality_definitions RENAME TO quality_profiles;
ALTER TABLE quality_profiles RENAME COLUMN title TO name;
ALTER TABLE films RENAME COLUMN quality_id TO profile_id;
ALTER TABLE films ALTER COLUMN rating DROP DEFAULT;
ALTER TABLE films ALTER COLUMN created_at TYPE timestamp(3) with time zone;
ALTER INDEX films_active_idx RENAME TO films_rated_idx;
CREATE TABLE film_notes (
  film_id bigint NOT NULL REFERENCES films ON DELETE CASCADE,
  position smallint NOT NULL,
  body text,
  PRIMARY KEY (film_id, position)
);`,
      down: `DROP TABLE film_notes;
ALTER INDEX films_rated_idx RENAME TO films_active_idx;
ALTER TABLE films ALTER COLUMN created_at TYPE timestamptz;
ALTER TABLE films ALTER COLUMN rating SET DEFAULT 'G';
ALTER TABLE films RENAME COLUMN profile_id TO quality_id;
ALTER TABLE quality_profiles RENAME COLUMN name TO title;
ALTER TABLE quality_profiles RENAME TO quality_definitions;`,
    },
    {
      version: '004',
      up: `ALTER TABLE films DROP CONSTRAINT films_quality_id_fkey;
ALTER TABLE films ADD CONSTRAINT films_profile_fk FOREIGN KEY (profile_id) REFERENCES quality_profiles (id) ON UPDATE CASCADE;
ALTER TABLE quality_profiles DROP COLUMN weight;
CREATE VIEW rated_films AS SELECT id, title FROM films WHERE rating IS NOT NULL;`,
      down: `DROP VIEW rated_films;
ALTER TABLE quality_profiles ADD COLUMN weight int NOT NULL DEFAULT -1;
ALTER TABLE films DROP CONSTRAINT films_profile_fk;
ALTER TABLE films ADD CONSTRAINT films_quality_id_fkey FOREIGN KEY (profile_id) REFERENCES quality_profiles (id) ON DELETE SET NULL;`,
    },
  ],
};

const mysql: SampleSet = {
  name: 'mysql-shop',
  dialect: 'mariadb',
  migrations: [
    {
      version: '001',
      up: `CREATE TABLE customers (
  id INT(11) UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  tier ENUM('free', 'pro') NOT NULL DEFAULT 'free',
  balance DECIMAL(10,2) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT,
  customer_id INT UNSIGNED NOT NULL,
  note TEXT,
  total INT NOT NULL CHECK (total >= 0),
  PRIMARY KEY (id),
  CONSTRAINT fk_orders_customer FOREIGN KEY (Customer_ID) REFERENCES customers (ID) ON DELETE CASCADE
) ENGINE=InnoDB;`,
      down: `DROP TABLE orders;
DROP TABLE customers;`,
    },
    {
      version: '002',
      up: `ALTER TABLE orders ADD COLUMN placed_at DATETIME NULL, ADD INDEX idx_orders_placed (placed_at);
CREATE INDEX idx_orders_customer_placed ON orders (customer_id, placed_at);
ALTER TABLE customers CHANGE COLUMN EMAIL email_address VARCHAR(320) NOT NULL;
ALTER TABLE customers MODIFY tier ENUM('free', 'pro', 'team') NOT NULL DEFAULT 'free';`,
      down: `ALTER TABLE customers MODIFY tier ENUM('free', 'pro') NOT NULL DEFAULT 'free';
ALTER TABLE customers CHANGE COLUMN email_address email VARCHAR(255) NOT NULL;
CREATE INDEX fk_orders_customer ON orders (customer_id);
DROP INDEX idx_orders_customer_placed ON orders;
ALTER TABLE orders DROP INDEX idx_orders_placed, DROP COLUMN placed_at;`,
    },
    {
      version: '003',
      up: `RENAME TABLE orders TO purchases;
ALTER TABLE purchases ADD CONSTRAINT chk_note CHECK (note <> '');
CREATE TABLE tags (id INT AUTO_INCREMENT PRIMARY KEY, purchase_id BIGINT NOT NULL, label VARCHAR(50) NOT NULL, FOREIGN KEY (purchase_id) REFERENCES purchases (id));`,
      down: `DROP TABLE tags;
ALTER TABLE purchases DROP CONSTRAINT chk_note;
RENAME TABLE purchases TO orders;`,
    },
  ],
};

export const OWN_SETS: readonly SampleSet[] = [postgres, mysql];
