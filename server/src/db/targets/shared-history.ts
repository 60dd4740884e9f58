// Two sets pointed at one database with the same tracking table share one history: each reads
// the other's runs as its own (golang-migrate's one-row schema_migrations even holds only the
// last set's version). The embedded and Docker targets give every set its own database; a URL
// is the user's choice, so this only warns.

import { TRACKING } from '../tracking/index.js';
import type { MigrationSet } from '../../engine/model/migration-set.js';
import { describeTarget } from './describe.js';
import { parseDatabaseUrl } from './url.js';

export interface SetTarget {
  set: Pick<MigrationSet, 'root' | 'framework'>;
  /** The target as the user wrote it for this set. */
  spec: string;
}

/**
 * Per set root, a warning naming the other sets that share its tracking table in the same
 * database; `label` prints a set (its folder relative to the workspace).
 */
export function sharedHistoryWarnings(targets: readonly SetTarget[], label: (root: string) => string): Map<string, string> {
  const groups = new Map<string, SetTarget[]>();
  for (const target of targets) {
    const database = urlDatabase(target.spec);
    if (!database) continue;
    const key = `${database}\n${TRACKING[target.set.framework].table}`;
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  const warnings = new Map<string, string>();
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const table = key.split('\n')[1];
    const where = describeTarget(group[0].spec).description;
    for (const { set } of group) {
      const others = group.filter((other) => other.set.root !== set.root).map((other) => label(other.set.root)).join(', ');
      warnings.set(set.root, `${label(set.root)} shares ${table} in ${where} with ${others}: each would read the other's runs as its own. Give each set a database of its own.`);
    }
  }
  return warnings;
}

/** Where a URL target's database is (`postgres 127.0.0.1:5432/app`), whatever the spelling; undefined for embedded, docker or a URL that does not parse. */
function urlDatabase(spec: string): string | undefined {
  const described = describeTarget(spec);
  if (described.kind !== 'url' || described.problem) return undefined;
  const url = parseDatabaseUrl(spec.trim());
  return `${url.protocol} ${url.host.toLowerCase()}:${url.port}/${url.database}`;
}
