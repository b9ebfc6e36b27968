import { readFileSync } from 'node:fs';
import { simhashWords, hammingDistance } from '../src/merge/simhash.ts';
const docs = [...readFileSync('/work/shared/data/dev/documents.jsonl','utf8').split('\n'), ...readFileSync('/work/shared/data/dev-extra/documents.jsonl','utf8').split('\n')].filter(Boolean).map(l=>JSON.parse(l)).filter(d=>d.text);
function fnv(s: string, seed: number) { let h=(0x811c9dc5^seed)>>>0; for (let i=0;i<s.length;i++){h^=s.charCodeAt(i);h=Math.imul(h,0x01000193)>>>0;} h^=h>>>16;h=Math.imul(h,0x85ebca6b)>>>0;h^=h>>>13;h=Math.imul(h,0xc2b2ae35)>>>0;h^=h>>>16;return h>>>0; }
function sh(text: string, mode: string, K=3) {
  const w = simhashWords(text); const v = new Float64Array(64); const n=Math.max(1,w.length-K+1);
  const seen = new Set<string>();
  for (let i=0;i<n;i++){ const s=w.slice(i,i+K).join(' '); if (mode!=='dup' && seen.has(s)) continue; seen.add(s);
    const hi=fnv(s,0x9e3779b9), lo=fnv(s,0x7f4a7c15); let wt=1;
    if (mode==='pareto') wt = 1/((fnv(s,0x1234567)+1)/4294967297);
    if (mode==='pareto2') wt = 1/Math.sqrt((fnv(s,0x1234567)+1)/4294967297);
    for (let b=0;b<32;b++){ v[b]+=((hi>>>(31-b))&1?1:-1)*wt; v[32+b]+=((lo>>>(31-b))&1?1:-1)*wt; } }
  let hex=''; for (let q=0;q<16;q++){ let x=0; for(let b=0;b<4;b++) if (v[q*4+b]>0) x|=1<<(3-b); hex+=x.toString(16);} return hex;
}
const sentences = (t: string) => t.split(/(?<=[.!؟])\s+/);
for (const mode of ['uniform','pareto2','pareto']) for (const K of [2,3]) {
  const edits: Record<string, number[]> = { footer: [], dateline: [], dropLast: [], dropFirst: [], editWord: [] };
  const unrelated: number[] = [];
  for (let i=0;i<docs.length;i++){ const t=docs[i].text; const h=sh(t,mode,K);
    edits.footer.push(hammingDistance(h, sh(t+'\nتابعونا على تلغرام',mode,K)));
    edits.dateline.push(hammingDistance(h, sh('دمشق (خاص) - '+t,mode,K)));
    const ss=sentences(t); if (ss.length>3){ edits.dropLast.push(hammingDistance(h, sh(ss.slice(0,-1).join(' '),mode,K))); edits.dropFirst.push(hammingDistance(h, sh(ss.slice(1).join(' '),mode,K))); }
    const ws=t.split(' '); const k=Math.floor(ws.length/2); ws[k]='كلمة'; edits.editWord.push(hammingDistance(h, sh(ws.join(' '),mode,K)));
    for (let j=i+1;j<Math.min(docs.length,i+40);j++) unrelated.push(hammingDistance(h, sh(docs[j].text,mode,K)));
  }
  const le3 = (a: number[]) => (a.filter(x=>x<=3).length/a.length*100).toFixed(0)+'%';
  console.log(mode, K, Object.entries(edits).map(([k,a])=>k+':'+le3(a)).join(' '), 'unrelated<=3:', unrelated.filter(x=>x<=3).length, '/', unrelated.length, 'min', Math.min(...unrelated), 'unrelated<=10', unrelated.filter(x=>x<=10).length);
}
console.log(docs.length, 'docs; median words', simhashWords(docs[0].text).length);
{
  const mode='uniform', K=3;
  const edits: Record<string, number[]> = { footer: [], dropLast: [], editWord: [], unrelated: [] };
  for (let i=0;i<docs.length;i++){ const t=docs[i].text; const h=sh(t,mode,K);
    edits.footer.push(hammingDistance(h, sh(t+'\nتابعونا على تلغرام',mode,K)));
    const ss=sentences(t); if (ss.length>3) edits.dropLast.push(hammingDistance(h, sh(ss.slice(0,-1).join(' '),mode,K)));
    const ws=t.split(' '); const k=Math.floor(ws.length/2); ws[k]='كلمة'; edits.editWord.push(hammingDistance(h, sh(ws.join(' '),mode,K)));
    for (let j=i+1;j<docs.length;j++) edits.unrelated.push(hammingDistance(h, sh(docs[j].text,mode,K)));
  }
  for (const t of [3,4,5,6,7,8,10]) console.log('thr', t, Object.entries(edits).map(([k,a])=>k+':'+(a.filter(x=>x<=t).length/a.length*100).toFixed(2)+'%').join(' '));
  const u = edits.unrelated.sort((a,b)=>a-b); console.log('unrelated smallest', u.slice(0,10), 'n', u.length);
}
