import { readFileSync, readdirSync } from 'node:fs';
const dir = '.scratch-store/prof'; const f = readdirSync(dir).filter(x=>x.endsWith('.cpuprofile')).map(x=>[x,readFileSync(dir+'/'+x).length]).sort((a,b)=>b[1]-a[1])[0][0];
const p = JSON.parse(readFileSync(dir+'/'+f,'utf8'));
const byId = new Map(p.nodes.map(n=>[n.id,n]));
const dt = {}; for (let i=0;i<p.samples.length;i++){ dt[p.samples[i]] = (dt[p.samples[i]]||0) + (p.timeDeltas[i]||0); }
const parent = new Map(); for (const n of p.nodes) for (const c of n.children||[]) parent.set(c, n.id);
const incl = new Map();
const key = n => n.callFrame.functionName+' '+n.callFrame.url.split('/').slice(-3).join('/');
let total=0;
for (const n of p.nodes) { const t = dt[n.id]||0; if (!t || ['(idle)','(program)'].includes(n.callFrame.functionName)) continue; total+=t; const seen=new Set(); let cur=n.id; while(cur!=null){ const k=key(byId.get(cur)); if(!seen.has(k)){seen.add(k); incl.set(k,(incl.get(k)||0)+t);} cur=parent.get(cur);} }
console.log('total', total/1000);
console.log([...incl.entries()].filter(([k])=>/compile|executeQuery|transformQuery|#compile|build|toOperationNode|execute /.test(k)).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
