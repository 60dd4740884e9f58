import { analyze, initEngine } from './server/src/engine/analyze.js';
import { createNodeFileHost } from './server/src/node-file-host.js';
import { compareSchemas } from './server/src/engine/schema/compare.js';
await initEngine();
const a = analyze(['./test/fixtures/frameworks'].map(p=>process.cwd()+p.slice(1)), createNodeFileHost());
a.sets.forEach((s, i) => {
  for (const r of s.siblings) {
    if (r < s.root) continue;
    const j = a.sets.findIndex(x => x.root === r);
    console.log('==', s.root.split('frameworks/')[1], 'vs', r.split('frameworks/')[1]);
    console.log(s.migrations.map(m=>m.version).join(','), '|', a.sets[j].migrations.map(m=>m.version).join(','));
    for (const d of compareSchemas(a.replays[i].final(), a.replays[j].final())) console.log(JSON.stringify({...d, definedBy: undefined}));
  }
});
