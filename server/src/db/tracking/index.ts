// The tracking table of each framework, read and written as that framework does.

import type { Framework } from '../../engine/model/migration-set.js';
import { dbmateTracking } from './dbmate.js';
import { flywayTracking } from './flyway.js';
import { golangMigrateTracking } from './golang-migrate.js';
import { gooseTracking } from './goose.js';
import { nodePgMigrateTracking } from './node-pg-migrate.js';
import { plainTracking } from './plain.js';
import { prismaTracking } from './prisma.js';
import { sqlMigrateTracking } from './sql-migrate.js';
import type { Tracking } from './types.js';

export type { LockKey, Step, TrackedRecord, Tracking } from './types.js';

export const TRACKING: Record<Framework, Tracking> = {
  'golang-migrate': golangMigrateTracking,
  goose: gooseTracking,
  dbmate: dbmateTracking,
  'sql-migrate': sqlMigrateTracking,
  flyway: flywayTracking,
  prisma: prismaTracking,
  'node-pg-migrate': nodePgMigrateTracking,
  plain: plainTracking,
};
