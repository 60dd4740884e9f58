import type { Rule } from '../rule.js';

/** `utf8`, `utf8mb3` and their collations (`utf8_general_ci`, `utf8mb3_unicode_ci`). */
const UTF8MB3 = /^(utf8|utf8mb3)(_\w+)?$/i;
/** Words after which a character set or collation name follows. */
const CHARSET_WORDS = new Set(['charset', 'set', 'collate', 'names']);

export const mysqlLegacyUtfCharset: Rule = {
  id: 'mysql-legacy-utf-charset',
  category: 'style',
  dialects: ['mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports the `utf8` / `utf8mb3` character set and its collations.',
    why:
      '`utf8` is MySQL\'s alias for utf8mb3, which stores at most 3 bytes per character: emoji and other characters outside the ' +
      'Basic Multilingual Plane fail to insert ("Incorrect string value") or are cut off. utf8mb3 is deprecated in MySQL 8, and ' +
      'joining or comparing its columns with utf8mb4 ones defeats indexes. Converting later means copying every table.',
    fix: 'Use `utf8mb4` (and a `utf8mb4_…` collation, e.g. utf8mb4_0900_ai_ci on MySQL 8 or utf8mb4_unicode_ci).',
    examples: [{ bad: 'CREATE TABLE notes (body TEXT) DEFAULT CHARSET=utf8;', good: 'CREATE TABLE notes (body TEXT) DEFAULT CHARSET=utf8mb4;' }],
  },
  checkStatement(ctx) {
    const tokens = ctx.tokens;
    tokens.forEach((token, i) => {
      const match = UTF8MB3.exec(token.kind === 'string' ? token.text.slice(1, -1) : token.text);
      if (!match || (token.kind !== 'word' && token.kind !== 'string' && token.kind !== 'backtick')) return;
      const previous = tokens[i - 1]?.text === '=' ? tokens[i - 2] : tokens[i - 1];
      if (previous?.kind !== 'word' || !CHARSET_WORDS.has(previous.lower)) return;
      const replacement = token.text.replace(/utf8(mb3)?/i, 'utf8mb4');
      ctx.report({
        range: { start: token.start, end: token.end },
        message: `\`${match[0]}\` is utf8mb3, which cannot store 4-byte characters such as emoji and is deprecated: use \`${match[0].replace(/utf8(mb3)?/i, 'utf8mb4')}\`.`,
        fixes: [{ title: `Change to ${replacement}`, edits: [{ range: { start: token.start, end: token.end }, newText: replacement }], preferred: true }],
      });
    });
  },
};
