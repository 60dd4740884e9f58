export { analyze, initEngine, AnalysisSession, type Analysis, type AnalyzeOptions } from './analyze.js';
export type { FileHost, DirectoryEntry } from './host.js';
export { normalizePath } from './host.js';
export * from './model/finding.js';
export * from './model/source.js';
export type * from './model/migration-set.js';
export { holdsFile } from './model/file-positions.js';
export type * from './model/changes.js';
