import { readFileSync, readdirSync } from 'node:fs';
const dir = '.scratch-store/prof'; const f = readdirSync(dir).filter(x=>x.endsWith('.cpuprofile')).sort().pop();
const p = JSON.parse(readFileSync(dir+'/'+f,'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map(n=>[n.id,n]));
const dt = {}; for (let i=0;i<p.samples.length;i++){ dt[p.samples[i]] = (dt[p.samples[i]]||0) + (p.timeDeltas[i]||0); }
for (const n of p.nodes){ const k = n.callFrame.functionName+' '+n.callFrame.url.split('/').slice(-2).join('/')+':'+n.callFrame.lineNumber; self.set(k,(self.get(k)||0)+(dt[n.id]||0)); }
console.log([...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
