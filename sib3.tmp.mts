import { analyze, initEngine } from './server/src/engine/analyze.js';
import { createNodeFileHost } from './server/src/node-file-host.js';
await initEngine();
const a = analyze([process.cwd()+'/'+(process.argv[2] ?? 'test/fixtures/frameworks')], createNodeFileHost());
for (const f of a.findings) if (!['syntax-error'].includes(f.rule) || process.argv[3]) console.log(f.rule, f.file.replace(process.cwd()+'/',''), f.range.start.line+1, f.message, f.related.map(r=>r.location.file.replace(process.cwd()+'/','')+':'+(r.location.range.start.line+1)+' '+r.message).join(' ; '));
