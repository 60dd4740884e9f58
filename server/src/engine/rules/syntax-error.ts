// Syntax errors come from the parsers (analyze.ts reports them) rather than from a rule module;
// this is their metadata and docs, so they appear in the rule table and `--explain` like the rest.

import { SYNTAX_ERROR_RULE } from '../model/finding.js';
import { DIALECTS } from '../model/source.js';
import type { RuleMeta } from './rule.js';

export const syntaxError: RuleMeta = {
  id: SYNTAX_ERROR_RULE,
  category: 'syntax',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'The statement does not parse in the dialect of its migration set.',
    why:
      'The database rejects the statement when the migration runs, so the migration fails part-way ' +
      '(and, where the framework does not wrap it in a transaction, leaves the schema half-changed and ' +
      'the migration marked dirty). The rest of the file is still checked. When the cause is a construct ' +
      'of the other dialect (`JSONB` in a MySQL set, backticks in a PostgreSQL one) a dialect rule names it ' +
      'instead of this generic error.',
    fix:
      'Correct the statement at the reported position. If the dialect is wrong (MySQL syntax checked as ' +
      'PostgreSQL), set it with `--dialect`, the `migrationLens.dialect` setting or `.migration-lens.json`.',
  },
};
