import { DIALECTS } from '../../model/source.js';
import { FULL_PARSE_BUDGET } from '../../parse/large-part.js';
import type { Rule } from '../rule.js';

/** 12,345: written by hand, as toLocaleString's first call loads ICU's locale data (15 ms at start-up). */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export const largeFileSkimmed: Rule = {
  id: 'large-file-skimmed',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'info',
  docs: {
    summary: 'Says which rows of a very large migration file were read for their table and columns only, not parsed one by one.',
    why:
      `A seed file with tens of thousands of INSERT statements would cost seconds and hundreds of megabytes to parse row by row, ` +
      `on every analysis, and hold up the diagnostics of every other file. After the first ${count(FULL_PARSE_BUDGET)} statements of a part, ` +
      'a row that repeats an earlier row\'s `INSERT INTO t (…) VALUES` head, with nothing but literal value lists after it, takes that ' +
      'row\'s meaning (the table and the columns it writes) instead of its own parse. Schema changes and every other statement are still ' +
      'parsed and checked. A typo inside such a row\'s values is therefore found by the database when the file runs, not here.',
    fix: 'Nothing to fix. To have every row checked, load large data sets with `COPY` / `LOAD DATA` from a data file, or split the file.',
    examples: [],
  },
  checkMigration(ctx) {
    for (const part of [ctx.migration.up, ctx.migration.down]) {
      const statements = part && ctx.statements(part);
      const first = statements?.find((statement) => statement.skimmed);
      if (!part || !statements || !first) continue;
      const skimmed = statements.reduce((n, statement) => (statement.skimmed ? n + 1 : n), 0);
      ctx.report({
        file: part.file,
        range: first.range,
        message:
          `This file has ${count(statements.length)} statements: from here on, ${count(skimmed)} INSERT rows that repeat an earlier row's ` +
          '`INSERT INTO … VALUES` were read for their table and columns, not parsed one by one; a mistake inside their values shows when the file runs.',
      });
    }
  },
};
