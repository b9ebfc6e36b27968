/**
 * @module bench/corpus
 * The ingest benchmarks' corpus: the shared dev sets (../shared/data/{dev,dev-extra}, research
 * data: read for measurement only, never copied into the repository) when present, else the
 * bundled examples, repeated up to n documents. Each repetition is made distinct by one added
 * sentence, so repetitions are near-duplicate wire copies whose events merge: a realistic,
 * clustering-heavy load, and no document is skipped as already stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { documentHash } from '../src/ingest/ingest.ts';
import type { InputDocument } from '../src/types.ts';
import { repoRoot } from './root.ts';

const ROOT = repoRoot();

const readJsonl = (f: string): InputDocument[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** The base documents and where they came from. */
export function baseCorpus(): { docs: InputDocument[]; origin: string } {
  const dev = ['dev', 'dev-extra'].map((d) => path.resolve(ROOT, '../shared/data', d, 'documents.jsonl')).filter(existsSync);
  if (dev.length) return { docs: dev.flatMap(readJsonl), origin: `dev sets (${dev.map((f) => path.basename(path.dirname(f))).join(', ')})` };
  return { docs: readJsonl(path.join(ROOT, 'examples/documents.jsonl')), origin: 'bundled examples' };
}

/** n distinct documents: the base, then copies with one numbered sentence added. */
export function buildCorpus(n: number): { docs: Array<{ doc: InputDocument; hash: string }>; origin: string; base: number } {
  const { docs: base, origin } = baseCorpus();
  const out: Array<{ doc: InputDocument; hash: string }> = [];
  const seen = new Set<string>();
  for (let round = 0; out.length < n && round < Math.ceil(n / base.length) + 5; round++) {
    for (const d of base) {
      if (out.length >= n) break;
      let doc = d;
      if (round > 0) {
        const line = `وأعادت النشرة رقم ${round} بث هذا الخبر.`;
        doc = d.text != null
          ? { ...d, id: `${d.id}#${round}`, text: /\n\n/.test(d.text) ? d.text.replace(/\n\n/, `\n\n${line}\n\n`) : `${line}\n\n${d.text}` }
          : { ...d, id: `${d.id}#${round}`, html: (d.html ?? '').replace(/<p>/i, `<p>${line}</p><p>`) };
      }
      const { hash } = documentHash(doc);
      if (seen.has(hash)) continue;
      seen.add(hash);
      out.push({ doc, hash });
    }
  }
  return { docs: out, origin, base: base.length };
}
