// `migration-lens trace <dir> [--migration VERSION] [--target …]`: runs a pending migration in a
// transaction that is rolled back, and prints the locks each statement holds and the tables it
// rewrites (PostgreSQL). Exit 0: traced; 1: a statement failed; 2: bad usage or database error.

import { LineIndex } from '../../engine/model/source.js';
import { tracePendingMigration } from '../../db/trace-pending.js';
import { TARGET_OPTIONS_USAGE, runDatabaseCommand } from '../database-command.js';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io.js';
import { displayPath } from '../output/locations.js';

export const usage = `Usage: migration-lens trace <dir> [--migration VERSION] [--target embedded|docker|URL] [--format text|json]

Runs a pending migration of <dir> (PostgreSQL) inside a transaction that is always rolled back,
and reports after each statement the locks it holds and the tables or indexes it rewrote. A lock
on a relation the migration itself created is marked "new, blocks nobody".
  --migration       the pending migration to trace (default: the first pending one); the pending
                    migrations before it run first, untraced
${TARGET_OPTIONS_USAGE}
Exit code: 0 traced, 1 a statement failed, 2 bad usage or database error.
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand({
    name: 'trace',
    usage,
    options: { migration: { type: 'string', short: 'm' } },
    async run({ set, upStatements, connection, runner, json, values }) {
      const trace = await tracePendingMigration(connection, set, upStatements, { ...runner, version: values.migration as string | undefined });
      const lines = new LineIndex(runner.readFile(trace.file) ?? '');
      const statements = trace.statements.map((step) => {
        const { start } = lines.range(step.range);
        return { ...step, line: start.line + 1, column: start.character + 1 };
      });
      if (json) {
        io.stdout(`${JSON.stringify({ target: connection.description, migration: trace.migration.id, file: displayPath(trace.file, io.cwd), statements }, null, 2)}\n`);
      } else {
        io.stdout(`${trace.migration.id} on ${connection.description} (rolled back):\n`);
        for (const step of statements) {
          const where = `${displayPath(trace.file, io.cwd)}:${step.line}:${step.column}`;
          if (step.error || step.skipped) {
            io.stdout(`  ${where}  ${step.error ? `failed: ${step.error}` : `skipped: ${step.skipped}`}\n`);
            continue;
          }
          // A lock on a relation this migration created blocks nobody: say so rather than alarm.
          const taken = step.locks.filter((lock) => lock.takenByStatement).map((lock) => `${lock.relation} ${lock.mode}${lock.newRelation ? ' (new, blocks nobody)' : ''}`);
          const rewrite = step.rewritten.length ? `; rewrites ${step.rewritten.join(', ')}` : '';
          io.stdout(`  ${where}  ${taken.length ? `locks ${taken.join(', ')}` : 'no new locks'}${rewrite}\n`);
        }
      }
      return statements.some((step) => step.error) ? EXIT_FINDINGS : EXIT_OK;
    },
  }, argv, io);
}
