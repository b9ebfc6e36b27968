/**
 * @module recognize/entities
 * Persons named with their roles ("وزير الخارجية الروسي سيرغي لافروف", "النائب الأول لمندوب روسيا
 * الدائم لدى الأمم المتحدة دميتري بوليانسكي"). Role nouns, modifiers, construct heads and name stops
 * are data (data/actors/roles.tsv). A role phrase is followed by complements — more role nouns,
 * modifiers, country adjectives, actor names — and then by the name: one to three words up to a stop
 * word, a punctuation mark or another actor. Reported in results, not scored.
 */
import type { Entity } from '../types.ts';
import { PhraseMatcher } from '../text/phrase-matcher.ts';
import type { TokenizedText } from '../text/tokenize.ts';
import { countryAdjectiveAt, readTsv, recognizeActors, type ActorMention } from './actors.ts';

export interface PersonEntity extends Entity {
  kind: 'person';
  /** The role as written, from the first role noun to the name ("وزير الخارجية الروسي"). */
  role: string;
  /** English gloss of the first role noun ("foreign minister"). */
  role_en?: string;
  /** Actor the person stands for when the dictionary knows them (data/actors/affiliations.tsv). */
  actorId?: string;
}

interface RoleRow {
  type: 'role' | 'modifier' | 'head' | 'stop';
  role_en: string;
}

/** Longest role/name phrases: a name has at most this many words. */
const MAX_NAME_WORDS = 3;
/** Complements between a role and the name: beyond this the link is too loose to trust. */
const MAX_COMPLEMENTS = 8;

let matcher: PhraseMatcher<RoleRow> | null = null;
function roles(): PhraseMatcher<RoleRow> {
  if (matcher) return matcher;
  matcher = new PhraseMatcher<RoleRow>();
  for (const r of readTsv('roles.tsv')) matcher.add(r.phrase, { type: r.type as RoleRow['type'], role_en: r.role_en });
  return matcher;
}

function typeAt(t: TokenizedText, i: number): { row: RoleRow; endToken: number } | null {
  const r = roles();
  const m = r.mayStartAt(t, i) ? r.matchAt(t, i) : null;
  return m ? { row: m.values[0], endToken: m.endToken } : null;
}

/**
 * A name in apposition before a role: «وقال “دميتري بوليانسكي”، النائب الأول …» — a quoted name, or
 * one to three words after a stop word such as قال, right before a comma. Returns its token range.
 */
function nameBefore(t: TokenizedText, roleToken: number): [number, number] | null {
  let k = roleToken - 1;
  if (k < 1 || t.tokens[k].norm !== ',') return null;
  let end = k;
  if (t.tokens[end - 1].norm === '"') {
    // quoted name
    let s = end - 2;
    while (s >= 0 && t.tokens[s].kind === 'word' && end - 1 - s <= MAX_NAME_WORDS + 1) s--;
    if (s >= 0 && t.tokens[s].norm === '"' && end - 1 - (s + 1) >= 1) return [s + 1, end - 1];
    return null;
  }
  let s = end - 1;
  while (s >= 0 && t.tokens[s].kind === 'word' && !typeAt(t, s) && end - s <= MAX_NAME_WORDS) s--;
  const stop = s >= 0 ? typeAt(t, s) : null;
  if (!stop || stop.row.type !== 'stop' || stop.endToken !== s + 1 || s + 1 >= end) return null;
  if (t.tokens[s + 1].norm.startsWith('ال')) return null;
  return [s + 1, end];
}

/**
 * Finds persons introduced by a role noun. `actors` (from recognizeActors) lets complements such as
 * "روسيا" or "الأمم المتحدة" be skipped; computed when not given.
 */
export function recognizePersons(t: TokenizedText, opts: { actors?: ActorMention[]; countryHint?: string | null; date?: string | null } = {}): PersonEntity[] {
  const actors = opts.actors ?? recognizeActors(t, { countryHint: opts.countryHint, date: opts.date });
  const actorAt = new Map<number, ActorMention>();
  for (const a of actors) actorAt.set(a.startToken, a);
  const out: PersonEntity[] = [];
  const n = t.tokens.length;
  for (let i = 0; i < n; ) {
    const first = typeAt(t, i);
    if (!first || first.row.type !== 'role') {
      i++;
      continue;
    }
    let j = first.endToken;
    for (let steps = 0; j < n && steps < MAX_COMPLEMENTS; steps++) {
      const r = typeAt(t, j);
      if (r && (r.row.type === 'role' || r.row.type === 'modifier')) {
        j = r.endToken;
        continue;
      }
      if (r && r.row.type === 'head') {
        // the head's complement: a whole actor name ("لدى الأمم المتحدة") or one word ("مجلس النواب")
        const next = actorAt.get(r.endToken);
        j = next ? next.endToken : r.endToken + (t.tokens[r.endToken]?.kind === 'word' ? 1 : 0);
        continue;
      }
      const adj = countryAdjectiveAt(t, j);
      if (adj) {
        j = adj.endToken;
        continue;
      }
      const a = actorAt.get(j);
      if (a && a.rule !== 'affiliation') {
        j = a.endToken;
        continue;
      }
      break;
    }
    // the name: words up to a stop, a mark, a number, a role word or another actor
    let k = j;
    const nameStart = j;
    while (k < n && k - nameStart < MAX_NAME_WORDS) {
      const tok = t.tokens[k];
      if (tok.kind !== 'word') break;
      if (typeAt(t, k)) break;
      const a = actorAt.get(k);
      if (a && a.rule !== 'affiliation') break;
      // a name starts without the article ("البرلمان" after "رئيس" is a construct, not a name)
      if (k === nameStart && tok.norm.startsWith('ال')) break;
      // accusative tanween marks an adverb or object ("مناسباً"), never a name
      if (/\u064B/.test(t.original.slice(tok.start, tok.end))) break;
      k++;
    }
    // a known name (affiliation) fixes the span; otherwise a third word in the accusative
    // ("بشار الأسد وفدا") is the verb's object, not part of the name
    const known = actorAt.get(nameStart);
    if (known?.rule === 'affiliation') k = known.endToken;
    else if (k - nameStart === MAX_NAME_WORDS && /..ا$/.test(t.tokens[k - 1].norm)) k--;
    if (k === nameStart) {
      const before = nameBefore(t, i);
      if (before) {
        const end = t.tokens[j - 1].end;
        out.push({
          kind: 'person',
          text: t.original.slice(t.tokens[before[0]].start, t.tokens[before[1] - 1].end),
          start: t.tokens[before[0]].start,
          end: t.tokens[before[1] - 1].end,
          role: t.original.slice(t.tokens[i].start, end),
          role_en: first.row.role_en || undefined,
        });
        i = j;
        continue;
      }
    }
    if (k > nameStart) {
      const start = t.tokens[nameStart].start;
      const end = t.tokens[k - 1].end;
      const roleStart = t.tokens[i].start;
      const aff = actors.find((a) => a.rule === 'affiliation' && a.start >= start && a.end <= end);
      const p: PersonEntity = {
        kind: 'person',
        text: t.original.slice(start, end),
        start,
        end,
        role: t.original.slice(roleStart, t.tokens[nameStart - 1].end),
        role_en: first.row.role_en || undefined,
      };
      if (aff) p.actorId = aff.actor.id;
      out.push(p);
      i = k;
    } else i = first.endToken;
  }
  return out;
}
