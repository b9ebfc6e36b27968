#!/usr/bin/env node
// Rebuilds examples/documents.jsonl from the bundled article files and their metadata
// (examples/articles.json), so the examples can be read as files and fed as JSON Lines.
import { readFileSync, writeFileSync } from 'node:fs';

const meta = JSON.parse(readFileSync(new URL('../examples/articles.json', import.meta.url), 'utf8'));
const lines = meta.map((m) => JSON.stringify({ ...m, text: readFileSync(new URL(`../examples/articles/${m.id}.txt`, import.meta.url), 'utf8') }));
writeFileSync(new URL('../examples/documents.jsonl', import.meta.url), lines.join('\n') + '\n');
console.log(`examples/documents.jsonl: ${lines.length} documents`);
