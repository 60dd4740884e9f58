// One entry for scripts/test.mjs, which loads TypeScript through tsx's tsImport: a single
// module graph keeps `instanceof MissingServerBinary` meaningful.
export { startMariaDb } from './mariadb.js';
export { startPostgres } from './postgres.js';
export { startDockerEngine } from '../docker/engine.js';
export { MissingServerBinary } from './server.js';
export { serverVariables } from './environment.js';
