// `check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Locations are relative
// to the working directory through the SRCROOT base, regions 1-based with an exclusive end
// column in UTF-16 code units (declared by `columnKind`).

import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Analysis, Finding, Range, Severity } from '../../engine/index.js';
import type { RuleMeta } from '../../engine/rules/rule.js';
import { displayPath, toOneBased } from './locations.js';

const SRCROOT = 'SRCROOT';

export interface SarifTool {
  version: string;
  /** Rules with documentation; rules that fire without any are listed by id only. */
  rules: readonly RuleMeta[];
}

export function formatSarif(analysis: Pick<Analysis, 'findings'>, cwd: string, tool: SarifTool): string {
  const rules = describeRules(tool.rules, analysis.findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const location = (file: string, range: Range): Sarif.PhysicalLocation => ({
    artifactLocation: { uri: relativeUri(file, cwd), uriBaseId: SRCROOT },
    region: sarifRegion(range),
  });
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Migration Lens',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: 'https://github.com/migration-lens/migration-lens',
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: analysis.findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule),
          level: sarifLevel(finding.severity),
          message: { text: finding.message },
          locations: [{ physicalLocation: location(finding.file, finding.range) }],
          relatedLocations: finding.related.map((related, id) => ({
            id,
            message: { text: related.message },
            physicalLocation: location(related.location.file, related.location.range),
          })),
          fixes: finding.fixes.map((fix) => sarifFix(fix, cwd)),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRules(documented: readonly RuleMeta[], findings: Finding[]): Sarif.ReportingDescriptor[] {
  const described: Sarif.ReportingDescriptor[] = documented.map((rule) => ({
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.why },
    help: {
      text: `${rule.docs.summary}\n\nWhy: ${rule.docs.why}\n\nFix: ${rule.docs.fix}`,
      markdown: `${rule.docs.summary}\n\n**Why:** ${rule.docs.why}\n\n**Fix:** ${rule.docs.fix}`,
    },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: [rule.category, ...rule.dialects] },
  }));
  const known = new Set(documented.map((rule) => rule.id));
  for (const finding of findings) {
    if (known.has(finding.rule)) continue;
    known.add(finding.rule);
    described.push({ id: finding.rule, name: pascalCase(finding.rule) });
  }
  return described;
}

function sarifFix(fix: Finding['fixes'][number], cwd: string): Sarif.Fix {
  const byFile = new Map<string, Sarif.Replacement[]>();
  for (const edit of fix.edits) {
    const replacements = byFile.get(edit.file) ?? [];
    replacements.push({ deletedRegion: sarifRegion(edit.range), insertedContent: { text: edit.newText } });
    byFile.set(edit.file, replacements);
  }
  return {
    description: { text: fix.title },
    artifactChanges: [...byFile].map(([file, replacements]) => ({
      artifactLocation: { uri: relativeUri(file, cwd), uriBaseId: SRCROOT },
      replacements,
    })),
  };
}

function sarifRegion(range: Range): Sarif.Region {
  const { line, column, endLine, endColumn } = toOneBased(range);
  return { startLine: line, startColumn: column, endLine, endColumn };
}

function sarifLevel(severity: Severity): Sarif.Result.level {
  return severity === 'info' ? 'note' : severity;
}

/** A relative URI reference: each path segment percent-encoded, `/` kept. */
function relativeUri(file: string, cwd: string): string {
  return displayPath(file, cwd).split('/').map(encodeURIComponent).join('/');
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
