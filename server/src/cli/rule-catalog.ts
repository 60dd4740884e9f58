// The rules whose documentation the CLI can show (SARIF help today, `--explain` later).
// Syntax errors come from the parsers rather than from a rule module, so their docs live here;
// rule modules carry their own `docs` and join this list as the engine exports them.

import { DIALECTS, SYNTAX_ERROR_RULE } from '../engine/index.js';
import type { RuleMeta } from '../engine/rules/rule.js';

const syntaxError: RuleMeta = {
  id: SYNTAX_ERROR_RULE,
  category: 'syntax',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'The statement does not parse in the dialect of its migration set.',
    why:
      'The database rejects the statement when the migration runs, so the migration fails part-way ' +
      '(and, where the framework does not wrap it in a transaction, leaves the schema half-changed and ' +
      'the migration marked dirty). The rest of the file is still checked.',
    fix:
      'Correct the statement at the reported position. If the dialect is wrong (MySQL syntax checked as ' +
      'PostgreSQL), set it with `--dialect`, the `migrationLens.dialect` setting or `.migration-lens.json`.',
  },
};

export const ruleCatalog: readonly RuleMeta[] = [syntaxError];
