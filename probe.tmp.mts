import { parseStatements, initParsers } from '/work/main/server/src/engine/parse/index.js';
await initParsers();
const sqls = process.argv.slice(2);
for (const d of ['mysql','mariadb'] as const) for (const sql of sqls) {
  const s = parseStatements(sql, {start:0,end:sql.length}, d);
  console.log(d, JSON.stringify(s.map(x => x.syntaxError ?? x.change), (k,v)=> k==='range'? `${v.start}-${v.end}`: v));
}
