// Inlay hints: facts the history knows that the text does not say. After each statement, the
// lock it takes; after a table's name, the migration that created it.

import type { Analysis } from '../analyze.js';
import { describeLock } from '../locks/index.js';
import { partsIn, partUses } from './navigate.js';

export interface InlayFact {
  /** Where the hint goes: just after the statement or the name. */
  offset: number;
  label: string;
  kind: 'lock' | 'origin';
}

export function inlayFacts(analysis: Analysis, path: string): InlayFact[] {
  const facts: InlayFact[] = [];
  for (const { set, part } of partsIn(analysis, path)) {
    const dialect = analysis.sets[set].dialect;
    for (const step of part.steps) {
      const change = step.statement.syntaxError ? undefined : step.statement.change;
      const lock = change && describeLock(change, dialect, { text: step.statement.text, schemaBefore: step.before });
      // The target is markdown for hovers (`movies`); a hint is plain text.
      if (lock) facts.push({ offset: step.statement.range.end, label: `${lock.mode} on ${lock.target.replaceAll('`', '')}`, kind: 'lock' });
    }
    for (const { use } of partUses(part)) {
      const created = use.resolved?.object.created;
      // Names being given (created, renamed to) came from nowhere else.
      if (use.kind !== 'table' || use.role === 'create' || use.role === 'rename-to' || !created || created.file === part.part.file) continue;
      facts.push({ offset: use.range.end, label: `← ${created.version}${created.migration ? ` ${created.migration}` : ''}`, kind: 'origin' });
    }
  }
  return facts.sort((a, b) => a.offset - b.offset);
}
