// squawk's schema-change rules for PostgreSQL: locks, rewrites, breaking drops and statements that
// fail at run time. Listed here so the registry (../index.ts) takes them in one entry.

import type { Rule } from '../rule.js';
import { addingFieldWithDefault } from './adding-field-with-default.js';
import { addingForeignKeyConstraint } from './adding-foreign-key-constraint.js';
import { addingNotNullableField } from './adding-not-nullable-field.js';
import { addingRequiredField } from './adding-required-field.js';
import { addingSerialPrimaryKeyField } from './adding-serial-primary-key-field.js';
import { banAlterDomainWithAddConstraint } from './ban-alter-domain-with-add-constraint.js';
import { banCharField } from './ban-char-field.js';
import { banConcurrentIndexCreationInTransaction } from './ban-concurrent-index-creation-in-transaction.js';
import { banCreateDomainWithConstraint } from './ban-create-domain-with-constraint.js';
import { banDropColumn } from './ban-drop-column.js';
import { banDropDatabase } from './ban-drop-database.js';
import { banDropNotNull } from './ban-drop-not-null.js';
import { banDropTable } from './ban-drop-table.js';
import { banDuplicateColumnAssignments } from './ban-duplicate-column-assignments.js';
import { banTruncateCascade } from './ban-truncate-cascade.js';
import { banUncommittedTransaction } from './ban-uncommitted-transaction.js';
import { changingColumnType } from './changing-column-type.js';
import { constraintMissingNotValid } from './constraint-missing-not-valid.js';
import { disallowedUniqueConstraint } from './disallowed-unique-constraint.js';

export const SCHEMA_CHANGE_RULES: readonly Rule[] = [
  addingFieldWithDefault,
  addingForeignKeyConstraint,
  addingNotNullableField,
  addingRequiredField,
  addingSerialPrimaryKeyField,
  banAlterDomainWithAddConstraint,
  banCharField,
  banConcurrentIndexCreationInTransaction,
  banCreateDomainWithConstraint,
  banDropColumn,
  banDropDatabase,
  banDropNotNull,
  banDropTable,
  banDuplicateColumnAssignments,
  banTruncateCascade,
  banUncommittedTransaction,
  changingColumnType,
  constraintMissingNotValid,
  disallowedUniqueConstraint,
];
