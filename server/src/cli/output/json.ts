// `check --format json`: a stable contract (version 1). Add fields only in a new version.

import type { CheckResult } from '../check-result.js';
import { displayPath, toOneBased } from './locations.js';

export function formatJson(result: CheckResult, cwd: string): string {
  const sets = result.sets.map((set) => ({
    root: displayPath(set.root, cwd),
    framework: set.framework,
    dialect: set.dialect,
    migrations: set.migrations,
  }));
  const findings = result.findings.map((finding) => ({
    file: displayPath(finding.file, cwd),
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    ...toOneBased(finding.range),
    related: finding.related.map((related) => {
      const { line, column } = toOneBased(related.location.range);
      return { file: displayPath(related.location.file, cwd), line, column, message: related.message };
    }),
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => ({ file: displayPath(edit.file, cwd), ...toOneBased(edit.range), newText: edit.newText })),
    })),
  }));
  return `${JSON.stringify({ version: 1, sets, findings }, null, 2)}\n`;
}
