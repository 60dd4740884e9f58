// The one engine entry point: files in, findings out. The language server and the CLI both call
// it; neither knows how sets are discovered or statements parsed.

import { discoverSets, type DiscoverOptions } from './discover/index.js';
import type { FileHost } from './host.js';
import { compareFindings, SYNTAX_ERROR_RULE, type Finding } from './model/finding.js';
import type { MigrationSet } from './model/migration-set.js';
import { LineIndex } from './model/source.js';
import { initParsers, parseStatements } from './parse/index.js';

export interface AnalyzeOptions extends DiscoverOptions {}

export interface Analysis {
  sets: MigrationSet[];
  findings: Finding[];
}

/** Loads the parsers' WebAssembly once; call before `analyze`. */
export async function initEngine(): Promise<void> {
  await initParsers();
}

/**
 * Analyses every migration set found under `paths` (files or folders, absolute, forward slashes).
 */
export function analyze(paths: string[], host: FileHost, options: AnalyzeOptions = {}): Analysis {
  const sets = discoverSets(paths, host, options);
  const findings: Finding[] = [];
  for (const set of sets) {
    for (const migration of set.migrations) {
      for (const part of [migration.up, migration.down]) {
        if (!part) continue;
        const text = host.readFile(part.file);
        if (text === undefined) continue;
        const lines = new LineIndex(text);
        for (const statement of parseStatements(text, part.range, set.dialect)) {
          if (!statement.syntaxError) continue;
          findings.push({
            rule: SYNTAX_ERROR_RULE,
            severity: 'error',
            message: statement.syntaxError.message,
            file: part.file,
            range: lines.range(statement.syntaxError.range),
            related: [],
            fixes: [],
          });
        }
      }
    }
  }
  findings.sort(compareFindings);
  return { sets, findings };
}
