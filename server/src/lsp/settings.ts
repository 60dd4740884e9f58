// The `migrationLens.*` settings the server acts on, read defensively: they come from the user's
// settings.json and may hold anything.

import { DIALECTS, type AnalyzeOptions, type Dialect } from '../engine/index.js';

export const SETTINGS_SECTION = 'migrationLens';

/** Analysis options from the `migrationLens` section; `dialect: "auto"` (the default) detects it. */
export function analyzeOptionsFromSettings(section: unknown): AnalyzeOptions {
  const dialect = isRecord(section) ? section.dialect : undefined;
  return isDialect(dialect) ? { dialect } : {};
}

function isDialect(value: unknown): value is Dialect {
  return typeof value === 'string' && (DIALECTS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
