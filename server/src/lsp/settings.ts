// The `migrationLens.*` settings, read defensively (they come from the user's settings.json and
// may hold anything). `dialect` forces the dialect of every set; the keys that mirror
// `.migration-lens.json` are merged over that file by the engine's config loader, which also
// validates them, so a mistake reads the same in either place.

import { DIALECTS, type Dialect } from '../engine/index.js';

export const SETTINGS_SECTION = 'migrationLens';
export const SETTINGS_LABEL = 'VS Code settings (migrationLens.*)';

/** Keys shared with `.migration-lens.json`; `null` (their default) means "not set here". */
const PROJECT_KEYS = ['pgVersion', 'mysqlVersion', 'mariadbVersion', 'rules', 'exclude'] as const;

export interface EditorSettings {
  /** Undefined for `auto`: each set's dialect is detected. */
  dialect?: Dialect;
  /** The project keys the user set, unvalidated, for the engine's `validateConfig`. */
  projectValues: Record<string, unknown>;
  /** `migrationLens.inlayHints`: off unless the user turns them on. */
  inlayHints: boolean;
}

export function readEditorSettings(section: unknown): EditorSettings {
  if (typeof section !== 'object' || section === null) return { projectValues: {}, inlayHints: false };
  const values = section as Record<string, unknown>;
  const dialect = (DIALECTS as readonly unknown[]).includes(values.dialect) ? (values.dialect as Dialect) : undefined;
  const projectValues = Object.fromEntries(PROJECT_KEYS.filter((key) => values[key] != null).map((key) => [key, values[key]]));
  return { dialect, projectValues, inlayHints: values.inlayHints === true };
}
