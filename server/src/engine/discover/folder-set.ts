// One folder's migration set: which framework lays it out, which dialect it is written in, and
// the framework's ordered list of migrations with their up/down parts.

import type { ProjectConfig } from '../config/index.js';
import { joinPath, type FileHost } from '../host.js';
import type { Framework, MigrationSet } from '../model/migration-set.js';
import type { Dialect } from '../model/source.js';
import { detectDialect } from './dialect.js';
import { SQL_FILE, type Folder } from './folder.js';
import { LAYOUTS, type Detection, type FrameworkLayout } from './frameworks/index.js';

/** What finding a folder's set depends on besides the folder: the settings and how files are read. */
export interface FolderContext {
  host: FileHost;
  read: (path: string) => string;
  config: ProjectConfig;
  forcedDialect?: Dialect;
  isExcluded: (path: string) => boolean;
}

/** Folders never walked: dependencies, build output, VCS data, our own state. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor', '.migration-lens']);

export function listFolder(path: string, context: FolderContext): Folder {
  const entries = (context.host.readDirectory(path) ?? []).filter((entry) => !context.isExcluded(joinPath(path, entry.name)));
  const names = (directories: boolean) =>
    entries
      .filter((entry) => entry.isDirectory === directories && !(directories && SKIPPED_FOLDERS.has(entry.name)))
      .map((entry) => entry.name)
      .sort();
  return { path, files: names(false), folders: names(true), host: context.host, config: context.config, read: context.read };
}

export function setOfFolder(folder: Folder, context: FolderContext): MigrationSet | undefined {
  const chosen = layoutOf(folder, context);
  if (!chosen) return undefined;
  const { layout, detection, override } = chosen;
  const dialect = detectDialect({
    root: folder.path,
    files: detection.files,
    host: context.host,
    read: context.read,
    forced: context.forcedDialect,
    override,
  });
  const { migrations, ignored, superseded } = layout.collect(folder, dialect.dialect);
  return {
    root: folder.path,
    framework: layout.framework,
    frameworkReason: detection.reason,
    dialect: dialect.dialect,
    dialectReason: dialect.reason,
    ...(dialect.serverVersion ? { serverVersion: dialect.serverVersion } : {}),
    ...(dialect.unsupported ? { unsupported: dialect.unsupported } : {}),
    migrations,
    ignored,
    ...(superseded ? { superseded } : {}),
    siblings: [],
  };
}

/** The framework laying out `folder`: the settings' choice, else the strongest signal. */
function layoutOf(folder: Folder, context: FolderContext) {
  const overrideIndex = context.config.sets.findIndex((entry) => entry.path === folder.path);
  const override = overrideIndex >= 0 ? { entry: context.config.sets[overrideIndex], index: overrideIndex, source: context.config.source } : undefined;
  const chosen = override?.entry.framework ? forcedLayout(folder, override.entry.framework, overrideIndex, context) : chooseLayout(folder);
  return chosen && { ...chosen, override };
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

function forcedLayout(folder: Folder, framework: Framework, index: number, context: FolderContext): { layout: FrameworkLayout; detection: Detection } | undefined {
  const layout = LAYOUTS.find((candidate) => candidate.framework === framework);
  if (!layout) return undefined;
  const detected = layout.detect(folder);
  const files = detected?.files ?? folder.files.filter((name) => SQL_FILE.test(name)).map((name) => joinPath(folder.path, name));
  return { layout, detection: { strength: Infinity, files, reason: `set in ${context.config.source ?? 'the project settings'} (sets[${index}].framework)` } };
}
