// Rules describe quick fixes in file offsets, like everything else inside the engine; the rule
// runner turns them into position-based `Fix` objects (model/finding.ts) when findings leave it.

import type { Fix } from '../model/finding.js';
import type { LineIndex, SourceRange } from '../model/source.js';

/**
 * A text edit. Creating a file is an edit too: an insert at offset 0 (`range` {0, 0}) into a path
 * that does not exist yet means "create this file with `newText`" (see `createFileEdit`). Front
 * ends check whether the file exists and turn such an edit into a CreateFile operation followed
 * by the insert (LSP `documentChanges`; the CLI writes the file).
 */
export interface EditDraft {
  /** Absolute path; the file of the finding when absent. */
  file?: string;
  range: SourceRange;
  newText: string;
}

/** An edit that creates `file` (which must not exist yet) holding `text`. */
export function createFileEdit(file: string, text: string): EditDraft {
  return { file, range: { start: 0, end: 0 }, newText: text };
}

export interface FixDraft {
  title: string;
  edits: EditDraft[];
  preferred?: boolean;
}

const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function toFix(draft: FixDraft, defaultFile: string, linesOf: (file: string) => LineIndex): Fix {
  const fix: Fix = {
    title: draft.title,
    edits: draft.edits.map((edit) => {
      const file = edit.file ?? defaultFile;
      // The start of a file is line 0 whatever it holds: a file the fix creates is never read.
      const range = edit.range.end === 0 ? START_OF_FILE : linesOf(file).range(edit.range);
      return { file, range, newText: edit.newText };
    }),
  };
  if (draft.preferred) fix.preferred = true;
  return fix;
}
