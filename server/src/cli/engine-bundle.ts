// Where dist/cli.js finds the engine half of the command line (engine-side.ts). Built, it is the
// bundle dist/cli-engine.js beside it (scripts/build.mjs points this require there); run from
// source, the module itself.

type EngineSide = typeof import('./engine-side.js');

let loaded: EngineSide | undefined;

export function engineSide(): EngineSide {
  loaded ??= require('./engine-side.js') as EngineSide;
  return loaded;
}
