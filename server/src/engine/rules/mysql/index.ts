// The MySQL/MariaDB safety, integrity and style rules, in the order the rule table lists them.

import type { Rule } from '../rule.js';
import { mysqlAddingRequiredColumn } from './adding-required-column.js';
import { mysqlAlterBlocksWrites } from './alter-blocks-writes.js';
import { mysqlDropIndexNeededByForeignKey } from './drop-index-needed-by-foreign-key.js';
import { mysqlEnumValuesChanged } from './enum-values-changed.js';
import { mysqlExpressionDefault } from './expression-default.js';
import { mysqlFeatureNeedsNewerServer } from './feature-needs-newer-server.js';
import { mysqlIndexKeyTooLong } from './index-key-too-long.js';
import { mysqlInlineReferencesIgnored } from './inline-references-ignored.js';
import { mysqlLockingAlgorithmClause } from './locking-algorithm-clause.js';
import { mysqlMultipleDdlInMigration } from './multiple-ddl-in-migration.js';
import { mysqlUnparenthesizedExpressionDefault } from './unparenthesized-expression-default.js';
import { mysqlLegacyUtfCharset } from './legacy-utf-charset.js';

export const MYSQL_RULES: readonly Rule[] = [
  mysqlAlterBlocksWrites,
  mysqlLockingAlgorithmClause,
  mysqlAddingRequiredColumn,
  mysqlEnumValuesChanged,
  mysqlMultipleDdlInMigration,
  mysqlInlineReferencesIgnored,
  mysqlDropIndexNeededByForeignKey,
  mysqlExpressionDefault,
  mysqlFeatureNeedsNewerServer,
  mysqlIndexKeyTooLong,
  mysqlUnparenthesizedExpressionDefault,
  mysqlLegacyUtfCharset,
];
