// Prints the README rule table from the rule registry, or rewrites it in place.
//
//   node scripts/rule-table.mjs           print the Markdown table
//   node scripts/rule-table.mjs --write   replace the block between <!-- rules:start --> and
//                                         <!-- rules:end --> in README.md
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';
const readme = fileURLToPath(new URL('../README.md', import.meta.url));

const { RULE_CATALOG } = await tsImport('../server/src/engine/rules/index.ts', import.meta.url);
const { catalogEntry, dialectList } = await tsImport('../server/src/engine/rules/catalog-entry.ts', import.meta.url);

const cell = (text) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const rows = RULE_CATALOG.map(catalogEntry).map((rule) => [`\`${rule.id}\``, rule.category, dialectList(rule.dialects), rule.defaultLevel, cell(rule.summary)].join(' | '));
const table = ['| Rule | Category | Dialects | Default | What it reports |', '|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');

if (!process.argv.includes('--write')) {
  process.stdout.write(`${table}\n`);
} else {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    process.stderr.write(`rule-table: README.md has no ${START} … ${END} block; add the two markers where the table goes.\n`);
    process.exit(2);
  }
  writeFileSync(readme, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
  process.stdout.write(`rule-table: wrote ${rows.length} rules to README.md\n`);
}
