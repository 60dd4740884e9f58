// The existing tables a migration's statements lock: what pending migrations would wait on if
// another session holds a lock there. Tables the migration creates cannot be held by anyone yet.

import type { Change, Name, Statement } from '../../engine/model/changes.js';

export function tablesTouchedBy(statements: readonly Statement[]): Name[] {
  const created = new Set<string>();
  const touched = new Map<string, Name>();
  const key = (name: Name) => `${name.schema ?? ''}.${name.name}`;
  for (const statement of statements) {
    const change = statement.change;
    if (!change) continue;
    if (change.kind === 'create-table') created.add(key(change.table));
    for (const name of namesIn(change)) if (!created.has(key(name))) touched.set(key(name), name);
  }
  return [...touched.values()];
}

function namesIn(change: Change): Name[] {
  switch (change.kind) {
    case 'alter-table':
      return [change.table];
    case 'rename-table':
      return change.renames.map((rename) => rename.from);
    case 'drop':
      if (change.objectKind === 'table') return change.names;
      return change.table ? [change.table] : [];
    case 'create-index':
      return [change.index.table];
    case 'create-trigger':
      return [change.table];
    case 'data':
      return change.tables;
    case 'comment':
      return change.objectKind === 'table' || change.objectKind === 'column' ? [change.target] : [];
    case 'reindex':
      return change.target === 'table' ? [change.name] : [];
    default:
      return [];
  }
}
