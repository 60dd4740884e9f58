// Custom requests between the VS Code client and the language server. The client imports its
// types from here and nothing else of the server, so this file depends only on the protocol.

import { RequestType0 } from 'vscode-languageserver-protocol';
import type { Dialect, Framework } from '../engine/index.js';

/** One discovered migration set, as the client shows it. */
export interface MigrationSetSummary {
  /** Absolute folder path, forward slashes. */
  root: string;
  rootUri: string;
  framework: Framework;
  frameworkReason: string;
  dialect: Dialect;
  dialectReason: string;
  migrations: number;
  errors: number;
  warnings: number;
}

export interface ListSetsResult {
  sets: MigrationSetSummary[];
}

/** Analyses the workspace now (skipping the edit debounce) and lists its migration sets. */
export const ListSetsRequest = new RequestType0<ListSetsResult, void>('migrationLens/listSets');
