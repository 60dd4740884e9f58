// `npm run bench`: runs every test/bench/*.bench.ts in turn. Each exports `run()`, which prints
// its figures; nothing here fails on a time (DESIGN.md: budgets are read from the output).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
    .sort();
  for (const file of files) {
    console.log(`\n# ${file}`);
    const bench = (await import(join(__dirname, file))) as { run(): Promise<void> };
    await bench.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
