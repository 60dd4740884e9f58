export { createExcludeMatcher } from './exclude.js';
export { CONFIG_FILE_NAME, findConfigFile, loadProjectConfig, type LoadedConfig } from './load.js';
export { mergeSettings } from './merge.js';
export { resolvePath } from './paths.js';
export {
  defaultProjectConfig,
  RULE_LEVELS,
  validateConfig,
  type ConfigOrigin,
  type ConfigProblem,
  type ConfigValues,
  type ProjectConfig,
  type RuleLevel,
  type SetOverride,
} from './settings.js';
