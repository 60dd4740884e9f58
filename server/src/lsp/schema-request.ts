// migrationLens/schema: the schema a set's migrations produce, after the migration of a given
// file (the one being edited) or after the last, as the engine replayed it (schema/outline.ts),
// with every object's origin as an editor location.

import type { Connection } from 'vscode-languageserver/node';
import type { FileHost } from '../engine/index.js';
import { LineIndex } from '../engine/model/source.js';
import type { Origin } from '../engine/schema/model.js';
import { schemaOutline, type OutlineItem } from '../engine/schema/outline.js';
import { SchemaRequest, type SchemaOrigin, type SchemaResult, type SchemaTreeItem } from './protocol.js';
import { answeringUserErrors, findSet } from './set-requests.js';
import { pathToUri, uriToPath } from './uri.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerSchemaRequest(connection: Connection, analysis: WorkspaceAnalysis, host: FileHost): void {
  connection.onRequest(SchemaRequest, (params) =>
    answeringUserErrors(async (): Promise<SchemaResult> => {
      const { set, replay } = await findSet(analysis, params.root);
      if (set.migrations.length === 0) return { root: set.root, items: [] };
      const file = params.uri && uriToPath(params.uri);
      const found = file === undefined ? -1 : set.migrations.findIndex((m) => m.up?.file === file || m.down?.file === file);
      const position = found < 0 ? set.migrations.length - 1 : found;
      const migration = set.migrations[position];
      const lines = new Map<string, LineIndex>();
      const origin = ({ file: path, range, version, migration: name }: Origin): SchemaOrigin => {
        let index = lines.get(path);
        if (!index) lines.set(path, (index = new LineIndex(host.readFile(path) ?? '')));
        return { uri: pathToUri(path), range: index.range(range), version, migration: name };
      };
      const toItem = (item: OutlineItem): SchemaTreeItem => ({
        kind: item.kind,
        name: item.name,
        detail: item.detail,
        ...(item.created && { created: origin(item.created) }),
        events: item.events.map((event) => ({ action: event.action, detail: event.detail, origin: origin(event.origin) })),
        ...(item.children && { children: item.children.map(toItem) }),
        ...(item.removed && { removed: item.removed }),
      });
      const upFile = migration.up?.file ?? migration.down?.file;
      const positions = new Map(set.migrations.map((m, index) => [m.version, index]));
      return {
        root: set.root,
        after: { version: migration.version, migration: migration.name, ...(upFile && { uri: pathToUri(upFile) }), position: position + 1, count: set.migrations.length },
        items: schemaOutline(replay.migration(position).after, (version) => positions.get(version) ?? 0).map(toItem),
      };
    }),
  );
}
