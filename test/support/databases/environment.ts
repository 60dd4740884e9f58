/**
 * The contract between scripts/test.mjs and the test files: the runner starts each server once
 * and hands its URL to every test process in an environment variable, or, when the server is
 * not installed on a developer machine, the reason the tests that need it are skipped.
 */
export const serverVariables = {
  postgres: { url: 'ML_TEST_POSTGRES_URL', skipReason: 'ML_TEST_POSTGRES_SKIP' },
  mysql: { url: 'ML_TEST_MYSQL_URL', skipReason: 'ML_TEST_MYSQL_SKIP' },
  /** A Docker daemon with the test images (test/support/docker), for the suites under test/docker. */
  docker: { url: 'ML_TEST_DOCKER', skipReason: 'ML_TEST_DOCKER_SKIP' },
} as const;

export type ServerKind = keyof typeof serverVariables;

export type TestServerUrl = { url: string; skip: false } | { url: undefined; skip: string };

/** For `test(name, { skip: server.skip }, …)`: the server's URL, or why the test is skipped. */
export function testServerUrl(kind: ServerKind): TestServerUrl {
  const names = serverVariables[kind];
  const url = process.env[names.url];
  if (url) return { url, skip: false };
  const skipReason = process.env[names.skipReason];
  if (skipReason) return { url: undefined, skip: skipReason };
  const hint = `${names.url} is not set: run tests through \`npm test\` or \`node scripts/test.mjs <paths>\`, which start the servers`;
  // In CI a test that quietly skips is a test that never runs.
  if (process.env.CI === 'true') throw new Error(hint);
  return { url: undefined, skip: hint };
}
