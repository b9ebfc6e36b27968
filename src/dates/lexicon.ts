/**
 * @module dates/lexicon
 * Loads the date lexicons (data/lexicons/ar/months.tsv, weekdays.tsv, date-words.tsv) once at
 * module load and turns them into lookup maps and regex fragments. Compiled here, once, so
 * that no parser rebuilds a pattern per document.
 */
import { normalizeArabic } from '../text/normalize.ts';
import { dataPath, readTsv, LexiconParseError } from '../data/tsv.ts';
import type { PartOfDay } from './types.ts';
import { isSpaceCode } from '../text/char-codes.ts';

/** A month name from months.tsv. */
export interface MonthEntry {
  month: number;
  calendar: 'gregorian' | 'hijri';
  variant: string;
  /** Accepted without a cue (see months.tsv header). */
  alone: boolean;
  /** A digit day before the name is enough to make a date. */
  withDay: boolean;
}

/** One row of date-words.tsv, normalized. */
interface WordRow {
  phrase: string;
  value: string;
  extra: string;
}

const MONTHS_FILE = dataPath('lexicons', 'ar', 'months.tsv');
const WEEKDAYS_FILE = dataPath('lexicons', 'ar', 'weekdays.tsv');
const WORDS_FILE = dataPath('lexicons', 'ar', 'date-words.tsv');

/** Escapes a normalized phrase for a regex; a space matches any run of white space. */
function phraseSource(phrase: string): string {
  return phrase
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') // only syntax characters: the patterns use the u flag
    .split(' ')
    .join('\\s+');
}

/** A non-capturing alternation of phrases, longest first (so "أول من أمس" beats "أمس"). */
export function alternation(phrases: Iterable<string>): string {
  const uniq = [...new Set(phrases)].filter(Boolean).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:${uniq.map(phraseSource).join('|')})`;
}

function loadMonths(): Map<string, MonthEntry> {
  const map = new Map<string, MonthEntry>();
  readTsv(MONTHS_FILE, ['name', 'month', 'calendar', 'variant', 'alone', 'with-day']).forEach((r, i) => {
    const month = Number(r.month);
    if (!(month >= 1 && month <= 12)) throw new LexiconParseError(MONTHS_FILE, i + 1, `bad month "${r.month}"`);
    if (r.calendar !== 'gregorian' && r.calendar !== 'hijri')
      throw new LexiconParseError(MONTHS_FILE, i + 1, `bad calendar "${r.calendar}"`);
    map.set(normalizeArabic(r.name), { month, calendar: r.calendar, variant: r.variant, alone: r.alone === 'yes', withDay: r['with-day'] === 'yes' });
  });
  return map;
}

function loadWeekdays(): Map<string, number> {
  const map = new Map<string, number>();
  for (const r of readTsv(WEEKDAYS_FILE, ['name', 'weekday'])) map.set(normalizeArabic(r.name), Number(r.weekday));
  return map;
}

function loadWords(): Map<string, WordRow[]> {
  const byCategory = new Map<string, WordRow[]>();
  for (const r of readTsv(WORDS_FILE, ['category', 'phrase'])) {
    const rows = byCategory.get(r.category) ?? [];
    rows.push({ phrase: normalizeArabic(r.phrase), value: r.value ?? '', extra: r.extra ?? '' });
    byCategory.set(r.category, rows);
  }
  return byCategory;
}

const MONTHS = loadMonths();
const WEEKDAYS = loadWeekdays();
const WORDS = loadWords();

/** Rows of one date-words.tsv category (empty when the category is absent). */
function words(category: string): WordRow[] {
  return WORDS.get(category) ?? [];
}
function phrases(category: string): string[] {
  return words(category).map((w) => w.phrase);
}
function valueMap<T>(category: string, parse: (row: WordRow) => T): Map<string, T> {
  return new Map(words(category).map((w) => [w.phrase, parse(w)]));
}

/**
 * The phrases of date-words.tsv categories (as SRC builds its alternations from them), and the
 * month and weekday names: the first words of parser patterns (DateParser.firsts).
 */
export function phraseList(...categories: string[]): string[] {
  const out: string[] = [];
  for (const c of categories) {
    if (c === 'month') out.push(...MONTHS.keys());
    else if (c === 'weekday') out.push(...WEEKDAYS.keys());
    else out.push(...phrases(c));
  }
  return out;
}

/** Normalized phrase → looked-up value; lookups normalize white space first. */
export function lookup<T>(map: Map<string, T>, s: string | undefined): T | undefined {
  if (s === undefined) return undefined;
  // a key has single plain spaces only, so a string found as it is needs no normalizing
  return map.get(s) ?? map.get(s.replace(/\s+/g, ' '));
}

const NUMBER = (w: WordRow) => Number(w.value);

/** Letters (Latin, Latin-1, Arabic and its extensions) and ASCII digits; the text is normalized. */
const WORD_CHARS = 'A-Za-z0-9\\u00C0-\\u024F\\u0621-\\u064A\\u066E-\\u06D3\\u06FA-\\u06FC';
const PREVIOUS_WORD = new RegExp(`([${WORD_CHARS}]+)[^${WORD_CHARS}]*$`);
const NEXT_WORD = new RegExp(`^[^${WORD_CHARS}]*([${WORD_CHARS}]+)`);

/** Everything the parsers need, built once. */
export const LEX = Object.freeze({
  months: MONTHS,
  weekdays: WEEKDAYS,
  relativeDays: valueMap('relative-day', (w) => ({ offset: Number(w.value), partOfDay: (w.extra || undefined) as PartOfDay | undefined })),
  ordinalDays: valueMap('ordinal-day', NUMBER),
  cardinals: valueMap('cardinal', NUMBER),
  units: valueMap('unit', (w) => ({ unit: w.value as 'day' | 'week' | 'month' | 'year' | 'hour' | 'decade', count: w.extra })),
  periods: valueMap('period', (w) => w.value as 'week' | 'month' | 'year'),
  periodOffsets: valueMap('period-offset', NUMBER),
  periodParts: valueMap('period-part', (w) => w.value as 'early' | 'mid' | 'late'),
  partsOfDay: valueMap('part-of-day', (w) => w.value as PartOfDay),
  partOfDayAdverbs: valueMap('part-of-day-adverb', (w) => w.value as PartOfDay),
  openRange: valueMap('open-range', (w) => w.extra),
  rangeFrom: valueMap('range-from', (w) => w.value),
  eras: valueMap('era', (w) => w.value as 'gregorian' | 'hijri'),
  yearNouns: valueMap('year-noun', (w) => w.extra),
  monthNouns: valueMap('month-noun', (w) => w.extra),
  clockHours: valueMap('clock-hour', NUMBER),
  clockSpecial: valueMap('clock-special', (w) => w.value),
  clockFractions: valueMap('clock-fraction', NUMBER),
  meridiems: valueMap('meridiem', (w) => ({ meridiem: w.value as 'am' | 'pm' | 'noon' | 'night', partOfDay: (w.extra || undefined) as PartOfDay | undefined })),
  todayBlockersAfter: new Set([...phrases('today-blocker-after'), ...phrases('ordinal-day').map((p) => p.split(' ')[0])]),
  todayBlockersBefore: new Set(phrases('today-blocker-before')),
  agoBlockersAfter: valueMap('ago-blocker-after', (w) => (w.value ? w.value.split('|').map((v) => normalizeArabic(v)) : null)),
  /** First words of two-word month names (كانون، تشرين، ربيع…): an ordinal after them is the name's. */
  monthNameHeads: new Set([...MONTHS.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0])),
  yearAdjectiveBlockers: new Set(phrases('year-adjective-blocker')),
  weekdayBlockersAfter: new Set(phrases('weekday-blocker-after')),
  namePrefixes: new Set(phrases('name-prefix')),
});

/** Regex source fragments (non-capturing), for embedding in parser patterns. */
export const SRC = Object.freeze({
  /**
   * Letters and digits of normalized text, as an explicit class: \p{L} in a look-behind
   * made every pattern four times slower.
   */
  W: WORD_CHARS,
  /** Left word boundary: not preceded by a letter or digit. */
  LB: `(?<![${WORD_CHARS}])`,
  /** Right word boundary. */
  RB: `(?![${WORD_CHARS}])`,
  /** Optional attached proclitics before a date word (و ف ب ل). */
  CLITIC: '(?<pre>[وف]?[بل]?)',
  month: alternation(MONTHS.keys()),
  weekday: alternation(WEEKDAYS.keys()),
  ordinalDay: alternation(phrases('ordinal-day')),
  /** A day number written in digits, possibly after the article (الـ 20). */
  dayNumber: '(?:ال\\s?-?\\s?)?(?:0?[1-9]|[12]\\d|3[01])(?!\\d)',
  year: '(?:1[89]\\d\\d|20\\d\\d|1[34]\\d\\d)(?!\\d)',
  relativeDay: alternation(phrases('relative-day')),
  cardinal: alternation(phrases('cardinal')),
  vagueCount: alternation(phrases('vague-count')),
  vagueAfter: alternation(phrases('vague-after')),
  unit: alternation(phrases('unit')),
  approx: alternation(phrases('approx')),
  ago: alternation(phrases('ago')),
  period: alternation(phrases('period')),
  /** The month noun among the periods (الشهر), for "20 الشهر الجاري". */
  monthPeriod: alternation(words('period').filter((w) => w.value === 'month').map((w) => w.phrase)),
  /** The year nouns among the periods (العام، السنة), for "من العام الماضي". */
  yearPeriod: alternation(words('period').filter((w) => w.value === 'year').map((w) => w.phrase)),
  periodOffset: alternation(phrases('period-offset')),
  this: alternation(phrases('this')),
  periodPart: alternation(phrases('period-part')),
  window: alternation(phrases('window')),
  partOfDay: alternation(phrases('part-of-day')),
  partOfDayAdverb: alternation(phrases('part-of-day-adverb')),
  openRange: alternation(phrases('open-range')),
  rangeFrom: alternation(phrases('range-from')),
  rangeTo: alternation(phrases('range-to')),
  now: alternation(phrases('now')),
  yearNoun: alternation(phrases('year-noun')),
  yearPrep: alternation(phrases('year-prep')),
  era: alternation(phrases('era')),
  monthNoun: alternation(phrases('month-noun')),
  monthPrep: alternation(phrases('month-prep')),
  weekdayPrefix: alternation(phrases('weekday-prefix')),
  dayPrefix: alternation(phrases('day-prefix')),
  concordant: alternation(phrases('concordant')),
  clock: alternation(phrases('clock')),
  clockHour: alternation(phrases('clock-hour')),
  clockSpecial: alternation(phrases('clock-special')),
  clockFraction: alternation(phrases('clock-fraction')),
  meridiem: alternation(phrases('meridiem')),
});

/**
 * Whole-text conditions of parsers (DateParser.gate: plain alternations, no look-behind).
 * Conditions that every match implies are left out: a parser costs less than its gate.
 */
export const GATES = Object.freeze({
  /** Something a clock time needs: الساعة, hh:mm, a meridiem or a named time. */
  clock: new RegExp(`${SRC.clock}|\\d[:.,]\\d|${SRC.meridiem}|${SRC.clockSpecial}`),
});

/** SRC.W as a test on one code unit. */
export function isWordCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x621 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0x6fa && c <= 0x6fc)
  );
}

/**
 * A look-behind pattern `(?:^|[^SRC.W])<proclitics>(?:<phrases>)\s+$` run on the text just
 * before a place, with a cheap test first that rules out most places: a match needs white
 * space at the end, after a word that is the last word of a phrase (a one-word phrase with
 * one of the proclitics). Phrases of words of SRC.W characters and single spaces only, or the
 * pattern always runs.
 */
export class PhraseBefore {
  private readonly lastWords: Set<string> | null = new Set();

  constructor(
    private readonly pattern: RegExp,
    phrases: Iterable<string>,
    proclitics: readonly string[],
  ) {
    for (const p of phrases) {
      if (!new RegExp(`^[${SRC.W}]+(?: [${SRC.W}]+)*$`).test(p)) {
        this.lastWords = null;
        return;
      }
      const words = p.split(' ');
      if (words.length > 1) this.lastWords!.add(words[words.length - 1]);
      else for (const c of proclitics) this.lastWords!.add(c + p);
    }
  }

  /** The pattern's match on text[from, to), or null. */
  exec(text: string, from: number, to: number): RegExpExecArray | null {
    if (this.lastWords) {
      let end = to;
      while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
      if (end === to) return null;
      let start = end;
      while (start > from && isWordCode(text.charCodeAt(start - 1))) start--;
      if (!this.lastWords.has(text.slice(start, end))) return null;
    }
    return this.pattern.exec(text.slice(from, to));
  }
}

/** [وف]? and [وف]?[بل]? as lists. */
export const CONJUNCTIONS = ['', 'و', 'ف'];
export const PROCLITICS = CONJUNCTIONS.flatMap((c) => [c, c + 'ب', c + 'ل']);

/**
 * The opening of the day parsers (absolute-date, current-month-day, day-range): a day, after
 * an optional day prefix, and then what one of them needs next (من، a month noun or name,
 * "this", الشهر, or a range connector). Their `opening` (DateParser.opening).
 */
export const DAY_OPENING = new RegExp(
  SRC.LB +
    SRC.CLITIC +
    `(?:${SRC.dayPrefix}\\s+)?(?:${SRC.dayNumber}|${SRC.ordinalDay}${SRC.RB})\\s*` +
    `(?=من|${SRC.monthNoun}|${SRC.month}|${SRC.this}|${SRC.monthPeriod}|${SRC.rangeTo}|و|-|–)`,
  'uy',
);

/** Looks up a month name as matched (white space normalized). */
export function monthOf(s: string | undefined): MonthEntry | undefined {
  return lookup(MONTHS, s);
}

/** Day of month from a matched day token: digits (with an optional article) or an ordinal word. */
export function dayOf(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const digits = /\d+/.exec(s);
  if (digits) return Number(digits[0]);
  return lookup(LEX.ordinalDays, s);
}

/** The word just before `index` in the normalized text ('' at the start). */
export function previousWord(text: string, index: number): string {
  const m = PREVIOUS_WORD.exec(text.slice(Math.max(0, index - 40), index));
  return m ? m[1] : '';
}

/** The word just after `end` in the normalized text ('' at the end). */
export function nextWord(text: string, end: number): string {
  const m = NEXT_WORD.exec(text.slice(end, end + 40));
  return m ? m[1] : '';
}

/** Strips a leading و/ف conjunction from a word (for blocker lookups). */
export function withoutConjunction(w: string): string {
  return w.length > 2 && (w[0] === 'و' || w[0] === 'ف') ? w.slice(1) : w;
}
