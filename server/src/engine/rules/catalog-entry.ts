// One line per rule, the same in the README table, `check --list-rules` and the editor's rule
// picker: id, category, dialects, default level and the one-sentence summary.

import type { RuleMeta } from './rule.js';

export interface RuleCatalogEntry {
  id: string;
  category: RuleMeta['category'];
  dialects: RuleMeta['dialects'];
  /** `error`, `warning`, `info`, or `off (opt-in; warning)`. */
  defaultLevel: string;
  optIn: boolean;
  summary: string;
}

export function catalogEntry(rule: RuleMeta): RuleCatalogEntry {
  return {
    id: rule.id,
    category: rule.category,
    dialects: rule.dialects,
    defaultLevel: rule.optIn ? `off (opt-in; ${rule.severity})` : rule.severity,
    optIn: rule.optIn === true,
    summary: rule.docs.summary,
  };
}

/** `all` for a rule of every dialect, else the list. */
export function dialectList(dialects: RuleMeta['dialects']): string {
  return dialects.length === 3 ? 'all' : dialects.join(', ');
}
