// The incremental path must give exactly what a fresh analysis gives. Every fixture tree is
// analysed once in a long-lived session, then edited again and again — columns added, tables
// dropped, statements deleted, names misspelt, text shifted down, syntax broken, files deleted
// and created — and after each edit the session's findings are compared with those of an
// analysis that starts from nothing.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { AnalysisSession, analyze, initEngine, type Finding } from '../../../server/src/engine/index.js';
import { createMemoryHost } from '../discover/memory-host.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
/** Where the trees live in the memory host, so paths in findings do not depend on the checkout. */
const ROOT = '/workspace';
const EDITS_PER_TREE = Number(process.env.EQUIVALENCE_EDITS ?? 60);

function readTree(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else files[`${ROOT}/${relative(folder, path)}`] = readFileSync(path, 'utf8');
    }
  };
  visit(folder);
  return files;
}

/** A small deterministic generator, so a failure names an edit that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Edit = { describe: string; apply(files: Record<string, string>): void };

const tableIn = (text: string): string | undefined => /create\s+table\s+(?:if\s+not\s+exists\s+)?([`"]?[\w.]+[`"]?)/i.exec(text)?.[1];

/** One edit of a random .sql file of the tree, as a user might make it. */
function nextEdit(files: Record<string, string>, originals: Record<string, string>, pick: () => number): Edit {
  const sqlFiles = Object.keys(originals).filter((file) => file.endsWith('.sql')).sort();
  const file = sqlFiles[Math.floor(pick() * sqlFiles.length)];
  const text = files[file] ?? originals[file];
  const table = tableIn(text) ?? tableIn(Object.values(originals).join('\n')) ?? 'users';
  const n = Math.floor(pick() * 1000);
  const kinds: Edit[] = [
    { describe: `add a column to ${table}`, apply: (f) => (f[file] = `${text}\nALTER TABLE ${table} ADD COLUMN zz_${n} integer;\n`) },
    { describe: `drop ${table}`, apply: (f) => (f[file] = `${text}\nDROP TABLE ${table};\n`) },
    { describe: `index ${table}`, apply: (f) => (f[file] = `${text}\nCREATE INDEX zz_idx_${n} ON ${table} (id);\n`) },
    { describe: 'delete the first statement', apply: (f) => (f[file] = text.slice(text.indexOf(';') + 1)) },
    { describe: 'shift the text down', apply: (f) => (f[file] = `-- edited ${n}\n\n${text}`) },
    { describe: `misspell ${table}`, apply: (f) => (f[file] = text.split(table).join(`${table}x`)) },
    { describe: 'break the syntax', apply: (f) => (f[file] = text.replace(/create/i, 'CREAT')) },
    { describe: 'restore the original', apply: (f) => (f[file] = originals[file]) },
    { describe: 'delete the file', apply: (f) => delete f[file] },
    { describe: 'restore every file', apply: (f) => Object.assign(f, originals) },
  ];
  const edit = kinds[Math.floor(pick() * kinds.length)];
  return { describe: `${edit.describe} in ${file.slice(ROOT.length + 1)}`, apply: edit.apply };
}

/** Findings as a stable, comparable list. */
const comparable = (findings: readonly Finding[]) => findings.map((finding) => JSON.stringify(finding));

const trees = ['radarr', ...readdirSync(join(FIXTURES, 'frameworks')).map((name) => `frameworks/${name}`)];

describe('incremental analysis gives what a fresh one gives', () => {
  for (const tree of trees) {
    test(`${tree}: ${EDITS_PER_TREE} edits`, async () => {
      await initEngine();
      const originals = readTree(join(FIXTURES, tree));
      const files = { ...originals };
      const host = createMemoryHost(files);
      const session = new AnalysisSession();
      const pick = random(tree.length * 7919);
      const history: string[] = [];
      for (let step = 0; step <= EDITS_PER_TREE; step++) {
        if (step > 0) {
          const edit = nextEdit(files, originals, pick);
          edit.apply(files);
          history.push(edit.describe);
        }
        const incremental = analyze([ROOT], host, { session });
        session.retain(incremental.sets);
        const fresh = analyze([ROOT], host);
        assert.deepEqual(comparable(incremental.findings), comparable(fresh.findings), `after: ${history.join('; ') || 'the first analysis'}`);
      }
    });
  }
});
