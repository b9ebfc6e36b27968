/**
 * @module events/rules
 * Per-type coding rules (ACLED codebook, CODING.md): which sub-type wins when several triggers
 * fire, how context cues refine it, which actors are implied, and which figures count.
 * Trigger words themselves are data (data/lexicons/ar/triggers.tsv); this file names only
 * lexicon reasons and roles.
 */
import type { Actor, EventType } from '../types.ts';
import type { ActorInput, CasualtyInput, PlaceInput } from './inputs.ts';
import type { TriggerRow } from './triggers.ts';

export interface SentenceContext {
  places?: PlaceInput[];
  casualties: CasualtyInput[];
  actors: ActorInput[];
}

export interface TypeRules {
  /** Higher wins when several triggers of the type fire in one event. */
  subRank(row: TriggerRow): number;
  /** Sub-type refined by context cues (lexicon reasons present in the sentence). */
  refine?(sub: string, reasons: Set<string>, ctx: SentenceContext): string | null;
  /** Whole re-typing by context (a protest with burning → a riot). */
  retype?(reasons: Set<string>, ctx: SentenceContext): { type: EventType; sub: string } | null;
  /** Extra condition for the type to fire in a sentence. */
  requires?(reasons: Set<string>, ctx: SentenceContext): boolean;
  /** Types whose strong trigger in the same sentence explains this one better. */
  yieldsTo?: EventType[];
  allowCountryActors?: boolean;
  /** An agent may follow the trigger as genitive or adjective ("غارات للتحالف", "قصف إسرائيلي"). */
  agentAfterTrigger?: boolean;
  secondActor?: boolean;
  defaultActor1?: Actor;
  /** The crowd is actor1 whatever else the clause names (protests, riots). */
  crowdActor1?: Actor;
  /** Civilians named in the clause are the ones acted upon. */
  civilianVictims?: Actor;
  defaultActor2?: Actor;
  noActors?: boolean;
  countsFatalities: boolean;
  needsPlace: boolean;
  /** A launch site ("أطلق صاروخاً من صعدة باتجاه جازان") is not where the event happened: ACLED codes the target. */
  originNotPlace?: boolean;
  /** A lone weak mention may stand as an event. */
  weakAlone?: boolean;
}

/** Role actors the rules imply (civilian victims, crowds); ids as in data/actors. */
let roleActors: Record<string, Actor> = {};
export function setRoleActors(actors: Record<string, Actor>): void {
  roleActors = actors;
}

/** Rank by position in `order` (first highest), 0 for reasons not in it. */
const rank = (order: string[]) => {
  const ranks = new Map<string, number>();
  order.forEach((reason, i) => ranks.has(reason) || ranks.set(reason, order.length - i));
  return (row: TriggerRow) => ranks.get(row.reason) ?? 0;
};

const hasKilledFigure = (ctx: SentenceContext) => ctx.casualties.some((c) => c.kind === 'killed' && (c.value ?? 0) > 0);

const CROWD_KINDS = new Set(['protesters', 'civilians', 'identity']);
const isClash = (reasons: Set<string>) => reasons.has('clashes-generic') || reasons.has('armed-clash');
const namesSecurityForce = (ctx: SentenceContext) => ctx.actors.some((a) => a.kind === 'state-forces' || a.kind === 'police');
const ARMED_GROUP_KINDS = new Set(['rebel', 'islamist-militant', 'militia']);
const STRATEGIC_OTHER = new Set(['arrest', 'agreement', 'withdrawal-handover', 'looting-destruction', 'group-change', 'other-strategic']);
const INTERCEPTED = (reasons: Set<string>) =>
  reasons.has('disrupted-weapons') ||
  (reasons.has('disrupted-weapons-verb') && (reasons.has('shells-and-missiles') || reasons.has('drone') || reasons.has('fire-missiles')));

export const EVENT_RULES: Record<EventType, TypeRules> = {
  'Explosions/Remote violence': {
    agentAfterTrigger: true,
    // an intercepted missile or downed drone is a disrupted weapons use, not a strike (CODING.md)
    requires: (reasons) => !INTERCEPTED(reasons),
    secondActor: true,
    subRank: rank(['chemical', 'suicide-attack', 'ied-and-mines', 'barrel-bomb', 'drone', 'air-raid-noun', 'launch-air-raids', 'aerial-bombardment', 'grenade', 'fire-missiles', 'shells-and-missiles', 'explosion-generic', 'bombardment-generic']),
    refine(sub, reasons) {
      // "قصف" said of aircraft is an air strike
      if (sub === 'Shelling/artillery/missile attack' && (reasons.has('aerial-bombardment') || reasons.has('air-raid-noun'))) return 'Air/drone strike';
      return null;
    },
    get civilianVictims() {
      return roleActors['civilians'];
    },
    countsFatalities: true,
    needsPlace: true,
    originNotPlace: true,
  },
  Battles: {
    agentAfterTrigger: true,
    subRank: rank(['regain-control', 'take-control', 'armed-clash', 'clashes-generic', 'attack-generic']),
    yieldsTo: ['Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots'],
    requires(reasons, ctx) {
      // a generic "attack"/"clashes" needs two armed sides or a toll to be a battle
      if (reasons.has('armed-clash') || reasons.has('regain-control')) return true;
      const armed = new Set(ctx.actors.filter((a) => !a.countryAsActor && !a.locative && a.kind !== 'civilians' && a.kind !== 'protesters').map((a) => a.actorId));
      return armed.size >= 2 || hasKilledFigure(ctx);
    },
    retype(reasons, ctx) {
      // "مواجهات" of a crowd (protesters, civilians, a people) with security forces and no armed group:
      // ACLED codes a demonstration met with force, not a battle
      if (!isClash(reasons)) return null;
      const crowd = ctx.actors.some((a) => CROWD_KINDS.has(a.kind) && !a.locative);
      const armedGroup = ctx.actors.some((a) => ARMED_GROUP_KINDS.has(a.kind));
      if (!crowd || !namesSecurityForce(ctx) || armedGroup) return null;
      return { type: 'Protests', sub: hasKilledFigure(ctx) ? 'Excessive force against protesters' : 'Protest with intervention' };
    },
    secondActor: true,
    countsFatalities: true,
    needsPlace: true,
  },
  'Violence against civilians': {
    agentAfterTrigger: true,
    subRank: rank(['sexual-violence', 'abduction', 'attack-on-civilians', 'shooting']),
    requires(reasons, ctx) {
      // an attack on civilians needs civilian victims or a toll in the clause; abductions and sexual violence are enough by themselves
      if (reasons.has('abduction') || reasons.has('sexual-violence')) return true;
      return ctx.actors.some((a) => a.kind === 'civilians') || ctx.casualties.some((c) => c.kind === 'killed' || c.kind === 'injured');
    },
    yieldsTo: ['Explosions/Remote violence', 'Protests'],
    get defaultActor2() {
      return roleActors['civilians'];
    },
    countsFatalities: true,
    needsPlace: true,
  },
  Protests: {
    subRank: rank(['protest']),
    refine(sub, reasons, ctx) {
      // met with force: dispersal cues, or clashes with security forces ("مواجهات مع قوات الأمن")
      const dispersed = reasons.has('protest-dispersal') || (isClash(reasons) && namesSecurityForce(ctx));
      if (dispersed && hasKilledFigure(ctx)) return 'Excessive force against protesters';
      if (dispersed) return 'Protest with intervention';
      return null;
    },
    retype(reasons) {
      if (reasons.has('riot-acts')) return { type: 'Riots', sub: 'Violent demonstration' };
      return null;
    },
    get crowdActor1() {
      return roleActors['protesters'];
    },
    countsFatalities: true,
    needsPlace: true,
    weakAlone: true,
  },
  Riots: {
    subRank: rank(['riot-acts']),
    get crowdActor1() {
      return roleActors['protesters'];
    },
    countsFatalities: true,
    needsPlace: true,
  },
  'Strategic developments': {
    subRank: rank(['disrupted-weapons', 'arrest', 'arrest-noun', 'agreement', 'withdrawal-handover', 'looting-destruction', 'group-change', 'other-strategic', 'disrupted-weapons-verb']),
    yieldsTo: ['Explosions/Remote violence', 'Battles'],
    requires(reasons, ctx) {
      // "اعترضت … صاروخاً": an interception verb counts only with a missile, drone or shell in the clause
      if (reasons.has('disrupted-weapons-verb') && !reasons.has('disrupted-weapons')) {
        const weapon = reasons.has('shells-and-missiles') || reasons.has('drone') || reasons.has('fire-missiles') || reasons.has('ied-and-mines');
        if (!weapon && [...reasons].every((r) => !STRATEGIC_OTHER.has(r))) return false;
      }
      // weak strategic triggers need a named armed or state actor to be about conflict at all
      const strongish = reasons.has('arrest');
      return strongish || ctx.actors.some((a) => !a.countryAsActor && a.kind !== 'civilians');
    },
    secondActor: true,
    countsFatalities: false,
    needsPlace: true,
    originNotPlace: true,
  },
  'Movement restrictions': {
    subRank: rank(['curfew', 'closure']),
    countsFatalities: false,
    needsPlace: true,
  },
  Displacement: {
    subRank: rank(['return', 'displacement', 'displaced-people']),
    requires(reasons, ctx) {
      // people named as displaced ("النازحين", "اللاجئين") are a population, not a movement, unless counted
      return reasons.has('return') || reasons.has('displacement') || ctx.casualties.some((c) => c.kind === 'displaced');
    },
    noActors: true,
    countsFatalities: false,
    needsPlace: true,
  },
  Diplomacy: {
    subRank: rank(['meeting-requested', 'recall-ambassador', 'own-ambassador', 'meeting', 'visit', 'diplomacy-other']),
    requires(reasons, ctx) {
      // a meeting has parties: a formal request, or two distinct states or bodies in the clause
      if (reasons.has('meeting-requested') || reasons.has('recall-ambassador')) return true;
      // "استدعت تركيا سفيرها": a state's own envoy with a recall verb in the clause
      if (reasons.has('own-ambassador')) return reasons.has('recall-verb');
      const parties = new Set(ctx.actors.filter((a) => a.countryAsActor || a.kind === 'international' || a.kind === 'government').map((a) => a.actorId));
      return parties.size >= 2;
    },
    allowCountryActors: true,
    countsFatalities: false,
    needsPlace: false,
  },
};
