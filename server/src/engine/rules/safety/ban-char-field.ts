import type { TypeRef } from '../../model/changes.js';
import type { Rule } from '../rule.js';
import { alterActions } from './shared/statement.js';

const isCharType = (type: TypeRef) => type.name === 'character' || type.name === 'char';

export const banCharField: Rule = {
  id: 'ban-char-field',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports columns of type `char(n)` / `character(n)` / `bpchar`.',
    why: '`char(n)` pads values with spaces to n characters, compares ignoring trailing spaces and is no faster than `text` or `varchar` in PostgreSQL; it is almost always a mistake that surprises clients with padded strings.',
    fix: 'Use `text` (with a CHECK on length if needed) or `varchar(n)`.',
    examples: [{ bad: 'CREATE TABLE countries (code char(2));', good: 'CREATE TABLE countries (code text CHECK (length(code) = 2));' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    const types: TypeRef[] = [];
    if (change?.kind === 'create-table') types.push(...change.columns.map((column) => column.type));
    types.push(...alterActions(ctx, 'add-column').map(({ action }) => action.column.type));
    types.push(...alterActions(ctx, 'alter-column-type').map(({ action }) => action.type));
    for (const type of types.filter(isCharType)) {
      const replacement = `text${'[]'.repeat(type.arrayDims)}`;
      ctx.report({
        range: type.range,
        message: `\`${type.raw}\` pads values with spaces and is no faster than \`text\`; use \`text\` or \`varchar\`.`,
        fixes: [{ title: `Change to \`${replacement}\``, edits: [{ range: type.range, newText: replacement }], preferred: true }],
      });
    }
  },
};
