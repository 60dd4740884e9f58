// The schema layer's public surface: snapshots per migration (replay), lookups for rules,
// comparison and printing.
export type * from './model.js';
export { SetReplay, replayPart, type MigrationReplay, type PartInput, type PartReader, type PartReplay, type ReplayOptions, type StatementStep } from './replay.js';
export { ReplayProject } from './project.js';
export { replayBaseline, BASELINE_VERSION } from './baseline.js';
export { emptySchema, type ReplayEvent, type ReplayEventKind } from './editor.js';
export { compareSchemas, type CompareOptions, type SchemaDifference } from './compare.js';
export { schemaToJson, schemaToSql, quoteIdentifier, type JsonOptions } from './print.js';
export { findTable, findColumn, findIndex, historyOf, tablesReferencing } from './lookup.js';
export { normalizeType, formatType, sameType, parseTypeText } from './types.js';
export { normalizeExpression, normalizeDefault } from './expressions.js';
export { objectKey, columnKey, type QualifiedName } from './names.js';
export { PersistentMap } from './persistent-map.js';
