// The command line's engine half, dist/cli-engine.js: the parsers, rules and database drivers.
// dist/cli.js loads it only when a command needs it (engine-bundle.ts), so `check --cache` on a
// tree nothing changed in answers from its cache without reading or compiling any of it.

import { nameSessions } from '../db/session-name.js';

// This bundle's own copy of the session name is the one its database drivers read.
nameSessions('command line');

export { analyzeForCheck } from './check-analysis.js';
export { explainRule, ruleListJson, ruleListText } from './commands/explain.js';
export { RULE_CATALOG } from '../engine/rules/index.js';

// Each loaded when chosen: a check never initialises the database drivers the others use.
export const commands = {
  schema: () => import('./commands/schema.js'),
  baseline: () => import('./commands/baseline.js'),
  drift: () => import('./commands/drift.js'),
  trace: () => import('./commands/trace.js'),
  status: () => import('./commands/status.js'),
  up: () => import('./commands/up.js'),
  down: () => import('./commands/down.js'),
  redo: () => import('./commands/redo.js'),
  docker: () => import('./commands/docker.js'),
  force: () => import('./commands/force.js'),
};
