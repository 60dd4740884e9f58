// The extension's snippets as the tests read them: each with its placeholders left at their
// defaults, split into the migrations its comments ask for, after a history that creates the
// tables the defaults name.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}

export type SnippetFile = 'postgres' | 'mysql' | 'frameworks';

export function readSnippets(file: SnippetFile): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(__dirname, '../../snippets', `${file}.code-snippets`), 'utf8')) as Record<string, Snippet>;
}

/** The text VS Code inserts when every placeholder is left at its default (choices: the first). */
export function expandDefaults(body: string[]): string {
  let text = body.join('\n');
  // Innermost first, so a placeholder nested in another's default expands before it.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{\d+:((?:[^{}$\\]|\\.|\$(?!\{))*)\}/g, (_, value: string) => value)
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, (_, first: string) => first);
  }
  return text.replace(/\$\{?\d+\}?/g, '').replace(/\\([$}\\])/g, '$1');
}

/** A snippet's steps: split where a line starts "-- 2." and so on, as its comments ask (each step its own migration). */
export const snippetSteps = (text: string): string[] => text.split(/\n(?=-- \d+\. )/);

/** What the snippets' defaults name, created by earlier migrations; the column only when the snippet does not add it. */
export function historyFor(steps: string[]): string[] {
  const tables = 'CREATE TABLE referenced_table (id bigint PRIMARY KEY);\nCREATE TABLE table_name (id bigint PRIMARY KEY, created_at timestamp NULL);\n';
  return /ADD COLUMN\s+column_name/i.test(steps.join('\n')) ? [tables] : [tables, 'ALTER TABLE table_name ADD COLUMN column_name bigint NULL;\n'];
}
