// Reading a live database's schema into the model replay produces (engine/schema/model.ts).
export { introspectPostgres, type PostgresQueryable } from './postgres.js';
export { introspectMysql, type MysqlQueryable } from './mysql.js';
