import type { ConfigValues, ProjectConfig } from './settings.js';

/**
 * The editor's `migrationLens.*` settings override the file: each rule level one by one, every
 * other key as a whole (an editor `exclude` list replaces the file's).
 */
export function mergeSettings(fileConfig: ProjectConfig, editorSettings: ConfigValues): ProjectConfig {
  const defined = Object.fromEntries(Object.entries(editorSettings).filter(([, value]) => value !== undefined)) as ConfigValues;
  return {
    ...fileConfig,
    ...defined,
    rules: { ...fileConfig.rules, ...editorSettings.rules },
  };
}
