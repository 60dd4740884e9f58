// The analysis behind `check`, when its cache cannot answer: the engine over the given paths,
// reusing the parses the cache kept and keeping what this run read and found.

import { snapshotHost } from '../engine/host.js';
import { analyze, initEngine, type Dialect, type FileHost } from '../engine/index.js';
import type { CheckCache } from './check-cache.js';
import { summarizeAnalysis, type CheckResult } from './check-result.js';

export async function analyzeForCheck(
  paths: string[],
  dialect: Dialect | undefined,
  host: FileHost,
  cache?: { store: CheckCache; key: string },
): Promise<CheckResult> {
  await initEngine();
  if (!cache) return summarizeAnalysis(analyze(paths, host, { dialect }));
  const recording = snapshotHost(host);
  const result = summarizeAnalysis(analyze(paths, recording, { dialect, parses: cache.store.parses }));
  cache.store.keep(cache.key, result, recording);
  return result;
}
