/**
 * @module dates/parsers/relative-day
 * Days named relative to publication: "اليوم"، "أمس"، "البارحة"، "أول أمس"، "غداً" (future),
 * "الليلة"، "الليلة الماضية". "اليوم" is also "the day" ("اليوم التالي"، "ذلك اليوم"): the
 * blocker lists in date-words.tsv rule those out.
 */
import { LEX, lookup, nextWord, phraseList, previousWord, SRC, withoutConjunction } from '../lexicon.ts';
import { makeResult, spanStart } from '../result.ts';
import type { DateParser } from '../types.ts';

const PATTERN = new RegExp(SRC.LB + SRC.CLITIC + `(?<rel>${SRC.relativeDay})${SRC.RB}`, 'gu');

/** "اليوم" and "الليلة" are also "the day" / "the night": check the blockers around them. */
const ARTICLE = 'ال';

export const relativeDayParser: DateParser = {
  name: 'relative-day',
  pattern: () => PATTERN,
  // first element after the proclitics: the relative day word
  firsts: { phrases: phraseList('relative-day') },
  extract(ctx, match) {
    const g = match.groups!;
    const rel = lookup(LEX.relativeDays, g.rel);
    if (!rel) return null;
    const index = spanStart(match);
    const end = match.index + match[0].length;
    if (rel.offset === 0 && g.rel.startsWith(ARTICLE) && !/\s/.test(g.rel)) {
      const next = nextWord(ctx.text, end);
      // "اليوم 24" is a site's name; "اليوم 20 يناير" keeps its date in the absolute parser
      if (LEX.todayBlockersAfter.has(next) || /^\d/.test(next)) return null;
      if (LEX.todayBlockersBefore.has(withoutConjunction(previousWord(ctx.text, index)))) return null;
    }
    const d = ctx.ref === null ? null : ctx.ref + rel.offset;
    const r = makeResult({
      index,
      end,
      start: d,
      stop: d,
      precision: 'day',
      implied: ['day', 'month', 'year'],
      facts: { source: 'relative-day', dayOffset: rel.offset },
    });
    if (rel.partOfDay) {
      r.partOfDay = rel.partOfDay;
      r.known.add('partOfDay');
    }
    return r;
  },
};
