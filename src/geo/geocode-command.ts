/**
 * @module geo/geocode-command
 * `rasad geocode "نص"`: prints the places Rasad recognizes in a text and how it resolved each,
 * with the runner-up candidates, so an analyst can check or override a choice.
 */
import { tokenize } from '../text/tokenize.ts';
import { createGeocoder, type Geocoder, type PlaceMention } from './geocoder.ts';

export interface GeocodeCommandOptions {
  countryHint?: string;
  geocoder?: Geocoder;
}

const coord = (x: number) => x.toFixed(4);

function describe(m: PlaceMention, i: number): string[] {
  const r = m.resolved!;
  const admin = [r.country, r.admin1, r.admin2].filter(Boolean).join(' / ');
  const lines = [
    `${i + 1}. «${m.text}» [${m.start}-${m.end}]${m.qualifier ? ` (${m.qualifier}${m.featureWord ? `: ${m.featureWord}` : ''})` : ''}`,
    `   → ${r.name} | ${r.name_ar} | ${r.kind} | ${admin}`,
    `   ${coord(r.lat)}, ${coord(r.lon)}   precision ${m.geo_precision}   ${r.id}${r.geonames_id ? ` (geonames ${r.geonames_id})` : ''}`,
    `   why: ${m.reason || '—'}`,
  ];
  const others = m.candidates.filter((c) => c.id !== r.id).slice(0, 3);
  if (others.length) lines.push(`   also: ${others.map((c) => `${c.name} (${c.country}${c.admin1 ? ', ' + c.admin1 : ''}; ${c.kind}; score ${c.score ?? '?'})`).join(' · ')}`);
  if (m.containedIn !== undefined) lines.push(`   inside: mention ${m.containedIn + 1}`);
  return lines;
}

/** Human-readable report of the places in a text. */
export function geocodeCommand(text: string, opts: GeocodeCommandOptions = {}): string {
  const geocoder = opts.geocoder ?? createGeocoder();
  const mentions = geocoder.recognize(tokenize(text), { countryHint: opts.countryHint });
  if (!mentions.length) return 'no places recognized';
  const out: string[] = [`${mentions.length} place(s):`];
  mentions.forEach((m, i) => out.push(...describe(m, i)));
  return out.join('\n');
}
