import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName, isSequential, mainPart, versioned } from './versions.js';

/** Longer runs of missing numbers are usually deliberate blocks (100, 200 …), not a lost file. */
const MAX_MISSING = 5;

export const versionGap: Rule = {
  id: 'version-gap',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A numbered sequence skips a version: 008 is followed by 010.',
    why:
      'Frameworks run a sequence with a hole in it without complaint, so the hole is a sign that a ' +
      'migration was never committed, was deleted after it ran somewhere, or sits on another branch: ' +
      'databases that ran it and databases that did not now have different schemas. Only sets numbered ' +
      `with small sequential integers are checked (every version below 100000; timestamps are not ` +
      `sequences), and only runs of 1 to ${MAX_MISSING} missing numbers (larger jumps are taken as deliberate). ` +
      'It is a warning, not an error, because the migrations still run.',
    fix: 'Restore the missing migration, or renumber the ones after the gap if they have not run anywhere yet.',
    examples: [{ bad: '008_collections_and_parse.up.sql\n010_complete_schema_refactor.up.sql', good: '008_collections_and_parse.up.sql\n009_quality_definitions_fix.up.sql\n010_complete_schema_refactor.up.sql' }],
  },
  checkSet(ctx) {
    const migrations = versioned(ctx.set);
    if (migrations.length < 2 || !migrations.every((m) => isSequential(m.version))) return;
    const ordered = [...migrations].sort((a, b) => Number(a.version) - Number(b.version));
    for (let i = 1; i < ordered.length; i++) {
      const before = ordered[i - 1];
      const after = ordered[i];
      const missing = Number(after.version) - Number(before.version) - 1;
      if (missing < 1 || missing > MAX_MISSING) continue;
      const width = Math.max(before.version.length, after.version.length);
      const pad = (n: number) => String(n).padStart(width, '0');
      const first = pad(Number(before.version) + 1);
      const what = missing === 1 ? `Version ${first} is` : `Versions ${first}–${pad(Number(after.version) - 1)} are`;
      const part = mainPart(after);
      ctx.report({
        file: part.file,
        range: ctx.anchor(part),
        message: `${what} missing between \`${fileName(mainPart(before).file)}\` and \`${fileName(part.file)}\`.`,
        related: [{ file: mainPart(before).file, range: ctx.anchor(mainPart(before)), message: `the version before the gap` }],
      });
    }
  },
};
