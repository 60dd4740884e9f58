// Version-aware rules follow squawk's --pg-version: with no version configured a current server is
// assumed, so version gates only ever silence a finding for servers that have the improvement.

import type { RuleSettings } from '../../rule.js';

/** True unless the configured PostgreSQL version is older than `major`. */
export function serverAtLeast(settings: RuleSettings, major: number): boolean {
  if (settings.pgVersion === undefined) return true;
  const configured = Number.parseInt(settings.pgVersion, 10);
  return Number.isNaN(configured) || configured >= major;
}
