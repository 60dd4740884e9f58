// Prints the JSON schema of .migration-lens.json (server/src/engine/config/json-schema.ts, with
// every rule of the registry), or rewrites schemas/migration-lens.schema.json, which the
// extension contributes through `jsonValidation`.
//
//   node scripts/config-schema.mjs           print the schema
//   node scripts/config-schema.mjs --write   rewrite schemas/migration-lens.schema.json
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const SCHEMA_FILE = fileURLToPath(new URL('../schemas/migration-lens.schema.json', import.meta.url));

const { RULE_CATALOG } = await tsImport('../server/src/engine/rules/index.ts', import.meta.url);
const { catalogEntry } = await tsImport('../server/src/engine/rules/catalog-entry.ts', import.meta.url);
const { projectConfigJsonSchema } = await tsImport('../server/src/engine/config/json-schema.ts', import.meta.url);

const text = `${JSON.stringify(projectConfigJsonSchema(RULE_CATALOG.map(catalogEntry)), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) {
    writeFileSync(SCHEMA_FILE, text);
    process.stdout.write(`config-schema: wrote ${RULE_CATALOG.length} rules to schemas/migration-lens.schema.json\n`);
  } else process.stdout.write(text);
}
