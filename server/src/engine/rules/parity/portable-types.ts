// The type mapping between PostgreSQL and MySQL/MariaDB trees of one schema: each normalised
// column type (types.ts) becomes one portable spelling, so `BIGSERIAL` and `BIGINT AUTO_INCREMENT`,
// `JSONB` and `JSON`, `TIMESTAMPTZ` and `DATETIME` compare equal, and `TEXT` and `VARCHAR(191)` do not.

import type { Dialect } from '../../model/source.js';
import type { Column, ColumnType, Schema } from '../../schema/model.js';
import { isPostgres } from '../../schema/names.js';
import { formatType } from '../../schema/types.js';

/** Normalised type names (types.ts) of either dialect → the portable name. */
const PORTABLE_NAMES: Record<string, string> = {
  // PostgreSQL
  integer: 'int',
  bigint: 'bigint',
  smallint: 'smallint',
  boolean: 'boolean',
  'character varying': 'varchar',
  character: 'char',
  numeric: 'decimal',
  'double precision': 'double',
  real: 'float',
  bytea: 'blob',
  jsonb: 'json',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'time',
  'time without time zone': 'time',
  // MySQL / MariaDB (integers of widths PostgreSQL lacks take the next wider one)
  tinyint: 'smallint',
  mediumint: 'int',
  int: 'int',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  tinytext: 'text',
  mediumtext: 'text',
  longtext: 'text',
  tinyblob: 'blob',
  mediumblob: 'blob',
  longblob: 'blob',
};

/** Types whose arguments are a precision both dialects may leave to their (different) defaults. */
const DEFAULT_PRECISION = new Set(['timestamp', 'time']);

/**
 * The portable spelling of a column's type, auto-increment included (`SERIAL` is a type in
 * PostgreSQL and a flag in MySQL). PostgreSQL enum types are spelled by their values, as MySQL
 * writes them inline. MySQL's `unsigned` is dropped: PostgreSQL has no unsigned integers.
 */
export function portableColumnType(column: Column, schema: Schema): string {
  const type = portableType(column.type, schema);
  return autoIncrements(column, schema.dialect) ? `${type} auto_increment` : type;
}

export function portableType(type: ColumnType, schema: Schema): string {
  const enumValues = type.values ?? (isPostgres(schema.dialect) ? postgresEnumValues(type.name, schema) : undefined);
  if (enumValues) return `enum(${enumValues.map((value) => `'${value}'`).join(',')})${'[]'.repeat(type.arrayDims)}`;
  if (!isPostgres(schema.dialect)) {
    if (type.name === 'tinyint' && type.args[0] === '1') return 'boolean';
    if (type.name === 'char' && type.args[0] === '36') return 'uuid';
  }
  const name = PORTABLE_NAMES[type.name] ?? type.name;
  const args = DEFAULT_PRECISION.has(name) ? type.args : integerOrArgs(name, type.args);
  return formatType({ name, args, arrayDims: type.arrayDims });
}

/** MySQL keeps `tinyint(1)` only for booleans; any other integer width is display-only. */
function integerOrArgs(name: string, args: readonly string[]): readonly string[] {
  return ['smallint', 'int', 'bigint'].includes(name) ? [] : args;
}

function postgresEnumValues(typeName: string, schema: Schema): readonly string[] | undefined {
  for (const [, enumType] of schema.enums.sortedEntries()) {
    const qualified = enumType.schema ? `${enumType.schema}.${enumType.name}` : enumType.name;
    if (enumType.name === typeName || qualified === typeName) return enumType.values;
  }
  return undefined;
}

/** PostgreSQL: a serial's nextval() default or an identity; MySQL: AUTO_INCREMENT. */
function autoIncrements(column: Column, dialect: Dialect): boolean {
  if (!isPostgres(dialect)) return column.autoIncrement === true;
  return column.identity !== undefined || (column.default?.startsWith('nextval(') ?? false);
}
