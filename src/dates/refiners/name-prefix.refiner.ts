/**
 * @module dates/refiners/name-prefix
 * Drops dates that are part of a name: "ثورة 25 يناير"، "قوى 14 آذار"، "شارع 26 يوليو"،
 * "مدينة 6 أكتوبر". Without a written year such a date would be resolved to a recent year,
 * which is wrong; with a year ("ثورة 25 يناير 2011") it is a real, old date and stays.
 */
import { LEX, previousWord, withoutConjunction } from '../lexicon.ts';
import type { DateRefiner } from '../types.ts';

export const namePrefixRefiner: DateRefiner = {
  name: 'name-prefix',
  refine(ctx, results) {
    return results.filter((r) => {
      if (r.facts.m === undefined || r.facts.yearKnown) return true;
      const prev = previousWord(ctx.text, r.index);
      return !(LEX.namePrefixes.has(prev) || LEX.namePrefixes.has(withoutConjunction(prev)));
    });
  },
};
