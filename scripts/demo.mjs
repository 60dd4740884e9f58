// `npm run demo`: checks examples/ with the built CLI and explains the outcome. examples/ holds one
// deliberately broken migration, so the check is expected to find an error (exit 1); the demo
// fails only when the CLI itself could not run (exit 2, a crash, or a signal).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = ['dist/cli.js', 'check', 'examples'];
console.log(`$ node ${command.join(' ')}\n`);
const result = spawnSync(process.execPath, command, { cwd: root, stdio: 'inherit' });

if (result.status === 0) {
  console.log('\nExit code 0: no errors found.');
} else if (result.status === 1) {
  console.log(
    '\nExit code 1: the check found errors, as intended. examples/postgres/000007_create_task_comments.up.sql\n' +
      'has a trailing comma after its last column. In CI this exit code fails the build.',
  );
} else {
  const how = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
  console.error(`\nThe CLI did not run correctly (${how}).`);
  process.exit(1);
}
