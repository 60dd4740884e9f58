// V8 settings for the processes that run the engine: the language server and the CLI. Both
// spend their first seconds parsing every migration of the workspace.
//
// Liftoff only: libpg-query is 1.7 MB of WebAssembly. By default V8 recompiles its hot functions
// with TurboFan while that first analysis runs, which on one core takes a first analysis of
// 2,000 migrations from ≈0.94 s to ≈1.4 s (medians; 1.6 s to 2.6 s on a slower machine). Analyses
// after an edit are not consistently faster for it; only a whole new project analysed in a warm
// process is (≈1.2 s instead of ≈1.45 s). `npm run bench -- engine` prints both settings.

import { setFlagsFromString } from 'node:v8';

/** Call before the parsers load (initEngine): V8 reads the flag when it compiles a module. */
export function tuneV8ForEngine(): void {
  setFlagsFromString('--liftoff-only');
}
