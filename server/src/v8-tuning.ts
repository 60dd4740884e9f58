// V8 settings for the processes that run the engine: the language server and the CLI. Both
// spend their first seconds parsing every migration of the workspace.
//
// Liftoff only: libpg-query is 1.7 MB of WebAssembly. By default V8 recompiles its hot functions
// with TurboFan while that first analysis runs, which on one core makes a first analysis of
// 2,000 migrations slower (medians: 1.41 s instead of 0.94 s, 1.56 s instead of 1.26 s; 2.6 s
// instead of 1.6 s on a slower machine). Analyses after an edit are not consistently faster for
// it; a whole new project analysed in a warm process can be. `npm run bench -- engine` prints both.

import { setFlagsFromString } from 'node:v8';

/** Call before the parsers load (initEngine): V8 reads the flag when it compiles a module. */
export function tuneV8ForEngine(): void {
  setFlagsFromString('--liftoff-only');
}
