// A stand-in `docker` executable for tests: a small script written into a temp folder that is put
// first on PATH. It appends its argv to calls.jsonl and answers from scenario.json, keyed by the
// subcommand ("run", "pull", "container inspect", …): each key holds a list of canned replies used
// in order, the last one repeating.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';
import { DockerCli } from '../../../server/src/db/docker/cli.js';

export interface CannedReply {
  stdout?: string;
  stderr?: string;
  exit?: number;
}

export type Scenario = Record<string, CannedReply | CannedReply[]>;

const SCRIPT = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(args) + '\\n');
const scenario = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8'));
const key = ['container', 'image'].includes(args[0]) ? args[0] + ' ' + args[1] : args[0];
const replies = [].concat(scenario[key] ?? { stderr: 'fake docker: no reply for ' + key, exit: 99 });
const counterFile = path.join(dir, 'count-' + key.replace(/\\W/g, '_'));
const used = fs.existsSync(counterFile) ? Number(fs.readFileSync(counterFile, 'utf8')) : 0;
fs.writeFileSync(counterFile, String(used + 1));
const reply = replies[Math.min(used, replies.length - 1)];
if (reply.stdout) process.stdout.write(reply.stdout);
if (reply.stderr) process.stderr.write(reply.stderr);
process.exitCode = reply.exit ?? 0;
`;

export interface FakeDocker {
  dir: string;
  cli: DockerCli;
  /** The environment with the fake first on PATH, for code that runs the `docker` it finds there. */
  env: NodeJS.ProcessEnv;
  /** Every argv the fake received, in order. */
  calls(): string[][];
  /** Replaces the canned replies (and restarts their counters). */
  setScenario(scenario: Scenario): void;
}

export function fakeDocker(t: TestContext, scenario: Scenario): FakeDocker {
  const dir = mkdtempSync(join(tmpdir(), 'ml-fake-docker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'docker'), SCRIPT);
  chmodSync(join(dir, 'docker'), 0o755);
  const setScenario = (next: Scenario) => {
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(next));
    for (const key of Object.keys(next)) rmSync(join(dir, `count-${key.replace(/\W/g, '_')}`), { force: true });
  };
  setScenario(scenario);
  const env = { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` };
  return {
    dir,
    cli: new DockerCli({ env }),
    env,
    calls: () => {
      const file = join(dir, 'calls.jsonl');
      return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
    },
    setScenario,
  };
}

export const NO_SUCH_CONTAINER: CannedReply = { stderr: 'Error response from daemon: No such container: x\n', exit: 1 };
export const running = (image: string): CannedReply => ({ stdout: `running|${image}|1\n` });
