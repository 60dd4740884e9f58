// Finds the migration sets under the checked paths: which folders hold migrations, for which
// framework and dialect, and the framework's ordered list of migrations with their up/down parts.

import { createExcludeMatcher, loadProjectConfig, type ProjectConfig } from '../config/index.js';
import { basename, dirname, joinPath, normalizePath, type FileHost } from '../host.js';
import type { Framework, MigrationSet } from '../model/migration-set.js';
import type { Dialect } from '../model/source.js';
import { detectDialect } from './dialect.js';
import { createTextCache, SQL_FILE, type Folder } from './folder.js';
import { LAYOUTS, plainMigration, type Detection, type FrameworkLayout } from './frameworks/index.js';
import { linkSiblings } from './siblings.js';

export interface DiscoverOptions {
  /** Forces the dialect of every set (CLI --dialect, explicit setting). */
  dialect?: Dialect;
  /**
   * Project settings (`.migration-lens.json` merged with editor settings) for set overrides,
   * excludes and `assumeInTransaction`. When absent, the nearest `.migration-lens.json` above each
   * path is loaded and its valid parts used; load it with `loadProjectConfig` to show problems.
   */
  config?: ProjectConfig;
}

/** Folders never walked: dependencies, build output, VCS data, our own state. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor', '.migration-lens']);

interface Context {
  host: FileHost;
  read: (path: string) => string;
  config: ProjectConfig;
  forcedDialect?: Dialect;
  isExcluded: (path: string) => boolean;
  /** Found sets by root; a lone file's set by the file's path. */
  sets: Map<string, MigrationSet>;
}

export function discoverSets(paths: string[], host: FileHost, options: DiscoverOptions = {}): MigrationSet[] {
  const sets = new Map<string, MigrationSet>();
  const read = createTextCache(host);
  for (const raw of paths) {
    const path = normalizePath(raw);
    const config = options.config ?? loadProjectConfig(path, host).config;
    const context: Context = { host, read, config, forcedDialect: options.dialect, isExcluded: createExcludeMatcher(config), sets };
    if (context.isExcluded(path)) continue;
    if (host.readDirectory(path)) walk(path, context);
    else if (SQL_FILE.test(path) && host.readFile(path) !== undefined) addSetOfFile(path, context);
  }
  const found = [...sets.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  linkSiblings(found);
  return found;
}

function walk(path: string, context: Context): void {
  const folder = listFolder(path, context);
  const set = setOfFolder(folder, context);
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

function listFolder(path: string, context: Context): Folder {
  const entries = (context.host.readDirectory(path) ?? []).filter((entry) => !context.isExcluded(joinPath(path, entry.name)));
  const names = (directories: boolean) =>
    entries
      .filter((entry) => entry.isDirectory === directories && !(directories && SKIPPED_FOLDERS.has(entry.name)))
      .map((entry) => entry.name)
      .sort();
  return { path, files: names(false), folders: names(true), host: context.host, config: context.config, read: context.read };
}

function setOfFolder(folder: Folder, context: Context): MigrationSet | undefined {
  const overrideIndex = context.config.sets.findIndex((entry) => entry.path === folder.path);
  const override = overrideIndex >= 0 ? { entry: context.config.sets[overrideIndex], index: overrideIndex, source: context.config.source } : undefined;
  const chosen = override?.entry.framework ? forcedLayout(folder, override.entry.framework, overrideIndex, context) : chooseLayout(folder);
  if (!chosen) return undefined;
  const { layout, detection } = chosen;
  const dialect = detectDialect({
    root: folder.path,
    files: detection.files,
    host: context.host,
    read: context.read,
    forced: context.forcedDialect,
    override,
  });
  const { migrations, ignored } = layout.collect(folder, dialect.dialect);
  return {
    root: folder.path,
    framework: layout.framework,
    frameworkReason: detection.reason,
    dialect: dialect.dialect,
    dialectReason: dialect.reason,
    migrations,
    ignored,
    siblings: [],
  };
}

/** The strongest framework signal; numbered plain files only when no framework shows. */
function chooseLayout(folder: Folder): { layout: FrameworkLayout; detection: Detection } | undefined {
  let best: { layout: FrameworkLayout; detection: Detection } | undefined;
  for (const layout of LAYOUTS) {
    const detection = layout.detect(folder);
    if (!detection) continue;
    if (layout.framework === 'plain' && best) continue;
    if (!best || detection.strength > best.detection.strength) best = { layout, detection };
  }
  return best;
}

function forcedLayout(folder: Folder, framework: Framework, index: number, context: Context): { layout: FrameworkLayout; detection: Detection } | undefined {
  const layout = LAYOUTS.find((candidate) => candidate.framework === framework);
  if (!layout) return undefined;
  const detected = layout.detect(folder);
  const files = detected?.files ?? folder.files.filter((name) => SQL_FILE.test(name)).map((name) => joinPath(folder.path, name));
  return { layout, detection: { strength: Infinity, files, reason: `set in ${context.config.source ?? 'the project settings'} (sets[${index}].framework)` } };
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
    migrations: [plainMigration(file, context.read(file).length, context.config)],
    ignored: [],
    siblings: [],
    standalone: true,
  };
}
