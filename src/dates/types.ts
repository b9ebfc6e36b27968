/**
 * @module dates/types
 * Types of the Arabic date recognizer: the public `DateMention`, and the internal result,
 * context, parser and refiner shapes (chrono's Parser/Refiner design: a parser owns one
 * phrasing, `pattern()` + `extract()`; refiners merge and clean the parsers' results).
 */

/** Precision of a resolved date (SPEC `date.precision`). */
export type DatePrecision = 'day' | 'range' | 'week' | 'month' | 'year' | 'unknown';

/** What the mention is. */
export type DateKind = 'point' | 'range' | 'open-range' | 'duration-ago' | 'time';

export type PartOfDay = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

/** A date component: stated in the text (known) or filled from `published` (implied). */
export type DateComponent = 'day' | 'month' | 'year' | 'weekday' | 'hour' | 'minute' | 'partOfDay';

/** A daily time window, "HH:MM" to "HH:MM" (the end may be on the next day). */
export interface HoursWindow {
  from: string;
  to: string;
}

/** A date or time found in a text, resolved against the document's publication date. */
export interface DateMention {
  /** Span in the original text given to `parseDates`. */
  start: number;
  end: number;
  /** Original text of the span. */
  text: string;
  /** YYYY-MM-DD, or null when it cannot be resolved (no `published`, or a lone time). */
  startDate: string | null;
  /** YYYY-MM-DD; equal to startDate for a single day; null for an open range. */
  endDate: string | null;
  precision: DatePrecision;
  /** Components stated in the text (chrono `assign`). */
  known: string[];
  /** Components filled in from `published` (chrono `imply`). */
  implied: string[];
  kind: DateKind;
  partOfDay?: PartOfDay;
  /** Daily window, e.g. a curfew "من الساعة السادسة مساءً وحتى السادسة صباحاً". */
  hours?: HoursWindow;
  /** A single clock time stated with the date ("HH:MM"). */
  time?: string;
  /** A Hijri date was written (converted to Gregorian when possible). */
  hijri?: boolean;
  /** Provenance: 'parser/…', 'refiner/…', 'lexicon/months.levantine', 'future', 'year-only' … */
  tags: string[];
}

/** Options of `parseDates`. */
export interface DateParsingOptions {
  /** First day of the week for "الأسبوع الماضي" (0 = Sunday … 6 = Saturday). Default 0. */
  weekStart?: number;
  /**
   * Days after publication still accepted when a year is inferred ("20 يناير" read in an
   * article of 15 January is this year's, a plan). Default 7.
   */
  yearSlackDays?: number;
}

/** Facts a parser keeps for the refiners (to re-resolve a year inside a range, say). */
export interface ResultFacts {
  /** Parser name (also in tags). */
  source: string;
  calendar?: 'gregorian' | 'hijri';
  y?: number;
  m?: number;
  d?: number;
  /** True when the year was written. */
  yearKnown?: boolean;
  /** Weekday stated (0 = Sunday). */
  weekday?: number;
  /** Day offset of a relative day word (أمس = -1). */
  dayOffset?: number;
}

/**
 * A parser's result, on the normalized text. `start`/`stop` are day numbers (see
 * calendar.ts); both null when unresolvable. Converted to `DateMention` at the end.
 */
export interface DateResult {
  /** Span in the normalized text, [index, end). */
  index: number;
  end: number;
  start: number | null;
  stop: number | null;
  precision: DatePrecision;
  kind: DateKind;
  known: Set<DateComponent>;
  implied: Set<DateComponent>;
  partOfDay?: PartOfDay;
  hours?: HoursWindow;
  time?: string;
  hijri?: boolean;
  tags: Set<string>;
  facts: ResultFacts;
  /** Position of the producing parser in the configuration (ties in overlap removal). */
  priority: number;
}

/** What parsers and refiners see. */
export interface ParsingContext {
  /** Normalized text (normalizeWithOffsets). */
  readonly text: string;
  /** Publication day number, or null. */
  readonly ref: number | null;
  readonly weekStart: number;
  readonly yearSlackDays: number;
  /** Lazy debug output: the closure runs only when RASAD_DEBUG_DATES is set. */
  debug(message: () => string): void;
}

/** One phrasing: a regex over the normalized text and an extractor for its matches. */
/** What the first element of a parser pattern can begin with (see DateParser.firsts). */
export interface FirstElements {
  /** Normalized phrases; a space stands for any run of white space (as in SRC alternations). */
  phrases: readonly string[];
  /** An ASCII digit. */
  digit?: boolean;
  /** "ال", then at most white space, a dash and white space, then a digit ("الـ 20", SRC.dayNumber). */
  articleDigit?: boolean;
}

/** What the opening number of a pattern looks like (see DateParser.digitsFirst). */
export interface OpeningDigits {
  /** Most digits the run may have (it has no digit before it). */
  maxDigits: number;
  /** Characters one of which follows the run. */
  next: string;
  /** Characters one of which follows the run after one white-space character. */
  nextAfterSpace: string;
}

export interface DateParser {
  readonly name: string;
  /**
   * Optional condition on the whole normalized text (a plain regex, no look-behind): the
   * parser's results are kept only when it holds. It is tested after the parser and only
   * when the parser found something, so it costs nothing on the many documents where the
   * parser finds nothing; results are cached per document by regex object.
   */
  readonly gate?: RegExp;
  /**
   * Optional: phrases one of which must stand at a word start (with at most the proclitics
   * of SRC.CLITIC before it) for the pattern to match; a space stands for any run of white
   * space. The candidate walk looks for them at no extra cost, and without one the parser is
   * skipped. Every phrase must open with a letter or digit (SRC.W).
   */
  readonly wordGate?: readonly string[];
  /** Optional: the pattern matches only where there is a run of at least this many ASCII digits. */
  readonly minDigitRun?: number;
  /**
   * Optional, for patterns that open with SRC.LB + SRC.CLITIC: what the first element after
   * the proclitics can begin with. The pattern is then tried, sticky, only at the word starts
   * where one of these stands (at most two letters in), instead of scanning the whole text (a
   * leading optional group defeats the regex engine's quick first-character scan). Must cover
   * every way the first element can begin, or dates are missed.
   */
  readonly firsts?: FirstElements;
  /**
   * Optional, with `firsts`: a sticky regex that matches at every candidate where the pattern
   * can match (the pattern's opening and a look-ahead for what must follow it); the pattern
   * runs only where it does. Parsers sharing one must share their `firsts` too: the opening is
   * tried once per candidate for all of them.
   */
  readonly opening?: RegExp;
  /**
   * Optional, for patterns that open with a run of ASCII digits that has no digit before it
   * (and no `firsts`): the pattern is then tried, sticky, only at the runs that fit. Must
   * cover every way the pattern can begin, or dates are missed.
   */
  readonly digitsFirst?: OpeningDigits;
  /** A global (`g`) regex, compiled once at module load. */
  pattern(ctx: ParsingContext): RegExp;
  /**
   * A result from one match, or null. The match carries no indices (the d flag costs on every
   * match): `indices()` gives them when needed, the pattern run again with the d flag.
   */
  extract(ctx: ParsingContext, match: RegExpExecArray, indices: () => RegExpIndicesArray): DateResult | null;
}

/** A pass over all results (merging, filtering). Results come sorted by index. */
export interface DateRefiner {
  readonly name: string;
  refine(ctx: ParsingContext, results: DateResult[]): DateResult[];
}
