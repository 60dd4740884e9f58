import type { ObjectType } from 'libpg-query';
import type { ObjectKind } from '../../model/changes.js';

const OBJECT_KINDS: Partial<Record<ObjectType, ObjectKind>> = {
  OBJECT_TABLE: 'table',
  OBJECT_FOREIGN_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized-view',
  OBJECT_INDEX: 'index',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_FUNCTION: 'function',
  OBJECT_AGGREGATE: 'function',
  OBJECT_ROUTINE: 'function',
  OBJECT_PROCEDURE: 'procedure',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_EXTENSION: 'extension',
  OBJECT_SCHEMA: 'schema',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_DATABASE: 'database',
};

export function objectKindOf(type: ObjectType | undefined): ObjectKind {
  return (type && OBJECT_KINDS[type]) ?? 'other';
}
