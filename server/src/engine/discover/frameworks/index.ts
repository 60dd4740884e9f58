import { dbmate } from './dbmate.js';
import { flyway } from './flyway.js';
import { golangMigrate } from './golang-migrate.js';
import { goose } from './goose.js';
import type { Framework } from '../../model/migration-set.js';
import type { FrameworkLayout } from './layout.js';
import { nodePgMigrate } from './node-pg-migrate.js';
import { plain } from './plain.js';
import { prisma } from './prisma.js';
import { sqlMigrate } from './sql-migrate.js';

export type { Collected, Detection, FrameworkLayout } from './layout.js';
export type { MigrationSql, ScaffoldFile, VersionStyle } from './scaffold.js';
export { plainMigration } from './plain.js';
export { LOCK_FILE } from './prisma.js';

/** Every layout; on equal detection strength the earlier one wins. `plain` is the fallback. */
export const LAYOUTS: readonly FrameworkLayout[] = [prisma, golangMigrate, flyway, goose, dbmate, sqlMigrate, nodePgMigrate, plain];

/** The layout of `framework`. */
export const layoutOf = (framework: Framework): FrameworkLayout => LAYOUTS.find((layout) => layout.framework === framework)!;
