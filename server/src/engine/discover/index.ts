// Finds the migration sets under the checked paths: which folders hold migrations, for which
// framework and dialect, and the framework's ordered list of migrations with their up/down parts.

import { createExcludeMatcher, loadProjectConfig, type ProjectConfig } from '../config/index.js';
import { basename, dirname, joinPath, normalizePath, type FileHost } from '../host.js';
import type { MigrationSet } from '../model/migration-set.js';
import type { Dialect } from '../model/source.js';
import { detectDialect } from './dialect.js';
import { createTextCache, SQL_FILE } from './folder.js';
import { listFolder, setOfFolder, type FolderContext } from './folder-set.js';
import { plainMigration } from './frameworks/index.js';
import type { DiscoveryMemo } from './memo.js';
import { linkSiblings } from './siblings.js';

export { DiscoveryMemo } from './memo.js';

export interface DiscoverOptions {
  /** Forces the dialect of every set (CLI --dialect, explicit setting). */
  dialect?: Dialect;
  /**
   * Project settings (`.migration-lens.json` merged with editor settings) for set overrides,
   * excludes and `assumeInTransaction`. When absent, the nearest `.migration-lens.json` above each
   * path is loaded and its valid parts used; load it with `loadProjectConfig` to show problems.
   */
  config?: ProjectConfig;
  /** Results kept from earlier discoveries (the language server keeps one; see memo.ts). */
  memo?: DiscoveryMemo;
  /** With a memo: every path whose text or entries may have changed since its last discovery; unknown (all compared) when absent. */
  changed?: ReadonlySet<string>;
}

interface Context extends FolderContext {
  /** Found sets by root; a lone file's set by the file's path. */
  sets: Map<string, MigrationSet>;
  memo?: DiscoveryMemo;
  changed?: ReadonlySet<string>;
}

export function discoverSets(paths: string[], host: FileHost, options: DiscoverOptions = {}): MigrationSet[] {
  const sets = new Map<string, MigrationSet>();
  const read = createTextCache(host);
  for (const raw of paths) {
    const path = normalizePath(raw);
    const config = options.config ?? loadProjectConfig(path, host).config;
    const context: Context = { host, read, config, forcedDialect: options.dialect, isExcluded: createExcludeMatcher(config), sets, memo: options.memo, changed: options.changed };
    if (context.isExcluded(path)) continue;
    if (host.readDirectory(path)) walk(path, context);
    else if (SQL_FILE.test(path) && host.readFile(path) !== undefined) addSetOfFile(path, context);
  }
  const found = [...sets.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  linkSiblings(found);
  return found;
}

/**
 * `set` found again after edits of its own files only, through the memo that found it; undefined
 * when only a whole discovery can tell (see DiscoveryMemo.setAgain). Siblings stay as they were.
 */
export function rediscoverSet(set: MigrationSet, host: FileHost, options: DiscoverOptions & { memo: DiscoveryMemo; config: ProjectConfig; changed: ReadonlySet<string> }): MigrationSet | undefined {
  const { config } = options;
  const context: FolderContext = { host, read: createTextCache(host), config, forcedDialect: options.dialect, isExcluded: createExcludeMatcher(config) };
  const again = options.memo.setAgain(set.root, context, options.changed);
  if (again && again !== set) again.siblings = set.siblings;
  return again;
}

function walk(path: string, context: Context): void {
  const folder = listFolder(path, context);
  const set = context.memo ? context.memo.setOf(folder, context, context.changed) : setOfFolder(folder, context);
  if (set) context.sets.set(set.root, set);
  // A Prisma migrations folder's subfolders are its migrations, not sets of their own.
  if (set?.framework === 'prisma') return;
  for (const name of folder.folders) walk(joinPath(path, name), context);
}

/** The set a single checked file belongs to, or a set of one when no migration folder holds it. */
function addSetOfFile(file: string, context: Context): void {
  const holds = (set: MigrationSet) =>
    set.migrations.some((m) => m.up?.file === file || m.down?.file === file) || set.ignored.some((ignored) => ignored.file === file);
  if ([...context.sets.values()].some(holds)) return;
  const candidates = [dirname(file)];
  if (basename(file) === 'migration.sql') candidates.push(dirname(dirname(file)));
  for (const root of candidates) {
    const set = setOfFolder(listFolder(root, context), context);
    if (set && holds(set)) {
      context.sets.set(set.root, set);
      return;
    }
  }
  context.sets.set(file, standaloneSet(file, context));
}

function standaloneSet(file: string, context: Context): MigrationSet {
  const root = dirname(file);
  const dialect = detectDialect({ root, files: [file], host: context.host, read: context.read, forced: context.forcedDialect });
  return {
    root,
    framework: 'plain',
    frameworkReason: 'a lone .sql file checked on its own: no migration folder around it',
    dialect: dialect.dialect,
    dialectReason: dialect.reason,
    ...(dialect.serverVersion ? { serverVersion: dialect.serverVersion } : {}),
    ...(dialect.unsupported ? { unsupported: dialect.unsupported } : {}),
    migrations: [plainMigration(file, context.read(file).length, context.config)],
    ignored: [],
    siblings: [],
    standalone: true,
  };
}
