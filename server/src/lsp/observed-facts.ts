// Lock-trace observations in the editor: diagnostics beside the engine's findings, under their
// own source so nobody takes an observation for a rule's prediction, and the words hovers use.
// Only observations that still hold for the text now are shown (observed-locks.ts).

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TracedLock } from '../db/trace.js';
import type { Analysis } from '../engine/index.js';
import { PG_LOCK_MODES, type PgLockMode } from '../engine/locks/index.js';
import { LineIndex } from '../engine/model/source.js';
import type { ObservedFact, ObservedLocks, ObservedStatement } from './observed-locks.js';
import { upStatementsIn } from './statement-at.js';

export const OBSERVED_SOURCE = 'migration-lens trace';

/** The observations of `path` that still hold against the statements of the last analysis. */
export function observedFactsIn(store: ObservedLocks, analysis: Analysis, path: string): ObservedFact[] {
  return store.factsFor(path, upStatementsIn(analysis, path));
}

/** Per traced file, what its unchanged statements were seen doing, as diagnostics. */
export function observedDiagnostics(store: ObservedLocks, analysis: Analysis, readFile: (path: string) => string | undefined): Map<string, Diagnostic[]> {
  const byPath = new Map<string, Diagnostic[]>();
  for (const path of store.files()) {
    const text = readFile(path);
    if (text === undefined) continue;
    const lines = new LineIndex(text);
    byPath.set(path, observedFactsIn(store, analysis, path).flatMap((fact) => factDiagnostics(fact, lines.range(fact.range))));
  }
  return byPath;
}

/**
 * A warning for what hurts other sessions (ACCESS EXCLUSIVE, a rewrite), information for the
 * rest; locks on relations the migration created are left out, since nobody else can use them.
 */
function factDiagnostics({ statement, trace }: ObservedFact, range: Range): Diagnostic[] {
  const observed = (code: string, severity: DiagnosticSeverity, what: string): Diagnostic => ({
    range,
    severity,
    code,
    source: OBSERVED_SOURCE,
    message: `Trace on ${trace.target}: this statement ${what}.`,
  });
  const taken = takenLocks(statement);
  const diagnostics: Diagnostic[] = [];
  if (taken.length > 0) {
    const severity = taken.some((lock) => lock.mode === 'ACCESS EXCLUSIVE') ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
    diagnostics.push(observed('observed-lock', severity, `took ${lockPhrases(taken).join('; ')}`));
  }
  if (statement.rewritten.length > 0) {
    diagnostics.push(observed('observed-rewrite', DiagnosticSeverity.Warning, `rewrote ${relationList(statement.rewritten)}: their data was copied while the lock was held`));
  }
  return diagnostics;
}

/** "ACCESS EXCLUSIVE on `t` (taken by this statement) · `t` rewritten", or why it did not run. */
export function observedSummary(statement: ObservedStatement): string {
  if (statement.error) return `failed: ${statement.error}`;
  if (statement.skipped) return `not run: ${statement.skipped}`;
  const existing = relationLocks(statement.locks).filter((lock) => !lock.newRelation);
  const locks = [
    ...lockPhrases(existing.filter((lock) => lock.takenByStatement)).map((phrase) => `${phrase} (taken by this statement)`),
    ...lockPhrases(existing.filter((lock) => !lock.takenByStatement)).map((phrase) => `${phrase} (already held before it)`),
  ];
  const rewrites = statement.rewritten.length > 0 ? [`${relationList(statement.rewritten)} rewritten`] : [];
  return [...locks, ...rewrites].join(' · ') || 'no lock on a relation that existed before the migration, nothing rewritten';
}

/** The strongest lock the statement took on a relation that existed before the migration. */
export function strongestTakenMode(statement: ObservedStatement): PgLockMode | undefined {
  return takenLocks(statement).map((lock) => lock.mode).find(isPgLockMode);
}

function takenLocks(statement: ObservedStatement): TracedLock[] {
  return relationLocks(statement.locks).filter((lock) => lock.takenByStatement && !lock.newRelation);
}

/** One lock per relation, the strongest the session holds, in SQL's words; strongest first. */
function relationLocks(locks: readonly TracedLock[]): TracedLock[] {
  const strongest = new Map<string, TracedLock>();
  for (const lock of locks) {
    const named = { ...lock, mode: sqlModeName(lock.mode) };
    const held = strongest.get(lock.relation);
    if (!held || modeRank(named.mode) > modeRank(held.mode)) strongest.set(lock.relation, named);
  }
  return [...strongest.values()].sort((a, b) => modeRank(b.mode) - modeRank(a.mode) || a.relation.localeCompare(b.relation));
}

/** pg_locks says `AccessExclusiveLock`; the documentation and the static analysis say ACCESS EXCLUSIVE. */
function sqlModeName(mode: string): string {
  return mode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

function isPgLockMode(mode: string): mode is PgLockMode {
  return (PG_LOCK_MODES as readonly string[]).includes(mode);
}

function modeRank(mode: string): number {
  return isPgLockMode(mode) ? PG_LOCK_MODES.indexOf(mode) : -1;
}

/** "ACCESS EXCLUSIVE on `t`, `t_pkey`", one phrase per mode, in the order of `locks`. */
function lockPhrases(locks: readonly TracedLock[]): string[] {
  const byMode = new Map<string, string[]>();
  for (const lock of locks) byMode.set(lock.mode, [...(byMode.get(lock.mode) ?? []), lock.relation]);
  return [...byMode].map(([mode, relations]) => `${mode} on ${relationList(relations)}`);
}

export function relationList(relations: readonly string[]): string {
  return relations.map((relation) => `\`${relation}\``).join(', ');
}
