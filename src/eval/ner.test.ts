/**
 * The name-recognition evaluation (eval/ner): CoNLL parsing and IOB reading, the scorer's
 * arithmetic (exact versus partial, per class, micro average), the mapping of Rasad's character
 * spans to corpus tokens, and `rasad eval-ner` as users run it. The fixture sentences are written
 * for this test; no corpus text is used.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildDocuments,
  countMatches,
  CorpusFormatError,
  evaluateNerText,
  formatNerReport,
  goldSpans,
  parseConll,
  recognizeNames,
  toTokenSpan,
  type NameSpan,
} from './ner.ts';
import { createGeocoder } from '../geo/geocoder.ts';

/** Four sentences of our own, tagged by hand: 9 scored names (5 LOC, 2 ORG, 2 PERS) and one MISC. */
const FIXTURE = `قصفت O
طائرات O
روسية O
مدينة O
إدلب B-LOC
. O
وقال O
وزير O
الخارجية O
الروسي O
سيرغي B-PERS
لافروف I-PERS
إن O
موسكو B-LOC
تدعم O
دمشق B-LOC
. O
واتهمت O
الأمم B-ORG
المتحدة I-ORG
وحزب B-ORG
الله I-ORG
الجيش O
بقصف O
ريف O
حلب B-LOC
. O
والتقى O
أحمد B-PERS
المصري I-PERS
بالوفد O
الأولمبي B-MISC
في O
بيروت B-LOC
! O`;

describe('[eval/ner] reading the corpus', () => {
  it('splits sentences after . ! ? ؟ tagged O, at blank lines and -DOCSTART-', () => {
    const { sentences } = parseConll('أ O\nب O\n. O\nج O\n؟ O\n\nد O\n-DOCSTART- O\nه O\nو O');
    expect(sentences.map((s) => s.map((t) => t.text).join(' '))).toEqual(['أ ب .', 'ج ؟', 'د', 'ه و']);
    expect(parseConll(FIXTURE).sentences).toHaveLength(4);
  });

  it('keeps a dot inside a tagged name in its sentence', () => {
    const { sentences } = parseConll('قال O\nإف B-ORG\n. I-ORG\nبي I-ORG\n. O\nثم O');
    expect(sentences.map((s) => s.length)).toEqual([5, 1]);
    expect(goldSpans(sentences[0].map((t) => t.tag))).toEqual([{ cls: 'ORG', start: 1, end: 4 }]);
  });

  it('takes the tag from the last field, keeps line numbers and drops empty tokens', () => {
    const { sentences, emptyTokens } = parseConll('حزب B-ORG\n O\nالله\tI-ORG\r\nكلمة فيها مسافة O');
    expect(emptyTokens).toBe(1);
    expect(sentences[0]).toEqual([
      { text: 'حزب', tag: 'B-ORG', line: 1 },
      { text: 'الله', tag: 'I-ORG', line: 3 },
      { text: 'كلمة فيها مسافة', tag: 'O', line: 4 },
    ]);
  });

  it('reads PER as PERS', () => {
    expect(parseConll('سمير B-PER').sentences[0][0].tag).toBe('B-PERS');
  });

  it('stops after `limit` sentences', () => {
    expect(parseConll(FIXTURE, 'fixture', 2).sentences).toHaveLength(2);
  });

  it.each([
    ['no tag', 'إدلب B-LOC\nدمشق', 'fixture:2'],
    ['a tag that is not IOB', 'إدلب LOCATION', 'fixture:1'],
    ['an empty file', '\n\n', 'fixture: no tokens'],
  ])('rejects %s with the file and line', (_, text, where) => {
    expect(() => parseConll(text, 'fixture')).toThrow(CorpusFormatError);
    expect(() => parseConll(text, 'fixture')).toThrow(where);
  });

  it('reads B/I tags conlleval style', () => {
    expect(goldSpans(['B-LOC', 'I-LOC', 'O', 'B-PERS', 'B-PERS', 'I-PERS'])).toEqual([
      { cls: 'LOC', start: 0, end: 2 },
      { cls: 'PERS', start: 3, end: 4 },
      { cls: 'PERS', start: 4, end: 6 },
    ]);
    // an I- that continues nothing starts a name; an I- of another class does not continue one
    expect(goldSpans(['O', 'I-ORG', 'I-ORG', 'I-LOC'])).toEqual([
      { cls: 'ORG', start: 1, end: 3 },
      { cls: 'LOC', start: 3, end: 4 },
    ]);
  });

  it('rebuilds text with each token at its character span and the gold names in document tokens', () => {
    const { sentences } = parseConll(FIXTURE);
    const [doc] = buildDocuments(sentences, 20);
    expect(doc.text.split('\n')[0]).toBe('قصفت طائرات روسية مدينة إدلب .');
    expect(doc.offsets).toHaveLength(35);
    for (const [i, tok] of sentences.flat().entries()) expect(doc.text.slice(...doc.offsets[i])).toBe(tok.text);
    const name = (s: NameSpan) => `${s.cls}:${doc.text.slice(doc.offsets[s.start][0], doc.offsets[s.end - 1][1])}`;
    expect(doc.gold.map(name)).toEqual([
      'LOC:إدلب',
      'PERS:سيرغي لافروف',
      'LOC:موسكو',
      'LOC:دمشق',
      'ORG:الأمم المتحدة',
      'ORG:وحزب الله',
      'LOC:حلب',
      'PERS:أحمد المصري',
      'MISC:الأولمبي',
      'LOC:بيروت',
    ]);
    expect(buildDocuments(sentences, 3).map((d) => d.gold.length)).toEqual([7, 3]);
  });
});

describe('[eval/ner] scoring', () => {
  const span = (cls: string, start: number, end: number): NameSpan => ({ cls, start, end });

  it('counts exact and partial matches per class', () => {
    const gold = [span('LOC', 0, 1), span('LOC', 5, 6), span('ORG', 8, 10), span('PERS', 12, 14), span('MISC', 20, 21)];
    const pred = [
      span('LOC', 0, 1), // exact
      span('LOC', 4, 6), // "ريف حلب" for "حلب": partial only
      span('LOC', 0, 1), // the same name found twice (place and country-as-actor) counts once
      span('ORG', 8, 9), // partial
      span('PERS', 8, 10), // right tokens, wrong class: no match at all
      span('PERS', 30, 31), // spurious
    ];
    expect(countMatches(gold, pred)).toEqual({
      LOC: { gold: 2, predicted: 2, exact: 1, partial: 2 },
      ORG: { gold: 1, predicted: 1, exact: 0, partial: 1 },
      PERS: { gold: 1, predicted: 2, exact: 0, partial: 0 },
    });
  });

  it('pairs partial matches one to one, exact pairs first', () => {
    // two gold names inside one long prediction: one pair
    expect(countMatches([span('LOC', 0, 1), span('LOC', 2, 3)], [span('LOC', 0, 3)]).LOC).toEqual({ gold: 2, predicted: 1, exact: 0, partial: 1 });
    // the exact pair keeps its prediction; the overlapping gold name takes the other one
    const gold = [span('PERS', 1, 3), span('PERS', 0, 2)];
    const pred = [span('PERS', 0, 2), span('PERS', 2, 4)];
    expect(countMatches(gold, pred).PERS).toEqual({ gold: 2, predicted: 2, exact: 1, partial: 2 });
  });

  it('maps character spans to the corpus tokens they touch', () => {
    const offsets: Array<[number, number]> = [
      [0, 4],
      [5, 9],
      [10, 13],
    ];
    expect(toTokenSpan(0, 4, offsets)).toEqual([0, 1]);
    expect(toTokenSpan(6, 13, offsets)).toEqual([1, 3]); // starts after a proclitic inside token 1
    expect(toTokenSpan(4, 5, offsets)).toBeNull(); // the space between tokens
  });
});

describe('[eval/ner] Rasad on the fixture', () => {
  const geocoder = createGeocoder();

  it("maps the recognizers' spans to corpus tokens", () => {
    const [doc] = buildDocuments(parseConll(FIXTURE).sentences);
    const found = recognizeNames(doc.text, geocoder)
      .filter((n) => n.cls)
      .map((n) => {
        const [s, e] = toTokenSpan(n.start, n.end, doc.offsets)!;
        return `${n.cls}:${s}-${e}:${n.source}`;
      });
    expect(found).toEqual(
      expect.arrayContaining([
        'LOC:4-5:place', // "مدينة إدلب": the feature word is not part of the name
        'PERS:10-12:person',
        'LOC:13-14:actor capital-as-actor',
        'ORG:18-20:actor international',
        'ORG:20-22:actor political', // "وحزب": the proclitic's token is the name's token
        'LOC:24-26:place', // "ريف حلب" where the gold has "حلب"
        'LOC:33-34:place',
      ]),
    );
    // the generic head "طائرات روسية" and "الجيش" are descriptions, not names: not scored
    expect(found.some((f) => f.startsWith('ORG:1-3') || f.startsWith('ORG:22-23'))).toBe(false);
  });

  it('reports per-class and micro figures', () => {
    const r = evaluateNerText(FIXTURE, 'fixture.txt', { geocoder });
    expect(r).toMatchObject({ sentences: 4, documents: 1, tokens: 35, emptyTokens: 0 });
    expect(r.classes.LOC).toMatchObject({ gold: 5, predicted: 5, exact: { matched: 4 }, partial: { matched: 5 } });
    expect(r.classes.ORG).toMatchObject({ gold: 2, predicted: 2, exact: { matched: 2 }, partial: { matched: 2 } });
    // لافروف is found after his role; "أحمد المصري" has none
    expect(r.classes.PERS).toMatchObject({ gold: 2, predicted: 1, exact: { matched: 1 }, partial: { matched: 1 } });
    expect(r.micro).toMatchObject({ gold: 9, predicted: 8, exact: { matched: 7 }, partial: { matched: 8 } });
    expect(r.micro.exact.precision).toBeCloseTo(7 / 8);
    expect(r.micro.exact.recall).toBeCloseTo(7 / 9);
    expect(r.micro.exact.f1).toBeCloseTo((2 * 7) / (8 + 9));
    expect(r.classes.LOC.partial.f1).toBe(1);
    const table = formatNerReport(r);
    expect(table).toMatch(/^fixture\.txt: 4 sentences in 1 documents, 35 tokens; /);
    expect(table).toMatch(/^micro\s+9\s+8 \|\s+7\s+87\.5\s+77\.8\s+82\.4 \|\s+8\s+100\.0\s+88\.9\s+94\.1$/m);
  });
});

describe('[cli] rasad eval-ner', () => {
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const rasad = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rasad.js'), 'eval-ner', ...args], { cwd: ROOT, encoding: 'utf8' });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rasad-ner-'));
  });

  it('prints the report as JSON', () => {
    const file = path.join(dir, 'fixture.txt');
    writeFileSync(file, FIXTURE);
    const r = rasad(['--input', file, '--json', '--limit', '2']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ sentences: 2, micro: { gold: 4 } });
  });

  it.each([
    ['a missing file', (d: string) => ['--input', path.join(d, 'none.txt')], /^rasad: no such file: .*none\.txt\n$/],
    ['a malformed file', (d: string) => (writeFileSync(path.join(d, 'bad.txt'), 'إدلب B-LOC\nدمشق\n'), ['--input', path.join(d, 'bad.txt')]), /^rasad: .*bad\.txt:2: expected "token TAG"/],
    ['a bad --limit', (d: string) => (writeFileSync(path.join(d, 'ok.txt'), FIXTURE), ['--input', path.join(d, 'ok.txt'), '--limit', '0']), /^rasad: --limit must be/],
  ])('fails on %s with one line and a non-zero exit', (_, args, message) => {
    const r = rasad(args(dir));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
