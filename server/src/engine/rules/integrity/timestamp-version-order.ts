import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName, formatTimestamp, mainPart, ORDER_BASIS, timestampOf, versioned } from './versions.js';

export const timestampVersionOrder: Rule = {
  id: 'timestamp-version-order',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'Timestamp versions in different formats make a later migration run before an earlier one.',
    why:
      'Frameworks order versions as numbers or names, not as dates. When a set mixes timestamp formats ' +
      '(`YYYYMMDDHHMMSS` with `YYYYMMDDHHMM`, Unix seconds with milliseconds), a migration written later can ' +
      'sort before older ones: new databases then run it before the tables it expects exist, and databases ' +
      'that already ran the others skip it (golang-migrate) or apply it out of order. What is checked, exactly: ' +
      'each version that reads as a timestamp (14, 12 or 8 digits as a calendar date, 13 or 10 digits as Unix ' +
      'milliseconds or seconds, between 1990 and 2100) is compared with every timestamp after it in the ' +
      "framework's order; it is reported when one of them is older. Git history is not consulted, so a file " +
      'that was merely added late with a correct older timestamp is not reported.',
    fix: 'Rename the migration to the set\'s timestamp format (e.g. `202403011200_x.sql` → `20240301120000_x.sql`) before it runs anywhere.',
    examples: [{ bad: '20240101120000_create_users.sql\n20240201120000_create_orders.sql\n202403011200_add_index.sql', good: '20240101120000_create_users.sql\n20240201120000_create_orders.sql\n20240301120000_add_index.sql' }],
  },
  checkSet(ctx) {
    const timestamped = versioned(ctx.set).flatMap((migration) => {
      const at = timestampOf(migration.version);
      return at === undefined ? [] : [{ migration, at }];
    });
    timestamped.forEach(({ migration, at }, i) => {
      const older = timestamped.slice(i + 1).find((later) => later.at < at);
      if (!older) return;
      const part = mainPart(migration);
      const olderPart = mainPart(older.migration);
      ctx.report({
        file: part.file,
        range: ctx.anchor(part),
        message:
          `\`${fileName(part.file)}\` (${formatTimestamp(at)}) runs before the older \`${fileName(olderPart.file)}\` ` +
          `(${formatTimestamp(older.at)}): ${ORDER_BASIS[ctx.set.framework]}, and version ${migration.version} has ` +
          `${migration.version.length} digits where ${older.migration.version} has ${older.migration.version.length}.`,
        related: [{ file: olderPart.file, range: ctx.anchor(olderPart), message: 'older, yet runs after it' }],
      });
    });
  },
};
