// The registry: every rule module, in the order the rule table lists them, plus the metadata of
// findings the engine reports itself. Add a rule by adding its module here.

import { dropReferencedTable } from './dependency/drop-referenced-table.js';
import { droppedObjectUsedLater } from './dependency/dropped-object-used-later.js';
import { foreignKeyTargetNotUnique } from './dependency/foreign-key-target-not-unique.js';
import { missingColumnReference } from './dependency/missing-column-reference.js';
import { missingObjectReference } from './dependency/missing-object-reference.js';
import { missingTableReference } from './dependency/missing-table-reference.js';
import { ifNotExistsKeepsEarlier } from './dependency/if-not-exists-keeps-earlier.js';
import { objectAlreadyExists } from './dependency/object-already-exists.js';
import { partialMigrationHistory } from './dependency/partial-migration-history.js';
import { mysqlSyntaxInMariadb } from './dialect/mysql-syntax-in-mariadb.js';
import { mysqlSyntaxInPostgres } from './dialect/mysql-syntax-in-postgres.js';
import { mysqlTypeInPostgres } from './dialect/mysql-type-in-postgres.js';
import { postgresSyntaxInMysql } from './dialect/postgres-syntax-in-mysql.js';
import { postgresTypeInMysql } from './dialect/postgres-type-in-mysql.js';
import { duplicateVersion } from './integrity/duplicate-version.js';
import { ignoredMigrationFile } from './integrity/ignored-migration-file.js';
import { largeFileSkimmed } from './integrity/large-file-skimmed.js';
import { missingDownMigration } from './integrity/missing-down-migration.js';
import { mixedVersionStyles } from './integrity/mixed-version-styles.js';
import { orphanDownMigration } from './integrity/orphan-down-migration.js';
import { timestampVersionOrder } from './integrity/timestamp-version-order.js';
import { versionGap } from './integrity/version-gap.js';
import { MYSQL_RULES } from './mysql/index.js';
import { siblingSchemaDrift } from './parity/sibling-schema-drift.js';
import { siblingVersionMissing } from './parity/sibling-version-missing.js';
import { downDoesNotRestore } from './reversibility/down-does-not-restore.js';
import type { Rule, RuleMeta } from './rule.js';
import { PRACTICE_RULES } from './safety/practices.js';
import { SCHEMA_CHANGE_RULES } from './safety/schema-change-rules.js';
import { syntaxError } from './syntax-error.js';
import { unsupportedDialect } from './dialect/unsupported-dialect.js';
import { unknownRuleInSuppression } from './unknown-rule-in-suppression.js';

export type * from './rule.js';

/** Rules with checks, run by runRules. */
export const RULES: readonly Rule[] = [
  missingTableReference,
  missingColumnReference,
  missingObjectReference,
  foreignKeyTargetNotUnique,
  droppedObjectUsedLater,
  dropReferencedTable,
  objectAlreadyExists,
  ifNotExistsKeepsEarlier,
  partialMigrationHistory,
  duplicateVersion,
  versionGap,
  missingDownMigration,
  orphanDownMigration,
  timestampVersionOrder,
  mixedVersionStyles,
  ignoredMigrationFile,
  largeFileSkimmed,
  downDoesNotRestore,
  postgresTypeInMysql,
  postgresSyntaxInMysql,
  mysqlTypeInPostgres,
  mysqlSyntaxInPostgres,
  mysqlSyntaxInMariadb,
  siblingVersionMissing,
  siblingSchemaDrift,
  ...SCHEMA_CHANGE_RULES,
  ...PRACTICE_RULES,
  ...MYSQL_RULES,
];

/** Every id a finding can carry, with its docs: the rules plus what the engine reports itself. */
export const RULE_CATALOG: readonly RuleMeta[] = [syntaxError, unsupportedDialect, ...RULES, unknownRuleInSuppression];

export function knownRuleIds(): string[] {
  return RULE_CATALOG.map((rule) => rule.id);
}

export function findRuleMeta(id: string): RuleMeta | undefined {
  return RULE_CATALOG.find((rule) => rule.id === id);
}
