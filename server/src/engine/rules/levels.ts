// Which level a rule runs at in a set: the configuration's `rules` entry, else the rule's default;
// opt-in rules stay off until configured.

import type { ProjectConfig } from '../config/index.js';
import type { Severity } from '../model/finding.js';
import type { RuleMeta } from './rule.js';

export function ruleLevel(rule: RuleMeta, config: ProjectConfig): Severity | 'off' {
  const configured = config.rules[rule.id];
  if (configured !== undefined) return configured;
  return rule.optIn ? 'off' : rule.severity;
}
