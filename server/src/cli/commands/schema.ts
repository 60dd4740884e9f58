// `migration-lens schema <dir> [--at VERSION] [--format json|sql]`: prints the schema the
// migrations in <dir> produce, after every migration or after the one named by --at.
// Exit 0: printed; 2: bad usage, no migrations, or an unknown version.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, initEngine, normalizePath } from '../../engine/index.js';
import type { Migration } from '../../engine/model/migration-set.js';
import type { Origin } from '../../engine/schema/model.js';
import { schemaToJson, schemaToSql } from '../../engine/schema/print.js';
import { createNodeFileHost } from '../../node-file-host.js';
import { EXIT_OK, reportError, type CliIO } from '../io.js';

const FORMATS = ['sql', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const usage = `Usage: migration-lens schema <dir> [--at VERSION] [--format sql|json]

Replays the migrations in <dir> and prints the resulting schema.
  --at      stop after the migration with this version (default: after the last one)
  --format  sql (default): DDL in the set's dialect; json: every object with where it was created
Exit code: 0 printed, 2 bad usage, no migrations found, or an unknown version.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(usage);
    return EXIT_OK;
  }
  const fail = (message: string) => reportError(io, 'schema', message);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { at: { type: 'string' }, format: { type: 'string', short: 'f' } } });
  } catch (error) {
    return fail(`${(error as Error).message}; run \`migration-lens schema --help\` for the options`);
  }
  const { at, format = 'sql' } = parsed.values;
  if (!(FORMATS as readonly string[]).includes(format)) return fail(`unknown format "${format}"; use one of ${FORMATS.join(', ')}`);
  if (parsed.positionals.length !== 1) return fail('pass exactly one migration folder, e.g. `migration-lens schema db/migrations`');

  const dir = normalizePath(resolve(io.cwd, parsed.positionals[0]));
  await initEngine();
  const host = createNodeFileHost();
  const analysis = analyze([dir], host);
  if (analysis.sets.length === 0) return fail(`no .sql migrations found under ${parsed.positionals[0]}`);
  if (analysis.sets.length > 1) {
    return fail(`${analysis.sets.length} migration sets under ${parsed.positionals[0]} (${analysis.sets.map((s) => s.root).join(', ')}); pass one of them`);
  }
  const [set] = analysis.sets;
  const [replay] = analysis.replays;

  let schema = replay.final();
  if (at !== undefined) {
    const index = set.migrations.findIndex((migration) => sameVersion(migration, at));
    if (index < 0) {
      const nearest = nearestVersions(set.migrations.map((m) => m.version), at);
      return fail(`no migration with version "${at}" in ${set.root}; nearest: ${nearest.join(', ') || 'none (the set is empty)'}`);
    }
    schema = replay.migration(index).after;
  }

  const statementText = (origin: Origin) => host.readFile(origin.file)?.slice(origin.range.start, origin.range.end);
  io.stdout(format === 'json' ? `${JSON.stringify(schemaToJson(schema, { provenance: true }), null, 2)}\n` : schemaToSql(schema, { statementText }));
  return EXIT_OK;
}

/** `--at 7` finds `007`: the framework's own version key, or the same number. */
function sameVersion(migration: Migration, wanted: string): boolean {
  if (migration.version === wanted || migration.versionKey === wanted) return true;
  return /^\d+$/.test(wanted) && /^\d+$/.test(migration.version) && BigInt(wanted) === BigInt(migration.version);
}

/** Up to three versions closest to `wanted`: numerically when both are numbers, else in sort order. */
function nearestVersions(versions: string[], wanted: string): string[] {
  const numeric = /^\d+$/.test(wanted);
  const distance = (version: string): number => {
    if (numeric && /^\d+$/.test(version)) return Math.abs(Number(version) - Number(wanted));
    const sorted = [...versions, wanted].sort();
    return Math.abs(sorted.indexOf(version) - sorted.indexOf(wanted)) + Number.MAX_SAFE_INTEGER / 2;
  };
  return [...versions].sort((a, b) => distance(a) - distance(b) || a.localeCompare(b)).slice(0, 3);
}
