// One loader for the editor and the CLI: find `.migration-lens.json` by walking up from the
// checked path (as squawk finds `.squawk.toml`), read it through the FileHost, validate it.

import { dirname, joinPath, normalizePath, type FileHost } from '../host.js';
import { parseJsonc } from './jsonc.js';
import { defaultProjectConfig, validateConfig, type ConfigProblem, type ProjectConfig } from './settings.js';

export const CONFIG_FILE_NAME = '.migration-lens.json';

export interface LoadedConfig {
  config: ProjectConfig;
  /** The file read, when one was found. */
  file?: string;
  problems: ConfigProblem[];
}

/** The nearest `.migration-lens.json` at or above `path` (a file or a folder), if any. */
export function findConfigFile(path: string, host: FileHost): string | undefined {
  const start = normalizePath(path);
  let dir = host.readDirectory(start) ? start : dirname(start);
  for (;;) {
    const candidate = joinPath(dir, CONFIG_FILE_NAME);
    if (host.readFile(candidate) !== undefined) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Settings for `path`: defaults when no file is found; invalid entries become problems. */
export function loadProjectConfig(path: string, host: FileHost, options: { knownRuleIds?: readonly string[] } = {}): LoadedConfig {
  const file = findConfigFile(path, host);
  if (!file) return { config: defaultProjectConfig(), problems: [] };
  const root = dirname(file);
  const config: ProjectConfig = { ...defaultProjectConfig(root), source: file };
  const parsed = parseJsonc(host.readFile(file) ?? '');
  if ('error' in parsed) {
    return {
      config,
      file,
      problems: [{ file, message: `${file}: not valid JSON (${parsed.error}). Fix the syntax; until then the defaults apply.` }],
    };
  }
  const { values, problems } = validateConfig(parsed.value, { label: file, baseDir: root, knownRuleIds: options.knownRuleIds });
  if (values.baseline !== undefined && host.readFile(values.baseline) === undefined) {
    problems.push({
      file,
      key: 'baseline',
      message: `${file}: "baseline" names ${values.baseline}, which cannot be read. Point it at the schema dump (e.g. "db/schema.sql") or remove the key.`,
    });
    delete values.baseline;
  }
  return { config: { ...config, ...values }, file, problems };
}
