// Rules describe quick fixes in file offsets, like everything else inside the engine; the rule
// runner turns them into position-based `Fix` objects (model/finding.ts) when findings leave it.

import type { Fix } from '../model/finding.js';
import type { LineIndex, SourceRange } from '../model/source.js';

export interface EditDraft {
  /** Absolute path; the file of the finding when absent. */
  file?: string;
  range: SourceRange;
  newText: string;
}

export interface FixDraft {
  title: string;
  edits: EditDraft[];
  preferred?: boolean;
}

export function toFix(draft: FixDraft, defaultFile: string, linesOf: (file: string) => LineIndex): Fix {
  const fix: Fix = {
    title: draft.title,
    edits: draft.edits.map((edit) => {
      const file = edit.file ?? defaultFile;
      return { file, range: linesOf(file).range(edit.range), newText: edit.newText };
    }),
  };
  if (draft.preferred) fix.preferred = true;
  return fix;
}
