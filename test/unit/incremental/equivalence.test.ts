// The incremental path must give exactly what a fresh analysis gives. Every fixture tree is
// analysed once in a long-lived session, then edited again and again — columns added, tables
// dropped, statements deleted, names misspelt, text shifted down, syntax broken, files deleted
// and created — and after each edit the session's findings are compared with those of an
// analysis that starts from nothing.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, SET_RULES } from '../../../server/src/engine/analyze-file.js';
import { loadProjectConfig } from '../../../server/src/engine/config/index.js';
import { AnalysisSession, analyze, initEngine, type Analysis, type Finding } from '../../../server/src/engine/index.js';
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

/** Files whose text differs, and the folders of files that came or went. */
function changedPaths(before: Record<string, string>, after: Record<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const file of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[file] === after[file]) continue;
    changed.add(file);
    if (before[file] === undefined || after[file] === undefined) for (let dir = dirname(file); dir !== '/'; dir = dirname(dir)) changed.add(dir);
  }
  return changed;
}

/** Findings as a stable, comparable list. */
const comparable = (findings: readonly Finding[]) => findings.map((finding) => JSON.stringify(finding));

/**
 * A history shaped like the benchmark's: each migration creates a table with a foreign key to the
 * previous one, indexes it and adds a column to the previous table; each down undoes it. Edits
 * in the middle leave most later migrations untouched, so their kept results are what is tested.
 */
function generatedTree(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const version = String(i).padStart(4, '0');
    const parent = i > 1 ? `,\n  parent_id bigint REFERENCES t${i - 1} (id)` : '';
    const alter = i > 1 ? `ALTER TABLE t${i - 1} ADD COLUMN c${i} integer;\n` : '';
    files[`${ROOT}/db/migrations/${version}_t${i}.up.sql`] = `CREATE TABLE t${i} (\n  id bigserial PRIMARY KEY,\n  name text NOT NULL${parent}\n);\nCREATE INDEX t${i}_name_idx ON t${i} (name);\n${alter}INSERT INTO t${i} (name) VALUES ('first');\n`;
    files[`${ROOT}/db/migrations/${version}_t${i}.down.sql`] = `${i > 1 ? `ALTER TABLE t${i - 1} DROP COLUMN c${i};\n` : ''}DROP INDEX t${i}_name_idx;\nDROP TABLE t${i};\n`;
  }
  return files;
}

const trees: { name: string; files(): Record<string, string> }[] = [
  ...['radarr', ...readdirSync(join(FIXTURES, 'frameworks')).map((name) => `frameworks/${name}`)].map((tree) => ({ name: tree, files: () => readTree(join(FIXTURES, tree)) })),
  { name: 'generated up/down history of 40 migrations', files: () => generatedTree(40) },
];

describe('incremental analysis gives what a fresh one gives', () => {
  for (const tree of trees) {
    test(`${tree.name}: ${EDITS_PER_TREE} edits`, async () => {
      await initEngine();
      const originals = tree.files();
      const files = { ...originals };
      const host = createMemoryHost(files);
      // One session compares every file it read to find out what changed; the other is told, as
      // the language server tells it from its documents and file events.
      const comparing = new AnalysisSession();
      const told = new AnalysisSession();
      const pick = random(tree.name.length * 7919);
      const history: string[] = [];
      let previous: Analysis | undefined;
      let checkedAlone = 0;
      for (let step = 0; step <= EDITS_PER_TREE; step++) {
        let changed: Set<string> | undefined;
        let before: Record<string, string> = files;
        if (step > 0) {
          const edit = nextEdit(files, originals, pick);
          before = { ...files };
          edit.apply(files);
          changed = changedPaths(before, files);
          history.push(edit.describe);
        }
        const freshFindings = analyze([ROOT], host).findings;
        const fresh = comparable(freshFindings);
        const after = `after: ${history.join('; ') || 'the first analysis'}`;
        // The edited file alone, first: what its own rules and parser say is what a fresh analysis says.
        const edited = changed && changed.size === 1 ? [...changed][0] : undefined;
        if (previous && edited && before[edited] !== undefined && files[edited] !== undefined) {
          const config = loadProjectConfig(ROOT, host).config;
          const alone = analyzeFile(edited, host, { session: told, previous, previousText: before[edited], config });
          if (alone) {
            checkedAlone++;
            const own = (findings: readonly Finding[]) => comparable(findings.filter((finding) => finding.file === edited && !SET_RULES.has(finding.rule)));
            assert.deepEqual(own(alone), own(freshFindings), `the edited file alone, ${after}`);
          }
        }
        for (const [session, options] of [
          [comparing, {}],
          [told, changed ? { changed } : {}],
        ] as const) {
          const incremental = analyze([ROOT], host, { session, ...options });
          session.retain(incremental.sets);
          assert.deepEqual(comparable(incremental.findings), fresh, after);
          if (session === told) previous = incremental;
        }
      }
      assert.ok(checkedAlone > EDITS_PER_TREE / 10, `only ${checkedAlone} edits were checked file-first`);
    });
  }
});

describe('what an edit costs', () => {
  test('adding a column to the table of migration 20 of 40 runs the rules of the migrations that use that table, and keeps the rest', async () => {
    await initEngine();
    const files = generatedTree(40);
    const host = createMemoryHost(files);
    const session = new AnalysisSession();
    analyze([ROOT], host, { session });
    session.rules.count();
    const file = `${ROOT}/db/migrations/0020_t20.up.sql`;
    files[file] = files[file].replace("name text NOT NULL", 'name text NOT NULL,\n  extra integer');
    const edited = analyze([ROOT], host, { session });
    // 20 itself, and 21, whose foreign key, ALTER and down read `t20`.
    assert.deepEqual(session.rules.count(), { ran: 2, kept: 38 });
    assert.deepEqual(comparable(edited.findings), comparable(analyze([ROOT], host).findings));
  });
  test('typing in the newest migration runs its rules only', async () => {
    await initEngine();
    const files = generatedTree(40);
    const host = createMemoryHost(files);
    const session = new AnalysisSession();
    analyze([ROOT], host, { session });
    session.rules.count();
    const file = `${ROOT}/db/migrations/0040_t40.up.sql`;
    files[file] = `${files[file]}
CREATE INDEX t40_name ON t40 (name);
`;
    const edited = analyze([ROOT], host, { session });
    assert.deepEqual(session.rules.count(), { ran: 1, kept: 39 });
    assert.deepEqual(comparable(edited.findings), comparable(analyze([ROOT], host).findings));
  });
});
