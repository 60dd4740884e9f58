import { DIALECTS } from '../../model/source.js';
import type { HistoryEntry } from '../../schema/model.js';
import type { Rule } from '../rule.js';
import { describeUse, disappearance, kindWord, where } from './describe.js';
import { dependencyFacts, type MissingReference } from './references.js';
import { sentenceCase } from '../sentence.js';

export const droppedObjectUsedLater: Rule = {
  id: 'dropped-object-used-later',
  category: 'dependency',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'A migration drops or renames an object that later migrations still use by its old name.',
    why:
      'Every later migration that uses the object fails, and the history can no longer be replayed from scratch (new environments, CI, disaster recovery). ' +
      'The finding sits on the drop or rename and lists each later use; each use is also reported by the missing-*-reference rules. ' +
      'Uses in the same migration\'s down part are left to the down-part checks.',
    fix: 'Keep the object until nothing uses it (move the drop to a later migration), update the later migrations that have not run anywhere yet, or recreate the object before they run.',
    examples: [{ bad: '-- 010_refactor.up.sql\nDROP TABLE quality_definitions;\n-- 011_defaults.up.sql\nINSERT INTO quality_definitions (name) VALUES (\'HD\');' }],
  },
  checkSet(ctx) {
    const files = new Set(ctx.set.migrations.flatMap((m) => [m.up?.file, m.down?.file]));
    // By where the drop happened: uses found in different analyses hold equal, not identical, entries.
    const usesByDrop = new Map<string, { entry: HistoryEntry; uses: MissingReference[] }>();
    for (const reference of dependencyFacts(ctx).missing) {
      if (reference.fate.kind !== 'gone') continue;
      const { entry } = reference.fate;
      const ownDown = reference.at.part.direction === 'down' && reference.at.migration.up?.file === entry.origin.file;
      if (ownDown || !files.has(entry.origin.file)) continue;
      const drop = `${entry.kind}:${entry.name}:${entry.origin.file}:${entry.origin.range.start}`;
      const group = usesByDrop.get(drop);
      if (group) group.uses.push(reference);
      else usesByDrop.set(drop, { entry, uses: [reference] });
    }
    for (const { entry, uses } of usesByDrop.values()) {
      const usedIn = [...new Set(uses.map((use) => where(use.at.part)))].join(', ');
      ctx.report({
        file: entry.origin.file,
        range: entry.origin.range,
        message: `${sentenceCase(kindWord(entry.kind))} \`${entry.name}\` is ${disappearance(entry)} here, but later migrations still use ${entry.action === 'renamed' ? 'the old name' : 'it'}: ${usedIn}.`,
        related: uses.map((use) => ({
          file: use.at.part.file,
          range: use.range,
          message: `${describeUse(use.at.statement.change, use.range)} uses \`${use.name}\` after it was ${entry.action}`,
        })),
      });
    }
  },
};
