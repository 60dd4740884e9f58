// A rule that throws on input nobody foresaw costs the user its own findings only: its first
// failure in a run is one finding naming the rule, at the statement it was checking, and every
// other rule still runs.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import { initEngine } from '../../../server/src/engine/index.js';
import { RULES, type Rule } from '../../../server/src/engine/rules/index.js';
import { runRules } from '../../../server/src/engine/rules/run.js';
import { ReplayProject } from '../../../server/src/engine/schema/project.js';
import { createMemoryHost } from '../discover/memory-host.js';

before(initEngine);

const brittle: Rule = {
  id: 'brittle-rule',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: { summary: 'Throws on every UPDATE.', why: 'A test double for a rule with a bug.', fix: 'None.', examples: [] },
  checkStatement(ctx) {
    if (ctx.change?.kind === 'data' && ctx.change.operation === 'update') throw new TypeError("Cannot read properties of undefined (reading 'name')");
  },
};

test('a rule that throws is reported once, naming it, and the other rules still report', () => {
  const files = {
    '/repo/m/001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);',
    '/repo/m/002_backfill.sql': "UPDATE users SET name = 'a';\nUPDATE users SET name = 'b';\nDELETE FROM users;",
  };
  const host = createMemoryHost(files);
  const sets = discoverSets(['/repo/m'], host, { dialect: 'postgres', config: defaultProjectConfig('/repo') });
  const project = new ReplayProject();
  const replays = sets.map((set) => project.replay(set, host));
  const findings = runRules({ sets, replays, host, project, configOf: () => defaultProjectConfig('/repo'), rules: [brittle, ...RULES] });
  const failures = findings.filter((finding) => finding.rule === 'brittle-rule');
  assert.deepEqual(failures.map((finding) => [finding.message, finding.range.start.line]), [
    ["Internal error in rule brittle-rule (Cannot read properties of undefined (reading 'name')): its findings here are missing, the other rules ran. Please report this with the file.", 0],
  ]);
  assert.ok(findings.some((finding) => finding.rule === 'data-change-without-where'), 'the other rules ran');
});
