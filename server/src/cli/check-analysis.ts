// The analysis behind `check`, when its cache cannot answer: the engine over the given paths,
// reusing the parses the cache kept and keeping what this run read and found.

import { snapshotHost } from '../engine/host.js';
import { analyze, initEngine, type Analysis, type Dialect, type FileHost } from '../engine/index.js';
import type { CheckCache } from './check-cache.js';

export async function analyzeForCheck(
  paths: string[],
  dialect: Dialect | undefined,
  host: FileHost,
  cache?: { store: CheckCache; key: string },
): Promise<Pick<Analysis, 'sets' | 'findings'>> {
  await initEngine();
  if (!cache) return analyze(paths, host, { dialect });
  const recording = snapshotHost(host);
  const { sets, findings } = analyze(paths, recording, { dialect, parses: cache.store.parses });
  cache.store.keep(cache.key, { sets, findings }, recording);
  return { sets, findings };
}
