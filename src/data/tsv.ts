/**
 * @module data/tsv
 * Reads the project's TSV lexicons: `#` lines are provenance comments (source, licence,
 * editor), the first other line is the header, and a trailing `# note` on a row is dropped.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export class LexiconParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

/** Absolute path of a file under the repository's data/ folder. */
export function dataPath(...parts: string[]): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', ...parts);
}

/** Parses a TSV lexicon into objects keyed by the header's column names. */
export function readTsv(file: string, required: string[] = []): Array<Record<string, string>> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  let header: string[] | null = null;
  const rows: Array<Record<string, string>> = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#\s.*$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const cells = line.split('\t').map((c) => c.trim());
    if (!header) {
      header = cells;
      for (const r of required) if (!header.includes(r)) throw new LexiconParseError(file, i + 1, `missing column "${r}"`);
      return;
    }
    const row: Record<string, string> = {};
    header.forEach((h, k) => (row[h] = cells[k] ?? ''));
    for (const r of required) if (!row[r]) throw new LexiconParseError(file, i + 1, `empty "${r}"`);
    rows.push(row);
  });
  return rows;
}
